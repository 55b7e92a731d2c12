// TypeScript/JavaScript expressions → IR (the statements and scopes are lower-js.ts). Dispatch is a
// `switch` on the node's kind over constants (lower-js-util.ts `SK`), not a chain of `ts.isX` calls.
import { ts } from '../core/ts';
import type { Expr, Func, Kwarg, Pattern, Prop, Span, Stmt } from './ir';
import { COMPOUND, keyText, SK, unwrap } from './lower-js-util';
import type { Scope } from './scope';

const NO_KWARGS: readonly Kwarg[] = [];

/** What expression lowering needs from the file's lowering (lower-js.ts). */
export interface JsLowering {
  readonly sf: ts.SourceFile;
  span(n: ts.Node): Span;
  expr(e: ts.Expression, scope: Scope, nameHint?: string | null): Expr;
  func(node: ts.SignatureDeclaration, scope: Scope, name: string | null): Func;
  target(e: ts.Expression, scope: Scope): Pattern;
  classMembers(c: ts.ClassLikeDeclaration, scope: Scope, out: Stmt[]): void;
}

function concat(L: JsLowering, e: ts.Expression, scope: Scope, parts: Expr[]): void {
  e = unwrap(e);
  if (e.kind === SK.BinaryExpression && (e as ts.BinaryExpression).operatorToken.kind === SK.PlusToken) {
    concat(L, (e as ts.BinaryExpression).left, scope, parts);
    concat(L, (e as ts.BinaryExpression).right, scope, parts);
  } else parts.push(L.expr(e, scope));
}

function jsx(L: JsLowering, n: ts.JsxElement | ts.JsxSelfClosingElement | ts.JsxFragment, scope: Scope): Expr {
  const opening = ts.isJsxElement(n) ? n.openingElement : ts.isJsxSelfClosingElement(n) ? n : undefined;
  const props: Prop[] = [];
  for (const a of opening?.attributes.properties ?? []) {
    if (ts.isJsxSpreadAttribute(a)) props.push({ key: null, keyExpr: null, value: L.expr(a.expression, scope), spread: true, span: L.span(a) });
    else if (a.initializer) {
      const init = a.initializer;
      const value: Expr = ts.isStringLiteral(init) ? { k: 'lit', span: L.span(init), value: init.text }
        : ts.isJsxExpression(init) && init.expression ? L.expr(init.expression, scope) : { k: 'other', span: L.span(init), parts: [] };
      props.push({ key: a.name.getText(L.sf), keyExpr: null, value, spread: false, span: L.span(a) });
    }
  }
  const children = ts.isJsxSelfClosingElement(n) ? [] : n.children.flatMap((c): Expr[] => {
    if (ts.isJsxExpression(c)) return c.expression ? [L.expr(c.expression, scope)] : [];
    if (ts.isJsxElement(c) || ts.isJsxSelfClosingElement(c) || ts.isJsxFragment(c)) return [jsx(L, c, scope)];
    return [];
  });
  const tag = opening ? opening.tagName.getText(L.sf) : '';
  return {
    k: 'call', span: L.span(n), callee: { k: 'name', span: opening ? L.span(opening.tagName) : L.span(n), name: `<jsx>`, binding: null },
    args: [{ k: 'object', span: opening ? L.span(opening.attributes) : L.span(n), props }, { k: 'lit', span: L.span(n), value: tag }, ...children],
    kwargs: NO_KWARGS, isNew: false, tagged: false,
  };
}

export function lowerExpr(L: JsLowering, e0: ts.Expression, scope: Scope, nameHint: string | null = null): Expr {
  const e = unwrap(e0);
  const sp = L.span(e);
  switch (e.kind) {
    case SK.Identifier: {
      const text = (e as ts.Identifier).text;
      return text === 'undefined' ? { k: 'lit', span: sp, value: null } : { k: 'name', span: sp, name: text, binding: scope.lookup(text) };
    }
    case SK.ThisKeyword: case SK.SuperKeyword:
      return { k: 'name', span: sp, name: e.kind === SK.ThisKeyword ? 'this' : 'super', binding: null };
    case SK.PropertyAccessExpression: {
      const m = e as ts.PropertyAccessExpression;
      return { k: 'member', span: sp, object: L.expr(m.expression, scope), prop: m.name.text, key: null };
    }
    case SK.ElementAccessExpression: {
      const m = e as ts.ElementAccessExpression;
      const arg = unwrap(m.argumentExpression);
      const prop = arg.kind === SK.StringLiteral || arg.kind === SK.NoSubstitutionTemplateLiteral ? (arg as ts.StringLiteral).text : null;
      return { k: 'member', span: sp, object: L.expr(m.expression, scope), prop, key: prop === null ? L.expr(arg, scope) : null };
    }
    case SK.CallExpression: case SK.NewExpression: {
      const c = e as ts.CallExpression | ts.NewExpression;
      return { k: 'call', span: sp, callee: L.expr(c.expression, scope), args: (c.arguments ?? []).map((a) => L.expr(a, scope)), kwargs: NO_KWARGS, isNew: e.kind === SK.NewExpression, tagged: false };
    }
    case SK.TaggedTemplateExpression: {
      const t = e as ts.TaggedTemplateExpression;
      const args = t.template.kind === SK.TemplateExpression ? (t.template as ts.TemplateExpression).templateSpans.map((s) => L.expr(s.expression, scope)) : [];
      return { k: 'call', span: sp, callee: L.expr(t.tag, scope), args, kwargs: NO_KWARGS, isNew: false, tagged: true };
    }
    case SK.StringLiteral: case SK.NoSubstitutionTemplateLiteral:
      return { k: 'lit', span: sp, value: (e as ts.StringLiteral).text };
    case SK.NumericLiteral:
      return { k: 'lit', span: sp, value: Number((e as ts.NumericLiteral).text) };
    case SK.TrueKeyword: case SK.FalseKeyword:
      return { k: 'lit', span: sp, value: e.kind === SK.TrueKeyword };
    case SK.NullKeyword:
      return { k: 'lit', span: sp, value: null };
    case SK.RegularExpressionLiteral:
      return { k: 'lit', span: sp, value: null, regex: (e as ts.RegularExpressionLiteral).text };
    case SK.TemplateExpression: {
      const t = e as ts.TemplateExpression;
      const parts: Expr[] = [{ k: 'lit', span: L.span(t.head), value: t.head.text }];
      for (const s of t.templateSpans) parts.push(L.expr(s.expression, scope), { k: 'lit', span: L.span(s.literal), value: s.literal.text });
      return { k: 'concat', span: sp, parts, how: 'template' };
    }
    case SK.BinaryExpression: {
      const be = e as ts.BinaryExpression;
      const op = be.operatorToken.kind;
      if (op === SK.PlusToken) {
        const parts: Expr[] = [];
        concat(L, be, scope, parts);
        return { k: 'concat', span: sp, parts, how: 'plus' };
      }
      if (op === SK.BarBarToken || op === SK.QuestionQuestionToken) return { k: 'cond', span: sp, test: null, options: [L.expr(be.left, scope), L.expr(be.right, scope)] };
      if (op === SK.AmpersandAmpersandToken) return { k: 'cond', span: sp, test: L.expr(be.left, scope), options: [L.expr(be.right, scope)] };
      if (COMPOUND[op]) return { k: 'assign', span: sp, target: L.target(be.left, scope), value: L.expr(be.right, scope) };
      if (op === SK.CommaToken) return { k: 'seq', span: sp, parts: [L.expr(be.left, scope), L.expr(be.right, scope)] };
      return { k: 'op', span: sp, op: be.operatorToken.getText(L.sf), operands: [L.expr(be.left, scope), L.expr(be.right, scope)] };
    }
    case SK.PrefixUnaryExpression: case SK.PostfixUnaryExpression: {
      const u = e as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
      return { k: 'op', span: sp, op: ts.tokenToString(u.operator) ?? '?', operands: [L.expr(u.operand, scope)] };
    }
    case SK.TypeOfExpression: case SK.VoidExpression: case SK.DeleteExpression:
      return { k: 'op', span: sp, op: e.kind === SK.TypeOfExpression ? 'typeof' : e.kind === SK.VoidExpression ? 'void' : 'delete', operands: [L.expr((e as ts.TypeOfExpression).expression, scope)] };
    case SK.ConditionalExpression: {
      const c = e as ts.ConditionalExpression;
      return { k: 'cond', span: sp, test: L.expr(c.condition, scope), options: [L.expr(c.whenTrue, scope), L.expr(c.whenFalse, scope)] };
    }
    case SK.ArrowFunction: case SK.FunctionExpression: {
      const f = e as ts.ArrowFunction | ts.FunctionExpression;
      return { k: 'func', span: sp, fn: L.func(f, scope, (f as ts.FunctionExpression).name?.text ?? nameHint) };
    }
    case SK.ObjectLiteralExpression: {
      const props: Prop[] = [];
      for (const p of (e as ts.ObjectLiteralExpression).properties) {
        switch (p.kind) {
          case SK.PropertyAssignment: {
            const pa = p as ts.PropertyAssignment;
            const computed = pa.name.kind === SK.ComputedPropertyName;
            props.push({ key: computed ? null : keyText(pa.name), keyExpr: computed ? L.expr((pa.name as ts.ComputedPropertyName).expression, scope) : null, value: L.expr(pa.initializer, scope, keyText(pa.name)), spread: false, span: L.span(p) });
            break;
          }
          case SK.ShorthandPropertyAssignment: {
            const sh = p as ts.ShorthandPropertyAssignment;
            props.push({ key: sh.name.text, keyExpr: null, value: L.expr(sh.name, scope), spread: false, span: L.span(p) });
            break;
          }
          case SK.SpreadAssignment:
            props.push({ key: null, keyExpr: null, value: L.expr((p as ts.SpreadAssignment).expression, scope), spread: true, span: L.span(p) });
            break;
          case SK.MethodDeclaration: case SK.GetAccessor: case SK.SetAccessor: {
            const name = keyText(p.name);
            props.push({ key: name, keyExpr: null, value: { k: 'func', span: L.span(p), fn: L.func(p as ts.MethodDeclaration, scope, name) }, spread: false, span: L.span(p) });
            break;
          }
        }
      }
      return { k: 'object', span: sp, props };
    }
    case SK.ArrayLiteralExpression:
      return { k: 'array', span: sp, items: (e as ts.ArrayLiteralExpression).elements.map((el) => L.expr(el, scope)) };
    case SK.SpreadElement:
      return { k: 'spread', span: sp, expr: L.expr((e as ts.SpreadElement).expression, scope) };
    case SK.JsxElement: case SK.JsxSelfClosingElement: case SK.JsxFragment:
      return jsx(L, e as ts.JsxElement | ts.JsxSelfClosingElement | ts.JsxFragment, scope);
    case SK.ClassExpression: {
      const members: Stmt[] = [];
      L.classMembers(e as ts.ClassExpression, scope, members);
      return { k: 'other', span: sp, parts: members.flatMap((m) => (m.k === 'func' ? [{ k: 'func', span: m.span, fn: m.fn } as Expr] : [])) };
    }
  }
  const parts: Expr[] = [];
  ts.forEachChild(e, (c) => {
    if (ts.isExpression(c)) parts.push(L.expr(c, scope));
  });
  return { k: 'other', span: sp, parts };
}
