// What a route handler hands out that a debug or metrics endpoint should not give to everyone, in
// either language: the whole environment or globals in the response (`res.json(process.env)`,
// `jsonify(dict(os.environ))`), a heap snapshot, Prometheus metrics, host details on a debug path.
// The lists are data (rules/exposure/debug-endpoints.json).
import type { Expr, Func, Stmt } from '../../analysis/ir';
import { callsOf } from '../../analysis/walk';
import type { FileValues } from '../common/secret-sink-values';
import data from '../../../../rules/exposure/debug-endpoints.json';

export type DebugKind = 'env' | 'heap' | 'metrics' | 'system' | 'dashboard' | 'debugger' | 'toolbar';

export interface DebugCandidate {
  start: number;
  end: number;
  kind: DebugKind;
  /** What goes out, for the message: "the whole environment", "a heap snapshot". */
  what: string;
  /** The expression as written (short). */
  text: string;
  route?: string;
  /** An auth middleware, handler check, internal app or environment check guards it. */
  guarded: boolean;
  /** Registered on an app or router this file does not create (`this.app`, `express.Router()`): guards may sit where it is mounted. */
  mountedElsewhere?: boolean;
  /** Served by an app that listens, by the project's default config, on a loopback address only (a deployment may override it). */
  defaultInternal?: boolean;
}

const DEBUG_PATHS = new Set(data.debugPaths);
/** Response calls by their last name: `res.json`, `reply.send`, `jsonify`, `JSONResponse`, `new Response`. */
const RESPONSE = /^(?:json|jsonp|send|end|write|jsonify|JSONResponse|JsonResponse|HttpResponse|PlainTextResponse|make_response|Response)$/;
/** A Prometheus registry by its name (`register`, `promRegistry`), when the file imports it from a module of its own. */
const REGISTRY = /(?:^|\.)(?:register|\w*[rR]egistry)\s*\.\s*\w+$/;
/** Template renderers: the context is for the template to read from, not an answer by itself. */
const TEMPLATE = /^(?:render|render_template|render_to_string|render_to_response|TemplateResponse)$/;
const COPY = new Set(['copy', 'items', 'entries', 'keys', 'toJSON', 'to_dict']);
const WHAT: Record<string, string> = { 'process.env': 'the whole environment (every secret in it)', 'os.environ': 'the whole environment (every secret in it)', globals: 'the module globals', 'app.config': 'the whole app configuration (SECRET_KEY included)', 'current_app.config': 'the whole app configuration (SECRET_KEY included)' };

/** `/metrics`, `/debug/vars`, `/admin/debug`, `/actuator/env`: a segment (or the whole path) is a debug path. */
export function isDebugPath(route: string): boolean {
  const p = route.toLowerCase().replace(/^\^|\$$/g, '').replace(/^\/+|\/+$/g, '');
  return DEBUG_PATHS.has(p) || p.split('/').some((seg) => DEBUG_PATHS.has(seg.replace(/^[_-]+|[_-]+$/g, '')) || DEBUG_PATHS.has(seg));
}

const last = (e: Expr): string => (e.k === 'member' ? e.prop ?? '' : e.k === 'name' ? e.name : '');

/** The expressions a handler answers with: response call arguments, `ctx.body = …`, returned values (Python views, Next/Hono). */
function responseExprs(fn: Func, lang: 'js' | 'python'): Expr[] {
  const out: Expr[] = [];
  callsOf(fn).forEach((e) => {
    if (RESPONSE.test(last(e.callee))) out.push(...e.args, ...e.kwargs.map((k) => k.value));
  });
  const stmts = (list: readonly Stmt[]): void => list.forEach((s) => {
    // A JS handler's return value is not its answer (the calls above are); a Python view's is.
    if (s.k === 'return' && s.value && lang === 'python') out.push(s.value);
    else if (s.k === 'let' && s.target.k === 'member' && s.target.target.k === 'member' && s.target.target.prop === 'body' && s.value) out.push(s.value);
    else if (s.k === 'if') { stmts(s.then); stmts(s.else); } else if (s.k === 'try') { stmts(s.body); stmts(s.handler); } else if (s.k === 'block') stmts(s.body);
  });
  stmts(fn.body);
  return out;
}

/** Whole-object values inside an answer: `process.env` itself, not `process.env.PORT`; `globals()`; `os.environ.copy()`. */
function wholeIn(e: Expr, whole: ReadonlySet<string>, text: string, hit: (e: Expr, name: string) => void): void {
  const t = (x: Expr) => text.slice(x.span.start, x.span.end).replace(/\s+/g, '');
  const visit = (x: Expr | null | undefined): void => {
    if (!x) return;
    switch (x.k) {
      case 'member':
        if (whole.has(t(x))) return hit(x, t(x));
        // An element of what a comprehension iterates (`{k: v for k, v in app.config.items()}`).
        return x.prop === null && !x.key ? visit(x.object) : visit(x.key);
      case 'call':
        if (TEMPLATE.test(last(x.callee))) return;
        if (x.callee.k === 'name' && !x.callee.binding && whole.has(x.callee.name) && !x.args.length) return hit(x, x.callee.name);
        if (x.callee.k === 'member' && COPY.has(x.callee.prop ?? '')) {
          if (whole.has(t(x.callee.object))) return hit(x, t(x.callee.object));
          visit(x.callee.object); // `globals().items()`
        }
        x.args.forEach(visit); x.kwargs.forEach((k) => visit(k.value)); return;
      case 'assign': return visit(x.value);
      case 'object': return x.props.forEach((p) => visit(p.value));
      case 'array': return x.items.forEach(visit);
      case 'spread': return visit(x.expr);
      case 'cond': return x.options.forEach(visit);
      case 'concat': case 'seq': case 'other': return x.parts.forEach(visit);
    }
  };
  visit(e);
}

/** Snapshots written to the server's disk (`v8.writeHeapSnapshot`, `heapdump.writeSnapshot`)… */
const TO_FILE = /\.write(?:Heap)?Snapshot$/;
/** …go out only when the handler (or its callback) sends a file: `res.download`, `sendFile`, a read stream. */
const SENDS_FILE = /\b(?:download|sendFile|sendfile|attachment|createReadStream|readFile(?:Sync)?)\s*\(/;

/** The exposures in one handler: whole objects answered, heap/metrics calls anywhere, host details on a debug path. */
export function exposuresIn(fn: Func, lang: 'js' | 'python', values: FileValues, text: string, debugPath: boolean, metricsByName: boolean): Omit<DebugCandidate, 'guarded'>[] {
  const spec = lang === 'js' ? data.js : data.python;
  const out: Omit<DebugCandidate, 'guarded'>[] = [];
  const short = (e: Expr) => text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ').slice(0, 50);
  const whole = new Set(spec.whole);
  const system = new Set(debugPath ? spec.wholeSystem : []);
  for (const r of responseExprs(fn, lang)) {
    wholeIn(r, whole, text, (e, name) => out.push({ start: e.span.start, end: e.span.end, kind: 'env', what: WHAT[name] ?? `all of \`${name}\``, text: short(e) }));
    if (system.size) wholeIn(r, system, text, (e, name) => out.push({ start: e.span.start, end: e.span.end, kind: 'system', what: `runtime details (\`${name}\`)`, text: short(e) }));
  }
  callsOf(fn).forEach((e) => {
    const path = values.pathOf(e.callee) ?? '';
    const prop = e.callee.k === 'member' ? e.callee.prop : undefined;
    // Written to the server's temp folder and answered "snapshot written": nothing is handed out (unleash's /heap-snapshot).
    if (spec.calls.heap.includes(path) && TO_FILE.test(path) && !SENDS_FILE.test(text.slice(fn.span.start, fn.span.end))) return;
    if (spec.calls.heap.includes(path)) out.push({ start: e.span.start, end: e.span.end, kind: 'heap', what: 'a heap snapshot (every secret and session in memory)', text: short(e) });
    else if (spec.calls.metrics.includes(path) || ((prop === 'metrics' || prop === 'getMetricsAsJSON') && (metricsByName || REGISTRY.test(text.slice(e.callee.span.start, e.callee.span.end))))) {
      out.push({ start: e.span.start, end: e.span.end, kind: 'metrics', what: 'Prometheus metrics (routes, versions, load)', text: short(e) });
    } else if (debugPath && spec.calls.system.includes(path)) out.push({ start: e.span.start, end: e.span.end, kind: 'system', what: 'host details (user, network, memory)', text: short(e) });
  });
  // One finding per handler and kind (the first); host details only when nothing worse goes out.
  const worse = out.some((c) => c.kind !== 'system');
  return out.filter((c, i) => out.findIndex((o) => o.kind === c.kind) === i && !(worse && c.kind === 'system'));
}
