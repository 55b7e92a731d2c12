// Flags Flask/FastAPI/Django handlers that send a traceback or a caught exception's text to the
// client. Assistants write `except Exception as e: return jsonify(error=str(e)), 500` or return
// `traceback.format_exc()` to ease debugging; it leaks paths, SQL and library versions (CWE-209).
import type { Node } from 'web-tree-sitter';
import type { Confidence, Detector, DetectorContext, Severity } from '../../core/types';
import { pythonResponses } from '../shared/py-response';
import { RULE_META } from '../shared/rule-meta';

type Level = 'stack' | 'message';
interface Hit { level: Level; node: Node }

const TRACEBACK_FN = /^(traceback\.format_(exc|exception|tb|stack)|sys\.exc_info)$/;
/** SQLAlchemy/DB-API exception attributes that carry the failing statement and its parameters. */
const INTERNAL_ATTRS = new Set(['orig', 'statement', 'params', '__traceback__', 'pgerror']);
const TO_TEXT = new Set(['str', 'repr', 'format', 'dumps', 'format_exception_only']);
const DEV_GUARD = /\b(DEBUG|debug|is_dev|development|FLASK_ENV|ENV)\b/;

const SHAPE: Record<Level, { severity: Severity; confidence: Confidence; what: string }> = {
  stack: { severity: 'warning', confidence: 'high', what: 'a traceback or internal exception details' },
  message: { severity: 'info', confidence: 'low', what: 'the raw exception text' },
};

/** Is this identifier the `as e` name of an enclosing `except` clause? */
function isCaught(id: Node): boolean {
  for (let n: Node | null = id.parent; n && n.type !== 'function_definition'; n = n.parent) {
    if (n.type !== 'except_clause') continue;
    const pattern = n.namedChildren.find((c) => c?.type === 'as_pattern');
    if (pattern?.childForFieldName('alias')?.text === id.text) return true;
  }
  return false;
}

function devOnly(n: Node): boolean {
  for (let p: Node | null = n.parent; p && p.type !== 'function_definition'; p = p.parent) {
    const cond = p.type === 'if_statement' || p.type === 'conditional_expression'
      ? (p.type === 'if_statement' ? p.childForFieldName('condition') : p.namedChildren[1]) : null;
    if (cond && DEV_GUARD.test(cond.text)) return true;
  }
  return false;
}

function find(n: Node | null, out: Hit[], depth = 0): void {
  if (!n || depth > 6) return;
  const next = (c: Node | null) => find(c, out, depth + 1);
  switch (n.type) {
    case 'identifier':
      if (isCaught(n)) out.push({ level: 'message', node: n });
      return;
    case 'attribute': {
      const obj = n.childForFieldName('object');
      const attr = n.childForFieldName('attribute')?.text ?? '';
      if (obj?.type === 'identifier' && isCaught(obj)) {
        if (INTERNAL_ATTRS.has(attr)) out.push({ level: 'stack', node: n });
        else if (attr === 'args' || attr === 'message' || attr === 'detail') out.push({ level: 'message', node: n });
      }
      return;
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      if (fn && TRACEBACK_FN.test(fn.text)) return void out.push({ level: 'stack', node: n });
      const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      if (name && TO_TEXT.has(name)) {
        if (fn?.type === 'attribute' && name === 'format') next(fn.childForFieldName('object'));
        for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) next(a?.type === 'keyword_argument' ? a.childForFieldName('value') : a);
      }
      return;
    }
    case 'string':
      for (const c of n.namedChildren) if (c?.type === 'interpolation') next(c.childForFieldName('expression'));
      return;
    case 'dictionary':
      for (const pair of n.namedChildren) next(pair?.type === 'pair' ? pair.childForFieldName('value') : pair);
      return;
    case 'binary_operator':
      next(n.childForFieldName('left'));
      next(n.childForFieldName('right'));
      return;
    case 'parenthesized_expression': case 'list': case 'tuple': case 'expression_list': case 'concatenated_string':
    case 'argument_list':
      for (const c of n.namedChildren) next(c);
      return;
    case 'keyword_argument':
      next(n.childForFieldName('value'));
      return;
    case 'conditional_expression':
      next(n.namedChildren[0]);
      next(n.namedChildren[2]);
      return;
  }
}

export const pyErrorDetailsInResponse: Detector = {
  id: 'error-details-in-response',
  meta: { ...RULE_META['error-details-in-response'], needs: ['python'] },
  languages: ['python'],
  keywords: ['except', 'traceback', 'exc_info'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    const seen = new Set<number>();
    // Caught exceptions only exist inside `except`; walk the whole file only when a traceback call may appear.
    const roots = /traceback|exc_info/.test(ctx.text) ? [tree.rootNode] : tree.rootNode.descendantsOfType('except_clause');
    for (const sent of roots.flatMap((r) => (r ? [...pythonResponses(r)] : []))) {
      ctx.checkBudget();
      const hits: Hit[] = [];
      for (const p of sent.payload) find(p, hits);
      const clientError = sent.status !== undefined && sent.status >= 400 && sent.status < 500;
      const hit = hits.sort((a, b) => (a.level === b.level ? 0 : a.level === 'stack' ? -1 : 1))
        .find((h) => !(h.level === 'message' && clientError) && !devOnly(h.node));
      if (!hit || seen.has(hit.node.startIndex)) continue;
      seen.add(hit.node.startIndex);
      const shape = SHAPE[hit.level];
      ctx.report({
        start: hit.node.startIndex,
        end: hit.node.endIndex,
        message: `The response sends ${shape.what} (\`${hit.node.text.slice(0, 40)}\`), which tells attackers about your code, queries and versions; log it on the server and return a generic message.`,
        severity: shape.severity,
        confidence: shape.confidence,
      });
    }
  },
};
