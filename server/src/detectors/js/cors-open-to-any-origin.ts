// Flags CORS left open to every origin (`app.use(cors())`, `origin: true`/`'*'`, the request's Origin echoed
// back) on an app that authenticates its users: assistants paste the quick start's `app.use(cors())` into
// every API. One low-confidence finding per app, at its first app-wide CORS middleware; none with credentials
// on (cors-wildcard-with-credentials reports those).
import { ts } from '../../core/ts';
import type { AsyncDetectorContext, Detector } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';
import { objectArg, originKind, propOf } from '../shared/cors-origins';
import { SIGNALS, calleeModule, jsAuthEvidence, manifestAuth, moduleNames, nearestFile } from '../shared/web-app-signals';

const CORS = new Set([...SIGNALS.cors.js, '@fastify/cors', 'fastify-cors']);
/** Frameworks whose call makes an app (`express()`, `new Koa()`, `fastify()`). */
const APP_MODULES = new Set(['express', 'koa', 'fastify']);

/** `express()`, `new Koa()`, `(0, _express.default)()`; not `express.Router()`. */
function isAppFactory(callee: ts.Expression, names: Map<string, string>): boolean {
  const inner = ts.isParenthesizedExpression(callee) ? callee.expression : callee;
  const last = ts.isBinaryExpression(inner) ? inner.right : inner;
  if (ts.isPropertyAccessExpression(last) && last.name.text !== 'default') return false;
  return APP_MODULES.has(calleeModule(callee, names) ?? '');
}

type Open = 'default-origin' | 'any-origin' | 'reflected-origin';

/** How open a CORS middleware call is, or undefined when it names origins, allows credentials or cannot be read. */
function openness(options: ts.Expression | undefined, sf: ts.SourceFile): Open | undefined {
  if (!options) return 'default-origin';
  const o = objectArg(options, sf);
  if (!o) return undefined;
  const credentials = propOf(o, 'credentials');
  if (credentials && credentials.kind !== ts.SyntaxKind.FalseKeyword) return undefined;
  const origin = propOf(o, 'origin');
  if (!origin) return 'default-origin';
  const kind = originKind(origin, sf);
  return kind === 'wildcard' ? 'any-origin' : kind === 'reflect' ? 'reflected-origin' : undefined;
}

const WHAT: Record<Open, string> = {
  'default-origin': 'CORS is open to every origin (no `origin` option, so `*`)',
  'any-origin': 'CORS is open to every origin (`origin: \'*\'`)',
  'reflected-origin': 'CORS echoes back whatever origin asks',
};

export const corsOpenToAnyOrigin: Detector = {
  id: 'cors-open-to-any-origin',
  meta: { ...RULE_META['cors-open-to-any-origin'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['cors'],
  async runAsync(ctx: AsyncDetectorContext) {
    const sf = ctx.js();
    if (!sf) return;
    const names = moduleNames(sf);
    if (![...names.values()].some((m) => CORS.has(m))) return;
    const apps = new Set<string>(['app']);
    let found: { call: ts.CallExpression; open: Open } | undefined;
    walkJsKinds(ctx, [ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.CallExpression], (node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer
        && (ts.isCallExpression(node.initializer) || ts.isNewExpression(node.initializer))
        && isAppFactory(node.initializer.expression, names)) apps.add(node.name.text);
      if (found || !ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const recv = node.expression.expression;
      if (!ts.isIdentifier(recv) || !apps.has(recv.text)) return;
      const method = node.expression.name.text;
      const args = [...node.arguments];
      if (method === 'use') {
        // App-wide (`app.use(cors())`, `app.use('/api', cors())`), not one route's own CORS.
        if (args[0] && ts.isStringLiteralLike(args[0])) args.shift();
        const mw = args[0];
        if (!mw || !ts.isCallExpression(mw) || !CORS.has(calleeModule(mw.expression, names) ?? '')) return;
        const open = openness(mw.arguments[0], sf);
        if (open) found = { call: mw, open };
      } else if (method === 'register' && args[0] && CORS.has(calleeModule(args[0], names) ?? '')) {
        // Fastify: `app.register(cors, { origin: true })`.
        const open = openness(args[1], sf);
        if (open) found = { call: node, open };
      }
    });
    if (!found) return;
    const inFile = jsAuthEvidence(sf, ctx.text, names);
    const project = ctx.services.project;
    const dep = inFile || !project ? undefined : manifestAuth(nearestFile(ctx.path, 'package.json', (p) => project.readFile(p)));
    const why = inFile ? `it uses ${inFile}` : dep ? `it depends on \`${dep}\`` : undefined;
    if (!why) return;
    const { call, open } = found;
    ctx.report({
      start: call.getStart(sf), end: call.end, kind: open, confidence: 'low',
      message: `${WHAT[open]} on an app that authenticates users (${why}), so any website can call this API from its visitors' browsers and read the answers; list the front-end origins that need it in \`origin\`.`,
    });
  },
};
