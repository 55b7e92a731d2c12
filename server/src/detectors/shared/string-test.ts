// Conditions that say a value is a string: `typeof err === 'string'`, lodash's `_.isString(err)`. A thrown
// string is an error's message, so the branch where the test holds sends the message, not the raw error. So does
// the branch where a test says the value is no Error (`isErrorLike(e) ? e.toString() : e`: a thrown string or value),
// and the branch where it has a length (`err.length && err`, polka's default error handler): an Error has none.
import { ts } from '../../core/ts';

const calleeName = (c: ts.Expression) => (ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '');

/** `err.length`, `err.length > 0`: an Error object has no `length`, a thrown string has one. */
function lengthTest(c: ts.Expression): { name: string; when: boolean } | undefined {
  if (ts.isBinaryExpression(c) && ts.isNumericLiteral(c.right) && c.right.text === '0'
    && [ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(c.operatorToken.kind)) c = c.left;
  return ts.isPropertyAccessExpression(c) && c.name.text === 'length' && ts.isIdentifier(c.expression) ? { name: c.expression.text, when: true } : undefined;
}

/** `typeof err === 'string'`, `_.isString(err)`, `err.length` (and their negations): the name tested and the branch where it is a string. */
export function stringTest(c: ts.Expression): { name: string; when: boolean } | undefined {
  while (ts.isParenthesizedExpression(c)) c = c.expression;
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) {
    const t = stringTest(c.operand);
    return t && { name: t.name, when: !t.when };
  }
  if (ts.isCallExpression(c) && c.arguments.length === 1 && ts.isIdentifier(c.arguments[0]) && calleeName(c.expression) === 'isString') return { name: c.arguments[0].text, when: true };
  const length = lengthTest(c);
  if (length) return length;
  if (!ts.isBinaryExpression(c) || !ts.isTypeOfExpression(c.left) || !ts.isIdentifier(c.left.expression) || !ts.isStringLiteralLike(c.right) || c.right.text !== 'string') return undefined;
  const op = c.operatorToken.kind;
  const eq = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  return eq || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken ? { name: c.left.expression.text, when: eq } : undefined;
}

/** Predicates that say a value is an Error: `isError(e)`, `_.isError(e)`, `isErrorLike(e)`, `types.isNativeError(e)`. */
const ERROR_PREDICATE = /^(?:is(?:Native)?Error(?:Like)?)$/;

/** `e instanceof Error`, `isErrorLike(e)` (and their negations): the name tested and the branch where it is no Error. */
function errorTest(c: ts.Expression): { name: string; when: boolean } | undefined {
  while (ts.isParenthesizedExpression(c)) c = c.expression;
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) {
    const t = errorTest(c.operand);
    return t && { name: t.name, when: !t.when };
  }
  if (ts.isCallExpression(c) && c.arguments.length === 1 && ts.isIdentifier(c.arguments[0]) && ERROR_PREDICATE.test(calleeName(c.expression))) return { name: c.arguments[0].text, when: false };
  if (!ts.isBinaryExpression(c) || c.operatorToken.kind !== ts.SyntaxKind.InstanceOfKeyword) return undefined;
  return ts.isIdentifier(c.left) && ts.isIdentifier(c.right) && /Error$/.test(c.right.text) ? { name: c.left.text, when: false } : undefined;
}

/** The name a condition tests and the branch where it is a thrown string or other value, not an Error object. */
export function thrownValueTest(c: ts.Expression): { name: string; when: boolean } | undefined {
  return stringTest(c) ?? errorTest(c);
}

/** The raw error `name` among `hits` goes out only as a thrown string or value: its message. */
export function thrownOnly(hits: { level: string; node: ts.Node }[], name?: string): void {
  for (const h of hits) if (h.level === 'whole' && ts.isIdentifier(h.node) && h.node.text === name) h.level = 'message';
}
