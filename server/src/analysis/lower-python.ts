// tree-sitter Python → IR. Python scoping: a name assigned anywhere in a function body is local to it
// (unless declared `global`/`nonlocal`), so locals are collected before the body is lowered; class
// bodies do not enclose their methods; comprehensions get their own scope. `except … as e` binds `e`
// to the caught exception through the pseudo-name `<caught>`. ERROR subtrees are skipped.
import type { Tree } from 'web-tree-sitter';
import { copyModule, type CopiedModule, type PyNode as Node, type TopNode } from './py-tree';
import type { Binding, Expr, FileIR, Func, ImportRef, Param, Pattern, PatternProp, Span, Stmt } from './ir';
import { editBetween } from '../core/text';
import { sameContext, shiftUnit, UnitIndex, type Unit, type UnitState } from './lower-units';
import { lowerExpr, type PyLowering } from './lower-python-expr';
import { collectLocals, collectLocalsOf, kids } from './python-locals';
import { Builder, Scope } from './scope';
import { unreachedDefinitions } from './reached-defs';

const span = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

export function lowerPython(tree: Tree, tick: () => void = () => {}, source = tree.rootNode.text): FileIR {
  return lowerPythonUnits(tree, tick, source).ir;
}

/**
 * Lowers the module; with `prev` (the state the last lowering of this path left), top-level statements
 * that did not change are taken from it (lower-units.ts) instead of copied out of the tree and lowered
 * again. `prev` is consumed.
 */
export function lowerPythonUnits(tree: Tree, tick: () => void = () => {}, source = tree.rootNode.text, prev?: UnitState): { ir: FileIR; state: UnitState } {
  const index = prev ? new UnitIndex(prev.units, editBetween(prev.text, source), source) : undefined;
  const hits = new Map<TopNode, { unit: Unit; shift: number }>();
  const mod = copyModule(tree, source, tick, index && ((t) => {
    const hit = index.find(t.start, t.end, t.type);
    if (hit) hits.set(t, hit);
    return !!hit;
  }));
  try {
    return lowerModule(mod, tick, source, hits, prev);
  } finally {
    mod.done();
  }
}

/**
 * Only what calls to the module-level functions `names` can reach (reached-defs.ts), for an importer's
 * summaries of them: the definitions nothing kept names are neither copied nor lowered (their names
 * are still the module's). Not for the file's own analysis, nor for an edit's next lowering.
 */
export function lowerPythonFor(tree: Tree, names: ReadonlySet<string>, tick: () => void = () => {}, source = tree.rootNode.text): FileIR {
  // The top level read once for types and spans, then copied without the definitions left out.
  const spans = copyModule(tree, source, tick, () => true);
  spans.done();
  const left = new Map([...unreachedDefinitions(spans.tops, source, names)].map(([t, name]) => [t.start, name]));
  const mod = copyModule(tree, source, tick, (t) => left.has(t.start));
  const omit = new Map(mod.tops.filter((t) => left.has(t.start)).map((t) => [t, left.get(t.start)!]));
  try {
    return lowerModule(mod, tick, source, new Map(), undefined, omit).ir;
  } finally {
    mod.done();
  }
}

/** `omit`: top-level definitions left out, with the name each binds. */
function lowerModule(mod: CopiedModule, tick: () => void, source: string, hits: ReadonlyMap<TopNode, { unit: Unit; shift: number }>, prev?: UnitState, omit?: ReadonlyMap<TopNode, string>): { ir: FileIR; state: UnitState } {
  let b = new Builder();
  const moduleSpan = (): Span => ({ start: mod.start, end: mod.end });
  let top = b.func({ name: null, span: moduleSpan(), params: [], parent: null, isAsync: false });
  /** Set while a top-level statement is lowered: imports that turn a module-level name into an import. */
  let onImport: ((binding: Binding, ref: ImportRef) => void) | null = null;

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
      if (binding.scope === scope.fn) {
        Object.assign(binding, { kind: 'import' as const, import: ref });
        onImport?.(binding, ref);
      }
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

  const L: PyLowering = { expr: (n, scope) => expr(n, scope), func: (n, scope) => func(n, scope, []), pattern: (n, scope) => pattern(n, scope), declare: (scope, name, at) => b.declare(scope, name, 'var', at) };
  function expr(n: Node | null | undefined, scope: Scope): Expr {
    return lowerExpr(L, n, scope);
  }

  // The module's locals, statement by statement (a reused statement adds what it added before).
  const names = new Set<string>();
  const globals = new Set<string>();
  const added = mod.tops.map((t) => {
    const hit = hits.get(t);
    if (hit) return { locals: hit.unit.locals ?? [], globals: hit.unit.globals ?? [] };
    const left = omit?.get(t);
    if (left !== undefined) return { locals: [left], globals: [] };
    if (!t.node) mod.copy(t);
    const l = new Set<string>();
    const g = new Set<string>();
    if (t.isNamed && t.node) collectLocalsOf(t.node, l, g);
    return { locals: [...l], globals: [...g] };
  });
  for (const a of added) {
    for (const n of a.locals) names.add(n);
    for (const n of a.globals) globals.add(n);
  }
  let scope = new Scope(null, top);
  for (const name of names) if (!globals.has(name)) b.declare(scope, name, 'var', moduleSpan());
  let hoisted: readonly Binding[] = [...b.bindings];
  // The module declares the same names as before: its bindings (and every reused unit's references) stay.
  const reuse = !!prev && hits.size > 0 && prev.hoisted.length === hoisted.length && prev.hoisted.every((old, i) => old.name === hoisted[i].name);
  if (reuse && prev) {
    prev.hoisted.forEach((old, i) => {
      // Back to how the hoisting declares it; imports below (reused or lowered) turn it into an import again.
      Object.assign(old.span, hoisted[i].span);
      (old as { kind: Binding['kind'] }).kind = 'var';
      delete old.import;
    });
    top = prev.top;
    Object.assign(top, { span: moduleSpan() });
    b = new Builder();
    b.adopt([top], prev.hoisted);
    scope = new Scope(null, top);
    for (const old of prev.hoisted) scope.set(old);
    hoisted = prev.hoisted;
  }
  const units: Unit[] = [];
  mod.tops.forEach((t, i) => {
    if (omit?.has(t)) return;
    const hit = reuse ? hits.get(t) : undefined;
    if (hit && sameContext(hit.unit, scope)) {
      shiftUnit(hit.unit, hit.shift);
      b.adopt(hit.unit.funcs, hit.unit.bindings);
      for (const [binding, ref] of hit.unit.imports) Object.assign(binding, { kind: 'import' as const, import: ref });
      for (const d of hit.unit.declared) scope.set(d);
      units.push(hit.unit);
      return;
    }
    if (!t.node) mod.copy(t);
    const f0 = b.funcs.length;
    const b0 = b.bindings.length;
    const recording = { seen: new Map<string, Binding | null>(), declared: [] as Binding[] };
    const imports: Array<[Binding, ImportRef]> = [];
    scope.recording = recording;
    onImport = (binding, ref) => imports.push([binding, ref]);
    const out: Stmt[] = [];
    // Only named statements are lowered (as `kids` lists them); the others count for their errors.
    if (t.isNamed && t.node) stmt(t.node, scope, out);
    scope.recording = null;
    onImport = null;
    units.push({
      start: t.start, end: t.end, kind: t.type, stmts: out, funcs: b.funcs.slice(f0), bindings: b.bindings.slice(b0), ...recording, imports,
      errors: t.errors, locals: added[i].locals, globals: added[i].globals,
    });
  });
  top.body = units.flatMap((u) => u.stmts);
  const errors = units.reduce((n, u) => n + u.errors, 0);
  // Missing tokens are not ERROR nodes; the tree still knows it has an error.
  const syntaxErrors = errors || (mod.hasError() ? 1 : 0);
  return { ir: { language: 'python', top, funcs: b.funcs, bindings: b.bindings, syntaxErrors }, state: { text: source, top, hoisted, units } };
}
