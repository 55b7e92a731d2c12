// Is a name a near miss of a much more popular package? Damerau-Levenshtein distance (≤1 for short
// names, ≤2 for long ones) or the same name after separator/suffix/scope confusion.
import type { Ecosystem } from '../../../core/services';
import { normalizePypi } from './python-import-names';

/** Optimal-string-alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** The name with separators, `js`/`py` affixes and a version digit dropped: `@types-node` ≈ `@types/node`. */
export function confusable(name: string): string {
  return name
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/(?:^|[-_.])(?:js|py|python)\d?(?=$|[-_.])|\.js$|(?<=[a-z])js$/g, (m) => (/^[-_.]?python\d?$/.test(m) ? 'python' : ''))
    .replace(/[/._-]+/g, '');
}

export interface PopularIndex {
  names: ReadonlyMap<string, number>;
  byConfusable: Map<string, string>;
}

// Built once per popular list (the registry service hands out the same map each time).
const built = new WeakMap<ReadonlyMap<string, number>, PopularIndex>();

export function popularIndex(ecosystem: Ecosystem, popular: ReadonlyMap<string, number>): PopularIndex {
  const cached = built.get(popular);
  if (cached) return cached;
  const names = ecosystem === 'pypi' ? new Map([...popular].map(([k, v]) => [normalizePypi(k), v])) : popular;
  const byConfusable = new Map<string, string>();
  // Most popular first, so a confusable key maps to its best-known owner.
  for (const [n] of [...names].sort((a, b) => b[1] - a[1])) {
    const key = confusable(n);
    if (key.length >= 3 && !byConfusable.has(key)) byConfusable.set(key, n);
  }
  const index = { names, byConfusable };
  built.set(popular, index);
  return index;
}

/** How much more popular the neighbour must be than the name (or the name is absent from the list). */
const POPULARITY_RATIO = 100;

/**
 * The popular package `name` is probably a typo or squat of, or undefined. Names that are popular
 * themselves are never typosquats (`preact`/`react`, `react-dom`/`react`).
 */
export function typosquatOf(ecosystem: Ecosystem, rawName: string, index: PopularIndex, downloads?: number): string | undefined {
  const name = ecosystem === 'pypi' ? normalizePypi(rawName) : rawName.toLowerCase();
  if (name.length < 4 || index.names.has(name)) return undefined;
  const own = downloads ?? 0;
  const better = (n: string) => (index.names.get(n) ?? 0) > Math.max(own * POPULARITY_RATIO, 1);
  const byKey = index.byConfusable.get(confusable(name));
  if (byKey && byKey !== name && better(byKey)) return byKey;
  const max = name.length <= 8 ? 1 : 2;
  let best: { n: string; d: number; w: number } | undefined;
  for (const [n, w] of index.names) {
    if (Math.abs(n.length - name.length) > max || n.length < 4) continue;
    // Scope confusion is caught above; a different scope with the same bare name is a separate package.
    if (n.startsWith('@') !== name.startsWith('@')) continue;
    const d = editDistance(name, n, max);
    if (d <= max && d > 0 && better(n) && (!best || d < best.d || (d === best.d && w > best.w))) best = { n, d, w };
  }
  return best?.n;
}
