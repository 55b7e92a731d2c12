// The Python side of unguarded-debug-endpoint: Flask/FastAPI routes and Django views that answer with
// `os.environ`, `globals()` or the app config, a heap snapshot or Prometheus metrics; Werkzeug's
// `DebuggedApplication(app, evalex=True)` (a Python console for anyone); Django Debug Toolbar forced on
// for every request (`SHOW_TOOLBAR_CALLBACK: lambda r: True`). Guards come from route-guards.ts.
import type { Expr, FileIR, Func, Stmt } from '../../analysis/ir';
import { callSites, envGuarded, shortText, type CallSite } from './ir-sites';
import { handlerChecks, namesGuard, pyDecoratedGuard } from './route-guards';
import { exposuresIn, isDebugPath, type DebugCandidate } from './debug-exposures';
import { FileValues, kwargOf, propOf } from '../common/secret-sink-values';
import data from '../../../../rules/exposure/debug-endpoints.json';

const ROUTE_DECORATORS = new Set(data.pythonRouteDecorators);
const DEBUGGER = data.python.debugger;
const TOOLBAR = data.python.toolbar;
/** Settings files that only ever run in development. */
const DEV_FILE = /(^|[/_.-])(dev|develop|development|local|test|tests|testing|debug)(\.py$|[/_.-])/i;

/** Functions and settings defined under an environment/DEBUG check (`if settings.DEBUG:`), anywhere in the module. */
function guardedDefs(top: readonly Stmt[], text: string): Set<Stmt | Func> {
  const out = new Set<Stmt | Func>();
  const walk = (stmts: readonly Stmt[], guarded: boolean): void => stmts.forEach((s) => {
    if (s.k === 'if') { const g = guarded || envGuarded([s.test], text); walk(s.then, g); walk(s.else, g); }
    else if (s.k === 'try') { walk(s.body, guarded); walk(s.handler, guarded); }
    else if (s.k === 'block') walk(s.body, guarded);
    else if (guarded) out.add(s.k === 'func' ? s.fn : s);
    if (s.k === 'func' && s.fn.owner) walk(s.fn.body, guarded);
  });
  walk(top, false);
  return out;
}

/** A route's path from its decorator (`@app.route('/debug')`, `@router.get('/metrics')`), '' for a Django view, undefined otherwise. */
function routeOf(fn: Func): string | undefined {
  for (const d of fn.decorators) {
    if (d.k === 'call' && d.callee.k === 'member' && ROUTE_DECORATORS.has(d.callee.prop ?? '')) {
      const a = d.args[0];
      return a?.k === 'lit' && typeof a.value === 'string' ? a.value : '';
    }
  }
  const request = fn.params.findIndex((p) => p.name === 'request');
  return request === 0 || (request === 1 && fn.owner) ? '' : undefined;
}

const isTrue = (e: Expr | undefined) => e?.k === 'lit' && e.value === true;

/**
 * A helper of the file whose every call sits under an environment/DEBUG check (MapProxy's `if debug: app =
 * wrap_wsgi_debug(app, conf)`): the debugger it adds is switched on by that check.
 */
function calledOnlyGuarded(fn: Func, sites: readonly CallSite[], text: string, guardedAt: Set<Stmt | Func>): boolean {
  if (!fn.name) return false;
  const calls = sites.filter((x) => x.call.callee.k === 'name' && x.call.callee.name === fn.name);
  return calls.length > 0 && calls.every((x) => envGuarded(x.guards, text) || guardedAt.has(x.fn));
}

export function pythonDebugCandidates(lowered: FileIR, text: string, path: string, tick: () => void): DebugCandidate[] {
  const values = new FileValues(lowered, text);
  const guardedAt = guardedDefs(lowered.top.body, text);
  const out: DebugCandidate[] = [];
  for (const fn of lowered.funcs) {
    tick();
    const route = routeOf(fn);
    if (route === undefined) continue;
    const debugPath = route ? isDebugPath(route) : isDebugPath(fn.name ?? '') || /debug|metrics|heap|env/i.test(fn.name ?? '');
    const guarded = guardedAt.has(fn) || pyDecoratedGuard(fn, text) || handlerChecks(fn, text)
      || (!!fn.owner && fn.owner.bases.some((b) => namesGuard(b)));
    for (const c of exposuresIn(fn, 'python', values, text, debugPath, false)) out.push({ ...c, route: route || undefined, guarded });
  }
  const sites = callSites(lowered, tick);
  for (const s of sites) {
    const callee = values.pathOf(s.call.callee) ?? '';
    const spec = DEBUGGER.find((d) => d.callee === callee);
    if (!spec) continue;
    const kw = kwargOf(s.call.kwargs, spec.kwarg);
    const on = kw ?? s.call.args[spec.index];
    if (!isTrue(on)) continue;
    const start = kw ? text.lastIndexOf(spec.kwarg, on!.span.start) : on!.span.start;
    out.push({ start, end: on!.span.end, kind: 'debugger', what: "Werkzeug's interactive debugger (a Python console in the browser)", text: shortText(text, s.call), guarded: envGuarded(s.guards, text) || calledOnlyGuarded(s.fn, sites, text, guardedAt) });
  }
  if (!DEV_FILE.test(path)) {
    for (const s of lowered.top.body) {
      if (s.k !== 'let' || s.target.k !== 'bind' || s.target.binding.name !== TOOLBAR.setting || s.value?.k !== 'object') continue;
      const cb = propOf(s.value, TOOLBAR.key);
      const body = cb?.k === 'func' ? cb.fn.body : undefined;
      if (!cb || !body || body.length !== 1 || body[0].k !== 'return' || !isTrue(body[0].value ?? undefined)) continue;
      out.push({ start: cb.span.start, end: cb.span.end, kind: 'toolbar', what: 'Django Debug Toolbar (settings, SQL, headers) for every request', text: shortText(text, cb), guarded: guardedAt.has(s) });
    }
  }
  return out;
}
