// Summaries of functions that another workspace file exports, and their use at call sites. Rules:
// - A summary leaves its file portable: only what its parameters become (the return value, the sinks
//   they reach, the sink kinds they were cleaned for) is kept; spans, steps, bindings and functions of
//   the other file are dropped, so nothing points into a text the caller does not have.
// - Applied at a call exactly as a summary of the file's own helper is: arguments replace parameter
//   placeholders (via 'summary'), sanitizers and checks in the helper have already cleaned them. A sink
//   inside the helper becomes a sink at the call, on the argument that carries the data, naming the
//   helper, its file and the sink there.
// - One level deep: the imported file is analysed without its own imports.
import type { Expr } from './ir';
import type { Analyzer, Frame, SinkHit, Summary } from './interpret';
import type { SinkModel } from './model-types';
import type { ParamChecks } from './param-checks';
import { readPath } from './objects';
import { addStep, deepTaint, EMPTY, isCleared, type Origin, type Step, type Value } from './values';

/** Parameter placeholders of an imported function (ids of the analysed file's functions are never negative). */
const IMPORTED = -1;
/** Placeholders of the imported file's inner helpers, kept only so a sink value still contains its `at`. */
const INNER = -2;
const NOWHERE = Object.freeze({ start: 0, end: 0 });

export interface ImportedSink {
  readonly kind: string;
  readonly model: SinkModel;
  /** The sink's callee in the helper (`db.query`) and its 1-based line there. */
  readonly callee: string;
  readonly line: number;
  readonly value: Value;
  readonly status?: number;
  /** The parameter placeholder that reaches the sink (index and path inside the argument). */
  readonly origin: Origin;
  /** The origin as it was at the sink, one of `value`'s (rules check which part of the value is input). */
  readonly at: Origin;
}

export interface ImportedFunction {
  /** The name the file exports it under (`default` for a default export). */
  readonly name: string;
  /** Workspace-relative path of the file that defines it. */
  readonly file: string;
  readonly returns: Value;
  readonly sinks: readonly ImportedSink[];
  /** Parameters it checks for its callers (param-checks.ts). */
  readonly checks?: ParamChecks;
}

export type ExportTable = ReadonlyMap<string, ImportedFunction>;

/** The function an import names (`module` as written in the importing file), if its file is in the workspace. */
export type Importer = (module: string, name: string) => ImportedFunction | undefined;

const lineOf = (text: string, offset: number): number => {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/** `fn`'s summary without anything that belongs to its own file. */
export function portable(name: string, file: string, fnId: number, s: Summary, text: string): ImportedFunction {
  const seen = new Map<Origin, Origin | null>();
  const port = (o: Origin): Origin | null => {
    let p = seen.get(o);
    if (p === undefined) {
      p = o.label !== 'param' ? null : {
        label: 'param', param: { fn: o.param!.fn === fnId ? IMPORTED : INNER, index: o.param!.index, path: o.param!.path },
        source: NOWHERE, sourceText: o.sourceText, steps: [], via: o.via, trust: o.trust,
        ...(o.cleared ? { cleared: o.cleared } : {}), ...(o.stringified ? { stringified: true } : {}),
        // The test is in the other file: the origin keeps that it was made, not where.
        ...(o.prefixOnly ? { prefixOnly: NOWHERE } : {}),
      };
      seen.set(o, p);
    }
    return p;
  };
  const value = (v: Value, own: boolean, depth = 0): Value => {
    if (depth > 4) return EMPTY;
    const taint = v.taint.map(port).filter((o): o is Origin => !!o && (!own || o.param!.fn === IMPORTED));
    const out: { -readonly [K in keyof Value]: Value[K] } = { taint };
    for (const k of ['lit', 'prefix', 'built', 'text', 'head', 'normalized', 'opaque', 'status', 'code'] as const) {
      if (v[k] !== undefined) (out as Record<string, unknown>)[k] = v[k];
    }
    if (v.fields) out.fields = new Map([...v.fields].map(([k, f]) => [k, value(f, own, depth + 1)]));
    if (v.element) out.element = value(v.element, own, depth + 1);
    return out;
  };
  const sinks: ImportedSink[] = [];
  for (const ps of s.sinks) {
    const origin = port(ps.origin);
    if (!origin || origin.param!.fn !== IMPORTED) continue;
    const sinkValue = value(ps.sink.value, false);
    const at = port(ps.at);
    if (!at) continue;
    sinks.push({ kind: ps.sink.kind, model: ps.sink.model, callee: ps.sink.callee, line: lineOf(text, ps.sink.call.start), value: sinkValue, status: ps.sink.status, origin, at });
  }
  return { name, file, returns: value(s.returns, true), sinks, ...(s.checks ? { checks: s.checks } : {}) };
}

/**
 * A stand-in that hands every argument back (no sinks): a first walk with it finds which imports are
 * called with input, including through each other's results, before any imported file is summarised.
 */
/** Notes that `name` of `module` is used (the modules an analysis follows, with the names it calls). */
/**
 * Pseudo-module of `importsWithInput` whose names are the source texts (`req.path`) of input handed to a
 * workspace-looking import (relative, so the slow tier may summarise it): flows from that input wait for the
 * slow tier, which knows whether the import checks or cleans it (flow-rule.ts). Kept in `importsWithInput`
 * so an edit's unit-by-unit walk replays it with the modules (reuse.ts); no file resolves to it.
 */
export const HANDED_TO_IMPORT = '\0input';

/**
 * Whether an imported module may be a workspace file the slow tier summarises, known without I/O: relative in
 * both languages, or a Python package named by a folder the importing file sits in (`from app.utils import x`
 * in `app/views.py`); others (packages, the standard library, sibling apps) keep the fast tier's verdict.
 */
export function workspaceLooking(module: string, language: 'js' | 'python', path: string): boolean {
  if (/^\.\.?(\/|$)/.test(module) || (language === 'python' && /^\.[\w.]*$/.test(module))) return true;
  return language === 'python' && path.split(/[\\/]/).slice(0, -1).includes(module.split('.')[0]);
}

export function addName(names: Map<string, Set<string>>, module: string, name: string): void {
  let set = names.get(module);
  if (!set) names.set(module, (set = new Set()));
  set.add(name);
}

/**
 * The functions a Python file defines, by name, at any depth (a superset of its exports: module-level
 * `def`s, also inside `if`/`try`): read from the text, so a module that cannot export any name an
 * importer calls (a class, a constant, a re-export) is not parsed for it.
 */
export function pythonDefs(text: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*(?:async[ \t]+)?def[ \t]+([^\s(:]+)/gm)) out.add(m[1]);
  return out;
}

export function passThrough(name: string): ImportedFunction {
  const taint: Origin[] = Array.from({ length: 8 }, (_, index) => ({
    label: 'param', param: { fn: IMPORTED, index, path: [] }, source: NOWHERE, sourceText: name, steps: [], via: 'direct', trust: 'high',
  }));
  return { name, file: '', returns: { taint }, sinks: [] };
}

/** The argument's origins for a parameter placeholder, through the call into the helper. */
/** `argv`: the helper runs its parameter as an argv, so of a list literal handed in only the program counts. */
function instantiate(a: Analyzer, o: Origin, args: Value[], step: Step, argv = false): Origin[] {
  if (o.param?.fn !== IMPORTED) return [];
  const arg = args[o.param.index];
  if (!arg) return [];
  const read = readPath(a, arg, o.param.path, step.span);
  return deepTaint(argv && read.fields?.has('0') ? read.fields.get('0')! : read).map((x) => ({
    ...x,
    steps: addStep(x.steps, step),
    via: x.via === 'unknown' || o.via === 'unknown' ? 'unknown' as const : 'summary' as const,
    cleared: o.cleared || x.cleared ? [...new Set([...(x.cleared ?? []), ...(o.cleared ?? [])])] : undefined,
    prefixOnly: x.prefixOnly ?? o.prefixOnly,
    stringified: x.stringified || o.stringified,
  }));
}

function instantiateValue(a: Analyzer, v: Value, args: Value[], step: Step, depth: number): Value {
  if (depth > 4) return v;
  const taint = v.taint.flatMap((o) => instantiate(a, o, args, step));
  const fields = v.fields ? new Map([...v.fields].map(([k, fv]) => [k, instantiateValue(a, fv, args, step, depth + 1)])) : undefined;
  const element = v.element ? instantiateValue(a, v.element, args, step, depth + 1) : undefined;
  return { ...v, taint, fields, element };
}

/** Applies an imported function's summary at a call: sinks in the helper record flows here; returns what it returns. */
export function applyImported(a: Analyzer, f: Frame, imp: ImportedFunction, args: Value[], e: Expr & { k: 'call' }): Value {
  const step: Step = { span: e.span, text: `${imp.name}()`, file: imp.file };
  for (const s of imp.sinks) {
    const index = s.origin.param!.index;
    const hit: SinkHit = {
      kind: s.kind, model: s.model, span: e.args[index]?.span ?? e.span, call: e.span, callee: s.callee, status: s.status,
      guards: [...f.guards], fn: f.fn.id, value: s.value, helper: { name: imp.name, file: imp.file, line: s.line },
    };
    for (const o of instantiate(a, s.origin, args, step, s.model.argv)) if (!isCleared(o, s.kind)) a.record(hit, o, s.at);
  }
  return instantiateValue(a, imp.returns, args, step, 0);
}

/**
 * Which import a callee names, as (module, export) pairs to try: `runQuery` imported by name, `db.runQuery`
 * on a namespace or default import, `helpers.clean` after `from . import helpers`, `app.utils.run`
 * after `import app.utils`; for `require()` results, the module path the value carries.
 */
export function importedCallee(language: 'js' | 'python', callee: Expr, path: string | undefined): Array<[string, string]> {
  const props: string[] = [];
  let root = callee;
  while (root.k === 'member' && root.prop) {
    props.unshift(root.prop);
    root = root.object;
  }
  const imp = root.k === 'name' ? root.binding?.import : undefined;
  if (imp && language === 'js') {
    if (imp.name === '*') return props.length === 0 ? [[imp.module, 'default']] : props.length === 1 ? [[imp.module, props[0]]] : [];
    return props.length ? [] : [[imp.module, imp.name]];
  }
  if (imp) {
    if (imp.name === '*') return props.length ? [[[imp.module, ...props.slice(0, -1)].join('.'), props[props.length - 1]]] : [];
    const joined = imp.module.endsWith('.') ? imp.module + imp.name : `${imp.module}.${imp.name}`;
    return props.length === 0 ? [[imp.module, imp.name]] : props.length === 1 ? [[joined, props[0]]] : [];
  }
  // `const { run } = require('./db')`, `const db = require('./db'); db.run(x)`: the value's path.
  if (language !== 'js' || !path || !/^\.\.?\//.test(path)) return [];
  const dot = path.lastIndexOf('.');
  const out: Array<[string, string]> = [[path, 'default']];
  if (dot > path.lastIndexOf('/')) out.push([path.slice(0, dot), path.slice(dot + 1)]);
  return out;
}
