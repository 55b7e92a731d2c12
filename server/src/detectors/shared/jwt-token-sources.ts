// Where a decoded JWT comes from, for jwt-verification-disabled: tokens received straight from a token endpoint
// (a code exchange, a hand-written grant, an OAuth strategy's callback) and passport-jwt's key look-up.
import { ts } from '../../core/ts';

const esc = (name: string) => name.replace(/\$/g, '\\$');

function keyOf(n: ts.Node): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteralLike(n) ? n.text : undefined;
}

// OpenID Connect lets a client skip the signature of an ID token it received straight from the token
// endpoint over TLS (Core 3.1.3.7): `tokens.id_token` of a code exchange (`getTokensFromAuthorizationCode`).
const EXCHANGE = /^(?:await\s+)?[\w.]*?(?:(?:get|fetch|exchange|request|obtain)\w*Tokens?|grant\w*|\w*AuthorizationCode|login\w*)\s*\(([^)]*)\)/i;
const FROM_CLIENT = /\breq(?:uest)?\b|\b(?:body|headers|query|params|cookies)\b/;

/** `x.id_token` where `x` holds what a code exchange returned in this function (never the request's). */
export function fromTokenEndpoint(arg: ts.Expression, body: string): boolean {
  if (!ts.isPropertyAccessExpression(arg) || !/^id_?token$/i.test(arg.name.text) || !ts.isIdentifier(arg.expression)) return false;
  for (const m of body.matchAll(new RegExp(`\\b${esc(arg.expression.text)}\\s*=\\s*([^;\\n]+)`, 'g'))) {
    const call = EXCHANGE.exec(m[1]);
    // A request handed over whole may be where the tokens are read from; its `code` is what is exchanged.
    if (call && (!FROM_CLIENT.test(call[1]) || /\bcode\b/.test(call[1]))) return true;
  }
  return false;
}

/** A token request written by hand: the body names the grant (`grant_type=authorization_code`, `{ grant_type: 'refresh_token' }`). */
const CODE_GRANT = /grant_type['"]?\s*[:=,]\s*['"]?(?:authorization_code|refresh_token)\b/;

/**
 * `access_token` / `id_token` of the response of such a request in this function (dbgate's OAuth provider posts the code
 * with axios): received straight from the token endpoint, not from the client, as in `fromTokenEndpoint`.
 */
export function fromCodeGrant(arg: ts.Expression, body: string): boolean {
  const name = ts.isIdentifier(arg) ? arg.text : ts.isPropertyAccessExpression(arg) ? arg.name.text : '';
  if (!/^(?:id|access)_?token$/i.test(name) || !CODE_GRANT.test(body)) return false;
  const holder = ts.isPropertyAccessExpression(arg) && ts.isIdentifier(arg.expression) ? arg.expression.text : undefined;
  const bound = holder ? `\\b${esc(holder)}` : `(?:\\{[^{}]*\\b${esc(name)}\\b[^{}]*\\}|\\b${esc(name)})`;
  const sources = [...body.matchAll(new RegExp(`${bound}\\s*=\\s*([^;\\n]+)`, 'g'))].map((m) => m[1]);
  return sources.length > 0 && sources.every((src) => !FROM_CLIENT.test(src));
}

/**
 * passport-jwt's `secretOrKeyProvider(request, rawJwtToken, done)` decodes the token to pick the key the strategy
 * then verifies it with (tiledesk's per-project secrets): the first step of verifying, not trusting the claims.
 */
export function keyProvider(scope: ts.Node): boolean {
  const holder = ts.isFunctionLike(scope) ? (ts.isMethodDeclaration(scope) ? scope : scope.parent) : undefined;
  return !!holder && (ts.isPropertyAssignment(holder) || ts.isMethodDeclaration(holder)) && keyOf(holder.name) === 'secretOrKeyProvider';
}

/**
 * An OAuth strategy's verify callback `(accessToken, refreshToken, params, profile, done)` is handed the tokens the
 * strategy has just received from the provider's token endpoint over TLS (as in `fromTokenEndpoint`): its
 * `accessToken` / `idToken` parameter, or `params.access_token` / `params.id_token`.
 */
export function fromStrategyCallback(arg: ts.Expression, scope: ts.Node): boolean {
  if (!ts.isFunctionLike(scope)) return false;
  const params = scope.parameters.map((x) => (ts.isIdentifier(x.name) ? x.name.text : ''));
  if (params.length < 3 || !/^refresh_?token$/i.test(params[1]) || !/^(?:access|id)_?token$/i.test(params[0])) return false;
  if (ts.isIdentifier(arg)) return arg.text === params[0];
  return ts.isPropertyAccessExpression(arg) && ts.isIdentifier(arg.expression) && arg.expression.text === params[2] && /^(?:access|id)_token$/.test(arg.name.text);
}
