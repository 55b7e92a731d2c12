// The JS/TS side of unguarded-debug-endpoint: route registrations (`app.get(path, …handlers)`) whose
// handler sends the whole environment, a heap snapshot, Prometheus metrics or host details, and
// dashboard middleware (express-status-monitor, swagger-stats, express-actuator) mounted without a
// guard. What counts is data (rules/exposure/debug-endpoints.json); guards come from route-guards.ts.
import type { FileIR } from '../../analysis/ir';
import { callSites, envGuarded, shortText, type CallSite } from './ir-sites';
import { chainGuarded, guardedByEarlierUse, handlerChecks, handlerFunc, internalReceiver, listensOnDefaultLoopback } from './route-guards';
import { exposuresIn, isDebugPath, type DebugCandidate } from './debug-exposures';
import { FileValues, propOf } from '../common/secret-sink-values';
import data from '../../../../rules/exposure/debug-endpoints.json';

const METHODS = new Set(data.routeMethods);
const MIDDLEWARE = data.js.middleware as Array<{ callee: string; authOption?: string; what: string }>;

/** `setting`: a setting's project default (`config.api.host` → `'127.0.0.1'`), when the project can be read. */
export function jsDebugCandidates(lowered: FileIR, text: string, tick: () => void, setting?: (expr: string) => string | undefined): DebugCandidate[] {
  const values = new FileValues(lowered, text);
  const sites = callSites(lowered, tick);
  const out: DebugCandidate[] = [];
  const prom = text.includes('prom-client');
  sites.forEach((s, i) => {
    const { call } = s;
    const path = values.pathOf(call.callee);
    const mw = path ? MIDDLEWARE.find((m) => m.callee === path) : undefined;
    if (mw) return void middleware(s, sites, i, mw, values, text, out);
    if (call.callee.k !== 'member' || !METHODS.has(call.callee.prop ?? '')) return;
    const first = call.args[0];
    const route = first?.k === 'lit' && typeof first.value === 'string' ? first.value : undefined;
    if (route === undefined || call.args.length < 2) return;
    const fn = handlerFunc(lowered, call.args[call.args.length - 1]);
    if (!fn) return;
    const receiver = text.slice(call.callee.object.span.start, call.callee.object.span.end);
    const guarded = envGuarded(s.guards, text) || chainGuarded(call, call.args[call.args.length - 1], text) || internalReceiver(receiver, text)
      || guardedByEarlierUse(sites, i, receiver, text, route) || handlerChecks(fn, text);
    const mountedElsewhere = !createdHere(receiver, text);
    const defaultInternal = !guarded && !!setting && listensOnDefaultLoopback(receiver, text, setting);
    for (const c of exposuresIn(fn, 'js', values, text, isDebugPath(route), prom)) out.push({ ...c, route, guarded, mountedElsewhere, defaultInternal });
  });
  return out;
}

const APP_FACTORY = String.raw`(?:await\s+)?(?:express|fastify|Fastify|connect|polka|restify\s*\.\s*createServer|new\s+(?:Koa|Hono|Express))\s*\(`;

/** Whether the receiver is an app this file makes (`const app = express()`), so its guards are all in sight. */
function createdHere(receiver: string, text: string): boolean {
  const name = receiver.replace(/[.$]/g, (c) => `\\${c}`);
  return new RegExp(String.raw`(?:^|[^\w$.])${name}\s*=\s*${APP_FACTORY}`, 'm').test(text);
}

function middleware(s: CallSite, sites: readonly CallSite[], i: number, mw: (typeof MIDDLEWARE)[number], values: FileValues, text: string, out: DebugCandidate[]): void {
  const opts = values.resolve(s.call.args[0]);
  const auth = mw.authOption && opts?.k === 'object' ? propOf(opts, mw.authOption) : undefined;
  const authOn = !!auth && !(auth.k === 'lit' && (auth.value === false || auth.value === null));
  const parent = s.parent;
  const receiver = parent?.callee.k === 'member' ? text.slice(parent.callee.object.span.start, parent.callee.object.span.end) : '';
  const mount = parent?.args[0];
  const route = mount?.k === 'lit' && typeof mount.value === 'string' ? mount.value : '/';
  const guarded = authOn || envGuarded(s.guards, text) || (!!parent && chainGuarded(parent, s.call, text))
    || (!!receiver && (internalReceiver(receiver, text) || guardedByEarlierUse(sites, i, receiver, text, route)));
  out.push({ start: s.call.span.start, end: s.call.span.end, kind: 'dashboard', what: mw.what, text: shortText(text, s.call), guarded });
}
