// Small pure helpers of the JS/TS lowering.
import { ts } from 'ts-morph';

export const K = ts.SyntaxKind;

/** A modifier written on the node itself (`ts.getCombinedModifierFlags` also reads JSDoc: slow in JS files). */
export function hasModifier(n: ts.Node, kind: ts.SyntaxKind): boolean {
  return !!(n as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers?.some((m) => m.kind === kind);
}

export const COMPOUND: Partial<Record<ts.SyntaxKind, string>> = {
  [K.EqualsToken]: '=', [K.PlusEqualsToken]: '+=', [K.BarBarEqualsToken]: '||=', [K.QuestionQuestionEqualsToken]: '??=',
  [K.AmpersandAmpersandEqualsToken]: '&&=', [K.MinusEqualsToken]: '-=', [K.AsteriskEqualsToken]: '*=',
};


/** Parentheses, `await`, type assertions and non-null marks do not change a value. */
export function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)
    || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The text of a property or binding name that is written literally. */
export function keyText(name: ts.PropertyName | ts.BindingName | undefined): string | null {
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) ? name.text : null;
}
