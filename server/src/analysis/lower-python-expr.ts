// tree-sitter Python expressions → IR (statements, scopes and the module are lower-python.ts).
import type { PyNode as Node } from './py-tree';
import type { Binding, Expr, Func, Kwarg, Pattern, Prop, Span } from './ir';
import { kids, targetNames } from './python-locals';
import { Scope } from './scope';

/** A %-format whose every conversion is numeric (`%d`, `%5.2f`, `%(n)x`; `%%` is a literal percent). */
function numericOnly(format: string): boolean {
  const convs = [...format.matchAll(/%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlL]?([\s\S])/g)].map((m) => m[1]).filter((c) => c !== '%');
  return convs.length > 0 && convs.every((c) => /[diouxXeEfFgG]/.test(c));
}

const span = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

/** What expression lowering needs from the module's lowering (lower-python.ts). */
export interface PyLowering {
  expr(n: Node | null | undefined, scope: Scope): Expr;
  /** A lambda. */
  func(n: Node, scope: Scope): Func;
  pattern(n: Node, scope: Scope): Pattern;
  declare(scope: Scope, name: string, at: Span): Binding;
}

function stringExpr(L: PyLowering, n: Node, scope: Scope): Expr {
  const start = n.children.find((c) => c?.type === 'string_start')?.text ?? '';
  const pieces = kids(n).filter((c) => c.type === 'string_content' || c.type === 'interpolation');
  if (!/f/i.test(start)) return { k: 'lit', span: span(n), value: pieces.map((c) => c.text).join('') };
  const parts = pieces.map((c): Expr => (c.type === 'interpolation'
    ? L.expr(c.childForFieldName('expression') ?? kids(c)[0], scope) : { k: 'lit', span: span(c), value: c.text }));
  return { k: 'concat', span: span(n), parts, how: 'fstring' };
}

function call(L: PyLowering, n: Node, scope: Scope): Expr {
  const fn = n.childForFieldName('function')!;
  const argNode = n.childForFieldName('arguments');
  const args: Expr[] = [];
  const kwargs: Kwarg[] = [];
  for (const a of argNode?.type === 'generator_expression' ? [argNode] : kids(argNode)) {
    if (a.type === 'keyword_argument') kwargs.push({ name: a.childForFieldName('name')?.text ?? null, value: L.expr(a.childForFieldName('value')!, scope) });
    else if (a.type === 'dictionary_splat') kwargs.push({ name: null, value: L.expr(kids(a)[0], scope) });
    else if (a.type === 'list_splat') args.push({ k: 'spread', span: span(a), expr: L.expr(kids(a)[0], scope) });
    else args.push(L.expr(a, scope));
  }
  const callee = L.expr(fn, scope);
  // "…{}…".format(x): the receiver is the template.
  if (callee.k === 'member' && callee.prop === 'format' && callee.object.k === 'lit' && typeof callee.object.value === 'string') {
    return { k: 'concat', span: span(n), parts: [callee.object, ...args, ...kwargs.map((k) => k.value)], how: 'format' };
  }
  return { k: 'call', span: span(n), callee, args, kwargs, isNew: false, tagged: false };
}

function comprehension(L: PyLowering, n: Node, scope: Scope): Expr {
  const inner = new Scope(scope, scope.fn, 'block');
  const parts: Expr[] = [];
  for (const c of kids(n)) {
    if (c.type === 'for_in_clause') {
      const names = new Set<string>();
      targetNames(c.childForFieldName('left'), names);
      const coll = L.expr(c.childForFieldName('right')!, inner);
      for (const name of names) L.declare(inner, name, span(c));
      const pat = L.pattern(c.childForFieldName('left')!, inner);
      parts.push({ k: 'assign', span: span(c), target: pat, value: { k: 'member', span: coll.span, object: coll, prop: null, key: null } });
    }
  }
  for (const c of kids(n)) if (c.type !== 'for_in_clause') parts.push(L.expr(c.type === 'if_clause' ? kids(c)[0] : c, inner));
  // The element is the body (the first non-clause child), evaluated after the loop bindings.
  const at = parts.findIndex((p) => p.k !== 'assign');
  const body = at >= 0 ? parts.splice(at, 1)[0] : { k: 'lit' as const, span: span(n), value: null };
  const seq: Expr = { k: 'seq', span: span(n), parts: [...parts, body] };
  return n.type === 'dictionary_comprehension' ? seq : { k: 'array', span: span(n), items: [seq] };
}

export function lowerExpr(L: PyLowering, n: Node | null | undefined, scope: Scope): Expr {
  if (!n) return { k: 'other', span: { start: 0, end: 0 }, parts: [] };
  const sp = span(n);
  switch (n.type) {
    case 'identifier':
      return { k: 'name', span: sp, name: n.text, binding: scope.lookup(n.text) };
    case 'attribute':
      return { k: 'member', span: sp, object: L.expr(n.childForFieldName('object'), scope), prop: n.childForFieldName('attribute')?.text ?? null, key: null };
    case 'subscript': {
      const sub = n.childForFieldName('subscript');
      const prop = sub?.type === 'string' && !/f/i.test(sub.children[0]?.text ?? '') ? kids(sub).filter((c) => c.type === 'string_content').map((c) => c.text).join('') : null;
      return { k: 'member', span: sp, object: L.expr(n.childForFieldName('value'), scope), prop, key: prop === null && sub ? L.expr(sub, scope) : null };
    }
    case 'call':
      return call(L, n, scope);
    case 'string':
      return stringExpr(L, n, scope);
    case 'concatenated_string':
      return { k: 'concat', span: sp, parts: kids(n).map((c) => L.expr(c, scope)), how: 'plus' };
    case 'integer': case 'float':
      return { k: 'lit', span: sp, value: Number(n.text.replace(/_/g, '')) };
    case 'true': case 'false':
      return { k: 'lit', span: sp, value: n.type === 'true' };
    case 'none':
      return { k: 'lit', span: sp, value: null };
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.text ?? '';
      const left = L.expr(n.childForFieldName('left'), scope);
      const right = L.expr(n.childForFieldName('right'), scope);
      if (op === '+') return { k: 'concat', span: sp, parts: [...(left.k === 'concat' && left.how === 'plus' ? left.parts : [left]), right], how: 'plus' };
      // `'%d of %.1f' % (n, x)`: numeric conversions only put digits in the string, whatever they format.
      if (op === '%' && (left.k === 'lit' && typeof left.value === 'string') && !numericOnly(left.value)) return { k: 'concat', span: sp, parts: [left, right], how: 'percent' };
      return { k: 'op', span: sp, op, operands: [left, right] };
    }
    case 'boolean_operator': {
      const op = n.childForFieldName('operator')?.text;
      const left = L.expr(n.childForFieldName('left'), scope);
      const right = L.expr(n.childForFieldName('right'), scope);
      return op === 'and' ? { k: 'cond', span: sp, test: left, options: [right] } : { k: 'cond', span: sp, test: null, options: [left, right] };
    }
    case 'not_operator':
      return { k: 'op', span: sp, op: 'not', operands: [L.expr(n.childForFieldName('argument'), scope)] };
    case 'unary_operator':
      return { k: 'op', span: sp, op: n.childForFieldName('operator')?.text ?? '-', operands: [L.expr(n.childForFieldName('argument'), scope)] };
    case 'comparison_operator':
      return { k: 'op', span: sp, op: n.children.filter((c) => c && !c.isNamed).map((c) => c!.text).join(' '), operands: kids(n).map((c) => L.expr(c, scope)) };
    case 'conditional_expression': {
      const [a, test, c] = kids(n);
      return { k: 'cond', span: sp, test: L.expr(test, scope), options: [L.expr(a, scope), L.expr(c, scope)] };
    }
    case 'lambda':
      return { k: 'func', span: sp, fn: L.func(n, scope) };
    case 'list': case 'tuple': case 'set': case 'expression_list':
      return { k: 'array', span: sp, items: kids(n).map((c) => L.expr(c, scope)) };
    case 'dictionary': {
      const props: Prop[] = kids(n).map((p): Prop => {
        if (p.type !== 'pair') return { key: null, keyExpr: null, value: L.expr(kids(p)[0] ?? p, scope), spread: true, span: span(p) };
        const key = p.childForFieldName('key');
        const lit = key ? L.expr(key, scope) : null;
        const name = lit?.k === 'lit' && typeof lit.value === 'string' ? lit.value : null;
        return { key: name, keyExpr: name === null ? lit : null, value: L.expr(p.childForFieldName('value'), scope), spread: false, span: span(p) };
      });
      return { k: 'object', span: sp, props };
    }
    case 'list_comprehension': case 'set_comprehension': case 'generator_expression': case 'dictionary_comprehension':
      return comprehension(L, n, scope);
    case 'parenthesized_expression': case 'await':
      return L.expr(kids(n)[0], scope);
    case 'named_expression':
      return { k: 'assign', span: sp, target: L.pattern(n.childForFieldName('name')!, scope), value: L.expr(n.childForFieldName('value'), scope) };
    case 'list_splat': case 'dictionary_splat':
      return { k: 'spread', span: sp, expr: L.expr(kids(n)[0], scope) };
    case 'keyword_argument':
      return L.expr(n.childForFieldName('value'), scope);
    case 'ERROR':
      return { k: 'other', span: sp, parts: [] };
    default:
      return { k: 'other', span: sp, parts: kids(n).map((c) => L.expr(c, scope)) };
  }
}
