// tree-sitter Python → IR. Python scoping: a name assigned anywhere in a function body is local to it
// (unless declared `global`/`nonlocal`), so locals are collected before the body is lowered; class
// bodies do not enclose their methods; comprehensions get their own scope. `except … as e` binds `e`
// to the caught exception through the pseudo-name `<caught>`. ERROR subtrees are skipped.
import type { Tree } from 'web-tree-sitter';
import { copyTree, type PyNode as Node } from './py-tree';
import type { Expr, FileIR, Func, Kwarg, Param, Pattern, PatternProp, Prop, Span, Stmt } from './ir';
import { collectLocals, kids, targetNames } from './python-locals';
import { Builder, Scope } from './scope';

const NO_KWARGS: readonly Kwarg[] = [];
const span = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

export function lowerPython(tree: Tree, tick: () => void = () => {}, source = tree.rootNode.text): FileIR {
  const b = new Builder();
  const { root, errors } = copyTree(tree, source, tick);
  const top = b.func({ name: null, span: span(root), params: [], parent: null, isAsync: false });

  function declareLocals(body: Node | null, scope: Scope): void {
    const names = new Set<string>();
    const skip = new Set<string>();
    collectLocals(body, names, skip);
    for (const name of names) if (!skip.has(name)) b.declare(scope, name, 'var', span(body!));
  }

  function imports(n: Node, scope: Scope, out: Stmt[]): void {
    const from = n.type === 'import_from_statement' ? n.childForFieldName('module_name')?.text ?? '' : null;
    for (const name of n.childrenForFieldName('name')) {
      if (!name) continue;
      const dotted = name.type === 'aliased_import' ? name.childForFieldName('name')!.text : name.text;
      const alias = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : undefined;
      const local = alias ?? (from !== null ? dotted : dotted.split('.')[0]);
      const ref = from !== null ? { module: from, name: dotted } : { module: alias ? dotted : dotted.split('.')[0], name: '*' };
      const binding = scope.lookup(local) ?? b.declare(scope, local, 'import', span(name));
      if (binding.scope === scope.fn) Object.assign(binding, { kind: 'import' as const, import: ref });
      out.push({ k: 'let', span: span(name), target: { k: 'bind', span: span(name), binding }, value: { k: 'name', span: span(name), name: `<import>`, binding } });
    }
  }

  function func(n: Node, scope: Scope, decorators: Expr[], owner?: Func['owner']): Func {
    const isLambda = n.type === 'lambda';
    const name = isLambda ? null : n.childForFieldName('name')?.text ?? null;
    const isAsync = !isLambda && n.children.some((c) => c?.type === 'async');
    const fn = b.func({ name, span: span(n), params: [], parent: scope.fn, isAsync, owner });
    fn.decorators = decorators;
    const inner = new Scope(scope, fn);
    kids(n.childForFieldName('parameters')).forEach((p, index) => {
      let id: Node | null = p;
      let dflt: Node | null = null;
      let type: Node | null = null;
      let rest = false;
      if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
        id = p.childForFieldName('name');
        dflt = p.childForFieldName('value');
        type = p.childForFieldName('type');
      } else if (p.type === 'typed_parameter') {
        id = kids(p).find((c) => c.type === 'identifier' || c.type.endsWith('splat_pattern')) ?? null;
        type = p.childForFieldName('type');
      }
      if (id && id.type.endsWith('splat_pattern')) {
        rest = true;
        id = kids(id)[0] ?? null;
      }
      if (!id || id.type !== 'identifier') return;
      const binding = b.declare(inner, id.text, 'param', span(id), type ? { annotation: type.text } : {});
      const param: Param = {
        index, pattern: { k: 'bind', span: span(id), binding }, name: id.text, dflt: dflt ? expr(dflt, scope) : null,
        annotation: type?.text ?? null, decorators: [], rest, span: span(p),
      };
      fn.params.push(param);
    });
    const body = n.childForFieldName('body');
    if (isLambda) {
      Object.assign(fn, { expressionBody: true });
      fn.body = body ? [{ k: 'return', span: span(body), value: expr(body, inner) }] : [];
    } else {
      declareLocals(body, inner);
      fn.body = block(body, inner);
    }
    return fn;
  }

  function klass(n: Node, scope: Scope, decorators: Expr[], out: Stmt[]): void {
    const owner = {
      name: n.childForFieldName('name')?.text ?? '',
      decorators,
      bases: kids(n.childForFieldName('superclasses')).map((c) => c.text),
    };
    const classScope = new Scope(scope, scope.fn, 'class');
    for (const c of kids(n.childForFieldName('body'))) {
      const def = c.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
      const decs = c.type === 'decorated_definition' ? kids(c).filter((d) => d.type === 'decorator').map((d) => expr(kids(d)[0], scope)) : [];
      if (def?.type === 'function_definition') out.push({ k: 'func', span: span(c), fn: func(def, classScope, decs, owner) });
      else if (def) stmt(def, classScope, out);
    }
  }

  function block(n: Node | null, scope: Scope): Stmt[] {
    const out: Stmt[] = [];
    for (const c of kids(n)) stmt(c, scope, out);
    return out;
  }

  function pattern(n: Node, scope: Scope): Pattern {
    switch (n.type) {
      case 'identifier': {
        const binding = scope.lookup(n.text) ?? b.declare(scope.functionScope(), n.text, 'var', span(n));
        return { k: 'bind', span: span(n), binding };
      }
      case 'attribute': case 'subscript':
        return { k: 'member', span: span(n), target: expr(n, scope) };
      case 'pattern_list': case 'tuple_pattern': case 'list_pattern': case 'expression_list': case 'tuple': case 'list': case 'parenthesized_expression':
        return {
          k: 'array', span: span(n),
          items: kids(n).map((c): PatternProp => ({ key: null, value: pattern(c.type === 'list_splat_pattern' ? kids(c)[0] ?? c : c, scope), dflt: null, rest: c.type === 'list_splat_pattern' })),
        };
      case 'as_pattern_target':
        return kids(n)[0] ? pattern(kids(n)[0], scope) : { k: 'other', span: span(n) };
      default:
        return { k: 'other', span: span(n) };
    }
  }

  function assignment(n: Node, scope: Scope, out: Stmt[]): void {
    const left = n.childForFieldName('left');
    let right = n.childForFieldName('right');
    // `a = b = value`: every target gets the value.
    const targets = left ? [left] : [];
    while (right?.type === 'assignment') {
      if (right.childForFieldName('left')) targets.push(right.childForFieldName('left')!);
      right = right.childForFieldName('right');
    }
    const value = right ? expr(right, scope) : null;
    const op = n.type === 'augmented_assignment' ? n.childForFieldName('operator')?.text : undefined;
    for (const t of targets) out.push({ k: 'let', span: span(n), target: pattern(t, scope), value, op });
  }

  function stmt(n: Node, scope: Scope, out: Stmt[]): void {
    tick();
    switch (n.type) {
      case 'expression_statement':
        for (const c of kids(n)) {
          if (c.type === 'assignment' || c.type === 'augmented_assignment') assignment(c, scope, out);
          else out.push({ k: 'expr', span: span(c), expr: expr(c, scope) });
        }
        return;
      case 'return_statement': {
        const v = kids(n)[0];
        return void out.push({ k: 'return', span: span(n), value: v ? expr(v, scope) : null });
      }
      case 'raise_statement': {
        const v = kids(n)[0];
        return void out.push({ k: 'throw', span: span(n), value: v ? expr(v, scope) : null });
      }
      case 'if_statement': {
        const alternatives = n.childrenForFieldName('alternative').filter((c): c is Node => !!c);
        const chain = (i: number): Stmt[] => {
          const alt = alternatives[i];
          if (!alt) return [];
          if (alt.type === 'else_clause') return block(alt.childForFieldName('body'), scope);
          return [{ k: 'if', span: span(alt), test: expr(alt.childForFieldName('condition')!, scope), then: block(alt.childForFieldName('consequence'), scope), else: chain(i + 1) }];
        };
        return void out.push({ k: 'if', span: span(n), test: expr(n.childForFieldName('condition')!, scope), then: block(n.childForFieldName('consequence'), scope), else: chain(0) });
      }
      case 'for_statement': {
        const coll = expr(n.childForFieldName('right')!, scope);
        const head: Stmt[] = [{ k: 'let', span: span(n), target: pattern(n.childForFieldName('left')!, scope), value: { k: 'member', span: coll.span, object: coll, prop: null, key: null } }];
        const body = block(n.childForFieldName('body'), scope);
        out.push({ k: 'loop', span: span(n), head, test: null, body });
        const alt = n.childForFieldName('alternative');
        if (alt) out.push(...block(alt.childForFieldName('body'), scope));
        return;
      }
      case 'while_statement':
        return void out.push({ k: 'loop', span: span(n), head: [], test: expr(n.childForFieldName('condition')!, scope), body: block(n.childForFieldName('body'), scope) });
      case 'try_statement': {
        const body = block(n.childForFieldName('body'), scope);
        const handler: Stmt[] = [];
        const finalizer: Stmt[] = [];
        for (const c of kids(n)) {
          if (c.type === 'except_clause' || c.type === 'except_group_clause') {
            const h: Stmt[] = [];
            const as = kids(c).find((x) => x.type === 'as_pattern');
            const alias = as?.childForFieldName('alias');
            if (alias) h.push({ k: 'let', span: span(as!), target: pattern(alias, scope), value: { k: 'name', span: span(as!), name: '<caught>', binding: null } });
            h.push(...block(kids(c).find((x) => x.type === 'block') ?? null, scope));
            handler.push({ k: 'block', span: span(c), body: h });
          } else if (c.type === 'else_clause') body.push(...block(c.childForFieldName('body'), scope));
          else if (c.type === 'finally_clause') finalizer.push(...block(kids(c).find((x) => x.type === 'block') ?? null, scope));
        }
        return void out.push({ k: 'try', span: span(n), body, catchParam: null, handler, finalizer });
      }
      case 'with_statement': {
        const body: Stmt[] = [];
        for (const item of kids(kids(n).find((c) => c.type === 'with_clause'))) {
          const v = item.childForFieldName('value');
          if (v?.type === 'as_pattern') {
            const alias = v.childForFieldName('alias');
            const value = expr(kids(v)[0], scope);
            if (alias) body.push({ k: 'let', span: span(v), target: pattern(alias, scope), value });
          } else if (v) body.push({ k: 'expr', span: span(v), expr: expr(v, scope) });
        }
        body.push(...block(n.childForFieldName('body'), scope));
        return void out.push({ k: 'block', span: span(n), body });
      }
      case 'function_definition': {
        const fn = func(n, scope, []);
        fn.binding = scope.lookup(fn.name ?? '');
        return void out.push({ k: 'func', span: span(n), fn });
      }
      case 'class_definition':
        return klass(n, scope, [], out);
      case 'decorated_definition': {
        const decs = kids(n).filter((d) => d.type === 'decorator').map((d) => expr(kids(d)[0], scope));
        const def = n.childForFieldName('definition');
        if (def?.type === 'class_definition') return klass(def, scope, decs, out);
        if (def?.type === 'function_definition') {
          const fn = func(def, scope, decs);
          fn.binding = scope.lookup(fn.name ?? '');
          out.push({ k: 'func', span: span(n), fn });
        }
        return;
      }
      case 'import_statement': case 'import_from_statement':
        return imports(n, scope, out);
      case 'block':
        return void out.push({ k: 'block', span: span(n), body: block(n, scope) });
      case 'break_statement': case 'continue_statement':
        return void out.push({ k: 'jump', span: span(n) });
      case 'assert_statement': case 'delete_statement':
        return void out.push({ k: 'expr', span: span(n), expr: { k: 'other', span: span(n), parts: kids(n).map((c) => expr(c, scope)) } });
      case 'match_statement': {
        // Each case may or may not run.
        const body: Stmt[] = [];
        for (const c of kids(n.childForFieldName('body'))) body.push({ k: 'if', span: span(c), test: { k: 'other', span: span(c), parts: [] }, then: block(c.childForFieldName('consequence'), scope), else: [] });
        return void out.push({ k: 'block', span: span(n), body: [{ k: 'expr', span: span(n), expr: expr(n.childForFieldName('subject') ?? n, scope) }, ...body] });
      }
    }
  }

  function stringExpr(n: Node, scope: Scope): Expr {
    const start = n.children.find((c) => c?.type === 'string_start')?.text ?? '';
    const pieces = kids(n).filter((c) => c.type === 'string_content' || c.type === 'interpolation');
    if (!/f/i.test(start)) return { k: 'lit', span: span(n), value: pieces.map((c) => c.text).join('') };
    const parts = pieces.map((c): Expr => (c.type === 'interpolation'
      ? expr(c.childForFieldName('expression') ?? kids(c)[0], scope) : { k: 'lit', span: span(c), value: c.text }));
    return { k: 'concat', span: span(n), parts, how: 'fstring' };
  }

  function call(n: Node, scope: Scope): Expr {
    const fn = n.childForFieldName('function')!;
    const argNode = n.childForFieldName('arguments');
    const args: Expr[] = [];
    const kwargs: Kwarg[] = [];
    for (const a of argNode?.type === 'generator_expression' ? [argNode] : kids(argNode)) {
      if (a.type === 'keyword_argument') kwargs.push({ name: a.childForFieldName('name')?.text ?? null, value: expr(a.childForFieldName('value')!, scope) });
      else if (a.type === 'dictionary_splat') kwargs.push({ name: null, value: expr(kids(a)[0], scope) });
      else if (a.type === 'list_splat') args.push({ k: 'spread', span: span(a), expr: expr(kids(a)[0], scope) });
      else args.push(expr(a, scope));
    }
    const callee = expr(fn, scope);
    // "…{}…".format(x): the receiver is the template.
    if (callee.k === 'member' && callee.prop === 'format' && callee.object.k === 'lit' && typeof callee.object.value === 'string') {
      return { k: 'concat', span: span(n), parts: [callee.object, ...args, ...kwargs.map((k) => k.value)], how: 'format' };
    }
    return { k: 'call', span: span(n), callee, args, kwargs, isNew: false, tagged: false };
  }

  function comprehension(n: Node, scope: Scope): Expr {
    const inner = new Scope(scope, scope.fn, 'block');
    const parts: Expr[] = [];
    for (const c of kids(n)) {
      if (c.type === 'for_in_clause') {
        const names = new Set<string>();
        targetNames(c.childForFieldName('left'), names);
        const coll = expr(c.childForFieldName('right')!, inner);
        for (const name of names) b.declare(inner, name, 'var', span(c));
        const pat = pattern(c.childForFieldName('left')!, inner);
        parts.push({ k: 'assign', span: span(c), target: pat, value: { k: 'member', span: coll.span, object: coll, prop: null, key: null } });
      }
    }
    for (const c of kids(n)) if (c.type !== 'for_in_clause') parts.push(expr(c.type === 'if_clause' ? kids(c)[0] : c, inner));
    // The element is the body (the first non-clause child), evaluated after the loop bindings.
    const at = parts.findIndex((p) => p.k !== 'assign');
    const body = at >= 0 ? parts.splice(at, 1)[0] : { k: 'lit' as const, span: span(n), value: null };
    const seq: Expr = { k: 'seq', span: span(n), parts: [...parts, body] };
    return n.type === 'dictionary_comprehension' ? seq : { k: 'array', span: span(n), items: [seq] };
  }

  function expr(n: Node | null | undefined, scope: Scope): Expr {
    if (!n) return { k: 'other', span: { start: 0, end: 0 }, parts: [] };
    const sp = span(n);
    switch (n.type) {
      case 'identifier':
        return { k: 'name', span: sp, name: n.text, binding: scope.lookup(n.text) };
      case 'attribute':
        return { k: 'member', span: sp, object: expr(n.childForFieldName('object'), scope), prop: n.childForFieldName('attribute')?.text ?? null, key: null };
      case 'subscript': {
        const sub = n.childForFieldName('subscript');
        const prop = sub?.type === 'string' && !/f/i.test(sub.children[0]?.text ?? '') ? kids(sub).filter((c) => c.type === 'string_content').map((c) => c.text).join('') : null;
        return { k: 'member', span: sp, object: expr(n.childForFieldName('value'), scope), prop, key: prop === null && sub ? expr(sub, scope) : null };
      }
      case 'call':
        return call(n, scope);
      case 'string':
        return stringExpr(n, scope);
      case 'concatenated_string':
        return { k: 'concat', span: sp, parts: kids(n).map((c) => expr(c, scope)), how: 'plus' };
      case 'integer': case 'float':
        return { k: 'lit', span: sp, value: Number(n.text.replace(/_/g, '')) };
      case 'true': case 'false':
        return { k: 'lit', span: sp, value: n.type === 'true' };
      case 'none':
        return { k: 'lit', span: sp, value: null };
      case 'binary_operator': {
        const op = n.childForFieldName('operator')?.text ?? '';
        const left = expr(n.childForFieldName('left'), scope);
        const right = expr(n.childForFieldName('right'), scope);
        if (op === '+') return { k: 'concat', span: sp, parts: [...(left.k === 'concat' && left.how === 'plus' ? left.parts : [left]), right], how: 'plus' };
        if (op === '%' && (left.k === 'lit' && typeof left.value === 'string')) return { k: 'concat', span: sp, parts: [left, right], how: 'percent' };
        return { k: 'op', span: sp, op, operands: [left, right] };
      }
      case 'boolean_operator': {
        const op = n.childForFieldName('operator')?.text;
        const left = expr(n.childForFieldName('left'), scope);
        const right = expr(n.childForFieldName('right'), scope);
        return op === 'and' ? { k: 'cond', span: sp, test: left, options: [right] } : { k: 'cond', span: sp, test: null, options: [left, right] };
      }
      case 'not_operator':
        return { k: 'op', span: sp, op: 'not', operands: [expr(n.childForFieldName('argument'), scope)] };
      case 'unary_operator':
        return { k: 'op', span: sp, op: n.childForFieldName('operator')?.text ?? '-', operands: [expr(n.childForFieldName('argument'), scope)] };
      case 'comparison_operator':
        return { k: 'op', span: sp, op: n.children.filter((c) => c && !c.isNamed).map((c) => c!.text).join(' '), operands: kids(n).map((c) => expr(c, scope)) };
      case 'conditional_expression': {
        const [a, test, c] = kids(n);
        return { k: 'cond', span: sp, test: expr(test, scope), options: [expr(a, scope), expr(c, scope)] };
      }
      case 'lambda':
        return { k: 'func', span: sp, fn: func(n, scope, []) };
      case 'list': case 'tuple': case 'set': case 'expression_list':
        return { k: 'array', span: sp, items: kids(n).map((c) => expr(c, scope)) };
      case 'dictionary': {
        const props: Prop[] = kids(n).map((p): Prop => {
          if (p.type !== 'pair') return { key: null, keyExpr: null, value: expr(kids(p)[0] ?? p, scope), spread: true, span: span(p) };
          const key = p.childForFieldName('key');
          const lit = key ? expr(key, scope) : null;
          const name = lit?.k === 'lit' && typeof lit.value === 'string' ? lit.value : null;
          return { key: name, keyExpr: name === null ? lit : null, value: expr(p.childForFieldName('value'), scope), spread: false, span: span(p) };
        });
        return { k: 'object', span: sp, props };
      }
      case 'list_comprehension': case 'set_comprehension': case 'generator_expression': case 'dictionary_comprehension':
        return comprehension(n, scope);
      case 'parenthesized_expression': case 'await':
        return expr(kids(n)[0], scope);
      case 'named_expression':
        return { k: 'assign', span: sp, target: pattern(n.childForFieldName('name')!, scope), value: expr(n.childForFieldName('value'), scope) };
      case 'list_splat': case 'dictionary_splat':
        return { k: 'spread', span: sp, expr: expr(kids(n)[0], scope) };
      case 'keyword_argument':
        return expr(n.childForFieldName('value'), scope);
      case 'ERROR':
        return { k: 'other', span: sp, parts: [] };
      default:
        return { k: 'other', span: sp, parts: kids(n).map((c) => expr(c, scope)) };
    }
  }

  const scope = new Scope(null, top);
  declareLocals(root, scope);
  top.body = block(root, scope);
  const syntaxErrors = errors;
  return { language: 'python', top, funcs: b.funcs, bindings: b.bindings, syntaxErrors };
}
