// Whether an options object is only ever a TLS server's (`https.createServer(opts, app)`): there
// `rejectUnauthorized` governs client certificates and has no effect unless `requestCert` is true, so
// `rejectUnauthorized: false` in it turns off no check (Node's `tls.createServer` documentation).
import { ts } from '../../core/ts';

/** `https.createServer`, `tls.createServer`, `http2.createSecureServer`, `spdy.createServer`, `new tls.Server`, `new https.Server`. */
function createsServer(call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
  const module = callee.expression.text;
  const method = callee.name.text;
  if (!/^(?:https|tls|http2|spdy)$/.test(module)) return false;
  return ts.isNewExpression(call) ? method === 'Server' : method === 'createServer' || method === 'createSecureServer';
}

const isCall = (n: ts.Node): n is ts.CallExpression | ts.NewExpression => ts.isCallExpression(n) || ts.isNewExpression(n);

/** The name being declared or assigned (`let opts = …`, `opts = …`), not read. */
const isWrite = (n: ts.Identifier): boolean => (ts.isVariableDeclaration(n.parent) && n.parent.name === n)
  || (ts.isBinaryExpression(n.parent) && n.parent.left === n && n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken);

/**
 * The object literal is an argument of a server's creation, or the value of a variable whose every use as a
 * call's argument in the same function (or file) is one (drakov: `var sslOptions = {…}; https.createServer(sslOptions, app)`).
 */
export function onlyServerOptions(obj: ts.ObjectLiteralExpression): boolean {
  const parent = obj.parent;
  if (isCall(parent) && parent.arguments?.includes(obj)) return createsServer(parent);
  // `credentials = {…}` (jsreport: a `let` filled per certificate kind) counts as the declaration does.
  const assigned = ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === obj && ts.isIdentifier(parent.left);
  const declared = ts.isVariableDeclaration(parent) && parent.initializer === obj && ts.isIdentifier(parent.name);
  if (!assigned && !declared) return false;
  const name = (ts.isBinaryExpression(parent) ? parent.left : (parent as ts.VariableDeclaration).name as ts.Identifier).getText();
  let scope: ts.Node = parent;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let server = false;
  let other = false;
  const visit = (n: ts.Node): void => {
    if (other) return;
    if (ts.isIdentifier(n) && n.text === name && !isWrite(n)) {
      const call = n.parent;
      if (isCall(call) && call.arguments?.includes(n as ts.Expression) && createsServer(call)) server = true;
      else if (!(ts.isPropertyAccessExpression(call) && call.expression === n)) other = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return server && !other;
}
