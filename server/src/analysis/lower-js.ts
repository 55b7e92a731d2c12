// TypeScript/JavaScript AST → IR. Scopes follow the language: `var` and function declarations are
// hoisted to their function (declarations also to their block), let/const/class are block-scoped,
// parameters and catch bindings belong to their function or clause. JSX elements lower to calls of
// `<jsx>` with their attributes as an object (so `dangerouslySetInnerHTML` is an ordinary argument).
import { ts } from 'ts-morph';
import type { Expr, FileIR, Func, Kwarg, Param, Pattern, PatternProp, Prop, Span, Stmt } from './ir';
import { COMPOUND, hasModifier, K, keyText, unwrap } from './lower-js-util';
import { Builder, normalizeModule, Scope } from './scope';

const NO_KWARGS: readonly Kwarg[] = [];

export function lowerJs(sf: ts.SourceFile, tick: () => void = () => {}): FileIR {
  const b = new Builder();
  // Nested nodes often start where their parent does (a call and its callee): skip the leading
  // trivia once per position, not once per node (comment blocks made that quadratic).
  const starts = new Map<number, number>();
  const skipTrivia = (ts as unknown as { skipTrivia(text: string, pos: number): number }).skipTrivia;
  const span = (n: ts.Node): Span => {
    let start = starts.get(n.pos);
    if (start === undefined) {
      start = n.kind === K.JsxText ? n.pos : skipTrivia(sf.text, n.pos);
      starts.set(n.pos, start);
    }
    return { start, end: n.end };
  };
  const top = b.func({ name: null, span: { start: 0, end: sf.end }, params: [], parent: null, isAsync: true });
  const decoratorsOf = (n: ts.Node, scope: Scope): Expr[] =>
    (ts.canHaveDecorators(n) ? ts.getDecorators(n) ?? [] : []).map((d) => expr(d.expression, scope));

  /** Names a statement list declares in its own block (function declarations, let/const/class). */
  function hoistBlock(stmts: readonly ts.Statement[], scope: Scope): void {
    for (const s of stmts) {
      if (ts.isFunctionDeclaration(s) && s.name) b.declare(scope, s.name.text, 'function', span(s.name));
      else if (ts.isClassDeclaration(s) && s.name) b.declare(scope, s.name.text, 'class', span(s.name));
      else if (ts.isVariableStatement(s) && s.declarationList.flags & ts.NodeFlags.BlockScoped) {
        for (const d of s.declarationList.declarations) declareNames(d.name, scope, 'var');
      } else if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) hoistImport(s, scope);
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
      if (l && ts.isVariableDeclarationList(l) && !(l.flags & ts.NodeFlags.BlockScoped)) for (const d of l.declarations) declareNames(d.name, scope, 'var');
    };
    const visit = (s: ts.Node | undefined): void => {
      if (!s) return;
      if (ts.isVariableStatement(s)) list(s.declarationList);
      else if (ts.isBlock(s) || ts.isSourceFile(s) || ts.isModuleBlock(s)) s.statements.forEach(visit);
      else if (ts.isIfStatement(s)) { visit(s.thenStatement); visit(s.elseStatement); }
      else if (ts.isForStatement(s) || ts.isForInStatement(s) || ts.isForOfStatement(s)) { list(s.initializer); visit(s.statement); }
      else if (ts.isWhileStatement(s) || ts.isDoStatement(s) || ts.isLabeledStatement(s) || ts.isWithStatement(s)) visit(s.statement);
      else if (ts.isTryStatement(s)) { visit(s.tryBlock); visit(s.catchClause?.block); visit(s.finallyBlock); }
      else if (ts.isSwitchStatement(s)) for (const c of s.caseBlock.clauses) c.statements.forEach(visit);
    };
    visit(node);
  }

  function declareNames(name: ts.BindingName, scope: Scope, kind: 'var' | 'param' | 'catch'): void {
    if (ts.isIdentifier(name)) b.declare(scope, name.text, kind, span(name));
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) declareNames(el.name, scope, kind);
  }

  /** A binding pattern whose names were declared already in `scope` (or its function scope). */
  function pattern(name: ts.BindingName, scope: Scope): Pattern {
    if (ts.isIdentifier(name)) {
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
    const items = name.elements.map((el) => (ts.isOmittedExpression(el) ? null
      : { key: null, value: pattern(el.name, scope), dflt: el.initializer ? expr(el.initializer, scope) : null, rest: !!el.dotDotDotToken }));
    return { k: 'array', span: span(name), items };
  }

  /** The left side of an assignment expression. */
  function target(e: ts.Expression, scope: Scope): Pattern {
    e = unwrap(e);
    if (ts.isIdentifier(e)) {
      const binding = scope.lookup(e.text) ?? b.declare(top.id === scope.fn.id ? scope : scope.functionScope(), e.text, 'var', span(e));
      return { k: 'bind', span: span(e), binding };
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return { k: 'member', span: span(e), target: expr(e, scope) };
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
    const isAsync = hasModifier(node, K.AsyncKeyword);
    const fn = b.func({ name, span: span(node), params: [], parent: scope.fn, isAsync, ...extra });
    const inner = new Scope(scope, fn);
    node.parameters.forEach((p) => declareNames(p.name, inner, 'param'));
    node.parameters.forEach((p, index) => {
      const pat = pattern(p.name, inner);
      if (pat.k === 'bind' && p.type) pat.binding.annotation = p.type.getText(sf);
      const param: Param = {
        index, pattern: pat, name: ts.isIdentifier(p.name) ? p.name.text : null, dflt: p.initializer ? expr(p.initializer, inner) : null,
        annotation: p.type ? p.type.getText(sf) : null, decorators: decoratorsOf(p, scope), rest: !!p.dotDotDotToken, span: span(p),
      };
      fn.params.push(param);
    });
    const body = (node as ts.FunctionLikeDeclaration).body;
    if (body && ts.isBlock(body)) {
      hoistVars(body, inner);
      fn.directives = directives(body.statements);
      fn.body = block(body.statements, inner);
    } else if (body) {
      fn.body = [{ k: 'return', span: span(body), value: expr(body as ts.Expression, inner) }];
      Object.assign(fn, { expressionBody: true });
    }
    return fn;
  }

  function directives(stmts: readonly ts.Statement[]): string[] {
    const out: string[] = [];
    for (const s of stmts) {
      if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) break;
      out.push(s.expression.text);
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
    if (ts.isBlock(s)) return block(s.statements, new Scope(scope, scope.fn, 'block'));
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
      const name = m.name ? keyText(m.name) : m.kind === K.Constructor ? 'constructor' : null;
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
    if (ts.isVariableStatement(s)) {
      const exported = hasModifier(s, K.ExportKeyword);
      for (const d of s.declarationList.declarations) {
        const value = d.initializer ? expr(d.initializer, scope, ts.isIdentifier(d.name) ? d.name.text : null) : null;
        if (value?.k === 'func' && exported) value.fn.exported = true;
        const pat = pattern(d.name, scope);
        if (value?.k === 'func' && pat.k === 'bind') value.fn.binding ??= pat.binding;
        out.push({ k: 'let', span: span(d), target: pat, value });
      }
    } else if (ts.isExpressionStatement(s)) {
      const e = unwrap(s.expression);
      if (ts.isBinaryExpression(e) && COMPOUND[e.operatorToken.kind]) {
        out.push({ k: 'let', span: span(s), target: target(e.left, scope), value: expr(e.right, scope), op: COMPOUND[e.operatorToken.kind] });
      } else out.push({ k: 'expr', span: span(s), expr: expr(s.expression, scope) });
    } else if (ts.isReturnStatement(s)) out.push({ k: 'return', span: span(s), value: s.expression ? expr(s.expression, scope) : null });
    else if (ts.isThrowStatement(s)) out.push({ k: 'throw', span: span(s), value: expr(s.expression, scope) });
    else if (ts.isIfStatement(s)) out.push({ k: 'if', span: span(s), test: expr(s.expression, scope), then: nested(s.thenStatement, scope), else: nested(s.elseStatement, scope) });
    else if (ts.isBlock(s)) out.push({ k: 'block', span: span(s), body: block(s.statements, new Scope(scope, scope.fn, 'block')) });
    else if (ts.isForOfStatement(s) || ts.isForInStatement(s)) {
      const inner = new Scope(scope, scope.fn, 'block');
      const init = s.initializer;
      let pat: Pattern;
      if (ts.isVariableDeclarationList(init)) {
        for (const d of init.declarations) declareNames(d.name, inner, 'var');
        pat = pattern(init.declarations[0].name, inner);
      } else pat = target(init, scope);
      const coll = expr(s.expression, scope);
      const element: Expr = { k: 'member', span: coll.span, object: coll, prop: null, key: null };
      out.push({ k: 'loop', span: span(s), head: [{ k: 'let', span: span(init), target: pat, value: element }], test: null, body: nested(s.statement, inner) });
    } else if (ts.isForStatement(s)) {
      const inner = new Scope(scope, scope.fn, 'block');
      const head: Stmt[] = [];
      if (s.initializer && ts.isVariableDeclarationList(s.initializer)) {
        for (const d of s.initializer.declarations) declareNames(d.name, inner, 'var');
        for (const d of s.initializer.declarations) head.push({ k: 'let', span: span(d), target: pattern(d.name, inner), value: d.initializer ? expr(d.initializer, inner) : null });
      } else if (s.initializer) head.push({ k: 'expr', span: span(s.initializer), expr: expr(s.initializer, inner) });
      const body = nested(s.statement, inner);
      if (s.incrementor) body.push({ k: 'expr', span: span(s.incrementor), expr: expr(s.incrementor, inner) });
      out.push({ k: 'loop', span: span(s), head, test: s.condition ? expr(s.condition, inner) : null, body });
    } else if (ts.isWhileStatement(s) || ts.isDoStatement(s)) {
      out.push({ k: 'loop', span: span(s), head: [], test: expr(s.expression, scope), body: nested(s.statement, scope) });
    } else if (ts.isTryStatement(s)) {
      const inner = new Scope(scope, scope.fn, 'block');
      const decl = s.catchClause?.variableDeclaration;
      if (decl) declareNames(decl.name, inner, 'catch');
      out.push({
        k: 'try', span: span(s), body: block(s.tryBlock.statements, new Scope(scope, scope.fn, 'block')),
        catchParam: decl ? pattern(decl.name, inner) : null, handler: s.catchClause ? block(s.catchClause.block.statements, inner) : [],
        finalizer: s.finallyBlock ? block(s.finallyBlock.statements, new Scope(scope, scope.fn, 'block')) : [],
      });
    } else if (ts.isSwitchStatement(s)) {
      // Each clause may or may not run: an `if` on `discriminant === case` (a `break` ends only that clause).
      const inner = new Scope(scope, scope.fn, 'block');
      const disc = expr(s.expression, scope);
      const body: Stmt[] = [{ k: 'expr', span: disc.span, expr: disc }];
      for (const clause of s.caseBlock.clauses) {
        const test: Expr = ts.isCaseClause(clause)
          ? { k: 'op', span: span(clause), op: '===', operands: [disc, expr(clause.expression, inner)] }
          : { k: 'other', span: span(clause), parts: [] };
        body.push({ k: 'if', span: span(clause), test, then: block(clause.statements, inner), else: [] });
      }
      out.push({ k: 'block', span: span(s), body });
    } else if (ts.isFunctionDeclaration(s) && s.body) {
      const binding = s.name ? scope.lookup(s.name.text) : null;
      const exported = hasModifier(s, K.ExportKeyword);
      const fn = func(s, scope, s.name?.text ?? null, { exported });
      fn.binding = binding;
      out.push({ k: 'func', span: span(s), fn });
    } else if (ts.isClassDeclaration(s)) classMembers(s, scope, out);
    else if (ts.isLabeledStatement(s)) stmt(s.statement, scope, out);
    else if (ts.isExportAssignment(s)) out.push({ k: 'expr', span: span(s), expr: expr(s.expression, scope, 'default') });
    else if (ts.isBreakOrContinueStatement(s)) out.push({ k: 'jump', span: span(s) });
    else if (ts.isWithStatement(s)) out.push({ k: 'block', span: span(s), body: nested(s.statement, scope) });
  }

  function concat(e: ts.Expression, scope: Scope, parts: Expr[]): void {
    e = unwrap(e);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === K.PlusToken) {
      concat(e.left, scope, parts);
      concat(e.right, scope, parts);
    } else parts.push(expr(e, scope));
  }

  function jsx(n: ts.JsxElement | ts.JsxSelfClosingElement | ts.JsxFragment, scope: Scope): Expr {
    const opening = ts.isJsxElement(n) ? n.openingElement : ts.isJsxSelfClosingElement(n) ? n : undefined;
    const props: Prop[] = [];
    for (const a of opening?.attributes.properties ?? []) {
      if (ts.isJsxSpreadAttribute(a)) props.push({ key: null, keyExpr: null, value: expr(a.expression, scope), spread: true, span: span(a) });
      else if (a.initializer) {
        const init = a.initializer;
        const value: Expr = ts.isStringLiteral(init) ? { k: 'lit', span: span(init), value: init.text }
          : ts.isJsxExpression(init) && init.expression ? expr(init.expression, scope) : { k: 'other', span: span(init), parts: [] };
        props.push({ key: a.name.getText(sf), keyExpr: null, value, spread: false, span: span(a) });
      }
    }
    const children = ts.isJsxSelfClosingElement(n) ? [] : n.children.flatMap((c): Expr[] => {
      if (ts.isJsxExpression(c)) return c.expression ? [expr(c.expression, scope)] : [];
      if (ts.isJsxElement(c) || ts.isJsxSelfClosingElement(c) || ts.isJsxFragment(c)) return [jsx(c, scope)];
      return [];
    });
    const tag = opening ? opening.tagName.getText(sf) : '';
    return {
      k: 'call', span: span(n), callee: { k: 'name', span: opening ? span(opening.tagName) : span(n), name: `<jsx>`, binding: null },
      args: [{ k: 'object', span: opening ? span(opening.attributes) : span(n), props }, { k: 'lit', span: span(n), value: tag }, ...children],
      kwargs: NO_KWARGS, isNew: false, tagged: false,
    };
  }

  function expr(e0: ts.Expression, scope: Scope, nameHint: string | null = null): Expr {
    const e = unwrap(e0);
    const sp = span(e);
    if (ts.isIdentifier(e)) return e.text === 'undefined' ? { k: 'lit', span: sp, value: null } : { k: 'name', span: sp, name: e.text, binding: scope.lookup(e.text) };
    if (e.kind === K.ThisKeyword || e.kind === K.SuperKeyword) return { k: 'name', span: sp, name: e.kind === K.ThisKeyword ? 'this' : 'super', binding: null };
    if (ts.isPropertyAccessExpression(e)) return { k: 'member', span: sp, object: expr(e.expression, scope), prop: e.name.text, key: null };
    if (ts.isElementAccessExpression(e)) {
      const arg = unwrap(e.argumentExpression);
      const prop = ts.isStringLiteralLike(arg) ? arg.text : null;
      return { k: 'member', span: sp, object: expr(e.expression, scope), prop, key: prop === null ? expr(arg, scope) : null };
    }
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      return { k: 'call', span: sp, callee: expr(e.expression, scope), args: (e.arguments ?? []).map((a) => expr(a, scope)), kwargs: NO_KWARGS, isNew: ts.isNewExpression(e), tagged: false };
    }
    if (ts.isTaggedTemplateExpression(e)) {
      const args = ts.isTemplateExpression(e.template) ? e.template.templateSpans.map((s) => expr(s.expression, scope)) : [];
      return { k: 'call', span: sp, callee: expr(e.tag, scope), args, kwargs: NO_KWARGS, isNew: false, tagged: true };
    }
    if (ts.isStringLiteralLike(e)) return { k: 'lit', span: sp, value: e.text };
    if (ts.isNumericLiteral(e)) return { k: 'lit', span: sp, value: Number(e.text) };
    if (e.kind === K.TrueKeyword || e.kind === K.FalseKeyword) return { k: 'lit', span: sp, value: e.kind === K.TrueKeyword };
    if (e.kind === K.NullKeyword) return { k: 'lit', span: sp, value: null };
    if (ts.isRegularExpressionLiteral(e)) return { k: 'lit', span: sp, value: null, regex: e.text };
    if (ts.isTemplateExpression(e)) {
      const parts: Expr[] = [{ k: 'lit', span: span(e.head), value: e.head.text }];
      for (const s of e.templateSpans) parts.push(expr(s.expression, scope), { k: 'lit', span: span(s.literal), value: s.literal.text });
      return { k: 'concat', span: sp, parts, how: 'template' };
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === K.PlusToken) {
        const parts: Expr[] = [];
        concat(e, scope, parts);
        return { k: 'concat', span: sp, parts, how: 'plus' };
      }
      if (op === K.BarBarToken || op === K.QuestionQuestionToken) return { k: 'cond', span: sp, test: null, options: [expr(e.left, scope), expr(e.right, scope)] };
      if (op === K.AmpersandAmpersandToken) return { k: 'cond', span: sp, test: expr(e.left, scope), options: [expr(e.right, scope)] };
      if (COMPOUND[op]) return { k: 'assign', span: sp, target: target(e.left, scope), value: expr(e.right, scope) };
      if (op === K.CommaToken) return { k: 'seq', span: sp, parts: [expr(e.left, scope), expr(e.right, scope)] };
      return { k: 'op', span: sp, op: e.operatorToken.getText(sf), operands: [expr(e.left, scope), expr(e.right, scope)] };
    }
    if (ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e)) {
      return { k: 'op', span: sp, op: ts.tokenToString(e.operator) ?? '?', operands: [expr(e.operand, scope)] };
    }
    if (ts.isTypeOfExpression(e) || ts.isVoidExpression(e) || ts.isDeleteExpression(e)) {
      return { k: 'op', span: sp, op: ts.isTypeOfExpression(e) ? 'typeof' : ts.isVoidExpression(e) ? 'void' : 'delete', operands: [expr(e.expression, scope)] };
    }
    if (ts.isConditionalExpression(e)) return { k: 'cond', span: sp, test: expr(e.condition, scope), options: [expr(e.whenTrue, scope), expr(e.whenFalse, scope)] };
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return { k: 'func', span: sp, fn: func(e, scope, e.name?.text ?? nameHint) };
    if (ts.isObjectLiteralExpression(e)) {
      const props: Prop[] = [];
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p)) {
          const computed = ts.isComputedPropertyName(p.name);
          props.push({ key: computed ? null : keyText(p.name), keyExpr: computed ? expr(p.name.expression, scope) : null, value: expr(p.initializer, scope, keyText(p.name)), spread: false, span: span(p) });
        } else if (ts.isShorthandPropertyAssignment(p)) {
          props.push({ key: p.name.text, keyExpr: null, value: expr(p.name, scope), spread: false, span: span(p) });
        } else if (ts.isSpreadAssignment(p)) {
          props.push({ key: null, keyExpr: null, value: expr(p.expression, scope), spread: true, span: span(p) });
        } else if (ts.isMethodDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) {
          const name = keyText(p.name);
          props.push({ key: name, keyExpr: null, value: { k: 'func', span: span(p), fn: func(p, scope, name) }, spread: false, span: span(p) });
        }
      }
      return { k: 'object', span: sp, props };
    }
    if (ts.isArrayLiteralExpression(e)) return { k: 'array', span: sp, items: e.elements.map((el) => expr(el, scope)) };
    if (ts.isSpreadElement(e)) return { k: 'spread', span: sp, expr: expr(e.expression, scope) };
    if (ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e) || ts.isJsxFragment(e)) return jsx(e, scope);
    if (ts.isClassExpression(e)) {
      const members: Stmt[] = [];
      classMembers(e, scope, members);
      return { k: 'other', span: sp, parts: members.flatMap((m) => (m.k === 'func' ? [{ k: 'func', span: m.span, fn: m.fn } as Expr] : [])) };
    }
    const parts: Expr[] = [];
    ts.forEachChild(e, (c) => {
      if (ts.isExpression(c)) parts.push(expr(c, scope));
    });
    return { k: 'other', span: sp, parts };
  }

  const scope = new Scope(null, top);
  hoistVars(sf, scope);
  top.directives = directives(sf.statements);
  top.body = block(sf.statements, scope);
  const syntaxErrors = (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
  return { language: 'js', top, funcs: b.funcs, bindings: b.bindings, syntaxErrors };
}
