// error-details-in-response, JS/TS syntax: response calls (`res.json`, `reply.send`, `ctx.body =`,
// `NextResponse.json`, `new Response`) whose payload holds a caught error, its stack or its message.
import { ts } from '../../core/ts';
import type { ExposureSink } from './exposure';
import { devOnly, responsePayload } from './js-response';
import { caughtBuiltInOnly } from './inert-try';
import { validationResult } from './validation-result';
import { thrownOnly, thrownValueTest } from './string-test';
import { errorName, keyNamesOther, plainCallbackError } from './local-callback-errors';
interface Hit { level: 'stack' | 'whole' | 'message'; node: ts.Node; builtIn?: boolean }
const ERROR_NAME = /^(e|err|error|ex|exc|exception|\w+Err(or)?)$/;
/** Properties that carry internals: stack frames, the failing SQL, driver metadata. */
const INTERNAL_PROPS = new Set(['stack', 'sql', 'sqlMessage', 'sqlState', 'query', 'parameters', 'parent', 'original', 'originalError', 'config']);
const MESSAGE_PROPS = new Set(['message', 'detail', 'details', 'reason']);
const PASSTHROUGH_FN = new Set(['String', 'stringify', 'inspect', 'format', 'serializeError']);
/** Backstage's `serializeError` keeps name and message and drops the stack unless given `{ includeStack: true }`. */
const STACKLESS_SERIALIZER = /(['"])@backstage\/errors\1/;
/** Database and ORM calls whose errors carry table, column, index and value names (`E11000 duplicate key … index: email_1`). */
export const STORE_CALL = /\.\s*(?:query|execute|executemany|raw|findOne|findById|findAll|findMany|findUnique|findFirst|findOneAndUpdate|create|bulkCreate|insert|insertOne|insertMany|updateOne|updateMany|deleteOne|deleteMany|destroy|save|upsert|aggregate|commit|\$queryRaw|\$executeRaw|\$queryRawUnsafe|\$executeRawUnsafe)\s*\(/;

/** Whether `id` is the binding of a catch clause whose `try` block calls a database or ORM. */
function caughtAroundStore(id: ts.Identifier, sf: ts.SourceFile): boolean {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (ts.isCatchClause(n)) {
      const decl = n.variableDeclaration?.name;
      if (decl && ts.isIdentifier(decl) && decl.text === id.text) return STORE_CALL.test(n.parent.tryBlock.getText(sf));
    }
    if (ts.isFunctionLike(n)) {
      // `db.query(sql, (err, rows) => …)`, `User.create(x).catch((e) => …)`: the callback of a store call.
      const call = n.parent;
      if (!ts.isCallExpression(call) || !call.arguments.includes(n as ts.Expression)) return false;
      const callee = call.expression;
      const from = ts.isPropertyAccessExpression(callee) && callee.name.text === 'catch' ? callee.expression.getText(sf) : `${callee.getText(sf)}(`;
      return STORE_CALL.test(from);
    }
  }
  return false;
}

/** Is `id` a caught error: a catch binding, or the first parameter of a callback named like an error? */
function isCaughtError(id: ts.Identifier): boolean {
  const name = id.text;
  if (!ERROR_NAME.test(name)) return false;
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (ts.isCatchClause(n)) {
      const decl = n.variableDeclaration?.name;
      if (decl && ts.isIdentifier(decl) && decl.text === name) return true;
    }
    if (ts.isFunctionLike(n)) {
      const first = n.parameters[0]?.name;
      if (first && ts.isIdentifier(first) && first.text === name) return true;
      if (n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return false;
    }
  }
  return false;
}

function find(e: ts.Expression, out: Hit[], stackless: boolean, depth = 0): void {
  if (depth > 5) return;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  const next = (x: ts.Expression) => find(x, out, stackless, depth + 1);
  if (ts.isIdentifier(e)) {
    if (isCaughtError(e)) out.push({ level: plainCallbackError(e) ? 'message' : 'whole', node: e, builtIn: caughtBuiltInOnly(e) });
  } else if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && isCaughtError(e.expression)) {
    const level = INTERNAL_PROPS.has(e.name.text) ? 'stack' : MESSAGE_PROPS.has(e.name.text) ? 'message' : undefined;
    if (level) out.push({ level, node: e });
  } else if (ts.isTemplateExpression(e)) {
    for (const span of e.templateSpans) {
      const before = out.length;
      next(span.expression);
      // `${err}` interpolates err.toString(): the message, not the object.
      for (const h of out.slice(before)) if (h.level === 'whole') h.level = 'message';
    }
  } else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    // A falsy left is no error; after `err.length &&` (polka), `typeof err === 'string' &&` the error is a thrown string.
    const before = out.length, test = thrownValueTest(e.left);
    if ((next(e.right), test?.when)) thrownOnly(out.slice(before), test.name);
  }
  else if (ts.isBinaryExpression(e) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) {
    const before = out.length, mid = (next(e.left), out.length), plus = e.operatorToken.kind === ts.SyntaxKind.PlusToken;
    next(e.right);
    // `(isErrorLike(e) && e.toString()) || e`, as `err.message || err`: the error whole only when it had no message.
    const told = new Set(out.slice(before, mid).filter((h) => h.level === 'message').map((h) => errorName(h.node).text));
    out.slice(before).forEach((h, i) => { if (h.level === 'whole' && (plus || (before + i >= mid && told.has(errorName(h.node).text)))) h.level = 'message'; });
  } else if (ts.isConditionalExpression(e)) {
    const test = thrownValueTest(e.condition);
    for (const [branch, isString] of [[e.whenTrue, test?.when === true], [e.whenFalse, test?.when === false]] as const) {
      const before = out.length;
      next(branch);
      // `_.isString(err) ? err : err.message` (dbgate), `isErrorLike(e) ? e.toString() : e` (mockttp): no Error there.
      if (isString) thrownOnly(out.slice(before), test?.name);
    }
  } else if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      const before = out.length;
      if (ts.isPropertyAssignment(p)) next(p.initializer);
      else if (ts.isShorthandPropertyAssignment(p)) next(p.name);
      else if (ts.isSpreadAssignment(p)) next(p.expression);
      // `{ ip: error }`: the key says what the value is, so an error there is at most its message
      if (ts.isPropertyAssignment(p) && keyNamesOther(p.name)) out.slice(before).forEach((h) => { if (h.level === 'whole') h.level = 'message'; });
    }
  } else if (ts.isArrayLiteralExpression(e)) {
    for (const el of e.elements) next(el);
  } else if (ts.isCallExpression(e)) {
    const callee = e.expression;
    const fn = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (fn === 'toString' && ts.isPropertyAccessExpression(callee)) {
      const before = out.length;
      next(callee.expression);
      for (const h of out.slice(before)) if (h.level === 'whole') h.level = 'message';
    } else if (PASSTHROUGH_FN.has(fn)) {
      const before = out.length;
      for (const a of e.arguments) next(a);
      const nameOnly = fn === 'serializeError' && stackless && e.arguments.length === 1;
      if (fn === 'String' || nameOnly) for (const h of out.slice(before)) if (h.level === 'whole') h.level = 'message';
    }
  }
}

/** Responses that send caught errors, by the syntax: each response call and the error expressions in its payload. */
export function jsErrorSinks(sf: ts.SourceFile, nodes: readonly ts.Node[], checkBudget: () => void): ExposureSink[] {
  const out: ExposureSink[] = [];
  let n = 0;
  const stackless = STACKLESS_SERIALIZER.test(sf.text);
  for (const node of nodes) {
    if ((++n & 63) === 0) checkBudget();
    const sent = responsePayload(node);
    if (!sent) continue;
    const hits: Hit[] = [];
    find(sent.payload, hits, stackless);
    if (hits.length) {
      out.push({
        start: node.getStart(sf), end: node.getEnd(), status: sent.status,
        hits: hits.map((h) => ({
          start: h.node.getStart(sf), end: h.node.getEnd(), level: h.level, text: h.node.getText(sf), devOnly: devOnly(h.node, sf),
          store: h.level === 'message' && caughtAroundStore(errorName(h.node), sf),
          builtIn: h.level === 'whole' && h.builtIn,
          validation: h.level === 'whole' && validationResult(errorName(h.node)),
        })),
      });
    }
  }
  return out;
}
