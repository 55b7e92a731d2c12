// Flags JWTs trusted without verification: jsonwebtoken `jwt.decode()` in a file that never calls verify,
// `algorithms: ['none']` / `algorithm: 'none'`, and `ignoreExpiration: true`.
import { ts } from '../../core/ts';
import type { Detector, DetectorContext } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { SKIP_CHILDREN, walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';
import { fakeSigning, inRefreshFlow, lookupOption, servesRequest } from '../shared/jwt-options';
import { fromCodeGrant, fromStrategyCallback, fromTokenEndpoint, keyProvider } from '../shared/jwt-token-sources';

function keyOf(n: ts.Node): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteralLike(n) ? n.text : undefined;
}

const esc = (name: string) => name.replace(/\$/g, '\\$');

/** Read before verifying: the `header` (its `kid` picks the key) and the issuer (`iss` picks the verifier). */
const ROUTING = new Set(['header', 'iss']);

/**
 * `jwt.decode(t, { complete: true })` read only for what picks how to verify (the first step of
 * verifying, not trusting the claims), or the decode of a token the same function has just signed.
 */
function notTrusted(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const p = call.parent;
  let scope: ts.Node = call;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const body = scope.getText(sf);
  const arg = call.arguments[0];
  if (arg && ts.isIdentifier(arg) && new RegExp(`\\b${esc(arg.text)}\\s*=\\s*(?:await\\s+)?[\\w.]*(?:\\bsign|create\\w*Token|issue\\w*Token|generate\\w*Token)\\s*\\(`, 'i').test(body)) return true;
  if (arg && (fromTokenEndpoint(arg, body) || fromCodeGrant(arg, body) || fromStrategyCallback(arg, scope))) return true;
  if (keyProvider(scope)) return true;
  if (ts.isPropertyAccessExpression(p)) return ROUTING.has(p.name.text);
  if (!ts.isVariableDeclaration(p) || !ts.isIdentifier(p.name)) return false;
  const n = esc(p.name.text);
  const reads = [...body.matchAll(new RegExp(`\\b${n}\\s*(\\??\\.\\s*(\\w+)|\\[)`, 'g'))];
  // The payload handed on with the header, to the call that looks up the key (koa-jwt's `provider(decoded.header, decoded.payload)`).
  const handed = body.match(new RegExp(`\\(\\s*${n}\\.header\\s*,\\s*${n}\\.payload\\s*[,)]`, 'g'))?.length ?? 0;
  const payloads = reads.filter((m) => m[2] === 'payload').length;
  return reads.length > 0 && reads.every((m) => ROUTING.has(m[2]) || m[2] === 'payload') && payloads <= handed;
}

/** Local names bound to the jsonwebtoken module, and a bare `decode` imported from it. */
function jwtBindings(ctx: DetectorContext): { modules: Set<string>; decode: Set<string> } {
  const modules = new Set<string>();
  const decode = new Set<string>();
  const isJwt = (s: ts.Node | undefined) => !!s && ts.isStringLiteralLike(s) && s.text === 'jsonwebtoken';
  walkJsKinds(ctx, [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.VariableDeclaration], (n) => {
    if (ts.isImportDeclaration(n) && isJwt(n.moduleSpecifier)) {
      const c = n.importClause;
      if (c?.name) modules.add(c.name.text);
      const b = c?.namedBindings;
      if (b && ts.isNamespaceImport(b)) modules.add(b.name.text);
      if (b && ts.isNamedImports(b)) for (const e of b.elements) if ((e.propertyName ?? e.name).text === 'decode') decode.add(e.name.text);
      return SKIP_CHILDREN;
    }
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isCallExpression(n.initializer) && ts.isIdentifier(n.initializer.expression)
      && n.initializer.expression.text === 'require' && isJwt(n.initializer.arguments[0])) {
      if (ts.isIdentifier(n.name)) modules.add(n.name.text);
      else if (ts.isObjectBindingPattern(n.name)) for (const e of n.name.elements) if (keyOf(e.propertyName ?? e.name) === 'decode' && ts.isIdentifier(e.name)) decode.add(e.name.text);
      return SKIP_CHILDREN;
    }
  });
  return { modules, decode };
}
export const jwtVerificationDisabled: Detector = {
  id: 'jwt-verification-disabled',
  meta: { ...RULE_META['jwt-verification-disabled'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['jsonwebtoken', 'none', 'ignoreexpiration'],
  run(ctx: DetectorContext) {
    const sf = ctx.js();
    // `algorithm: 'none'` also configures compression and ciphers; only JWT code counts (and a file that
    // never names jsonwebtoken has no `decode` of it).
    if (!sf || !/jwt|jsonwebtoken|jose|jws/i.test(ctx.text)) return;
    const { modules, decode } = ctx.text.includes('jsonwebtoken') ? jwtBindings(ctx) : { modules: new Set<string>(), decode: new Set<string>() };
    const verifies = /\bverify\s*\(/.test(ctx.text);
    walkJsKinds(ctx, [ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.CallExpression], (node) => {
      if (ts.isPropertyAssignment(node)) {
        const k = keyOf(node.name);
        const v = node.initializer;
        const none = (e: ts.Expression) => ts.isStringLiteralLike(e) && e.text.toLowerCase() === 'none';
        if ((k === 'algorithms' && ts.isArrayLiteralExpression(v) && v.elements.some(none)) || (k === 'algorithm' && none(v))) {
          ctx.report({
            start: node.getStart(sf), end: node.end, ...(fakeSigning(node) ? { severity: 'info' as const, confidence: 'low' as const } : {}),
            message: 'The `none` JWT algorithm means unsigned tokens, so anyone can forge claims; allow only the algorithm your key uses (e.g. HS256 or RS256).',
          });
        } else if (k === 'ignoreExpiration' && v.kind === ts.SyntaxKind.TrueKeyword && !lookupOption(node)) {
          ctx.report({
            start: node.getStart(sf), end: node.end, severity: 'warning',
            // A refresh flow reads the expired access token it replaces (its refresh token is checked with expiry).
            // Outside a request handler, or an authorization decision, expired tokens were accepted on purpose (servesRequest).
            ...(inRefreshFlow(node, sf) || !servesRequest(node, sf) ? { confidence: 'low' as const } : {}),
            message: '`ignoreExpiration: true` accepts expired JWTs forever, so a leaked token never stops working.',
            fix: { title: 'Vouch: Set ignoreExpiration to false', edits: [{ start: v.getStart(sf), end: v.end, newText: 'false' }] },
          });
        }
      } else if (ts.isCallExpression(node) && !verifies) {
        const c = node.expression;
        const isDecode = (ts.isPropertyAccessExpression(c) && c.name.text === 'decode' && ts.isIdentifier(c.expression) && modules.has(c.expression.text))
          || (ts.isIdentifier(c) && decode.has(c.text));
        if (isDecode && !notTrusted(node, sf)) {
          ctx.report({
            start: node.getStart(sf), end: node.end, severity: 'warning', confidence: servesRequest(node, sf) ? 'medium' : 'low',
            message: '`jwt.decode()` does not check the signature, and this file never calls `jwt.verify()`, so forged tokens are trusted.',
          });
        }
      }
    });
  },
};
