// The analysis of an edited file, reusing the last version's walk unit by unit (the units of
// lower-units.ts: top-level statements). The walk runs the top-level statements unit by unit and
// records, per unit, the flows (and imported names called with input) found while its statements ran
// and while its functions nobody called were analysed afterwards; the next version replays a unit's
// records instead of walking it. Rules:
// - A unit is replayed only when the lowering reused it (the same object, moved in place: the spans its
//   flows, origins, steps and guards point to are the IR's own and moved with it; their source text is
//   the unchanged text of the unit) and its functions and bindings kept their ids (flows, summaries
//   and routes name functions by id; checks in values name bindings by id). Values keep no positions
//   of their own: an opaque value holds the origins it was computed from, not their keys.
// - Every unit that is new (lowered again) or gone since the last walk must be isolated: it reads no
//   module-level name, declares none (no declared, hoisted or imported binding, no implicit global,
//   no Python local or `global`). Then nothing it does reaches another unit (no binding carries a
//   value across, no call resolves to a function of another unit, guards' checked keys name its own
//   positions) and nothing another unit does reaches it; so the other units' walks are what they were.
// - Or it reads module names but is plain (reuse-scope.ts: it runs expressions and defines functions,
//   as `app.get('/x', (req, res) => …)` and a Flask view do), every module binding it reads was written
//   only by units before it, and no other unit reads or writes the functions it defines (a gone unit:
//   plain, and no unit left reads its functions). Then the walk starts from the module scope the last
//   walk ended its top-level statements with (`Env.seedFrom`; refused when it holds checks), which is
//   what the units before it wrote there, so the unit reads what a fresh walk would.
// - Functions are first analysed in the same unit phase as in a fresh walk: the walk records, per
//   function, the unit phase its analysis began in; a summary the last walk made while a unit now walked
//   again ran is not carried over (the function is analysed when first called, or the replay fails), and
//   a walked unit that uses a carried summary a fresh walk would make only later fails the replay.
// - Classes' methods are found by `Class.method` across the file: no replayed unit may have such a key
//   that a new or gone unit has.
// - The file-wide inputs of the walk are the same: its imports, its directives, and the roles (routes,
//   HTTP methods, parameter roles) of every replayed unit's functions, which are computed afresh.
// - The last walk ran every top-level statement (none exited or returned) and found fewer flows than
//   the cap, and the replay stays under it. A new unit that exits or returns ends the replay, and the
//   file is walked afresh (unit by unit, recorded for the next version).
// Anything else walks the whole file. The order
// of flows is the whole walk's: the units' statements in order, then, in order, their functions
// nobody called. test/unit/analysis-reuse.test.ts replays edit sequences and compares with a fresh
// analysis of every version.
import type { Analyzer, Flow, Summary } from './interpret';
import { addName } from './imported';
import type { Env } from './env';
import type { Binding, Func } from './ir';
import type { Unit } from './lower-units';
import { unitScope, type UnitScope } from './reuse-scope';

type Names = ReadonlyArray<readonly [string, string]>;

/** What a unit's walk left: its flows and imported names, in the order the walk found them. */
export interface UnitRecord {
  readonly main: readonly Flow[];
  readonly left: readonly Flow[];
  readonly mainImports: Names;
  readonly leftImports: Names;
  /** The ids its first function and binding had (-1: none). */
  readonly firstFn: number;
  readonly firstBinding: number;
  readonly isolated: boolean;
  readonly ownerKeys: readonly string[];
  readonly roles: string;
}

/** What a walk leaves for the next version of the file. */
export interface WalkRecord {
  readonly units: ReadonlyMap<Unit, UnitRecord>;
  readonly summaries: ReadonlyMap<number, Summary>;
  readonly imports: string;
  readonly directives: string;
  /** Module scope after the top-level statements ran (absent when a replay left it incomplete). */
  readonly top?: Env;
  /** The unit phase during which each function's analysis started (reuse-scope rules in the header). */
  readonly firstBy?: ReadonlyMap<number, Slot>;
}

/** A unit's statements (phase 0) or its functions nobody called (phase 1), in the walk's order. */
export interface Slot {
  readonly unit: Unit;
  readonly phase: 0 | 1;
}

/** How a walk may replay the last one: not at all, around isolated units only, or around units that read module names. */
export type ReplayMode = false | 'isolated' | 'seeded';

/** Where a unit-by-unit walk reports: its record for the next version, and how many units it replayed. */
export interface WalkOutcome {
  record?: WalkRecord;
  replayed: number;
}

const MAX_FLOWS = 2000;

/** Unit-by-unit walks and the units they replayed, since the process started (tests and benches read it). */
export const reuseStats = { walks: 0, replayed: 0 };

/** Thrown when a replay turns out not to hold (a new unit exited): the caller walks afresh. */
export class ReplayFailed extends Error {}

/** Whether the unit touches module scope at all (see the header). */
export function isolated(u: Unit, top: Func): boolean {
  for (const b of u.seen.values()) if (b) return false;
  if (u.declared.length || u.imports.length || u.locals?.length || u.globals?.length) return false;
  for (const b of u.bindings) if (b.scope === top) return false;
  for (const f of u.funcs) if (f.binding && f.binding.scope === top) return false;
  return true;
}

function ownerKeys(u: Unit): string[] {
  const keys: string[] = [];
  for (const f of u.funcs) if (f.owner && f.name) keys.push(`${f.owner.name}.${f.name}`);
  return keys;
}

/** The roles of the unit's functions and parameters, as the walk reads them. */
function roleSig(a: Analyzer, u: Unit): string {
  let s = '';
  for (const f of u.funcs) {
    s += `${a.roles.routes.has(f.id) ? 'r' : ''}${a.roles.methods.get(f.id) ?? ''}(`;
    for (const p of f.params) {
      const v = a.roles.get(p);
      s += v ? `${v.object ?? ''}/${v.taint.map((o) => `${o.label}.${o.detail ?? ''}.${o.trust}${o.decoded ? '.d' : ''}`).join('+')}/${v.validated ? [...v.validated].join('+') : ''}/${v.fields ? [...v.fields.keys()].join('+') : ''},` : '-,';
    }
    s += ')';
  }
  return s;
}

const importsKey = (a: Analyzer) => [...a.imports].sort().join('\n');

/** Whether the last walk's records of the units the lowering kept hold for this version (see the header). */
export function replayable(a: Analyzer, units: readonly Unit[], prev: WalkRecord): ReplayMode {
  if (prev.imports !== importsKey(a) || prev.directives !== a.ir.top.directives.join('\n')) return false;
  const now = new Set(units);
  const changedKeys = new Set<string>();
  let seeded = false;
  const readers = prev.top && prev.firstBy ? moduleReaders(units, prev) : undefined;
  for (const [u, r] of prev.units) {
    if (now.has(u)) continue;
    if (!r.isolated) {
      if (!readers?.gone(u)) return false;
      seeded = true;
    }
    for (const k of r.ownerKeys) changedKeys.add(k);
  }
  for (const u of units) {
    if (prev.units.has(u)) continue;
    if (!isolated(u, a.ir.top)) {
      if (!readers?.fresh(u)) return false;
      seeded = true;
    }
    for (const k of ownerKeys(u)) changedKeys.add(k);
  }
  for (const u of units) {
    const r = prev.units.get(u);
    if (!r) continue;
    if ((u.funcs[0]?.id ?? -1) !== r.firstFn || (u.bindings[0]?.id ?? -1) !== r.firstBinding || r.ownerKeys.some((k) => changedKeys.has(k)) || roleSig(a, u) !== r.roles) return false;
    for (const f of u.funcs) if (!prev.summaries.has(f.id)) return false;
  }
  return seeded ? 'seeded' : 'isolated';
}

/**
 * Which new and gone units a replay can walk around though they read module names (header): a plain unit
 * (reuse-scope.ts) whose module reads were all written by units before it, whose functions no other unit
 * reads or writes; and, gone, a plain unit whose functions no unit left reads (unless a new unit defines them again).
 */
function moduleReaders(units: readonly Unit[], prev: WalkRecord): { fresh(u: Unit): boolean; gone(u: Unit): boolean } {
  const scopes = new Map<Unit, UnitScope>();
  const scopeOf = (u: Unit) => {
    let sc = scopes.get(u);
    if (!sc) scopes.set(u, (sc = unitScope(u)));
    return sc;
  };
  const writers = new Map<Binding, number[]>();
  units.forEach((u, i) => {
    for (const b of scopeOf(u).writes) {
      let list = writers.get(b);
      if (!list) writers.set(b, (list = []));
      list.push(i);
    }
  });
  const readBy = (b: Binding, except: Unit, definer?: (v: Unit) => boolean) =>
    units.some((v) => v !== except && !(definer?.(v)) && [...v.seen.values()].includes(b));
  const fresh = (u: Unit): boolean => {
    const sc = scopeOf(u);
    const at = units.indexOf(u);
    if (!sc.plain) return false;
    for (const b of u.seen.values()) {
      if (!b || (b.scope as Func).parent || sc.fns.has(b)) continue;
      const w = writers.get(b);
      if (!w?.length || w[w.length - 1] >= at) return false;
    }
    for (const b of sc.fns) if (writers.get(b)!.some((i) => units[i] !== u) || readBy(b, u)) return false;
    return true;
  };
  const gone = (u: Unit): boolean => {
    const sc = unitScope(u);
    if (!sc.plain) return false;
    for (const b of sc.fns) if (readBy(b, u, (v) => !prev.units.has(v) && scopeOf(v).fns.has(b))) return false;
    return true;
  };
  return { fresh, gone };
}

/** Whether the file's functions are its top function and then its units' functions, in order (what the walk's order relies on). */
export function unitsCover(a: Analyzer, units: readonly Unit[]): boolean {
  const funcs = a.ir.funcs;
  if (funcs[0] !== a.ir.top) return false;
  let i = 1;
  for (const u of units) for (const f of u.funcs) if (funcs[i++] !== f) return false;
  return i === funcs.length;
}

/**
 * The walk as `Analyzer.run`'s plan: unit by unit, replaying `prev`'s records where they hold
 * (`replay`, checked by the caller with `replayable`). Throws ReplayFailed when a replay cannot go on.
 */
export function unitWalk(units: readonly Unit[], replay: WalkRecord | undefined, out: WalkOutcome, seeded = false): (a: Analyzer) => void {
  return (a) => {
    try {
      walkUnits(a, units, replay, out, seeded);
    } finally {
      a.watch = null;
    }
  };
}

function walkUnits(a: Analyzer, units: readonly Unit[], replay: WalkRecord | undefined, out: WalkOutcome, seeded: boolean): void {
  const log: Array<readonly [string, string]> = (a.importLog = []);
  const replayed = (u: Unit) => replay?.units.get(u);
  const push = (flows: readonly Flow[], names: Names) => {
    if (a.flows.length + flows.length >= MAX_FLOWS) throw new ReplayFailed();
    for (const f of flows) a.flows.push(f);
    for (const [m, n] of names) {
      addName(a.importsWithInput, m, n);
      log.push([m, n]);
    }
  };
  // A function the last walk first analysed while a unit now walked again ran is analysed again when
  // something calls it first, as a fresh walk would; its summary is not carried over.
  const now = new Set(units);
  const firstBy = new Map<number, Slot>();
  for (const u of units) {
    const r = replayed(u);
    if (!r) continue;
    for (const f of u.funcs) {
      const s = replay!.firstBy?.get(f.id);
      if (s && !(now.has(s.unit) && replayed(s.unit))) continue;
      a.summaries.set(f.id, replay!.summaries.get(f.id)!);
      if (s) firstBy.set(f.id, s);
    }
  }
  const index = new Map(units.map((u, i) => [u, i]));
  const order = (s: Slot) => s.phase * units.length + index.get(s.unit)!;
  let slot: Slot | null = null;
  a.watch = {
    analyzed: (fn) => {
      if (slot && !firstBy.has(fn.id)) firstBy.set(fn.id, slot);
    },
    // A unit walked again that calls a function a fresh walk would analyse only later: its flows would be found here first.
    reused: (fn) => {
      if (!replay || !slot || replayed(slot.unit)) return;
      const s = firstBy.get(fn.id);
      if (s && order(s) > order(slot)) throw new ReplayFailed();
    },
  };
  let clean = true;
  let top: Env | undefined;
  const main = new Map<Unit, readonly [number, number, number, number]>();
  a.analyzeTop((frame) => {
    // The module scope as the last walk left it: what the replayed units' statements would write (header).
    const whole = !replay || (!!replay.top && frame.env.seedFrom(replay.top));
    if (seeded && !whole) throw new ReplayFailed();
    for (const u of units) {
      const f0 = a.flows.length;
      const i0 = log.length;
      const r = replayed(u);
      slot = { unit: u, phase: 0 };
      if (r) {
        if (!clean) throw new ReplayFailed();
        push(r.main, r.mainImports);
      } else if (clean) {
        const n = frame.returns.length;
        if (a.exec(u.stmts, frame) || frame.returns.length !== n) clean = false;
      }
      main.set(u, [f0, a.flows.length, i0, log.length]);
    }
    slot = null;
    if (whole) top = frame.env;
  });
  const left = new Map<Unit, readonly [number, number, number, number]>();
  for (const u of units) {
    const f0 = a.flows.length;
    const i0 = log.length;
    const r = replayed(u);
    slot = { unit: u, phase: 1 };
    if (r) push(r.left, r.leftImports);
    else for (const f of u.funcs) a.leftover(f);
    left.set(u, [f0, a.flows.length, i0, log.length]);
  }
  slot = null;
  // Every function of a replayed unit has its summary (carried over, or made when a walked unit called it).
  if (replay) for (const u of units) if (replayed(u)) for (const f of u.funcs) if (!a.summaries.has(f.id)) throw new ReplayFailed();
  a.importLog = null;
  out.replayed = replay ? units.filter((u) => replay.units.has(u)).length : 0;
  reuseStats.walks++;
  reuseStats.replayed += out.replayed;
  if (!clean || a.flows.length >= MAX_FLOWS) return;
  const records = new Map<Unit, UnitRecord>();
  for (const u of units) {
    const r = replayed(u);
    if (r) {
      records.set(u, r);
      continue;
    }
    const [m0, m1, mi0, mi1] = main.get(u)!;
    const [l0, l1, li0, li1] = left.get(u)!;
    records.set(u, {
      main: a.flows.slice(m0, m1), left: a.flows.slice(l0, l1), mainImports: log.slice(mi0, mi1), leftImports: log.slice(li0, li1),
      firstFn: u.funcs[0]?.id ?? -1, firstBinding: u.bindings[0]?.id ?? -1, isolated: isolated(u, a.ir.top), ownerKeys: ownerKeys(u), roles: roleSig(a, u),
    });
  }
  out.record = { units: records, summaries: a.summaries, imports: importsKey(a), directives: a.ir.top.directives.join('\n'), top, firstBy };
}
