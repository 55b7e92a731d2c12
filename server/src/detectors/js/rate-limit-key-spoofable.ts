// Flags rate limits a client escapes by sending a header: a key read from `X-Forwarded-For` (its first entry
// is whatever the client wrote) or from `X-Real-IP`-style headers with no proxy declared, and `req.ip` keys
// while `trust proxy` is `true` (every hop trusted). Assistants copy `req.headers['x-forwarded-for'] || req.ip`.
import { ts } from '../../core/ts';
import type { Detector, DetectorContext } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';
import { objectArg, propOf } from '../shared/cors-origins';
import { SIGNALS, calleeModule, clientIpHeader, moduleNames } from '../shared/web-app-signals';

const LIMITERS = new Set(SIGNALS.rateLimit.js.packages);
const KEY_OPTIONS = SIGNALS.rateLimit.js.keyOptions;
/** Limiters whose default key is the client address as the framework reports it (`req.ip`, `ctx.ip`). */
const IP_BY_DEFAULT = new Set(['express-rate-limit', 'express-slow-down', '@fastify/rate-limit', 'koa-ratelimit']);
/** The last entry of a forwarded list is the one the nearest proxy wrote. */
const TAKES_LAST = /\.pop\(\)|\.at\(\s*-\s*1\s*\)|length\s*-\s*1\s*\]|\.slice\(\s*-\s*1\s*\)/;
/** A key that is the framework's client address, first: `req => req.ip`, `(req: Request) => req.ip || req.socket.remoteAddress`. */
const IP_FIRST = /^(?:\(?[\w:,<>]+\)?(?::\w+)?=>)?\{?(?:return)?(?:req|request|ctx|c)\.(?:ip|request\.ip)\b/;
const isTrue = (e: ts.Expression | undefined) => !!e && (e.kind === ts.SyntaxKind.TrueKeyword || (ts.isStringLiteralLike(e) && e.text === 'true'));

/** The function a key option names: inline, or a function / `const f = () => …` of this file. */
function functionOf(e: ts.Expression, sf: ts.SourceFile): ts.Node | undefined {
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionDeclaration(n) && n.name?.text === e.text) found = n;
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === e.text && n.initializer
      && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) found = n.initializer;
    if (!found) ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

export const rateLimitKeySpoofable: Detector = {
  id: 'rate-limit-key-spoofable',
  meta: { ...RULE_META['rate-limit-key-spoofable'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['keygenerator', 'ratelimit', 'rate-limit', 'ratelimiter', 'slowdown', 'slow-down'],
  run(ctx: DetectorContext) {
    const sf = ctx.js();
    if (!sf) return;
    const names = moduleNames(sf);
    const keyFns = new Set<ts.Node>();
    const keyArgs: ts.Expression[] = [];
    let ipKey = false;
    let proxyDeclared = false;
    let trustAll: ts.Node | undefined;
    const limiterOptions = (mod: string, options: ts.Expression | undefined) => {
      const o = objectArg(options, sf);
      const key = o && KEY_OPTIONS.map((k) => propOf(o, k)).find((v) => v);
      if (!key) { if (IP_BY_DEFAULT.has(mod)) ipKey = true; return; }
      if (IP_FIRST.test(key.getText(sf).replace(/\s/g, ''))) ipKey = true;
      const fn = functionOf(key, sf);
      if (fn) keyFns.add(fn);
    };
    walkJsKinds(ctx, [ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression], (node) => {
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
        // Any `keyGenerator`, whatever builds the limiter; `trustProxy: true` (Fastify), `proxy: true` (Koa).
        if (node.name.text === 'keyGenerator') { const fn = functionOf(node.initializer, sf); if (fn) keyFns.add(fn); }
        if (node.name.text === 'trustProxy' || (node.name.text === 'proxy' && ts.isNewExpression(node.parent.parent))) {
          proxyDeclared = true;
          if (isTrue(node.initializer)) trustAll ??= node;
        }
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
        && ts.isPropertyAccessExpression(node.left) && node.left.name.text === 'proxy' && ts.isIdentifier(node.left.expression)) {
        proxyDeclared = true;
        if (isTrue(node.right)) trustAll ??= node;
      } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const args = node.arguments ? [...node.arguments] : [];
        const callee = node.expression;
        const mod = calleeModule(callee, names);
        if (mod && LIMITERS.has(mod) && !(ts.isPropertyAccessExpression(callee) && callee.name.text === 'consume')) limiterOptions(mod, args[0]);
        if (!ts.isPropertyAccessExpression(callee)) return;
        const method = callee.name.text;
        const setting = args[0] && ts.isStringLiteralLike(args[0]) ? args[0].text : undefined;
        if (setting === 'trust proxy' && (method === 'set' || method === 'enable')) {
          proxyDeclared = true;
          if (method === 'enable' || isTrue(args[1])) trustAll ??= node;
        } else if (method === 'register' && args[0]) {
          const plugin = calleeModule(args[0], names);
          if (plugin && LIMITERS.has(plugin)) limiterOptions(plugin, args[1]);
        } else if ((method === 'consume' || method === 'penalty') && /limit/i.test(callee.expression.getText(sf)) && args[0]) {
          // rate-limiter-flexible: `limiter.consume(key)`.
          if (/^(?:req|request|ctx|c)\.ip$/.test(args[0].getText(sf))) ipKey = true;
          keyArgs.push(args[0]);
        }
      }
    });
    const reported = new Set<number>();
    const report = (read: ts.Node, header: string, appended: boolean) => {
      if (reported.has(read.pos)) return;
      reported.add(read.pos);
      ctx.report({
        start: read.getStart(sf), end: read.end, kind: appended ? 'forwarded-header' : 'proxy-header', confidence: 'medium',
        message: appended
          ? `The rate limit is keyed on \`${header}\`, whose first entry is whatever the client sends, so an attacker gets a fresh budget on every request; key on \`req.ip\` with \`trust proxy\` set to your proxy count.`
          : `The rate limit is keyed on \`${header}\` while this app declares no proxy that sets it, so a client sending the header gets a fresh budget on every request; key on \`req.ip\` and set \`trust proxy\` for your proxy.`,
      });
    };
    const scan = (root: ts.Node, depth = 0) => {
      if (TAKES_LAST.test(root.getText(sf))) return;
      const visit = (n: ts.Node): void => {
        const h = clientIpHeader(n, sf);
        if (h && (h.appended || !proxyDeclared)) return report(n, h.header, h.appended);
        // One level into the file's own helpers: `keyGenerator: (req) => getClientIp(req)`.
        if (depth === 0 && ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
          const helper = functionOf(n.expression, sf);
          if (helper && helper !== root) scan(helper, 1);
        }
        ts.forEachChild(n, visit);
      };
      visit(root);
    };
    for (const fn of keyFns) scan(fn);
    for (const arg of keyArgs) {
      // `const ip = req.headers['x-forwarded-for'] || req.ip; await limiter.consume(ip)`.
      let root: ts.Node = arg;
      if (ts.isIdentifier(arg)) {
        const fn = ts.findAncestor(arg, ts.isFunctionLike);
        const decl = fn && findDeclaration(fn, arg.text);
        if (!decl) continue;
        root = decl;
      }
      scan(root);
    }
    if (trustAll && ipKey) {
      ctx.report({
        start: trustAll.getStart(sf), end: trustAll.end, kind: 'trust-every-proxy', confidence: 'medium',
        message: 'Trusting every proxy makes the client address the first `X-Forwarded-For` entry, which the client writes, so the rate limit keyed on it is bypassed by changing a header; trust only your proxies (a hop count or their addresses).',
      });
    }
  },
};

/** The initializer of `const name = …` inside a function. */
function findDeclaration(fn: ts.Node, name: string): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) found = n.initializer;
    if (!found) ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}
