// What guards a route or a mounted folder, read from the IR: an auth middleware in the same
// registration (`app.get('/metrics', requireAdmin, h)`, `app.use('/logs', basicAuth(...), static)`),
// an app-level auth `use` on the same router earlier in the function, an app or router named as
// internal (`metricsApp`, `adminRouter`) or listening on localhost only, a check of a header, token,
// session or user in the handler, and Python decorators (`@login_required`, `Depends(verify_token)`).
import type { Expr, FileIR, Func, Stmt } from '../../analysis/ir';
import type { Call, CallSite } from './ir-sites';
import { wordsOf } from './ir-sites';
import data from '../../../../rules/exposure/debug-endpoints.json';

const GUARD_WORDS = new Set(data.guardWords);
const INTERNAL_APPS = new Set(data.internalApps);
/** Middleware that reads a token or session without refusing anyone (express-bearer-token, cookie-parser). */
const NOT_GUARDS = new Set(data.notGuards);
/** Words of a FastAPI dependency that resolves the caller (`get_current_user`, `api_key_header`). */
const USER_WORDS = new Set(data.fastapiUserWords);
/** A check in a handler that decides who gets the answer. */
const HANDLER_CHECK = /\b(?:headers?|get_header|authorization|Authorization|token|session|user|current_user|apiKey|api_key|x-api-key|secret|auth\w*|ip|remoteAddress|remote_addr|REMOTE_ADDR|is_authenticated|isAuthenticated|is_staff|is_superuser|password|key)\b/;

/** Whether a text names a guard: one of its identifier words is a guard word (`requireAdmin`, `basicAuth`, `login_required`). */
export function namesGuard(text: string): boolean {
  const open = text.indexOf('(');
  const name = (open >= 0 ? text.slice(0, open) : text).slice(0, 200).trim();
  return !NOT_GUARDS.has(name.split('.').pop() ?? name) && wordsOf(name).some((w) => GUARD_WORDS.has(w));
}

/** Middleware of a registration other than `except` (the route path and the served thing): does one name a guard? */
export function chainGuarded(registration: Call, except: Expr, text: string): boolean {
  return registration.args.some((a) => a !== except && a.k !== 'lit' && a.k !== 'func' && a.k !== 'concat' && namesGuard(text.slice(a.span.start, a.span.end)));
}

/** Whether the receiver of a registration is an internal app or router (by name, or listening on localhost only). */
export function internalReceiver(receiver: string, text: string): boolean {
  if (wordsOf(receiver).some((w) => INTERNAL_APPS.has(w))) return true;
  const escaped = receiver.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b${escaped}\\s*\\.\\s*listen\\s*\\([^)]*['"](?:127\\.0\\.0\\.1|localhost|::1)['"]`).test(text);
}

/**
 * Whether the receiver listens on a host a setting names (`server.listen(config.api.port, config.api.host)`) whose
 * project default, read through `setting`, is a loopback address (zone-mta's internal API: `host: '127.0.0.1'` in
 * `config/default.js`). Only the default: a deployment may override it.
 */
export function listensOnDefaultLoopback(receiver: string, text: string, setting: (expr: string) => string | undefined): boolean {
  const escaped = receiver.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\b${escaped}\\s*\\.\\s*listen\\s*\\(\\s*[^,()]+,\\s*([\\w$.]+)\\s*[,)]`).exec(text);
  return !!m && /^(?:127\.0\.0\.1|localhost|::1)$/.test(setting(m[1]) ?? '');
}

/** Whether a `use` mounted at `mount` runs for `route` (Express: the path and everything under it). */
function mountCovers(mount: string, route: string | undefined): boolean {
  const base = mount.replace(/\/+$/, '');
  return !base || (route !== undefined && (route === base || route.startsWith(`${base}/`)));
}

/**
 * An earlier `router.use(auth)` in the same function on the same receiver; one mounted at a path
 * (`app.use('/api/orders', requireAuth, …)`) guards only `route`s under that path.
 */
export function guardedByEarlierUse(sites: readonly CallSite[], index: number, receiver: string, text: string, route?: string): boolean {
  const here = sites[index];
  for (let i = index - 1; i >= 0; i--) {
    const s = sites[i];
    if (s.fn !== here.fn || s.call.callee.k !== 'member' || s.call.callee.prop !== 'use') continue;
    const r = s.call.callee.object;
    if (text.slice(r.span.start, r.span.end) !== receiver) continue;
    const [first, ...rest] = s.call.args;
    const mounted = first?.k === 'lit' && typeof first.value === 'string';
    // A mount path that is not a literal (a variable, a pattern) may not cover the route.
    if (first && first.k !== 'lit' && first.k !== 'func' && /^\s*[[\/'"`]/.test(text.slice(first.span.start, first.span.end))) continue;
    if (mounted && !mountCovers(first.value as string, route)) continue;
    if ((mounted ? rest : s.call.args).some((a) => a.k !== 'lit' && namesGuard(text.slice(a.span.start, a.span.end)))) return true;
  }
  return false;
}

/** A handler that checks a header, token, session or user (or the environment) in an `if` before answering. */
export function handlerChecks(fn: Func, text: string): boolean {
  const visit = (stmts: readonly Stmt[]): boolean => stmts.some((s) => {
    if (s.k === 'if') return HANDLER_CHECK.test(text.slice(s.test.span.start, s.test.span.end)) || visit(s.then) || visit(s.else);
    if (s.k === 'try') return visit(s.body);
    if (s.k === 'block') return visit(s.body);
    // `assert request.user.is_staff`, `abort_unless_admin(request)`: a call that names a guard, as a statement.
    if (s.k === 'expr' && s.expr.k === 'call') return namesGuard(text.slice(s.expr.callee.span.start, s.expr.callee.span.end));
    return false;
  });
  return visit(fn.body);
}

/** Python: a decorator that names a guard (`@login_required`, `@auth.login_required`, `@jwt_required()`), or a `Depends(verify_token)` default. */
export function pyDecoratedGuard(fn: Func, text: string): boolean {
  if (fn.decorators.some((d) => namesGuard(text.slice(d.span.start, d.span.end)) && !/\.(?:route|get|post|api_route)\s*\(/.test(text.slice(d.span.start, d.span.end)))) return true;
  // `Depends(get_current_user)`, `Security(api_key_header)`: a dependency that resolves who is asking.
  return fn.params.some((p) => {
    if (!p.dflt || p.dflt.k !== 'call' || !/^(?:fastapi\.)?(?:Depends|Security)$/.test(text.slice(p.dflt.callee.span.start, p.dflt.callee.span.end))) return false;
    const dep = p.dflt.args[0] ? text.slice(p.dflt.args[0].span.start, p.dflt.args[0].span.end) : '';
    return namesGuard(dep) || wordsOf(dep).some((w) => USER_WORDS.has(w));
  });
}

/** The function a handler expression stands for: an inline function, or a function declared in the file. */
export function handlerFunc(lowered: FileIR, e: Expr | undefined): Func | undefined {
  if (!e) return undefined;
  if (e.k === 'func') return e.fn;
  if (e.k === 'name' && e.binding) return lowered.funcs.find((f) => f.binding === e.binding);
  return undefined;
}
