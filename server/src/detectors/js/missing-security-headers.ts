// Flags an Express app that sends no security headers (no helmet or an equivalent) and still announces
// `X-Powered-By: Express`: one low-confidence finding at the `express()` call of the app that listens or is
// exported, never per file, and none when the project depends on a headers middleware.
import { ts } from '../../core/ts';
import type { AsyncDetectorContext, Detector } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';

const EXPRESS = /\brequire\(\s*['"]express['"]\s*\)|\bfrom\s+['"]express['"]/;
/** Headers middleware or hand-set headers, and `x-powered-by` turned off, anywhere in the file. */
const HANDLED = /helmet|lusca|x-powered-by|hidePoweredBy|Content-Security-Policy|X-Frame-Options|Strict-Transport-Security|X-Content-Type-Options/i;
const HEADER_PACKAGES = ['helmet', 'lusca', 'koa-helmet', 'hide-powered-by', 'helmet-csp', '@fastify/helmet'];
/** Calls that take the app without configuring it. */
const HOSTS = /^(?:https?\.createServer|createServer|serverless|serverlessExpress|supertest|request|http\.Server|module\.exports|exports)$/;

/** The nearest package.json up from the file, through the project service. */
function manifestOf(ctx: AsyncDetectorContext): string | undefined {
  const parts = ctx.path.split('/').slice(0, -1);
  for (let i = parts.length; i >= 0; i--) {
    const text = ctx.services.project?.readFile([...parts.slice(0, i), 'package.json'].join('/'));
    if (text !== undefined) return text;
  }
  return undefined;
}

export const missingSecurityHeaders: Detector = {
  id: 'missing-security-headers',
  meta: { ...RULE_META['missing-security-headers'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['express'],
  async runAsync(ctx: AsyncDetectorContext) {
    const sf = ctx.js();
    if (!sf || !EXPRESS.test(ctx.text) || HANDLED.test(ctx.text)) return;
    const apps = new Map<string, ts.CallExpression>();
    const configured = new Set<string>();
    const served = new Set<string>();
    walkJsKinds(ctx, [ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.CallExpression, ts.SyntaxKind.ExportAssignment, ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.ExportSpecifier], (node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)
        && ts.isIdentifier(node.initializer.expression) && node.initializer.expression.text === 'express' && !node.initializer.arguments.length) {
        apps.set(node.name.text, node.initializer);
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(sf);
        // `app.listen(…)` serves it; `configure(app)`, `require('./middleware')(app)` may add headers elsewhere.
        if (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'listen') served.add(node.expression.expression.getText(sf));
        for (const a of node.arguments) if (ts.isIdentifier(a)) (HOSTS.test(callee) ? served : configured).add(a.text);
      } else if (ts.isExportAssignment(node) && ts.isIdentifier(node.expression)) served.add(node.expression.text);
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^(?:module\.)?exports(?:\.\w+)?$/.test(node.left.getText(sf)) && ts.isIdentifier(node.right)) served.add(node.right.text);
      else if (ts.isExportSpecifier(node)) served.add((node.propertyName ?? node.name).text);
    });
    const app = [...apps].find(([name]) => served.has(name) && !configured.has(name));
    if (!app) return;
    const manifest = manifestOf(ctx);
    if (manifest && HEADER_PACKAGES.some((p) => manifest.includes(`"${p}"`))) return;
    const call = app[1];
    ctx.report({
      start: call.getStart(sf), end: call.end, kind: 'no-security-headers', confidence: 'low',
      message: 'This Express app sends no security headers (no helmet or equivalent) and still announces `X-Powered-By: Express`, so browsers get no clickjacking, MIME-sniffing or HTTPS-only protection; add `app.use(helmet())`.',
    });
  },
};
