// Where a JWT option sits decides what it means (jwt-verification-disabled): `algorithm: 'none'` when
// signing under a key that says it is fake, `ignoreExpiration` handed to a store's look-up or read in a
// refresh flow. Pure predicates over the TypeScript AST.
import { ts } from '../../core/ts';

// A key that says it is not one (`sign(claims, 'fake-secret', { algorithm: 'none' })`): fake tokens minted on
// purpose, as an auth emulator or a fixture does (firebase-tools); the verifier that would accept them is the risk.
const FAKE_KEY = /fake|dummy|mock|stub|placeholder|emulat/i;

/** `{ algorithm: 'none' }` in the options of a `sign(payload, key, …)` whose key is a literal saying it is fake. */
export function fakeSigning(node: ts.PropertyAssignment): boolean {
  const call = node.parent.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[2] !== node.parent) return false;
  let callee: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
  if (ts.isBinaryExpression(callee) && callee.operatorToken.kind === ts.SyntaxKind.CommaToken) callee = callee.right;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  const key = call.arguments[1];
  return name === 'sign' && !!key && ts.isStringLiteralLike(key) && FAKE_KEY.test(key.text);
}

/**
 * `{ ignoreExpiration: true }` handed straight to a store's look-up (`DeviceCode.find(id, { ignoreExpiration:
 * true })` in oidc-provider, which checks `code.isExpired` itself next): an option of the look-up, not of
 * a JWT verification. Options passed to anything named for verifying, decoding or tokens still count.
 */
export function lookupOption(node: ts.PropertyAssignment): boolean {
  const call = node.parent.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(node.parent)) return false;
  const c = call.expression;
  const name = ts.isPropertyAccessExpression(c) ? c.name.text : ts.isIdentifier(c) ? c.text : '';
  return /^(?:find|findOne|findBy\w*|findById|load|get|fetch|lookup|retrieve|read)$/.test(name);
}

/** The function around `node` is named for, or speaks of, refreshing tokens (`refreshTokens`, `refresh_token`). */
export function inRefreshFlow(node: ts.Node, sf: ts.SourceFile): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) return /refresh/i.test(p.getText(sf).slice(0, 20_000));
  }
  return false;
}

/** The token comes from the request being served (`req.headers.authorization`, `ctx.cookies`, a `Bearer` header). */
const FROM_REQUEST = /\b(?:req|request|ctx|context|event)\s*\??\.\s*(?:headers?|cookies|signedCookies|query|body|params|get\s*\(|header\s*\()|\bauthorization\b|\bbearer\b/i;
/** The claims decide who the caller is or what they may do (`payload.role`, `claims.sub`, `req.user = claims`). */
const AUTHORIZES = /\.\s*(?:roles?|isAdmin|admin|permissions?|scopes?|groups|sub|userId|user_id|uid)\b|\b(?:req|request|ctx\.state|res\.locals|socket)\s*\.\s*user\w*\s*=(?!=)/;
const HANDLER_PARAM = /^(?:req|request|ctx|socket|event)$/;

/**
 * `ignoreExpiration: true`, or a decode-only `jwt.decode()`, in a function that serves a request (a `req`, `ctx` or `socket` parameter, the
 * token read from its headers or cookies) or whose claims decide access (`.role`, `req.user = …`), in this
 * function or the one around its callback. Elsewhere the token comes from a parameter, and expired tokens
 * accepted there were, in every held-out sample, accepted on purpose (a licence that checks its own expiry,
 * an OpenID Connect `id_token_hint`, which may be expired), and decoded claims read for something else (a
 * licence key's `exp` before saving it): shown at low confidence.
 */
export function servesRequest(node: ts.Node, sf: ts.SourceFile): boolean {
  let seen = 0;
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (!ts.isFunctionLike(p)) continue;
    seen++;
    if (p.parameters.some((x) => ts.isIdentifier(x.name) && HANDLER_PARAM.test(x.name.text))) return true;
    const text = p.getText(sf).slice(0, 20_000);
    if (FROM_REQUEST.test(text) || AUTHORIZES.test(text)) return true;
    // Only a callback (`jwt.verify(t, k, opts, (err, user) => …)`, a route's handler) looks one function further out.
    if (seen === 2 || !((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && ts.isCallExpression(p.parent))) return false;
  }
  return seen === 0 && (FROM_REQUEST.test(sf.text) || AUTHORIZES.test(sf.text));
}
