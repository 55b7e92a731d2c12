// Abstract values of the flow analysis. Rules:
// - A value carries at most MAX_ORIGINS origins, one per label+detail, keeping the shortest path:
//   messages need one path, not all of them, and the bound keeps loops and big files linear.
// - An origin remembers where the data entered (`source`), the names it went through (`steps`), how
//   it got there (`via`: direct, through a summary of a function in the file, or an unknown call),
//   and the sink kinds it was sanitized for (`cleared`).
// - Placeholders (`label: 'param'`) stand for a parameter while a function is summarised; applying
//   the summary at a call replaces them with the argument's origins.
// - Objects with a role (a request, a response) are not tainted themselves: reading their fields is.
import type { Func, Span } from './ir';

export const MAX_ORIGINS = 4;
const MAX_STEPS = 8;

export interface Step {
  readonly span: Span;
  readonly text: string;
  /** The workspace file of an imported helper the data went through (`db/users.js`). */
  readonly file?: string;
}

export interface Origin {
  readonly label: string;
  readonly detail?: string;
  readonly param?: { readonly fn: number; readonly index: number; readonly path: readonly string[] };
  readonly source: Span;
  readonly sourceText: string;
  readonly steps: readonly Step[];
  readonly via: 'direct' | 'summary' | 'unknown';
  readonly cleared?: readonly string[];
  readonly stringified?: boolean;
  readonly trust: 'high' | 'low';
  /** Conditions the value passed under (`isDev ? err.stack : …`). */
  readonly guards?: readonly Span[];
  /** Percent-decoded on the way (`decodeURIComponent(req.url)`): kept apart from the same input undecoded. */
  readonly decoded?: boolean;
  /**
   * Checked only by a prefix test against a folder without a trailing separator (`full.startsWith(root)`,
   * `root = path.resolve(…)`): settled for every sink but file paths, where a sibling folder sharing the
   * prefix (`/srv/app-old` for `/srv/app`) passes. The span is the test's (NOWHERE through an imported summary).
   */
  readonly prefixOnly?: Span;
}

export interface Value {
  readonly taint: readonly Origin[];
  /** Role of an object (model object name): `express.Request`, `express.Response`, … */
  readonly object?: string;
  /** Request fields checked by a validator ('*' for all). */
  readonly validated?: ReadonlySet<string>;
  /** HTTP status set on a response chain. */
  readonly status?: number;
  readonly fields?: ReadonlyMap<string, Value>;
  readonly element?: Value;
  readonly fn?: Func;
  /** Resolved module/global path, for matching callees (`child_process.exec`). */
  readonly path?: string;
  readonly lit?: string | number | boolean | null;
  /** Literal text a built string starts with (URL/redirect host checks). */
  readonly prefix?: string;
  /** Built by concatenation or formatting (as opposed to passed whole). */
  readonly built?: boolean;
  /** Literal text of the parts a built string was made of (SQL keyword checks). */
  readonly text?: string;
  /** For built strings: whether the first part is input (it decides a URL's scheme and host). */
  readonly head?: boolean;
  /** For built strings with input first: the inputs (or parameters) in that first part, so a flow can tell whether it is its own. */
  readonly headFrom?: readonly Origin[];
  /** Source text of the call that produced an opaque value (conditions on parser options). */
  readonly code?: string;
  /** A path whose `..` segments were resolved (`path.join`). */
  readonly normalized?: boolean;
  /** A folder path known not to end with a separator (`path.resolve(…)`, `os.path.abspath(…)`, `__dirname`, `'/srv/app'`). */
  readonly sepless?: boolean;
  /** Inputs an opaque value was computed from (`hmac(secret, url)`): checking it checks them. */
  readonly from?: readonly Origin[];
  /** What a validator call validated, for guards that test its result (`if (!r.success) return`). */
  readonly validates?: readonly Target[];
  /** Result of an unknown call: not tainted, but not known to be constant either. */
  readonly opaque?: boolean;
}

/** A binding, or a path inside a role object bound to it (`req` + ['body']); or an input by its origin key. */
/** `kinds`: checked for those sink kinds only (`typeof x === 'string'` rules out operator objects, not markup). */
/** `prefixOnly`: the test is a prefix test without a separator (Origin.prefixOnly), which settles all but file paths. */
export type Target = { readonly binding: number; readonly path: readonly string[]; readonly kinds?: readonly string[]; readonly prefixOnly?: Span } | { readonly origin: string };

export const EMPTY: Value = Object.freeze({ taint: [] });

export function tainted(v: Value | undefined): boolean {
  return !!v && v.taint.length > 0;
}

function key(o: Origin): string {
  return o.param ? `param:${o.param.fn}:${o.param.index}:${o.param.path.join('.')}` : `${o.label}:${o.detail ?? ''}${o.decoded ? ':decoded' : ''}`;
}

function better(a: Origin, b: Origin): boolean {
  const rank = (o: Origin) => (o.via === 'direct' ? 0 : o.via === 'summary' ? 1 : 2);
  return rank(a) < rank(b) || (rank(a) === rank(b) && a.steps.length < b.steps.length);
}

export function mergeOrigins(a: readonly Origin[], b: readonly Origin[]): Origin[] {
  if (!b.length) return a as Origin[];
  if (!a.length) return b as Origin[];
  const out = new Map<string, Origin>();
  for (const o of [...a, ...b]) {
    const k = key(o);
    const prev = out.get(k);
    if (!prev || better(o, prev)) out.set(k, o);
  }
  return [...out.values()].slice(0, MAX_ORIGINS);
}

/** The value of "one of these" (branches joining, `a || b`, a built string's parts). */
export function join(...values: Array<Value | undefined>): Value {
  // Fast paths (most joins on the hot path): nothing, one value, or values that hold nothing at all.
  let first: Value | undefined;
  let distinct = false;
  let plain = true;
  for (const v of values) {
    if (!v) continue;
    if (!first) first = v;
    else if (v !== first) distinct = true;
    if (v.taint.length || v.fields || v.element || v.object || v.fn || v.path || v.validates || v.from || v.validated) plain = false;
  }
  if (!first) return EMPTY;
  if (!distinct) return first;
  if (plain) {
    if (values.every((v) => !v || v.lit === first!.lit)) return first;
    const text = joinText(values.map((v) => v?.text));
    return text ? { taint: [], text } : EMPTY;
  }
  const vs = values.filter((v): v is Value => !!v);
  let taint: Origin[] = [];
  for (const v of vs) taint = mergeOrigins(taint, v.taint);
  const head0 = vs[0];
  const same = <K extends keyof Value>(k: K) => (vs.every((v) => v[k] === head0[k]) ? head0[k] : undefined);
  let fields: Map<string, Value> | undefined;
  if (vs.every((v) => v.fields)) {
    fields = new Map();
    for (const v of vs) for (const [k, fv] of v.fields!) fields.set(k, fields.has(k) ? join(fields.get(k), fv) : fv);
  }
  const element = vs.some((v) => v.element) ? join(...vs.map((v) => v.element)) : undefined;
  return {
    taint, object: same('object'), status: same('status'), fn: same('fn'), path: same('path'), lit: same('lit'),
    prefix: same('prefix'), fields, element, built: vs.some((v) => v.built) || undefined, head: vs.some((v) => v.head !== false) ? undefined : false,
    validated: bothValidated(vs), validates: vs.flatMap((v) => v.validates ?? []),
    text: joinText(vs.map((v) => v.text)), opaque: vs.some((v) => v.opaque) || undefined,
  };
}

/** Request fields checked in every one of the values (`'*'` covers any field): what a join still knows checked. */
function bothValidated(vs: readonly Value[]): ReadonlySet<string> | undefined {
  const first = vs[0].validated;
  if (!first || vs.every((v) => v.validated === first)) return first;
  if (!vs.every((v) => v.validated)) return undefined;
  const all = new Set(vs.flatMap((v) => [...v.validated!]));
  const out = new Set([...all].filter((k) => vs.every((v) => v.validated!.has(k) || v.validated!.has('*'))));
  return out.size ? out : undefined;
}

/** The origins of `v`, as a plain tainted value (for results of propagating calls). */
export function carry(v: Value, patch: Partial<Origin> = {}, step?: Step): Value {
  if (!v.taint.length) return EMPTY;
  return { taint: v.taint.map((o) => ({ ...o, ...patch, steps: step ? addStep(o.steps, step) : o.steps })) };
}

export function addStep(steps: readonly Step[], step: Step): readonly Step[] {
  if (steps.length && steps[steps.length - 1].text === step.text) return steps;
  return steps.length >= MAX_STEPS ? [...steps.slice(0, MAX_STEPS - 1), step] : [...steps, step];
}

export function clear(v: Value, kinds: '*' | readonly string[]): Value {
  if (kinds === '*') return { ...v, taint: [], element: undefined, fields: undefined };
  return { ...v, taint: v.taint.map((o) => ({ ...o, cleared: [...new Set([...(o.cleared ?? []), ...kinds])] })) };
}

export function isCleared(o: Origin, kind: string): boolean {
  return !!o.cleared?.includes(kind) || (!!o.prefixOnly && kind !== 'path');
}

/** What a prefix test without a separator leaves of a plain value: its input, settled for all but file paths (`prefixOnly`). */
export function clearButPaths(v: Value, check: Span): Value {
  return { ...v, taint: v.taint.map((o) => (o.prefixOnly ? o : { ...o, prefixOnly: check })), element: undefined, fields: undefined };
}

/** All origins anywhere in a value: its own, its fields', its elements'. */
export function deepTaint(v: Value | undefined, depth = 0): Origin[] {
  if (!v) return [];
  let out = v.taint as Origin[];
  if (depth > 4) return out;
  if (v.fields) for (const f of v.fields.values()) out = mergeOrigins(out, deepTaint(f, depth + 1));
  if (v.element) out = mergeOrigins(out, deepTaint(v.element, depth + 1));
  return out;
}

/** Identity of an input across copies: its label and where it entered. */
export function originKey(o: Origin): string {
  return `${o.label}:${o.source.start}:${o.param ? o.param.path.join('.') : ''}`;
}

/** Literal text of alternatives, distinct and bounded (loops and branches would otherwise grow it without end). */
export function joinText(texts: ReadonlyArray<string | undefined>): string | undefined {
  const distinct = [...new Set(texts.filter((t): t is string => !!t))];
  return distinct.length ? distinct.join(' ').slice(0, MAX_TEXT) : undefined;
}

const MAX_TEXT = 400;

/**
 * `parts.join(sep)` of an array with no input at the start of any element (clean elements, or input only after fixed
 * text: `parts[0] += '?' + name`): the joined string starts clean, so it is built with input not first (a redirect's
 * scheme and host stay). An element with input first, or input in the array as a whole, claims nothing.
 */
export function joinedStart(recv: Value): Pick<Value, 'built' | 'head' | 'prefix'> {
  const atHead = (v: Value | undefined) => !!v && deepTaint(v).length > 0 && (!v.built || v.head !== false);
  const items = [...(recv.fields?.values() ?? []), recv.element];
  if (recv.taint.length || items.some(atHead) || !items.some((v) => v && deepTaint(v).length)) return {};
  // Input stored at an index (`parts[0] = '/' + next`) may have replaced the first item the literal gave: its prefix
  // then, and none known (items with different starts merged) claims nothing.
  const stored = recv.element && deepTaint(recv.element).length ? recv.element : undefined;
  const first = stored ?? recv.fields?.get('0');
  const prefix = typeof first?.lit === 'string' ? first.lit : first?.prefix;
  return prefix === undefined && stored ? {} : { built: true, head: false, prefix: prefix ?? '' };
}

/**
 * A value inside a helper that is one of its parameters whole (`function go(res, url) { res.redirect(url) }`, `return url`):
 * at a call it is the argument, so its start (built, input first or not, literal prefix) is the argument's.
 */
export function argStart(v: Value, fnId: number, args: readonly Value[]): Pick<Value, 'built' | 'head' | 'headFrom' | 'prefix'> {
  const p = v.taint.length === 1 && !v.built && v.taint[0].label === 'param' ? v.taint[0].param! : undefined;
  const arg = p && p.fn === fnId && !p.path.length ? args[p.index] : undefined;
  return arg ? { built: arg.built, head: arg.head, headFrom: arg.headFrom, prefix: arg.prefix } : {};
}

/** A sink of a helper's summary at a call: its value with the argument's start ({@link argStart}). */
export function sinkValueAtCall<T extends { readonly value: Value }>(sink: T, fnId: number, args: readonly Value[]): T {
  const start = argStart(sink.value, fnId, args);
  return start.built === undefined && start.prefix === undefined && start.head === undefined ? sink : { ...sink, value: { ...sink.value, ...start } };
}
