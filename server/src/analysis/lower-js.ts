// TypeScript/JavaScript AST → IR. Scopes follow the language: `var` and function declarations are
// hoisted to their function (declarations also to their block), let/const/class are block-scoped,
// parameters and catch bindings belong to their function or clause. JSX elements lower to calls of
// `<jsx>` with their attributes as an object (so `dangerouslySetInnerHTML` is an ordinary argument).
import { ts } from '../core/ts';
import type { Binding, Expr, FileIR, Func, Param, Pattern, PatternProp, Span, Stmt } from './ir';
import { lowerExpr, type JsLowering } from './lower-js-expr';
import { COMPOUND, hasModifier, keyText, SK, unwrap } from './lower-js-util';
import { editBetween } from '../core/text';
import { sameContext, shiftUnit, UnitIndex, type Unit, type UnitState } from './lower-units';
import { Builder, normalizeModule, Scope } from './scope';

export function lowerJs(sf: ts.SourceFile, tick: () => void = () => {}): FileIR {
  return lowerJsUnits(sf, tick).ir;
}

/**
 * Lowers the file; with `prev` (the state the last lowering of this path left), top-level statements
 * that did not change are taken from it (lower-units.ts) instead of lowered again. `prev` is consumed.
 */
export function lowerJsUnits(sf: ts.SourceFile, tick: () => void = () => {}, prev?: UnitState): { ir: FileIR; state: UnitState } {
  let b = new Builder();
  // Nested nodes often start where their parent does (a call and its callee): skip the leading
  // trivia once per position, not once per node (comment blocks made that quadratic).
  const starts = new Map<number, number>();
  const skipTrivia = (ts as unknown as { skipTrivia(text: string, pos: number): number }).skipTrivia;
  const span = (n: ts.Node): Span => {
    let start = starts.get(n.pos);
    if (start === undefined) {
      start = n.kind === SK.JsxText ? n.pos : skipTrivia(sf.text, n.pos);
      starts.set(n.pos, start);
    }
    return { start, end: n.end };
  };
  let top = b.func({ name: null, span: { start: 0, end: sf.end }, params: [], parent: null, isAsync: true });
  const decoratorsOf = (n: ts.Node, scope: Scope): Expr[] =>
    (ts.canHaveDecorators(n) ? ts.getDecorators(n) ?? [] : []).map((d) => expr(d.expression, scope));

  /** Names a statement list declares in its own block (function declarations, let/const/class). */
  function hoistBlock(stmts: readonly ts.Statement[], scope: Scope): void {
    for (const s of stmts) {
      switch (s.kind) {
        case SK.FunctionDeclaration: case SK.ClassDeclaration: {
          const name = (s as ts.FunctionDeclaration | ts.ClassDeclaration).name;
          if (name) b.declare(scope, name.text, s.kind === SK.FunctionDeclaration ? 'function' : 'class', span(name));
          break;
        }
        case SK.VariableStatement: {
          const list = (s as ts.VariableStatement).declarationList;
          if (list.flags & ts.NodeFlags.BlockScoped) for (const d of list.declarations) declareNames(d.name, scope, 'var');
          break;
        }
        case SK.ImportDeclaration:
          if ((s as ts.ImportDeclaration).moduleSpecifier.kind === SK.StringLiteral) hoistImport(s as ts.ImportDeclaration, scope);
          break;
      }
    }
  }

  function hoistImport(s: ts.ImportDeclaration, scope: Scope): void {
    const module = normalizeModule((s.moduleSpecifier as ts.StringLiteral).text);
    const clause = s.importClause;
    if (!clause) return;
    if (clause.name) b.declare(scope, clause.name.text, 'import', span(clause.name), { import: { module, name: '*' } });
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) b.declare(scope, nb.name.text, 'import', span(nb.name), { import: { module, name: '*' } });
    if (nb && ts.isNamedImports(nb)) {
      for (const el of nb.elements) {
        const name = (el.propertyName && keyText(el.propertyName as ts.PropertyName)) ?? el.name.text;
        b.declare(scope, el.name.text, 'import', span(el.name), { import: { module, name: name === 'default' ? '*' : name } });
      }
    }
  }

  /** `var` declarations anywhere in a function body. They only occur in statement positions, so only statements are visited. */
  function hoistVars(node: ts.Node, scope: Scope): void {
    const list = (l: ts.Node | undefined) => {
      if (l && l.kind === SK.VariableDeclarationList && !(l.flags & ts.NodeFlags.BlockScoped)) for (const d of (l as ts.VariableDeclarationList).declarations) declareNames(d.name, scope, 'var');
    };
    const visit = (s: ts.Node | undefined): void => {
      if (!s) return;
      switch (s.kind) {
        case SK.VariableStatement: return list((s as ts.VariableStatement).declarationList);
        case SK.Block: case SK.SourceFile: case SK.ModuleBlock: return (s as ts.Block).statements.forEach(visit);
        case SK.IfStatement: visit((s as ts.IfStatement).thenStatement); return visit((s as ts.IfStatement).elseStatement);
        case SK.ForStatement: case SK.ForInStatement: case SK.ForOfStatement:
          list((s as ts.ForStatement).initializer);
          return visit((s as ts.ForStatement).statement);
        case SK.WhileStatement: case SK.DoStatement: case SK.LabeledStatement: case SK.WithStatement: return visit((s as ts.WhileStatement).statement);
        case SK.TryStatement: {
          const t = s as ts.TryStatement;
          visit(t.tryBlock);
          visit(t.catchClause?.block);
          return visit(t.finallyBlock);
        }
        case SK.SwitchStatement: for (const c of (s as ts.SwitchStatement).caseBlock.clauses) c.statements.forEach(visit);
      }
    };
    visit(node);
  }

  function declareNames(name: ts.BindingName, scope: Scope, kind: 'var' | 'param' | 'catch'): void {
    if (name.kind === SK.Identifier) b.declare(scope, name.text, kind, span(name));
    else for (const el of (name as ts.BindingPattern).elements) if (el.kind !== SK.OmittedExpression) declareNames(el.name, scope, kind);
  }

  /** A binding pattern whose names were declared already in `scope` (or its function scope). */
  function pattern(name: ts.BindingName, scope: Scope): Pattern {
    if (name.kind === SK.Identifier) {
      const binding = scope.lookup(name.text) ?? b.declare(scope, name.text, 'var', span(name));
      return { k: 'bind', span: span(name), binding };
    }
    if (ts.isObjectBindingPattern(name)) {
      const props: PatternProp[] = name.elements.map((el) => ({
        key: el.dotDotDotToken ? null : keyText(el.propertyName ?? el.name),
        value: pattern(el.name, scope),
        dflt: el.initializer ? expr(el.initializer, scope) : null,
        rest: !!el.dotDotDotToken,
      }));
      return { k: 'object', span: span(name), props };
    }
    const items = name.elements.map((el) => (el.kind === SK.OmittedExpression ? null
      : { key: null, value: pattern(el.name, scope), dflt: el.initializer ? expr(el.initializer, scope) : null, rest: !!el.dotDotDotToken }));
    return { k: 'array', span: span(name), items };
  }

  /** The left side of an assignment expression. */
  function target(e: ts.Expression, scope: Scope): Pattern {
    e = unwrap(e);
    if (e.kind === SK.Identifier) {
      const id = e as ts.Identifier;
      const binding = scope.lookup(id.text) ?? b.declare(top.id === scope.fn.id ? scope : scope.functionScope(), id.text, 'var', span(e), { implicit: true });
      return { k: 'bind', span: span(e), binding };
    }
    if (e.kind === SK.PropertyAccessExpression || e.kind === SK.ElementAccessExpression) return { k: 'member', span: span(e), target: expr(e, scope) };
    if (ts.isObjectLiteralExpression(e)) {
      const props: PatternProp[] = [];
      for (const p of e.properties) {
        if (ts.isShorthandPropertyAssignment(p)) props.push({ key: p.name.text, value: target(p.name, scope), dflt: null, rest: false });
        else if (ts.isPropertyAssignment(p)) props.push({ key: keyText(p.name), value: target(p.initializer, scope), dflt: null, rest: false });
        else if (ts.isSpreadAssignment(p)) props.push({ key: null, value: target(p.expression, scope), dflt: null, rest: true });
      }
      return { k: 'object', span: span(e), props };
    }
    if (ts.isArrayLiteralExpression(e)) {
      return { k: 'array', span: span(e), items: e.elements.map((el) => (ts.isOmittedExpression(el) ? null
        : { key: null, value: target(ts.isSpreadElement(el) ? el.expression : el, scope), dflt: null, rest: ts.isSpreadElement(el) })) };
    }
    return { k: 'other', span: span(e) };
  }

  function func(node: ts.SignatureDeclaration, scope: Scope, name: string | null, extra: Partial<Func> = {}): Func {
    const isAsync = hasModifier(node, SK.AsyncKeyword);
    const fn = b.func({ name, span: span(node), params: [], parent: scope.fn, isAsync, ...extra });
    const inner = new Scope(scope, fn);
    node.parameters.forEach((p) => declareNames(p.name, inner, 'param'));
    node.parameters.forEach((p, index) => {
      const pat = pattern(p.name, inner);
      if (pat.k === 'bind' && p.type) pat.binding.annotation = p.type.getText(sf);
      const param: Param = {
        index, pattern: pat, name: p.name.kind === SK.Identifier ? p.name.text : null, dflt: p.initializer ? expr(p.initializer, inner) : null,
        annotation: p.type ? p.type.getText(sf) : null, decorators: decoratorsOf(p, scope), rest: !!p.dotDotDotToken, span: span(p),
      };
      fn.params.push(param);
    });
    const body = (node as ts.FunctionLikeDeclaration).body;
    if (body && body.kind === SK.Block) {
      hoistVars(body, inner);
      fn.directives = directives((body as ts.Block).statements);
      fn.body = block((body as ts.Block).statements, inner);
    } else if (body) {
      fn.body = [{ k: 'return', span: span(body), value: expr(body as ts.Expression, inner) }];
      Object.assign(fn, { expressionBody: true });
    }
    return fn;
  }

  function directives(stmts: readonly ts.Statement[]): string[] {
    const out: string[] = [];
    for (const s of stmts) {
      if (s.kind !== SK.ExpressionStatement || (s as ts.ExpressionStatement).expression.kind !== SK.StringLiteral) break;
      out.push(((s as ts.ExpressionStatement).expression as ts.StringLiteral).text);
    }
    return out;
  }

  function block(stmts: readonly ts.Statement[], scope: Scope): Stmt[] {
    hoistBlock(stmts, scope);
    const out: Stmt[] = [];
    for (const s of stmts) stmt(s, scope, out);
    return out;
  }

  function nested(s: ts.Statement | undefined, scope: Scope): Stmt[] {
    if (!s) return [];
    if (s.kind === SK.Block) return block((s as ts.Block).statements, new Scope(scope, scope.fn, 'block'));
    const out: Stmt[] = [];
    stmt(s, new Scope(scope, scope.fn, 'block'), out);
    return out;
  }

  function classMembers(c: ts.ClassLikeDeclaration, scope: Scope, out: Stmt[]): void {
    const owner = {
      name: c.name?.text ?? '',
      decorators: decoratorsOf(c, scope),
      bases: (c.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(sf))),
    };
    for (const m of c.members) {
      const name = m.name ? keyText(m.name) : m.kind === ts.SyntaxKind.Constructor ? 'constructor' : null;
      if (ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m)) {
        const fn = func(m, scope, name, { owner });
        fn.decorators = decoratorsOf(m, scope);
        out.push({ k: 'func', span: span(m), fn });
      } else if (ts.isPropertyDeclaration(m) && m.initializer) {
        const init = unwrap(m.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) out.push({ k: 'func', span: span(m), fn: func(init, scope, name, { owner }) });
      }
    }
  }

  function stmt(s: ts.Statement, scope: Scope, out: Stmt[]): void {
    tick();
    switch (s.kind) {
      case SK.VariableStatement: {
        const v = s as ts.VariableStatement;
        const exported = hasModifier(v, SK.ExportKeyword);
        for (const d of v.declarationList.declarations) {
          const value = d.initializer ? expr(d.initializer, scope, d.name.kind === SK.Identifier ? d.name.text : null) : null;
          if (value?.k === 'func' && exported) value.fn.exported = true;
          const pat = pattern(d.name, scope);
          if (value?.k === 'func' && pat.k === 'bind') value.fn.binding ??= pat.binding;
          out.push({ k: 'let', span: span(d), target: pat, value });
        }
        return;
      }
      case SK.ExpressionStatement: {
        const x = (s as ts.ExpressionStatement).expression;
        const e = unwrap(x);
        if (e.kind === SK.BinaryExpression && COMPOUND[(e as ts.BinaryExpression).operatorToken.kind]) {
          const be = e as ts.BinaryExpression;
          // `window.onmessage = function (ev) {…}`: the handler is named for the property it is put on (a model's `functions`).
          const hint = /^window\.onmessage$/.test(be.left.getText(sf)) ? 'window.onmessage' : null;
          out.push({ k: 'let', span: span(s), target: target(be.left, scope), value: expr(be.right, scope, hint), op: COMPOUND[be.operatorToken.kind] });
        } else out.push({ k: 'expr', span: span(s), expr: expr(x, scope) });
        return;
      }
      case SK.ReturnStatement: {
        const r = s as ts.ReturnStatement;
        return void out.push({ k: 'return', span: span(s), value: r.expression ? expr(r.expression, scope) : null });
      }
      case SK.ThrowStatement:
        return void out.push({ k: 'throw', span: span(s), value: expr((s as ts.ThrowStatement).expression, scope) });
      case SK.IfStatement: {
        const i = s as ts.IfStatement;
        return void out.push({ k: 'if', span: span(s), test: expr(i.expression, scope), then: nested(i.thenStatement, scope), else: nested(i.elseStatement, scope) });
      }
      case SK.Block:
        return void out.push({ k: 'block', span: span(s), body: block((s as ts.Block).statements, new Scope(scope, scope.fn, 'block')) });
      case SK.ForOfStatement: case SK.ForInStatement: {
        const f = s as ts.ForOfStatement | ts.ForInStatement;
        const inner = new Scope(scope, scope.fn, 'block');
        const init = f.initializer;
        let pat: Pattern;
        if (init.kind === SK.VariableDeclarationList) {
          const list = init as ts.VariableDeclarationList;
          for (const d of list.declarations) declareNames(d.name, inner, 'var');
          pat = pattern(list.declarations[0].name, inner);
        } else pat = target(init as ts.Expression, scope);
        const coll = expr(f.expression, scope);
        const element: Expr = { k: 'member', span: coll.span, object: coll, prop: null, key: null };
        return void out.push({ k: 'loop', span: span(s), head: [{ k: 'let', span: span(init), target: pat, value: element }], test: null, body: nested(f.statement, inner) });
      }
      case SK.ForStatement: {
        const f = s as ts.ForStatement;
        const inner = new Scope(scope, scope.fn, 'block');
        const head: Stmt[] = [];
        if (f.initializer && f.initializer.kind === SK.VariableDeclarationList) {
          const list = f.initializer as ts.VariableDeclarationList;
          for (const d of list.declarations) declareNames(d.name, inner, 'var');
          for (const d of list.declarations) head.push({ k: 'let', span: span(d), target: pattern(d.name, inner), value: d.initializer ? expr(d.initializer, inner) : null });
        } else if (f.initializer) head.push({ k: 'expr', span: span(f.initializer), expr: expr(f.initializer as ts.Expression, inner) });
        const body = nested(f.statement, inner);
        if (f.incrementor) body.push({ k: 'expr', span: span(f.incrementor), expr: expr(f.incrementor, inner) });
        return void out.push({ k: 'loop', span: span(s), head, test: f.condition ? expr(f.condition, inner) : null, body });
      }
      case SK.WhileStatement: case SK.DoStatement: {
        const w = s as ts.WhileStatement | ts.DoStatement;
        return void out.push({ k: 'loop', span: span(s), head: [], test: expr(w.expression, scope), body: nested(w.statement, scope) });
      }
      case SK.TryStatement: {
        const t = s as ts.TryStatement;
        const inner = new Scope(scope, scope.fn, 'block');
        const decl = t.catchClause?.variableDeclaration;
        if (decl) declareNames(decl.name, inner, 'catch');
        return void out.push({
          k: 'try', span: span(s), body: block(t.tryBlock.statements, new Scope(scope, scope.fn, 'block')),
          catchParam: decl ? pattern(decl.name, inner) : null, handler: t.catchClause ? block(t.catchClause.block.statements, inner) : [],
          finalizer: t.finallyBlock ? block(t.finallyBlock.statements, new Scope(scope, scope.fn, 'block')) : [],
        });
      }
      case SK.SwitchStatement: {
        // Each clause may or may not run: an `if` on `discriminant === case` (a `break` ends only that clause).
        const w = s as ts.SwitchStatement;
        const inner = new Scope(scope, scope.fn, 'block');
        const disc = expr(w.expression, scope);
        const body: Stmt[] = [{ k: 'expr', span: disc.span, expr: disc }];
        const cases = new Map(w.caseBlock.clauses.map((c) => [c, c.kind === SK.CaseClause ? expr(c.expression, inner) : null]));
        // `default` runs when no case matched: `d !== a && d !== b` (a `default: return` after the cases is an allow-list).
        const values = [...cases.values()].filter((x): x is Expr => !!x);
        for (const clause of w.caseBlock.clauses) {
          const value = cases.get(clause);
          const sp = span(clause);
          const test: Expr = value ? { k: 'op', span: sp, op: '===', operands: [disc, value] }
            : values.reduceRight<Expr | null>((rest, v) => {
              const ne: Expr = { k: 'op', span: sp, op: '!==', operands: [disc, v] };
              return rest ? { k: 'cond', span: sp, test: ne, options: [rest] } : ne;
            }, null) ?? { k: 'other', span: sp, parts: [] };
          body.push({ k: 'if', span: sp, test, then: block(clause.statements, inner), else: [] });
        }
        return void out.push({ k: 'block', span: span(s), body });
      }
      case SK.FunctionDeclaration: {
        const d = s as ts.FunctionDeclaration;
        if (!d.body) return;
        const binding = d.name ? scope.lookup(d.name.text) : null;
        const exported = hasModifier(d, SK.ExportKeyword);
        const fn = func(d, scope, d.name?.text ?? null, { exported });
        fn.binding = binding;
        return void out.push({ k: 'func', span: span(s), fn });
      }
      case SK.ClassDeclaration:
        return classMembers(s as ts.ClassDeclaration, scope, out);
      case SK.LabeledStatement:
        return stmt((s as ts.LabeledStatement).statement, scope, out);
      case SK.ExportAssignment:
        return void out.push({ k: 'expr', span: span(s), expr: expr((s as ts.ExportAssignment).expression, scope, 'default') });
      case SK.BreakStatement: case SK.ContinueStatement:
        return void out.push({ k: 'jump', span: span(s) });
      case SK.WithStatement:
        return void out.push({ k: 'block', span: span(s), body: nested((s as ts.WithStatement).statement, scope) });
    }
  }

  const L: JsLowering = { sf, span, expr: (e, scope, hint) => expr(e, scope, hint), func: (n, scope, name) => func(n, scope, name), target: (e, scope) => target(e, scope), classMembers: (c, scope, out) => classMembers(c, scope, out) };
  function expr(e: ts.Expression, scope: Scope, nameHint: string | null = null): Expr {
    return lowerExpr(L, e, scope, nameHint);
  }

  let scope = new Scope(null, top);
  hoistVars(sf, scope);
  hoistBlock(sf.statements, scope);
  let hoisted: readonly Binding[] = [...b.bindings];
  // The module declares what it declared before: its bindings (and so every reused unit's references) stay.
  const reuse = prev && sameHoisting(prev.hoisted, hoisted) ? new UnitIndex(prev.units, editBetween(prev.text, sf.text), sf.text) : undefined;
  if (reuse && prev) {
    prev.hoisted.forEach((old, i) => Object.assign(old.span, hoisted[i].span));
    top = prev.top;
    Object.assign(top, { span: { start: 0, end: sf.end } });
    b = new Builder();
    b.adopt([top], prev.hoisted);
    scope = new Scope(null, top);
    for (const old of prev.hoisted) scope.set(old);
    hoisted = prev.hoisted;
  }
  top.directives = directives(sf.statements);
  const units: Unit[] = [];
  for (const s of sf.statements) {
    const start = span(s).start;
    const hit = reuse?.find(start, s.end, s.kind);
    if (hit && sameContext(hit.unit, scope)) {
      shiftUnit(hit.unit, hit.shift);
      b.adopt(hit.unit.funcs, hit.unit.bindings);
      for (const d of hit.unit.declared) scope.set(d);
      units.push(hit.unit);
      continue;
    }
    const f0 = b.funcs.length;
    const b0 = b.bindings.length;
    const recording = { seen: new Map<string, Binding | null>(), declared: [] as Binding[] };
    scope.recording = recording;
    const out: Stmt[] = [];
    stmt(s, scope, out);
    scope.recording = null;
    units.push({ start, end: s.end, kind: s.kind, stmts: out, funcs: b.funcs.slice(f0), bindings: b.bindings.slice(b0), ...recording, imports: [], errors: 0 });
  }
  top.body = units.flatMap((u) => u.stmts);
  const syntaxErrors = (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
  return { ir: { language: 'js', top, funcs: b.funcs, bindings: b.bindings, syntaxErrors }, state: { text: sf.text, top, hoisted, units } };
}

/** Whether two hoistings declare the same module-level names, in the same order, of the same kinds and imports. */
function sameHoisting(a: readonly Binding[], b: readonly Binding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.name !== y.name || x.kind !== y.kind || x.import?.module !== y.import?.module || x.import?.name !== y.import?.name || x.annotation !== y.annotation) return false;
  }
  return true;
}
