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
// - Classes' methods are found by `Class.method` across the file: no replayed unit may have such a key
//   that a new or gone unit has.
// - The file-wide inputs of the walk are the same: its imports, its directives, and the roles (routes,
//   HTTP methods, parameter roles) of every replayed unit's functions, which are computed afresh.
// - The last walk ran every top-level statement (none exited or returned) and found fewer flows than
//   the cap, and the replay stays under it. A new unit that exits or returns ends the replay, and the
//   file is walked afresh (unit by unit, recorded for the next version).
// Anything else walks the whole file. A Python view (a `def` reading `app`, `request`) reads module
// names, so an edit inside one walks the whole file: replaying around it would need the module's
// values at the view and the order in which functions were first analysed (future work). The order
// of flows is the whole walk's: the units' statements in order, then, in order, their functions
// nobody called. test/unit/analysis-reuse.test.ts replays edit sequences and compares with a fresh
// analysis of every version.
import type { Analyzer, Flow, Summary } from './interpret';
import { addName } from './imported';
import type { Func } from './ir';
import type { Unit } from './lower-units';

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
}

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
export function replayable(a: Analyzer, units: readonly Unit[], prev: WalkRecord): boolean {
  if (prev.imports !== importsKey(a) || prev.directives !== a.ir.top.directives.join('\n')) return false;
  const now = new Set(units);
  const changedKeys = new Set<string>();
  for (const [u, r] of prev.units) {
    if (now.has(u)) continue;
    if (!r.isolated) return false;
    for (const k of r.ownerKeys) changedKeys.add(k);
  }
  for (const u of units) {
    if (prev.units.has(u)) continue;
    if (!isolated(u, a.ir.top)) return false;
    for (const k of ownerKeys(u)) changedKeys.add(k);
  }
  for (const u of units) {
    const r = prev.units.get(u);
    if (!r) continue;
    if ((u.funcs[0]?.id ?? -1) !== r.firstFn || (u.bindings[0]?.id ?? -1) !== r.firstBinding || r.ownerKeys.some((k) => changedKeys.has(k)) || roleSig(a, u) !== r.roles) return false;
    for (const f of u.funcs) if (!prev.summaries.has(f.id)) return false;
  }
  return true;
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
export function unitWalk(units: readonly Unit[], replay: WalkRecord | undefined, out: WalkOutcome): (a: Analyzer) => void {
  return (a) => {
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
    for (const u of units) {
      const r = replayed(u);
      if (r) for (const f of u.funcs) a.summaries.set(f.id, replay!.summaries.get(f.id)!);
    }
    let clean = true;
    const main = new Map<Unit, readonly [number, number, number, number]>();
    a.analyzeTop((frame) => {
      for (const u of units) {
        const f0 = a.flows.length;
        const i0 = log.length;
        const r = replayed(u);
        if (r) {
          if (!clean) throw new ReplayFailed();
          push(r.main, r.mainImports);
        } else if (clean) {
          const n = frame.returns.length;
          if (a.exec(u.stmts, frame) || frame.returns.length !== n) clean = false;
        }
        main.set(u, [f0, a.flows.length, i0, log.length]);
      }
    });
    const left = new Map<Unit, readonly [number, number, number, number]>();
    for (const u of units) {
      const f0 = a.flows.length;
      const i0 = log.length;
      const r = replayed(u);
      if (r) push(r.left, r.leftImports);
      else for (const f of u.funcs) a.leftover(f);
      left.set(u, [f0, a.flows.length, i0, log.length]);
    }
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
    out.record = { units: records, summaries: a.summaries, imports: importsKey(a), directives: a.ir.top.directives.join('\n') };
  };
}
