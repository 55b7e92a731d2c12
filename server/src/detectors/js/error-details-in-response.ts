// Flags handlers that send a caught error's stack, raw object or message to the client. Assistants
// write `catch (err) { res.status(500).json({ error: err.message, stack: err.stack }) }` to make
// failures easy to debug; in production that hands attackers paths, queries and versions (CWE-209).
import { ts } from 'ts-morph';
import type { Confidence, Detector, DetectorContext, Severity } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { devOnly, responsePayload } from '../shared/js-response';
import { RULE_META } from '../shared/rule-meta';

type Level = 'stack' | 'whole' | 'message';
interface Hit { level: Level; node: ts.Node }

const ERROR_NAME = /^(e|err|error|ex|exc|exception|\w+Err(or)?)$/;
/** Properties that carry internals: stack frames, the failing SQL, driver metadata. */
const INTERNAL_PROPS = new Set(['stack', 'sql', 'sqlMessage', 'sqlState', 'query', 'parameters', 'parent', 'original', 'originalError', 'config']);
const MESSAGE_PROPS = new Set(['message', 'detail', 'details', 'reason']);
const PASSTHROUGH_FN = new Set(['String', 'stringify', 'inspect', 'format', 'serializeError']);

const SHAPE: Record<Level, { severity: Severity; confidence: Confidence; what: string }> = {
  stack: { severity: 'warning', confidence: 'high', what: 'its stack trace or internal details' },
  whole: { severity: 'warning', confidence: 'medium', what: 'the raw error object' },
  message: { severity: 'info', confidence: 'low', what: 'the raw error message' },
};

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

function find(e: ts.Expression, out: Hit[], depth = 0): void {
  if (depth > 5) return;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  const next = (x: ts.Expression) => find(x, out, depth + 1);
  if (ts.isIdentifier(e)) {
    if (isCaughtError(e)) out.push({ level: 'whole', node: e });
  } else if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && isCaughtError(e.expression)) {
    const prop = e.name.text;
    if (INTERNAL_PROPS.has(prop)) out.push({ level: 'stack', node: e });
    else if (MESSAGE_PROPS.has(prop)) out.push({ level: 'message', node: e });
  } else if (ts.isTemplateExpression(e)) {
    for (const span of e.templateSpans) {
      const before = out.length;
      next(span.expression);
      // `${err}` interpolates err.toString(): the message, not the object.
      for (const h of out.slice(before)) if (h.level === 'whole') h.level = 'message';
    }
  } else if (ts.isBinaryExpression(e) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) {
    const before = out.length;
    next(e.left);
    next(e.right);
    if (e.operatorToken.kind === ts.SyntaxKind.PlusToken) for (const h of out.slice(before)) if (h.level === 'whole') h.level = 'message';
  } else if (ts.isConditionalExpression(e)) {
    next(e.whenTrue);
    next(e.whenFalse);
  } else if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) next(p.initializer);
      else if (ts.isShorthandPropertyAssignment(p)) next(p.name);
      else if (ts.isSpreadAssignment(p)) next(p.expression);
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
      if (fn === 'String') for (const h of out.slice(before)) if (h.level === 'whole') h.level = 'message';
    }
  }
}

export const errorDetailsInResponse: Detector = {
  id: 'error-details-in-response',
  meta: { ...RULE_META['error-details-in-response'], needs: ['js'] },
  languages: JS_LIKE,
  keywords: ['err', 'catch', 'exception'],
  run(ctx: DetectorContext) {
    const sf = ctx.js();
    if (!sf) return;
    const visit = (node: ts.Node): void => {
      ctx.checkBudget();
      const sent = responsePayload(node);
      if (sent) {
        const hits: Hit[] = [];
        find(sent.payload, hits);
        const clientError = sent.status !== undefined && sent.status >= 400 && sent.status < 500;
        const hit = hits.sort((a, b) => Object.keys(SHAPE).indexOf(a.level) - Object.keys(SHAPE).indexOf(b.level))
          .find((h) => !(h.level === 'message' && clientError) && !devOnly(h.node, sf));
        if (hit) {
          const shape = SHAPE[hit.level];
          ctx.report({
            start: hit.node.getStart(sf),
            end: hit.node.getEnd(),
            message: `The response sends ${shape.what} (\`${hit.node.getText(sf).slice(0, 40)}\`), which tells attackers about your code, queries and versions; log it on the server and send a generic message with a request id.`,
            severity: shape.severity,
            confidence: shape.confidence,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  },
};
