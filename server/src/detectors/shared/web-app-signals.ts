// What a JS/TS file (and its manifest) says about the app it builds, for the absence rules: which local
// names are bound to which modules, whether the app authenticates users, which header reads carry a
// client address the client can set. The package and middleware lists are data
// (rules/web-app-signals/signals.json); the code only reads the syntax.
import { ts } from '../../core/ts';
import signals from '../../../../rules/web-app-signals/signals.json';

export const SIGNALS = signals;
const AUTH_PACKAGES = new Set(signals.auth.js.packages);
const AUTH_MIDDLEWARE = new Set(signals.auth.js.middleware);
const APPENDED = new Set(signals.clientIpHeaders.appended);
const CLIENT_IP = new Set([...signals.clientIpHeaders.appended, ...signals.clientIpHeaders.replaced]);

/** `require('m')`, through Babel's and TypeScript's `_interopRequireDefault(require('m'))`. */
export function requiredModule(e: ts.Expression | undefined): string | undefined {
  if (!e || !ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  if (/^_*(?:interopRequire(?:Default|Wildcard)|importDefault|importStar)$/.test(e.expression.text)) return requiredModule(e.arguments[0]);
  const arg = e.arguments[0];
  return e.expression.text === 'require' && arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** Local names bound at the top of the file to modules: default, namespace and named imports, `require`. */
export function moduleNames(sf: ts.SourceFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const clause = st.importClause;
      const m = st.moduleSpecifier.text;
      if (clause?.name) names.set(clause.name.text, m);
      const b = clause?.namedBindings;
      if (b && ts.isNamespaceImport(b)) names.set(b.name.text, m);
      else if (b) for (const s of b.elements) names.set(s.name.text, m);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const m = requiredModule(d.initializer);
        if (!m) continue;
        if (ts.isIdentifier(d.name)) names.set(d.name.text, m);
        else if (ts.isObjectBindingPattern(d.name)) for (const e of d.name.elements) if (ts.isIdentifier(e.name)) names.set(e.name.text, m);
      }
    }
  }
  return names;
}

/** The module a callee comes from: `cors(…)`, `(0, _cors.default)(…)`, `rl.rateLimit(…)`, `require('cors')(…)`. */
export function calleeModule(e: ts.Expression, names: Map<string, string>): string | undefined {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) e = e.right;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) e = e.expression;
  if (ts.isIdentifier(e)) return names.get(e.text);
  return requiredModule(e);
}

const MOUNTS = /^(?:use|get|post|put|patch|delete|all|route)$/;
const AUTH_HEADER = /\.headers\s*(?:\.authorization\b|\[\s*['"`]authorization['"`]\s*\])|\.(?:get|header|getHeader)\(\s*['"`]authorization['"`]\s*\)/i;

/** Why the file's app authenticates users (an auth module, an auth middleware, the Authorization header), or undefined. */
export function jsAuthEvidence(sf: ts.SourceFile, text: string, names: Map<string, string>): string | undefined {
  for (const m of names.values()) if (AUTH_PACKAGES.has(m) || m.startsWith('passport-')) return `\`${m}\``;
  const header = AUTH_HEADER.exec(text);
  if (header) return 'the `Authorization` header';
  let found: string | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      // `requireAuth(…)`, `passport.authenticate(…)`, or `app.get('/me', requireAuth, handler)`; the bare word
      // `auth` counts only where middleware goes (`app.use(auth)`, `router.post('/x', auth, h)`).
      const mounts = ts.isPropertyAccessExpression(n.expression) && MOUNTS.test(n.expression.name.text);
      for (const e of [n.expression, ...n.arguments]) {
        const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
        if (name && AUTH_MIDDLEWARE.has(name) && (name !== 'auth' || (mounts && e !== n.expression))) { found = `\`${name}\``; return; }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** An auth package the manifest depends on (the app may authenticate in another file). */
export function manifestAuth(manifest: string | undefined): string | undefined {
  if (!manifest) return undefined;
  let deps: Record<string, unknown> = {};
  try {
    const pkg = JSON.parse(manifest) as { dependencies?: Record<string, unknown> };
    deps = pkg.dependencies ?? {};
  } catch { return undefined; }
  return Object.keys(deps).find((d) => AUTH_PACKAGES.has(d) || d.startsWith('passport-'));
}

/** The header a read names (`req.headers['x-forwarded-for']`, `req.get('X-Real-IP')`, `ctx.get(…)`), lower-cased, if it carries a client address. */
export function clientIpHeader(n: ts.Node, sf: ts.SourceFile): { header: string; appended: boolean } | undefined {
  let name: string | undefined;
  if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) && /headers$/i.test(n.expression.getText(sf))) name = n.argumentExpression.text;
  else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(?:get|header|getHeader|headers)$/.test(n.expression.name.text)
    && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) name = n.arguments[0].text;
  else if (ts.isPropertyAccessExpression(n) && n.name.text === 'forwarded' && /headers$/i.test(n.expression.getText(sf))) name = 'forwarded';
  const header = name?.toLowerCase();
  return header && CLIENT_IP.has(header) ? { header, appended: APPENDED.has(header) } : undefined;
}

const DEV_SERVER_NAME = /(?:^|[-/])(?:dev-?server|live-?server|browser-sync)$/i;
const DEV_SERVER_TEXT = /\b(?:development|dev)\s+(?:(?:http|web|node)\s+)?server\b|\blive[- ]?reload\b/i;
/** A build tool's task (grunt, gulp): it runs in the developer's build, on their machine. */
const BUILD_TASK_KEYWORD = /^(?:gruntplugin|gulpplugin|gulpfriendly)$/i;
/** A local viewer or previewer ("Locally view markdown files in a browser", "preview Markdown in your browser"): the author's own files, on their machine. */
const LOCAL_VIEWER_TEXT = /\blocally\s+(?:view|preview|brows|render|read)\w*|\bpreview\w*\b[^.]{0,40}\bin\s+(?:a|the|your)\s+(?:web\s+)?browser\b/i;
/** A stand-in server for tests ("a fake s3 server for testing purposes", "Fake SMTP Server for email testing"). */
const TEST_SERVER_TEXT = /\b(?:fake|mock|stub|dummy)\b[^.]{0,40}\bserver\b|\bserver\b[^.]{0,40}\bfor\s+(?:[\w-]+\s+)?testing\b/i;

/**
 * A development or test tool's own package, by its manifest's name, description or keywords: a development server
 * (live-server, browser-sync, webpack-dev-server), a grunt or gulp task (grunt-contrib-connect), a fake server for tests
 * (fake-s3), a local file viewer or previewer (a Markdown viewer). It serves the folder a developer works on, or answers
 * their tests, on their machine.
 */
export function devServerManifest(manifest: string | undefined): boolean {
  if (!manifest) return false;
  try {
    const pkg = JSON.parse(manifest) as { name?: unknown; description?: unknown; keywords?: unknown };
    const keywords = Array.isArray(pkg.keywords) ? pkg.keywords.filter((k): k is string => typeof k === 'string') : [];
    if (keywords.some((k) => BUILD_TASK_KEYWORD.test(k))) return true;
    if (typeof pkg.description === 'string' && (TEST_SERVER_TEXT.test(pkg.description) || LOCAL_VIEWER_TEXT.test(pkg.description))) return true;
    const texts = [pkg.description, ...keywords];
    return (typeof pkg.name === 'string' && DEV_SERVER_NAME.test(pkg.name)) || texts.some((t) => typeof t === 'string' && DEV_SERVER_TEXT.test(t));
  } catch { return false; }
}

/**
 * A dev server's own middleware (a Vite plugin's `configureServer(server)` adding `server.middlewares.use(…)`, or
 * `configureServer: async ({ middlewares }) => { middlewares.use(…) }`; webpack-dev-server's `setupMiddlewares`): it
 * runs only while the developer serves the project locally, so what it answers goes to that developer's browser.
 */
const DEV_SERVER_MIDDLEWARE = /\bconfigure(?:Preview)?Server\s*(?:\(\s*[\w$]+\s*\)|:\s*(?:async\s*)?(?:function\s*)?\(\s*(?:[\w$]+|\{[\w$\s,:]*\})\s*\)|\(\s*\{[\w$\s,:]*\}\s*\))[^]*?\bmiddlewares\s*\.\s*use\s*\(|\bsetupMiddlewares\s*[:(]/;
export const devServerMiddleware = (text: string): boolean => DEV_SERVER_MIDDLEWARE.test(text);

/** The nearest manifest up from `path` through a reader (the project service). */
export function nearestFile(path: string, name: string, read: (rel: string) => string | undefined): string | undefined {
  const parts = path.split('/').slice(0, -1);
  for (let i = parts.length; i >= 0; i--) {
    const text = read([...parts.slice(0, i), name].join('/'));
    if (text !== undefined) return text;
  }
  return undefined;
}
