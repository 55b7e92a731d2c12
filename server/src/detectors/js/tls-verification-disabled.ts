// Flags `rejectUnauthorized: false`, `strictSSL: false`, no-op `checkServerIdentity` and
// `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`: assistants "fix" self-signed certificate errors this way.
import { ts } from '../../core/ts';
import type { Detector, DetectorContext, Report } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { walkJsKinds } from '../shared/js-nodes';
import { onlyServerOptions } from '../shared/tls-server-options';
import { loopback } from '../shared/tls-loopback';
import { pinned } from '../shared/tls-pinned';
import { guarded, optInSlot } from '../shared/tls-opt-in';
import { RULE_META } from '../shared/rule-meta';

const FLAGS = new Set(['rejectUnauthorized', 'strictSSL']);
/** An automated browser told to accept any certificate (Puppeteer/Playwright `ignoreHTTPSErrors`, WebDriver `acceptInsecureCerts`). */
const BROWSER_FLAGS = new Set(['ignoreHTTPSErrors', 'acceptInsecureCerts']);

function keyOf(n: ts.Node): string | undefined {
  if (ts.isIdentifier(n) || ts.isStringLiteralLike(n)) return n.text;
  return undefined;
}

/** `() => undefined`, `() => {}`, `() => null`: a hostname check that accepts everything. */
function isNoopCheck(n: ts.Expression): boolean {
  if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return false;
  const body = n.body;
  if (ts.isBlock(body)) return body.statements.length === 0 || (body.statements.length === 1 && ts.isReturnStatement(body.statements[0]) && !body.statements[0].expression);
  return body.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(body) && body.text === 'undefined');
}

/** `process.env.NODE_TLS_REJECT_UNAUTHORIZED` or `process.env['NODE_TLS_REJECT_UNAUTHORIZED']`. */
function isTlsEnv(n: ts.Expression): boolean {
  let obj: ts.Expression;
  let name: string | undefined;
  if (ts.isPropertyAccessExpression(n)) { obj = n.expression; name = n.name.text; }
  else if (ts.isElementAccessExpression(n)) { obj = n.expression; name = keyOf(n.argumentExpression); }
  else return false;
  return name === 'NODE_TLS_REJECT_UNAUTHORIZED' && obj.getText().replace(/\s/g, '') === 'process.env';
}

/**
 * A TLS server's options (`{ requestCert: true, rejectUnauthorized: false }`): the flag governs client certificates,
 * asked for but optional (whistle's HTTPS server), not the check of a server this side connects to.
 */
function requestsClientCert(node: ts.Node): boolean {
  const obj = node.parent;
  return ts.isObjectLiteralExpression(obj) && obj.properties.some((p) => ts.isPropertyAssignment(p) && keyOf(p.name) === 'requestCert' && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

export const tlsVerificationDisabled: Detector = {
  id: 'tls-verification-disabled',
  meta: { ...RULE_META['tls-verification-disabled'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['rejectunauthorized', 'strictssl', 'checkserveridentity', 'node_tls_reject_unauthorized', 'ignorehttpserrors', 'acceptinsecurecerts'],
  run(ctx: DetectorContext) {
    const sf = ctx.js();
    if (!sf) return;
    // A loopback peer (a dev server, a test's self-signed certificate), a switch or a slot named insecure, or a
    // certificate the code pins by hand is info at most; another opt-in branch a warning.
    const level = (n: ts.Node): Pick<Report, 'severity' | 'confidence'> => {
      const branch = guarded(n);
      if (loopback(n) || branch === 'named' || optInSlot(n) || pinned(n)) return { severity: 'info', confidence: 'low' };
      return branch ? { severity: 'warning', confidence: 'medium' } : {};
    };
    walkJsKinds(ctx, [ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.BinaryExpression], (node) => {
      // { rejectUnauthorized: false } or options.rejectUnauthorized = false
      const assign = ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left);
      if (ts.isPropertyAssignment(node) || assign) {
        const key = ts.isPropertyAssignment(node) ? keyOf(node.name) : ((node as ts.BinaryExpression).left as ts.PropertyAccessExpression).name.text;
        const init = ts.isPropertyAssignment(node) ? node.initializer : (node as ts.BinaryExpression).right;
        if (key && FLAGS.has(key) && init.kind === ts.SyntaxKind.FalseKeyword && requestsClientCert(node)) {
          ctx.report({
            start: node.getStart(sf), end: node.end, severity: 'info', confidence: 'low', kind: 'client-cert',
            message: '`rejectUnauthorized: false` beside `requestCert` lets clients with unverified certificates connect; check `socket.authorized` before trusting one.',
          });
        } else if (key === 'rejectUnauthorized' && init.kind === ts.SyntaxKind.FalseKeyword && ts.isObjectLiteralExpression(node.parent) && onlyServerOptions(node.parent)) {
          ctx.report({
            start: node.getStart(sf), end: node.end, severity: 'info', confidence: 'low', kind: 'server-no-effect',
            message: '`rejectUnauthorized: false` in a TLS server\'s options has no effect unless `requestCert` is true (it governs client certificates); remove it.',
          });
        } else if (key && FLAGS.has(key) && init.kind === ts.SyntaxKind.FalseKeyword) {
          ctx.report({
            start: node.getStart(sf), end: node.end, ...level(node),
            message: `\`${key}: false\` turns off TLS certificate checks, so anyone on the network path can impersonate the server.`,
            fix: { title: `Vouch: Set ${key} to true`, edits: [{ start: init.getStart(sf), end: init.end, newText: 'true' }] },
          });
        } else if (key && BROWSER_FLAGS.has(key) && init.kind === ts.SyntaxKind.TrueKeyword) {
          // Medium: often a scraper's or a bot's browser; in a test suite (a local self-signed certificate) the engine shows it low.
          ctx.report({
            start: node.getStart(sf), end: node.end, confidence: 'medium', ...level(node),
            message: `\`${key}: true\` makes the automated browser accept any certificate, so anyone on the network path can impersonate the sites it opens (and read what it sends them).`,
            fix: { title: `Vouch: Set ${key} to false`, edits: [{ start: init.getStart(sf), end: init.end, newText: 'false' }] },
          });
        } else if (key === 'checkServerIdentity' && isNoopCheck(init)) {
          ctx.report({
            start: node.getStart(sf), end: node.end, ...level(node),
            message: 'A `checkServerIdentity` that accepts every certificate skips hostname verification, so any valid certificate can impersonate the server.',
          });
        }
      }
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isTlsEnv(node.left)) {
        const v = node.right;
        const value = ts.isStringLiteralLike(v) || ts.isNumericLiteral(v) ? v.text : undefined;
        if (value === '0') {
          ctx.report({
            start: node.getStart(sf), end: node.end, ...level(node),
            message: 'Setting NODE_TLS_REJECT_UNAUTHORIZED to 0 disables certificate checks for every HTTPS request in the process.',
            fix: { title: 'Vouch: Re-enable TLS certificate checks', edits: [{ start: v.getStart(sf), end: v.end, newText: ts.isNumericLiteral(v) ? '1' : `${v.getText(sf)[0]}1${v.getText(sf)[0]}` }] },
          });
        }
      }
    });
  },
};
