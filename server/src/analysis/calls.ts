// Calls in the flow analysis, in this order: sinks record flows for tainted arguments; callbacks get
// the values the callee hands them (`then`, `map`, `on('data')`); functions of this file, and those a
// workspace file exports (slow tier), apply their summaries; role objects answer their methods
// (`req.get()` is input, `res.status()` a response); then sources, sanitizers, validators and
// propagators from the models; an unknown method on input carries the input (with lower confidence),
// an unknown function returns an opaque value.
import type { Expr, Span } from './ir';
import { seplessPath } from './folders';
import { lastName } from './expressions';
import type { Analyzer, Frame, SinkHit, Summary } from './interpret';
import { targetOf, validation } from './guards';
import { addName, applyImported, HANDED_TO_IMPORT, importedCallee, workspaceLooking } from './imported';
import { assertArgs } from './param-checks';
import { mayFetch, stringified, userFetch } from './labels';
import type { ArgCondition, SinkModel } from './model-types';
import type { Site } from './models';
import { readPath, roleMember } from './objects';
import { normalizeModule } from './scope';
import { addStep, carry, clear, deepTaint, EMPTY, isCleared, join, joinedStart, argStart, sinkValueAtCall, type Origin, type Step, type Value } from './values';

type Call = Expr & { k: 'call' };

/** Keyword arguments that configure a call rather than carry its data. */
const OPTION_KWARGS = new Set(['status', 'status_code', 'code', 'headers', 'mimetype', 'content_type', 'media_type', 'file', 'sep', 'end', 'flush',
  'exc_info', 'stack_info', 'stacklevel', 'safe', 'encoder', 'json_dumps_params']);
/** Response methods that return the response, so a chain on a parameter stays that parameter. */
const RESPONSE_CHAIN = new Set(['status', 'code', 'type', 'set', 'header', 'headers', 'vary', 'cookie', 'clearCookie', 'location', 'append']);
const PROMISIFY = new Set(['util.promisify', 'promisify', 'bluebird.promisify', 'es6-promisify.promisify', 'pify']);

/** Methods whose result is the receiver's data (strings, arrays, dicts). */
const SAME_DATA = new Set([
  'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'split', 'slice', 'substring',
  'substr', 'replace', 'replaceAll', 'concat', 'join', 'padStart', 'padEnd', 'repeat', 'normalize', 'toString', 'valueOf', 'at', 'charAt',
  'flat', 'reverse', 'sort', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'casefold', 'encode', 'decode', 'get',
  'getlist', 'getAll', 'items', 'values', 'keys', 'pop', 'shift', 'copy', 'entries', 'toJSON', 'text', 'json', 'formData', 'read',
]);
/** Percent-decoders: what they return can hold the line breaks and `../` the raw request line could not. */
const DECODERS = /^(?:decodeURIComponent|decodeURI|unescape|querystring\.unescape|urllib\.parse\.unquote(?:_plus)?)$/;
/** `req.params`, `ctx.params`, `request.params`: a route's parameters, whose names (`:id`) the server wrote. */
const ROUTE_PARAMS = /^[\w$]+\.params$/;
/** `Object.keys(req.params)`: the names of the route's own parameters, not the client's input (their values are). */
const routeParamNames = (v: Value | undefined): boolean =>
  !!v && v.taint.length > 0 && v.taint.every((o) => o.label === 'request' && ROUTE_PARAMS.test(o.sourceText));
/** Methods whose result is a boolean or a number, whatever the receiver holds. */
const NO_DATA = new Set([
  'includes', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith', 'test', 'has', 'some', 'every', 'isdigit', 'isalnum', 'isalpha',
  'isnumeric', 'count', 'findIndex', 'search', 'localeCompare', 'isEmpty', 'isValid', 'hasOwnProperty', 'equals', 'compare',
]);

export function evalCall(a: Analyzer, e: Call, f: Frame): Value {
  const c = e.callee;
  if (c.k === 'name' && c.name === 'require' && !c.binding && e.args[0]?.k === 'lit' && typeof e.args[0].value === 'string') {
    return { taint: [], path: normalizeModule(e.args[0].value) };
  }
  const recv = c.k === 'member' ? a.eval(c.object, f) : undefined;
  if (c.k === 'member' && c.key) a.eval(c.key, f);
  const callee = c.k === 'member' ? undefined : a.eval(c, f);
  const method = c.k === 'member' ? c.prop ?? undefined : undefined;
  const args = e.args.map((x) => (x.k === 'spread' ? carry(a.eval(x.expr, f)) : a.eval(x, f)));
  const kwargs = new Map<string, Value>();
  for (const k of e.kwargs) {
    const v = a.eval(k.value, f);
    if (k.name) kwargs.set(k.name, v);
    else args.push(v);
  }
  const path = c.k === 'member' ? (recv?.path && method ? `${recv.path}.${method}` : undefined) : callee?.path;
  const site: Site = {
    path, method, receiverName: c.k === 'member' ? lastName(c.object) : undefined,
    receiverText: c.k === 'member' ? a.src(c.object.span) : undefined, receiverObject: recv?.object, isNew: e.isNew,
  };
  const text = a.src(c.span);
  const sinks = a.models.sinks.find(site);
  if (sinks.length) recordSinks(a, f, site, args, [...kwargs], e.args.map((x) => x.span), e.span, text, recv, e, sinks);
  // A method on a parameter (`res.send(x)` in `function fail(res, x)`) is a sink if a caller passes a response.
  const param = method && recv && !recv.object ? recv.taint.find((o) => o.label === 'param' && !o.param!.path.length) : undefined;
  if (param && method && recv) {
    a.defer(param.param!.fn, {
      index: param.param!.index, method, isNew: e.isNew, args, kwargs: [...kwargs], spans: e.args.map((x) => x.span),
      call: e.span, callee: text, guards: [...f.guards], fn: f.fn, expr: e, status: recv.status,
    });
    // `res.status(500).json(x)` on a parameter: the chain stays the parameter, with the status it set.
    if (RESPONSE_CHAIN.has(method)) return { ...recv, status: typeof args[0]?.lit === 'number' ? args[0].lit : recv.status };
  }
  const fromCallbacks = callbacks(a, f, site, args, recv, e);

  // `promisify(exec)` is `exec` with a promise.
  if (path && PROMISIFY.has(path) && args[0]) return args[0];
  const fn = callee?.fn ?? (c.k === 'member' ? ownMethod(a, c, f) : undefined);
  if (fn) {
    const s = a.summary(fn, f.env);
    if (!s) return { taint: [], opaque: true };
    // Python methods receive the object as their first parameter (`self.m(x)` → `m(self, x)`).
    const bound = a.ir.language === 'python' && fn.owner && c.k === 'member' && /^(self|cls)$/.test(fn.params[0]?.name ?? '') ? [recv ?? EMPTY, ...args] : args;
    const out = applySummary(a, fn.id, s, bound, { span: e.span, text: `${fn.name ?? 'function'}()` });
    if (bound === args) assertArgs(a, f, s.checks, e);
    return out;
  }
  // An imported summary changes nothing for a call without input in its arguments.
  const all = [...args, ...kwargs.values()];
  if (a.importer) {
    if (all.some((x) => deepTaint(x).length)) {
      for (const [module, name] of importedCallee(a.ir.language, c, path)) {
        const imported = a.importer(module, name);
        if (!imported) continue;
        const out = applyImported(a, f, imported, args, e);
        assertArgs(a, f, imported.checks, e);
        return out;
      }
    }
  } else if (all.some((x) => deepTaint(x).length || x.from?.length)) {
    // The fast tier has no imported summaries: it notes which modules get input (or the result of an
    // unknown call on input, `find_user(as_id(x))`), and the slow tier summarises only those.
    for (const [module, name] of importedCallee(a.ir.language, c, path)) {
      addName(a.importsWithInput, module, name);
      a.importLog?.push([module, name]);
      // Input handed to an imported function that is no sink itself: its summary may check or clean it.
      if (!workspaceLooking(module, a.ir.language, a.path) || sinks.length) continue;
      for (const o of all.flatMap((x) => [...deepTaint(x), ...(x.from ?? [])])) {
        addName(a.importsWithInput, HANDED_TO_IMPORT, o.sourceText);
        a.importLog?.push([HANDED_TO_IMPORT, o.sourceText]);
      }
    }
  }
  if (recv?.object && method) {
    const chained = roleMember(a, recv, method, 'methods', e.span);
    if (chained) return chained.object && typeof args[0]?.lit === 'number' ? { ...chained, status: args[0].lit } : chained.object ? { ...chained, status: recv.status } : chained;
  }
  // `params.get('cmd')` reads that field as `params['cmd']` does, once the walk knows it (a check cleaned it).
  const key = method === 'get' && e.args[0]?.k === 'lit' && typeof e.args[0].value === 'string' ? e.args[0].value : undefined;
  if (key !== undefined && recv?.fields?.has(key)) return recv.fields.get(key)!;
  for (const src of a.models.sourceCalls.find(site)) {
    if (src.receiverCall && !(recv?.code && regexOf(src.receiverCall).test(recv.code))) continue;
    const [label, detail] = (src.label ?? 'request').split(':');
    return { taint: [a.origin(label, e.span, { trust: src.trust ?? 'high', detail: detail ?? text })] };
  }
  for (const san of a.models.sanitizers.find(site)) {
    if (san.argMatches && !argMatches(args[san.argMatches.index], san.argMatches.regex)) continue;
    const subject = method && recv?.taint.length ? recv : args[0] ?? EMPTY;
    if (san.validatesArgs) for (const t of e.args.flatMap(targetOf)) validation(a, t).apply(f.env);
    const out = san.clears === '*' ? EMPTY : clear(carry(subject), san.clears);
    // `rel = path.relative(root, full)`: a containment check on `rel` later checks `full` (guards.ts).
    return san.checkedByResult ? { ...out, validates: e.args.flatMap((x) => (x.k === 'array' ? x.items : [x])).flatMap(targetOf) } : out;
  }
  if (a.models.validators.find(site).length) return { taint: [], validates: e.args.flatMap(targetOf) };
  if (fromCallbacks) return fromCallbacks;
  // Before propagators: `User.query.get(id)` is a row, not a dict lookup.
  if (method && mayFetch(method) && userFetch(method, site.receiverText ?? '', e.args.map((x) => a.src(x.span)), e.args[0]?.k === 'lit' ? String(e.args[0].value) : e.args[0] ? a.src(e.args[0].span) : undefined, a.ir.language)) {
    return { taint: [a.origin('record', e.span, { detail: 'fetch' })] };
  }
  if (site.path === 'Object.keys' && routeParamNames(args[0])) return EMPTY;
  for (const p of a.models.propagators.find(site)) {
    const from = p.from === 'receiver' ? [recv] : p.from === 'args' ? args : p.from === 'first' ? args.slice(0, 1) : [recv, ...args];
    let v = join(...from.map((x) => (x ? { ...carry(x), taint: deepTaint(x) } : undefined)));
    if (p.stringifies) v = { ...v, taint: v.taint.map(stringified) };
    if (site.path && DECODERS.test(site.path)) v = { ...v, taint: v.taint.map((o) => (o.decoded ? o : { ...o, decoded: true })) };
    const head = from[0] ? deepTaint(from[0]).length > 0 || from[0].head === true : false;
    const [normalized, sepless] = [p.normalizes || from.some((x) => x?.normalized) || undefined, seplessPath(site.path, e) || undefined];
    const headFrom = head ? from[0]?.headFrom ?? deepTaint(from[0]) : undefined;
    return p.builds ? { ...v, built: true, head, headFrom, prefix: from[0]?.prefix, normalized, sepless } : { ...v, prefix: from[0]?.prefix, head: from[0]?.head, headFrom: from[0]?.headFrom, normalized, sepless };
  }
  if (recv && method && (recv.taint.length || recv.element || recv.fields)) return methodOnData(a, recv, method, e.span);
  const from = args.flatMap((x) => deepTaint(x));
  return { taint: [], opaque: true, code: a.src(e.span), ...(from.length ? { from } : {}), ...(seplessPath(site.path, e) ? { sepless: true } : {}) };
}

function methodOnData(a: Analyzer, recv: Value, method: string, span: Span): Value {
  if (NO_DATA.has(method)) return EMPTY;
  const source = recv.taint.length ? recv.taint : deepTaint(recv);
  const via = SAME_DATA.has(method) ? undefined : 'unknown' as const;
  const taint = source.flatMap((o) => {
    if (method === 'toString' && o.label === 'error') return [{ ...o, detail: o.detail === 'whole' ? 'message' : o.detail }];
    const m = a.member(o, `${method}()`, span);
    return m ? [via && m.via === 'direct' ? { ...m, via } : m] : [];
  });
  return { taint, element: recv.element, prefix: method === 'trim' || method === 'toString' ? recv.prefix : undefined, ...(method === 'join' ? joinedStart(recv) : {}) };
}

/** `this.helper(x)` / `self.helper(x)`: a method of the enclosing class. */
function ownMethod(a: Analyzer, c: Expr & { k: 'member' }, f: Frame) {
  if (c.object.k !== 'name' || (c.object.name !== 'this' && c.object.name !== 'self') || !c.prop) return undefined;
  for (let fn: typeof f.fn | null = f.fn; fn; fn = fn.parent) {
    if (fn.owner) return a.methodsOf.get(`${fn.owner.name}.${c.prop}`);
  }
  return undefined;
}

/**
 * Applies a function's summary to the arguments of a call. Through a helper of the file the path is
 * "through a summary" (medium confidence); a callback the framework calls (`then`, `on('data')`)
 * keeps the path as direct as it was.
 */
export function applySummary(a: Analyzer, fnId: number, s: Summary, args: Value[], step: Step, callback = false): Value {
  for (const ps of s.sinks) for (const o of instantiate(a, ps.origin, fnId, args, step, callback, ps.sink.model.argv)) a.record(sinkValueAtCall(ps.sink, fnId, args), o, ps.at);
  for (const d of s.deferred) {
    const target = args[d.index];
    if (!target) continue;
    const inst = d.args.map((v) => instantiateValue(a, v, fnId, args, step, 0, callback));
    const kwargs = d.kwargs.map(([k, v]) => [k, instantiateValue(a, v, fnId, args, step, 0, callback)] as [string, Value]);
    if (target.object) {
      const frame = { fn: d.fn, guards: [...d.guards] } as unknown as Frame;
      recordSinks(a, frame, { method: d.method, receiverObject: target.object, isNew: d.isNew }, inst, kwargs, d.spans, d.call, d.callee, d.status !== undefined ? { ...target, status: d.status } : target, d.expr);
      continue;
    }
    // Passed on from a caller's own parameter: the caller's summary takes it over.
    const outer = target.taint.find((o) => o.label === 'param' && !o.param!.path.length);
    if (outer) a.defer(outer.param!.fn, { ...d, index: outer.param!.index, args: inst, kwargs });
  }
  return instantiateValue(a, s.returns, fnId, args, step, 0, callback);
}

/** `argv`: the helper runs its parameter as an argv (`_run(args)`), so of a list literal handed in only the program counts. */
function instantiate(a: Analyzer, o: Origin, fnId: number, args: Value[], step: Step, callback: boolean, argv = false): Origin[] {
  const via = (v: Origin['via']): Origin['via'] => (v === 'direct' && !callback ? 'summary' : v);
  if (o.label !== 'param' || o.param!.fn !== fnId) return [{ ...o, via: via(o.via) }];
  const arg = args[o.param!.index];
  if (!arg) return [];
  const read = readPath(a, arg, o.param!.path, o.source);
  return deepTaint(argv && read.fields?.has('0') ? read.fields.get('0')! : read).map((x) => ({
    ...x,
    // The path goes into the callee through the call (not for framework callbacks) and its parameter.
    steps: [...addStep(callback ? x.steps : addStep(x.steps, step), { span: o.source, text: o.sourceText }), ...o.steps].slice(-8),
    via: via(x.via),
    cleared: o.cleared || x.cleared ? [...new Set([...(x.cleared ?? []), ...(o.cleared ?? [])])] : undefined, prefixOnly: x.prefixOnly ?? o.prefixOnly,
    stringified: x.stringified || o.stringified,
    detail: o.stringified && x.label === 'error' && x.detail === 'whole' ? 'message' : x.detail,
    guards: o.guards ?? x.guards,
  }));
}

function instantiateValue(a: Analyzer, v: Value, fnId: number, args: Value[], step: Step, depth: number, callback: boolean): Value {
  if (depth > 3) return v;
  const taint = v.taint.flatMap((o) => instantiate(a, o, fnId, args, step, callback));
  const fields = v.fields ? new Map([...v.fields].map(([k, fv]) => [k, instantiateValue(a, fv, fnId, args, step, depth + 1, callback)])) : undefined;
  const element = v.element ? instantiateValue(a, v.element, fnId, args, step, depth + 1, callback) : undefined;
  return { ...v, taint, fields, element, ...argStart(v, fnId, args) };
}

/** Callback parameters get what the callee hands them; returns the call's value when the model says. */
function callbacks(a: Analyzer, f: Frame, site: Site, args: Value[], recv: Value | undefined, e: Call): Value | undefined {
  const models = a.models.callbacks.find(site);
  if (!models.length) return undefined;
  let result: Value | undefined;
  for (const m of models) {
    if (m.event !== undefined && args[0]?.lit !== m.event) continue;
    args.forEach((arg, i) => {
      if (!arg.fn) return;
      const s = a.summary(arg.fn, f.env);
      if (!s) return;
      const given: Value[] = [];
      for (const [index, what] of Object.entries(m.params)) given[Number(index)] = handed(a, what, recv, args, arg.fn.params[Number(index)]?.span ?? e.span);
      const ret = applySummary(a, arg.fn.id, s, given, { span: e.args[i].span, text: `${arg.fn.name ?? 'callback'}` }, true);
      if (m.result === 'callback') result = ret;
      else if (m.result === 'elements') result = { taint: [], element: ret };
      else if (m.result === 'receiver' && recv) result = recv;
    });
  }
  return result;
}

function handed(a: Analyzer, what: string, recv: Value | undefined, args: Value[], at: Span): Value {
  if (what === 'receiver') return recv ?? EMPTY;
  if (what === 'receiver.element') return recv?.element ?? (recv ? carry(recv) : EMPTY);
  if (what.startsWith('arg')) return args[Number(what.slice(3))] ?? EMPTY;
  if (what.startsWith('label:')) {
    const [label, detail] = what.slice(6).split(':');
    if (recv?.validated?.has('*')) return EMPTY;
    return { taint: [a.origin(label, at, { detail })] };
  }
  return EMPTY;
}

function argMatches(v: Value | undefined, regex: string): boolean {
  return typeof v?.lit === 'string' && new RegExp(regex).test(v.lit);
}

function literalOf(v: Value | undefined): string | number | boolean | null | undefined {
  return v?.lit !== undefined ? v.lit : v?.path ?? v?.code;
}

function condition(cond: ArgCondition, args: Value[], kwargs: ReadonlyArray<[string, Value]>): boolean {
  let v: Value | undefined;
  if (cond.kwarg) v = kwargs.find(([k]) => k === cond.kwarg)?.[1];
  if (!v && cond.index !== undefined) v = args[cond.index];
  if (!v && cond.option) {
    // `headers.content-type`: a field inside an options object.
    const [head, ...rest] = cond.option.split('.');
    v = args.find((x) => x.fields?.has(head))?.fields?.get(head);
    for (const key of rest) v = v?.fields?.get(key);
  }
  if (!v) return false;
  const lit = literalOf(v);
  if (cond.truthy) return lit === true || (typeof lit === 'string' && lit !== '') || (typeof lit === 'number' && lit !== 0);
  if (cond.matches) return lit !== undefined && lit !== null && new RegExp(cond.matches).test(String(lit));
  return true;
}

/** The values a sink model watches: an argument, every argument, a keyword, a field inside one. */
function watched(s: SinkModel, args: Value[], kwargs: ReadonlyArray<[string, Value]>, spans: readonly Span[], call: Span, recv?: Value): Array<[Value, Span, number]> {
  const out: Array<[Value, Span, number]> = [];
  // No argument named: the receiver is the sink (`Path(x).read_text()`).
  if (s.arg === undefined && !s.kwarg && recv) out.push([recv, call, -1]);
  const idx = s.arg === '*' ? args.map((_, i) => i) : s.arg !== undefined ? [s.arg] : [];
  for (const i of idx) if (args[i]) out.push([args[i], spans[i] ?? call, i]);
  if (s.kwarg) for (const [k, v] of kwargs) if (k === s.kwarg) out.push([v, call, -1]);
  // Every argument includes keyword values (`jsonify(error=x)`, `log.info("m", password=pw)`), not options.
  if (s.arg === '*') for (const [k, v] of kwargs) if (!OPTION_KWARGS.has(k)) out.push([v, call, -1]);
  return out.map(([v, sp, i]) => {
    let cur: Value | undefined = v;
    if (s.field) for (const seg of s.field.split('.')) cur = cur?.fields?.get(seg);
    // An argv list: only the program (element 0) matters without a shell.
    if (s.argv && cur?.fields?.has('0')) cur = cur.fields.get('0');
    return [cur ?? EMPTY, sp, i] as [Value, Span, number];
  });
}

/** `sinks`: the sink models of `site`, when the caller looked them up already. */
export function recordSinks(
  a: Analyzer, f: Frame, site: Site, args: Value[], kwargs: ReadonlyArray<[string, Value]>, spans: readonly Span[], call: Span,
  callee: string, recv?: Value, e?: Call, sinks: readonly SinkModel[] = a.models.sinks.find(site),
): void {
  if (!sinks.length) return;
  let status: { value: number | undefined } | undefined;
  for (const s of sinks) {
    if (s.when && !condition(s.when, args, kwargs)) continue;
    if (s.unless && condition(s.unless, args, kwargs)) continue;
    if (site.path === '<return>' && !a.roles.routes.has(f.fn.id)) continue;
    if (s.imports && !s.imports.some((m) => a.imports.has(m))) continue;
    if (s.receiverCall && !(recv?.code && regexOf(s.receiverCall).test(recv.code))) continue;
    for (const [v, whole, index] of watched(s, args, kwargs, spans, call, recv)) {
      const span = s.field && e && index >= 0 ? fieldSpan(e.args[index], s.field.split('.')) ?? whole : whole;
      const taint = deepTaint(v);
      if (!taint.length) continue;
      if (s.valuePrefix && !new RegExp(s.valuePrefix).test(v.prefix ?? '')) continue;
      status ??= { value: recv?.status ?? statusOf(args, kwargs) };
      const hit: SinkHit = { kind: s.kind, model: s, span, call, callee, status: status.value, guards: [...f.guards], fn: f.fn.id, value: v, callExpr: e, argIndex: index };
      for (const o of taint) if (!isCleared(o, s.kind)) a.record(hit, o);
    }
  }
}

const regexes = new Map<string, RegExp>();
/** Model regexes are a few fixed strings: compiled once. */
function regexOf(source: string): RegExp {
  let re = regexes.get(source);
  if (!re) regexes.set(source, (re = new RegExp(source)));
  return re;
}

function statusOf(args: Value[], kwargs: ReadonlyArray<[string, Value]>): number | undefined {
  for (const [k, v] of kwargs) if ((k === 'status' || k === 'status_code') && typeof v.lit === 'number') return v.lit;
  for (const v of args) {
    const s = v.fields?.get('status')?.lit;
    if (typeof s === 'number') return s;
  }
  return args.length > 1 && typeof args[0].lit === 'number' ? args[0].lit : args[1]?.status ?? args[0]?.status;
}

/** Assignments that are sinks: `el.innerHTML = x`, `location.href = x`, `ctx.body = x`, `obj[a][b] = x`. */
export function sitesOfStore(a: Analyzer, f: Frame, t: Expr & { k: 'member' }, obj: Value, v: Value, at: Span): void {
  const names = [t.prop ?? '', obj.path && t.prop ? `${obj.path}.${t.prop}` : ''];
  for (const name of names) {
    for (const s of a.models.stores.get(name) ?? []) {
      if (s.receiver?.startsWith('@') && obj.object !== s.receiver.slice(1)) continue;
      if (s.receiver && !s.receiver.startsWith('@') && !new RegExp(s.receiver).test(lastName(t.object) ?? '')) continue;
      const taint = deepTaint(v);
      if (s.valuePrefix && !new RegExp(s.valuePrefix).test(v.prefix ?? '')) continue;
      const hit: SinkHit = { kind: s.kind, model: s, span: at, call: at, callee: a.src(t.span), status: obj.status, guards: [...f.guards], fn: f.fn.id, value: v, store: t };
      for (const o of taint) if (!isCleared(o, s.kind)) a.record(hit, o);
    }
  }
  // obj[key1][key2] = value with key1 from input: writes onto Object.prototype when key1 is "__proto__".
  if (t.prop === null && t.object.k === 'member' && t.object.prop === null && t.object.key) {
    const key = a.peek(t.object.key, f);
    const s: SinkModel = { kind: 'prototype', what: 'a nested computed property write' };
    const hit: SinkHit = { kind: 'prototype', model: s, span: t.object.key.span, call: at, callee: a.src(t.span), guards: [...f.guards], fn: f.fn.id, value: key };
    for (const o of key.taint) if (!isCleared(o, 'prototype')) a.record(hit, o);
  }
}

/**
 * `location = url` where nothing declares `location`: a store to the global object's property, so the
 * models' `window.<name>` stores that name no receiver apply (a browser navigates on it).
 */
export function sitesOfGlobalStore(a: Analyzer, f: Frame, name: string, v: Value, at: Span): void {
  for (const s of a.models.stores.get(`window.${name}`) ?? []) {
    if (s.receiver || (s.valuePrefix && !new RegExp(s.valuePrefix).test(v.prefix ?? ''))) continue;
    const hit: SinkHit = { kind: s.kind, model: s, span: at, call: at, callee: name, guards: [...f.guards], fn: f.fn.id, value: v };
    for (const o of deepTaint(v)) if (!isCleared(o, s.kind)) a.record(hit, o);
  }
}

/** The span of a field written literally inside an argument (`{{ __html: x }}` → `x`). */
function fieldSpan(e: Expr | undefined, path: readonly string[]): Span | undefined {
  let cur = e;
  for (const key of path) {
    if (cur?.k !== 'object') return undefined;
    cur = cur.props.find((p) => p.key === key)?.value;
  }
  return cur?.span;
}
