// Small pure helpers of the JS/TS lowering.
import { deferred } from '../core/deferred';
import { ts } from '../core/ts';

export let K = deferred(() => ts.SyntaxKind, (kinds) => (K = kinds));

/**
 * The syntax kinds the lowering dispatches on, copied out of `ts.SyntaxKind`: that enum (and the `ts`
 * namespace behind `ts.isX`) is a dictionary-mode object, so each read is a hash look-up; a `switch` on
 * `node.kind` over these constants is what keeps lowering a small share of a keystroke.
 */
export let SK = deferred(() => ({
  Identifier: K.Identifier, ThisKeyword: K.ThisKeyword, SuperKeyword: K.SuperKeyword, PropertyAccessExpression: K.PropertyAccessExpression,
  ElementAccessExpression: K.ElementAccessExpression, CallExpression: K.CallExpression, NewExpression: K.NewExpression,
  TaggedTemplateExpression: K.TaggedTemplateExpression, StringLiteral: K.StringLiteral, NoSubstitutionTemplateLiteral: K.NoSubstitutionTemplateLiteral,
  NumericLiteral: K.NumericLiteral, TrueKeyword: K.TrueKeyword, FalseKeyword: K.FalseKeyword, NullKeyword: K.NullKeyword,
  RegularExpressionLiteral: K.RegularExpressionLiteral, TemplateExpression: K.TemplateExpression, BinaryExpression: K.BinaryExpression,
  PrefixUnaryExpression: K.PrefixUnaryExpression, PostfixUnaryExpression: K.PostfixUnaryExpression, TypeOfExpression: K.TypeOfExpression,
  VoidExpression: K.VoidExpression, DeleteExpression: K.DeleteExpression, ConditionalExpression: K.ConditionalExpression,
  ArrowFunction: K.ArrowFunction, FunctionExpression: K.FunctionExpression, ObjectLiteralExpression: K.ObjectLiteralExpression,
  ArrayLiteralExpression: K.ArrayLiteralExpression, SpreadElement: K.SpreadElement, JsxElement: K.JsxElement,
  JsxSelfClosingElement: K.JsxSelfClosingElement, JsxFragment: K.JsxFragment, ClassExpression: K.ClassExpression,
  ParenthesizedExpression: K.ParenthesizedExpression, AsExpression: K.AsExpression, NonNullExpression: K.NonNullExpression,
  AwaitExpression: K.AwaitExpression, TypeAssertionExpression: K.TypeAssertionExpression, SatisfiesExpression: K.SatisfiesExpression,
  PlusToken: K.PlusToken, BarBarToken: K.BarBarToken, QuestionQuestionToken: K.QuestionQuestionToken,
  AmpersandAmpersandToken: K.AmpersandAmpersandToken, CommaToken: K.CommaToken, JsxText: K.JsxText,
  VariableStatement: K.VariableStatement, ExpressionStatement: K.ExpressionStatement, ReturnStatement: K.ReturnStatement,
  ThrowStatement: K.ThrowStatement, IfStatement: K.IfStatement, Block: K.Block, ForOfStatement: K.ForOfStatement,
  ForInStatement: K.ForInStatement, ForStatement: K.ForStatement, WhileStatement: K.WhileStatement, DoStatement: K.DoStatement,
  TryStatement: K.TryStatement, SwitchStatement: K.SwitchStatement, FunctionDeclaration: K.FunctionDeclaration,
  ClassDeclaration: K.ClassDeclaration, LabeledStatement: K.LabeledStatement, ExportAssignment: K.ExportAssignment,
  BreakStatement: K.BreakStatement, ContinueStatement: K.ContinueStatement, WithStatement: K.WithStatement,
  ImportDeclaration: K.ImportDeclaration, VariableDeclarationList: K.VariableDeclarationList, SourceFile: K.SourceFile,
  ModuleBlock: K.ModuleBlock, CaseClause: K.CaseClause, ExportKeyword: K.ExportKeyword, AsyncKeyword: K.AsyncKeyword,
  DefaultKeyword: K.DefaultKeyword, PropertyAssignment: K.PropertyAssignment, ShorthandPropertyAssignment: K.ShorthandPropertyAssignment,
  SpreadAssignment: K.SpreadAssignment, MethodDeclaration: K.MethodDeclaration, GetAccessor: K.GetAccessor, SetAccessor: K.SetAccessor,
  ComputedPropertyName: K.ComputedPropertyName, OmittedExpression: K.OmittedExpression, PrivateIdentifier: K.PrivateIdentifier,
}) as const, (kinds) => (SK = kinds));

/** A modifier written on the node itself (`ts.getCombinedModifierFlags` also reads JSDoc: slow in JS files). */
export function hasModifier(n: ts.Node, kind: ts.SyntaxKind): boolean {
  return !!(n as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers?.some((m) => m.kind === kind);
}

export let COMPOUND = deferred((): Partial<Record<ts.SyntaxKind, string>> => ({
  [K.EqualsToken]: '=', [K.PlusEqualsToken]: '+=', [K.BarBarEqualsToken]: '||=', [K.QuestionQuestionEqualsToken]: '??=',
  [K.AmpersandAmpersandEqualsToken]: '&&=', [K.MinusEqualsToken]: '-=', [K.AsteriskEqualsToken]: '*=',
}), (table) => (COMPOUND = table));


/** Parentheses, `await`, type assertions and non-null marks do not change a value. */
export function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    switch (e.kind) {
      case SK.ParenthesizedExpression: case SK.AsExpression: case SK.NonNullExpression: case SK.AwaitExpression:
      case SK.TypeAssertionExpression: case SK.SatisfiesExpression:
        e = (e as ts.ParenthesizedExpression).expression;
        continue;
      default:
        return e;
    }
  }
}

/** The text of a property or binding name that is written literally. */
export function keyText(name: ts.PropertyName | ts.BindingName | undefined): string | null {
  if (!name) return null;
  const k = name.kind;
  return k === SK.Identifier || k === SK.StringLiteral || k === SK.NumericLiteral || k === SK.PrivateIdentifier ? (name as ts.Identifier).text : null;
}
