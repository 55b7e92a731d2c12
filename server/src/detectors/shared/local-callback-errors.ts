// The error a callback receives from a function of the same file (kue's `_create(body, function (err) { … })`, whose
// `_create` calls `next({ error: 'Must provide job type' }, null, 400)`): when every call of that callback passes an
// object literal or nothing as the error, it is a message the file wrote, not an Error with a stack or driver internals.
import { ts } from '../../core/ts';

/** The function declared in the file under `name` (a declaration or `const name = function/arrow`), first found. */
function localFunction(sf: ts.SourceFile, name: string): ts.FunctionLikeDeclaration | undefined {
  let found: ts.FunctionLikeDeclaration | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isFunctionDeclaration(n) && n.name?.text === name && n.body) found = n;
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer && (ts.isFunctionExpression(n.initializer) || ts.isArrowFunction(n.initializer))) found = n.initializer;
    else n.forEachChild(visit);
  };
  visit(sf);
  return found;
}

const plain = (a: ts.Expression | undefined): boolean => !a || ts.isObjectLiteralExpression(a) || a.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(a) && a.text === 'undefined');

/**
 * Whether `fn` (a callback whose first parameter is the error) is handed to a function of this file that calls it
 * only with object literals, `null` or nothing in the error's place (at least one call).
 */
function plainLocalErrors(fn: ts.FunctionLikeDeclaration): boolean {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return false;
  const index = call.arguments.indexOf(fn as ts.Expression);
  const target = localFunction(fn.getSourceFile(), call.expression.text);
  const param = target?.parameters[index]?.name;
  if (index < 0 || !target?.body || !param || !ts.isIdentifier(param)) return false;
  let calls = 0;
  let allPlain = true;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === param.text) {
      calls++;
      if (!plain(n.arguments[0])) allPlain = false;
    }
    n.forEachChild(visit);
  };
  visit(target.body);
  return calls > 0 && allPlain;
}

/** Whether `id` is the error parameter (the first) of the nearest function around it, and that function's errors are plain. */
export function plainCallbackError(id: ts.Identifier): boolean {
  let n: ts.Node | undefined = id.parent;
  while (n && !ts.isFunctionLike(n)) n = n.parent;
  if (!n) return false;
  const fn = n as ts.FunctionLikeDeclaration;
  const first = fn.parameters[0]?.name;
  return !!first && ts.isIdentifier(first) && first.text === id.text && plainLocalErrors(fn);
}

/** Words of a key that may carry an error whole: the error's own names and a payload's generic slots. */
const ERROR_SLOT = new Set(['e', 'err', 'error', 'errors', 'ex', 'exc', 'exception', 'fail', 'failed', 'failure', 'fault', 'reason', 'cause',
  'detail', 'details', 'message', 'msg', 'info', 'data', 'result', 'results', 'payload', 'body', 'response', 'resp', 'res', 'stack', 'trace',
  'debug', 'problem', 'status', 'description', 'desc', 'text', 'value', 'content', 'output', 'out', 'issue', 'warning', 'what', 'why',
  'meta', 'extra', 'context', 'raw', 'original', 'inner', 'obj', 'object', 'json', 'ret', 'return', 'diagnostic', 'diagnostics', 'log', 'logs']);

/**
 * A property whose key names another thing (`{ ip: error, result }`, `{ secure: error, user }`: ioBroker's `getHostByIp` and
 * `authEnabled` hand their answer to the callback first): the value sent there is that thing, not an error object.
 */
export function keyNamesOther(name: ts.PropertyName): boolean {
  const key = ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : undefined;
  if (!key) return false;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_-]+/).filter(Boolean);
  return words.length > 0 && !words.some((w) => ERROR_SLOT.has(w));
}

/** The error identifier inside a hit (`err` of `err.message`, `String(err)`, `${err}`). */
export function errorName(n: ts.Node): ts.Identifier {
  let e = n;
  for (let next: ts.Node | undefined = e; next && !ts.isIdentifier(e); next = ts.isPropertyAccessExpression(e) ? e.expression : ts.forEachChild(e, (c) => c)) e = next;
  return e as ts.Identifier;
}
