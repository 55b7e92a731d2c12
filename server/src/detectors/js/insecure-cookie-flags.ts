// Flags session/auth cookies set without Secure/HttpOnly (`res.cookie('token', t)`, `cookies().set(...)`), explicit
// `secure: false` / `httpOnly: false` in cookie or express-session options — assistants add these for local HTTP —
// and express-session / cookie-session left at their insecure default (no `secure`), as every README example is.
import { ts } from '../../core/ts';
import type { Detector, DetectorContext, Fix } from '../../core/types';
import { JS_LIKE } from '../../core/languages';
import { SKIP_CHILDREN, walkJsKinds } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';
import { sessionDefaults } from '../shared/session-defaults';

const SENSITIVE = /sess|sid$|token|auth|jwt|login|remember|refresh|access|csrf|xsrf|credential|identity/i;
/** Where to go next, not who you are (saltcorn's `login_dest`, `returnTo`, `auth_redirect`). */
const NAVIGATION = /(?:dest|destination|redirect|return|returnto|return_to|next|url|path|target|referr?er|origin)$/i;
const FLAGS = ['secure', 'httpOnly'] as const;

function keyOf(n: ts.Node): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteralLike(n) ? n.text : undefined;
}

/** An empty value: `''`, `null` or `undefined` (how a cookie is cleared). */
const isEmpty = (e: ts.Expression | undefined): boolean =>
  !!e && ((ts.isStringLiteralLike(e) && e.text === '') || e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined'));

function nameOf(e: ts.Expression | undefined, sf: ts.SourceFile): string {
  if (!e) return '';
  if (ts.isStringLiteralLike(e)) return e.text;
  return e.getText(sf).split(/[.\s]/).pop() ?? '';
}

export const insecureCookieFlags: Detector = {
  id: 'insecure-cookie-flags',
  meta: { ...RULE_META['insecure-cookie-flags'], needs: ['js', 'js-nodes'] },
  languages: JS_LIKE,
  keywords: ['cookie', 'express-session'],
  run(ctx: DetectorContext) {
    const sf = ctx.js();
    if (!sf) return;
    /**
     * Reports explicit `secure: false` / `httpOnly: false` when `explicit`; returns the flags the object
     * leaves unset. A double-submit CSRF cookie (`XSRF-TOKEN`) is read by the page's script by design:
     * only `secure` counts for it.
     */
    const checkOptions = (obj: ts.ObjectLiteralExpression, explicit: boolean, readByScript = false): string[] => {
      const set = new Set<string>();
      for (const p of obj.properties) {
        if (ts.isSpreadAssignment(p)) return [];
        const k = ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? keyOf(p.name) : undefined;
        const flag = FLAGS.find((f) => f.toLowerCase() === k?.toLowerCase());
        if (!flag || (readByScript && flag === 'httpOnly')) continue;
        set.add(flag);
        if (explicit && ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.FalseKeyword) {
          const fix: Fix = { title: `Vouch: Set ${k} to true`, edits: [{ start: p.initializer.getStart(sf), end: p.initializer.end, newText: 'true' }] };
          ctx.report({
            start: p.getStart(sf), end: p.end, fix, confidence: 'high',
            message: flag === 'secure'
              ? 'This cookie is sent over plain HTTP (`secure: false`), so a network attacker can steal the session; make it env-driven or true.'
              : 'This cookie is readable from JavaScript (`httpOnly: false`), so any XSS can steal the session.',
          });
        }
      }
      return FLAGS.filter((f) => !set.has(f) && !(readByScript && f === 'httpOnly'));
    };
    const session = sessionDefaults(sf, ctx.text);
    // A `setCookie` declared in this file is the project's own helper (budibase's `setCookie(ctx, value, name, opts)`,
    // which derives `secure` from the connection): the cookie call in its body is what counts, not its callers.
    const ownSetCookie = /\bfunction\s+setCookie\s*\(|\b(?:const|let|var)\s+setCookie\s*=/.test(ctx.text);
    walkJsKinds(ctx, [ts.SyntaxKind.CallExpression, ts.SyntaxKind.PropertyAssignment], (node) => {
      if (ts.isCallExpression(node)) {
        const unset = session(node);
        if (unset) {
          ctx.report({
            start: node.getStart(sf), end: node.end, kind: 'session-defaults', confidence: unset.confidence,
            message: `This ${unset.module} session leaves ${unset.missing.map((m) => `\`${m}\``).join(' and ')} unset, so the session cookie also travels over plain HTTP, where it can be captured; set \`secure: true\` (or from the environment) and \`sameSite: 'lax'\`.`,
          });
        }
        const callee = node.expression;
        const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
        // js-cookie's `Cookies.set` runs in the browser, where HttpOnly cannot be set.
        // Next.js' `request.cookies.set(name, value)` (or `reqCookies`) edits the request a middleware passes on: no Set-Cookie.
        const onCookies = ts.isPropertyAccessExpression(callee) && /cookies?(\(\))?$/i.test(callee.expression.getText(sf)) && !/^(Cookies|Cookie|jsCookie)$/.test(callee.expression.getText(sf))
          && !/(?:^|\.)(?:req|request|nextRequest)(?:\.cookies|Cookies)$/i.test(callee.expression.getText(sf));
        // jquery-cookie's `$.cookie(name, value, opts)` runs in the browser too: only `secure` can be set there.
        const inBrowser = ts.isPropertyAccessExpression(callee) && /^(?:\$|jQuery)$/.test(callee.expression.getText(sf));
        // res.cookie(name, value, opts) · cookies().set(name, value, opts) · response.setCookie(name, value, opts) (Foal)
        // · setCookie(event, name, value, opts) (h3, Hono: the function takes the request context first)
        let idx = -1;
        if (method === 'cookie' && ts.isPropertyAccessExpression(callee)) idx = 0;
        else if (method === 'set' && onCookies) idx = 0;
        else if (method === 'setCookie' && ts.isPropertyAccessExpression(callee) && /^(?:res|response|reply|ctx\.response|this\.response)$/.test(callee.expression.getText(sf))) idx = 0;
        else if (method === 'setCookie' && ts.isIdentifier(callee) && node.arguments.length >= 3 && !ownSetCookie) {
          const [a, b] = node.arguments;
          // Three arguments: (name, value, opts), unless the name is the second one (`setCookie(event, 'sid', v)`).
          idx = node.arguments.length > 3 || (!ts.isStringLiteralLike(a) && ts.isStringLiteralLike(b)) ? 1 : 0;
        }
        if (idx >= 0 && node.arguments.length >= idx + 2) {
          const name = nameOf(node.arguments[idx], sf);
          const value = nameOf(node.arguments[idx + 1], sf);
          const opts = node.arguments[idx + 2];
          // A cookie set to '' (or null) is being cleared, at logout: there is nothing in it to leak.
          const cleared = isEmpty(node.arguments[idx + 1]);
          const sensitive = !cleared && !NAVIGATION.test(name) && (SENSITIVE.test(name) || SENSITIVE.test(value));
          const csrf = /xsrf|csrf/i.test(name);
          if (opts && ts.isObjectLiteralExpression(opts)) {
            const missing = checkOptions(opts, sensitive, csrf || inBrowser);
            if (sensitive && missing.length) {
              ctx.report({ start: node.getStart(sf), end: node.end, message: `The session cookie \`${name}\` is set without ${missing.join(' and ')}, so it can leak over HTTP${missing.includes('httpOnly') ? ' or to injected scripts' : ''}.` });
            }
            return SKIP_CHILDREN;
          }
          if (!opts && sensitive) {
            ctx.report({
              start: node.getStart(sf), end: node.end,
              message: csrf || inBrowser
                ? `The ${csrf ? 'CSRF' : 'script-set'} cookie \`${name}\` is set without \`secure\`, so it also travels over plain HTTP, where it can be captured; set \`secure: true\` (it stays readable by your script).`
                : `The session cookie \`${name}\` is set without options, so it lacks Secure and HttpOnly and can leak over HTTP or to injected scripts.`,
            });
          }
        }
      } else if (ts.isPropertyAssignment(node) && /^(cookie|cookieOptions|cookies)$/i.test(keyOf(node.name) ?? '') && ts.isObjectLiteralExpression(node.initializer)) {
        // express-session / cookie-session / next-auth options: only explicit false flags are findings. Options
        // that name their own cookie (jQuery UI Layout's state cookie, `name: ''`) count only for a session name.
        const own = node.initializer.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && keyOf(p.name) === 'name');
        if (own && ts.isStringLiteralLike(own.initializer) && !SENSITIVE.test(own.initializer.text)) return;
        checkOptions(node.initializer, true);
      }
    });
  },
};
