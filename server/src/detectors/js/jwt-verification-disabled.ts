// Flags JWTs trusted without verification: jsonwebtoken `jwt.decode()` in a file that never calls verify,
// `algorithms: ['none']` / `algorithm: 'none'`, and `ignoreExpiration: true`.
import { ts } from '../../core/ts';
import type { Detector, DetectorContext } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { SKIP_CHILDREN, walkJs } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';

function keyOf(n: ts.Node): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteralLike(n) ? n.text : undefined;
}

/**
 * `jwt.decode(t, { complete: true })` read only for its `.header`: the key id (`kid`) that picks the key
 * to verify with, the first step of verifying, not trusting the claims.
 */
function headerOnly(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const p = call.parent;
  if (ts.isPropertyAccessExpression(p)) return p.name.text === 'header';
  if (!ts.isVariableDeclaration(p) || !ts.isIdentifier(p.name)) return false;
  let scope: ts.Node = p;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const reads = [...scope.getText(sf).matchAll(new RegExp(`\\b${p.name.text}\\s*(\\??\\.\\s*(\\w+)|\\[)`, 'g'))];
  return reads.length > 0 && reads.every((m) => m[2] === 'header');
}

/** Local names bound to the jsonwebtoken module, and a bare `decode` imported from it. */
function jwtBindings(ctx: DetectorContext): { modules: Set<string>; decode: Set<string> } {
  const modules = new Set<string>();
  const decode = new Set<string>();
  const isJwt = (s: ts.Node | undefined) => !!s && ts.isStringLiteralLike(s) && s.text === 'jsonwebtoken';
  walkJs(ctx, (n) => {
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
    if (!sf) return;
    const { modules, decode } = ctx.text.includes('jsonwebtoken') ? jwtBindings(ctx) : { modules: new Set<string>(), decode: new Set<string>() };
    const verifies = /\bverify\s*\(/.test(ctx.text);
    // `algorithm: 'none'` also configures compression and ciphers; only JWT code counts.
    const jwtFile = /jwt|jsonwebtoken|jose|jws/i.test(ctx.text);
    walkJs(ctx, (node) => {
      if (ts.isPropertyAssignment(node)) {
        const k = keyOf(node.name);
        const v = node.initializer;
        const none = (e: ts.Expression) => ts.isStringLiteralLike(e) && e.text.toLowerCase() === 'none';
        if (jwtFile && ((k === 'algorithms' && ts.isArrayLiteralExpression(v) && v.elements.some(none)) || (k === 'algorithm' && none(v)))) {
          ctx.report({ start: node.getStart(sf), end: node.end, message: 'The `none` JWT algorithm means unsigned tokens, so anyone can forge claims; allow only the algorithm your key uses (e.g. HS256 or RS256).' });
        } else if (jwtFile && k === 'ignoreExpiration' && v.kind === ts.SyntaxKind.TrueKeyword) {
          ctx.report({
            start: node.getStart(sf), end: node.end, severity: 'warning',
            message: '`ignoreExpiration: true` accepts expired JWTs forever, so a leaked token never stops working.',
            fix: { title: 'Vouch: Set ignoreExpiration to false', edits: [{ start: v.getStart(sf), end: v.end, newText: 'false' }] },
          });
        }
      } else if (ts.isCallExpression(node) && !verifies) {
        const c = node.expression;
        const isDecode = (ts.isPropertyAccessExpression(c) && c.name.text === 'decode' && ts.isIdentifier(c.expression) && modules.has(c.expression.text))
          || (ts.isIdentifier(c) && decode.has(c.text));
        if (isDecode && !headerOnly(node, sf)) {
          ctx.report({
            start: node.getStart(sf), end: node.end, severity: 'warning', confidence: 'medium',
            message: '`jwt.decode()` does not check the signature, and this file never calls `jwt.verify()`, so forged tokens are trusted.',
          });
        }
      }
    });
  },
};
