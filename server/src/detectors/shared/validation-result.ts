// Whether an error is the result a validation call (or a permission check) hands its callback (`validator.validate(body, (err) => …)`,
// yup's `schema.validate(x).catch((err) => …)`): field messages meant for the client, not a caught failure.
import { ts } from '../../core/ts';

/**
 * Validation calls: `validator.validate(body, cb)`, `Joi.validate(v, schema, cb)`, yup's `schema.validate(x).catch(cb)`; and
 * permission checks, whose verdict is what a 401/403 answers (ioBroker rest-api's `checkPermissions(adapter, user, rights, cb)`).
 */
const VALIDATE_CALL = /^(?:validate\w*|check\w*Permissions?|(?:check|verify)\w*(?:Access|Rights|Acl))$/i;

/** Whether `id` is the first parameter of a callback a validation call reports its result to (formio's submission validator). */
export function validationResult(id: ts.Identifier): boolean {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const first = n.parameters[0]?.name;
    if (!first || !ts.isIdentifier(first) || first.text !== id.text) return false;
    const call = n.parent;
    if (!ts.isCallExpression(call) || !call.arguments.includes(n as ts.Expression)) return false;
    let callee: ts.Expression = call.expression;
    // `.catch(cb)` and `.then(ok, cb)` at the end of a promise chain: the call the chain starts from.
    while (ts.isPropertyAccessExpression(callee) && /^(?:catch|then|finally)$/.test(callee.name.text) && ts.isCallExpression(callee.expression)) callee = callee.expression.expression;
    // `(0, common_1.checkPermissions)(…)`: how TypeScript and Babel compile a call of an imported function.
    while (ts.isParenthesizedExpression(callee) && ts.isBinaryExpression(callee.expression) && callee.expression.operatorToken.kind === ts.SyntaxKind.CommaToken) callee = callee.expression.right;
    const fn = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    return VALIDATE_CALL.test(fn);
  }
  return false;
}
