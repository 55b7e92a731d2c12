// Pure look-ups in the bundled API facts (rules/data/npm-api-facts.json.gz) for phantom-member's
// offline check: which majors a version range allows, the member list of a followed value in one
// major, and a near name for "did you mean".
import semver from 'semver';
import type { PackedApi } from '../../../core/services';
import type { Shape } from './offline-bindings';

/** The pack's majors the range allows; undefined when it allows one the pack lacks (or is no range). */
export function majorsFor(known: readonly string[], range: string | undefined): string[] | undefined {
  if (range === undefined) return [...known];
  const r = semver.validRange(range.trim() || '*');
  if (!r) return undefined;
  const top = Math.max(...known.map(Number)) + 1;
  const allowed: string[] = [];
  for (let m = 0; m <= top; m++) if (semver.intersects(r, `>=${m}.0.0 <${m + 1}.0.0-0`)) allowed.push(String(m));
  return allowed.length && allowed.every((m) => known.includes(m)) ? allowed : undefined;
}

/**
 * CommonJS exports the typings spell only as one of their named exports: commander 8 to 11 set
 * `module.exports` to the global `program` (a Command), typed as `export const program`; 12 dropped it.
 */
const EXPORT_IS: Readonly<Record<string, { name: string; below: number }>> = { commander: { name: 'program', below: 12 } };

/** Members of the named export that is also the package's CommonJS export in this major, if any. */
function exportedAs(pkg: string, facts: PackedApi): string {
  const as = EXPORT_IS[pkg];
  const major = Number(/@(\d+)\.[^@]*$/.exec(facts.from)?.[1]);
  if (!as || !(major < as.below)) return '';
  return (facts.o?.[as.name] ?? '').split(' ').map((m) => m.replace(/^#/, '')).join(' ');
}

/** The member list of `shape` in one major's facts; `*` open; undefined unknown. */
export function membersOf(facts: PackedApi, shape: Shape): string | undefined {
  switch (shape.kind) {
    case 'ns': return facts.d === '*' ? '*' : `${facts.d ?? ''} ${facts.e} ${exportedAs(shape.pkg, facts)}`;
    case 'named': return facts.o?.[shape.name!]?.split(' ').filter((m) => !m.startsWith('#')).join(' ');
    case 'call': return shape.of.kind === 'ns' ? facts.r : undefined;
    case 'await': return facts.a;
    case 'new':
      if (shape.of.kind === 'ns') return facts.n;
      return shape.of.kind === 'named' ? memberInstance(facts.o?.[shape.of.name!]) : undefined;
    default: return undefined;
  }
}

function memberInstance(list: string | undefined): string | undefined {
  if (list === undefined || !list.includes('#')) return undefined;
  return list.split(' ').filter((m) => m.startsWith('#')).map((m) => m.slice(1)).join(' ');
}

export function rootPkg(s: Shape): string | undefined {
  if (s.kind === 'fetch') return undefined;
  return 'of' in s ? rootPkg(s.of) : s.pkg;
}

/** Edit distance bounded at 3 (enough for "did you mean"). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

export function suggest(name: string, lists: readonly string[]): string | undefined {
  const names = [...new Set(lists.flatMap((l) => l.split(' ')).filter(Boolean))];
  const lower = name.toLowerCase();
  const exact = names.find((n) => n.toLowerCase() === lower);
  if (exact) return exact;
  const max = name.length <= 4 ? 1 : 2;
  return names.map((n) => ({ n, d: distance(name, n) })).filter((x) => x.d <= max).sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))[0]?.n;
}
