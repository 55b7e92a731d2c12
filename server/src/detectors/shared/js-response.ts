// What a JS/TS server sends to the client: the payload of `res.json(x)`, `res.status(500).send(x)`,
// `reply.send(x)`, `ctx.body = x`, `NextResponse.json(x, { status })`, `new Response(x)`, with its status.
import { SK } from '../../analysis/lower-js-util';
import { ts } from '../../core/ts';

export interface ResponsePayload {
  payload: ts.Expression;
  /** Literal HTTP status when the code states one. */
  status?: number;
}

const SEND_METHODS = new Set(['send', 'json', 'jsonp', 'end', 'write']);
const RESPONSE_ROOT = /^(res|response|resp|reply|httpResponse)$/;
const RESPONSE_CLASS = /^(NextResponse|Response)$/;

function numberOf(e: ts.Expression | undefined): number | undefined {
  return e && ts.isNumericLiteral(e) ? Number(e.text) : undefined;
}

/** `res.status(500).json` -> root `res`, status 500. */
function chain(e: ts.Expression): { root?: string; status?: number } {
  let status: number | undefined;
  for (;;) {
    if (ts.isCallExpression(e)) {
      const callee = e.expression;
      if (ts.isPropertyAccessExpression(callee) && ['status', 'code', 'sendStatus'].includes(callee.name.text)) status ??= numberOf(e.arguments[0]);
      e = callee;
    } else if (ts.isPropertyAccessExpression(e)) {
      e = e.expression;
    } else if (ts.isIdentifier(e)) {
      return { root: e.text, status };
    } else {
      return { status };
    }
  }
}

function statusOption(e: ts.Expression | undefined): number | undefined {
  if (!e || !ts.isObjectLiteralExpression(e)) return undefined;
  for (const p of e.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'status') return numberOf(p.initializer);
  }
  return undefined;
}

/** `res.status(400);` / `res.statusCode = 400;` in an earlier statement of the same block, for the same response. */
function earlierStatus(node: ts.Node, root: string): number | undefined {
  let stmt = node;
  while (stmt.parent && !ts.isBlock(stmt.parent) && !ts.isSourceFile(stmt.parent)) {
    if (ts.isFunctionLike(stmt.parent)) return undefined;
    stmt = stmt.parent;
  }
  const block = stmt.parent;
  if (!block || !(ts.isBlock(block) || ts.isSourceFile(block))) return undefined;
  for (let i = block.statements.indexOf(stmt as ts.Statement) - 1; i >= 0; i--) {
    const e = block.statements[i];
    if (!ts.isExpressionStatement(e)) continue;
    const x = e.expression;
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(x.left)
      && ['status', 'statusCode'].includes(x.left.name.text) && ts.isIdentifier(x.left.expression) && x.left.expression.text === root) return numberOf(x.right);
    if (ts.isCallExpression(x)) {
      const c = chain(x);
      if (c.root === root && c.status !== undefined) return c.status;
    }
  }
  return undefined;
}

/** Called on every node of the file: anything but a call, `new` or assignment is answered by its kind. */
export function responsePayload(node: ts.Node): ResponsePayload | undefined {
  const kind = node.kind;
  if (kind !== SK.CallExpression && kind !== SK.NewExpression && kind !== SK.BinaryExpression) return undefined;
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const callee = node.expression;
    const payload = node.arguments[0];
    if (!payload) return undefined;
    if (ts.isIdentifier(callee.expression) && RESPONSE_CLASS.test(callee.expression.text) && callee.name.text === 'json') {
      return { payload, status: statusOption(node.arguments[1]) };
    }
    if (!SEND_METHODS.has(callee.name.text)) return undefined;
    const { root, status } = chain(callee.expression);
    return root && RESPONSE_ROOT.test(root) ? { payload, status: status ?? earlierStatus(node, root) } : undefined;
  }
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && RESPONSE_CLASS.test(node.expression.text) && node.arguments?.[0]) {
    return { payload: node.arguments[0], status: statusOption(node.arguments[1]) };
  }
  // Koa: `ctx.body = x` / `ctx.response.body = x`.
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.name.text === 'body') {
    const owner = node.left.expression;
    const koa = (ts.isIdentifier(owner) && owner.text === 'ctx') || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'response' && ts.isIdentifier(owner.expression) && owner.expression.text === 'ctx');
    return koa ? { payload: node.right, status: earlierStatus(node, 'ctx') } : undefined;
  }
  return undefined;
}

/**
 * True inside `if (process.env.NODE_ENV !== 'production')`, `isDev ? err.stack : undefined`,
 * `if (process.env.ENV === 'dev')` and alike.
 */
export function devOnly(node: ts.Node, sf: ts.SourceFile): boolean {
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    const cond = ts.isConditionalExpression(n) ? n.condition : ts.isIfStatement(n) ? n.expression : ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? n.left : undefined;
    if (cond && cond !== node && (/NODE_ENV|isDev|isProd|development|production|debug/i.test(cond.getText(sf)) || /\bENV\b.*['"`]dev['"`]|['"`]dev['"`].*\bENV\b/.test(cond.getText(sf)))) return true;
  }
  return false;
}
