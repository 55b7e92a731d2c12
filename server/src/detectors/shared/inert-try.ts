// Whether a caught error can only be a built-in one: its `try` block calls nothing but `JSON.parse` /
// `JSON.stringify` and pure string, array and number methods, throws nothing of its own and builds nothing.
// Such an error (a SyntaxError, TypeError or RangeError) keeps message and stack in fields that are not
// enumerable, so the error object sent as JSON (`res.send(e)`, `ctx.body = e`) is `{}`.
import { ts } from '../../core/ts';

const PURE = new Set([
  'includes', 'indexOf', 'lastIndexOf', 'split', 'join', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase',
  'startsWith', 'endsWith', 'slice', 'substring', 'replace', 'map', 'filter', 'some', 'every', 'find', 'findIndex',
  'forEach', 'push', 'concat', 'keys', 'values', 'entries', 'isArray', 'parseInt', 'parseFloat', 'Number', 'String',
  'Boolean', 'isNaN', 'toString', 'toFixed', 'at',
]);

function inert(n: ts.Node): boolean {
  if (ts.isThrowStatement(n) || ts.isNewExpression(n) || ts.isTaggedTemplateExpression(n)) return false;
  if (ts.isCallExpression(n)) {
    const c = n.expression;
    const json = ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'JSON'
      && (c.name.text === 'parse' || c.name.text === 'stringify');
    const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
    if (!json && !PURE.has(name)) return false;
  }
  return !ts.forEachChild(n, (k) => (inert(k) ? undefined : true));
}

/** `id` is the binding of a catch clause whose `try` block can only throw a built-in error. */
export function caughtBuiltInOnly(id: ts.Identifier): boolean {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (ts.isCatchClause(n)) {
      const decl = n.variableDeclaration?.name;
      if (decl && ts.isIdentifier(decl) && decl.text === id.text) return inert(n.parent.tryBlock);
    }
    if (ts.isFunctionLike(n)) return false;
  }
  return false;
}
