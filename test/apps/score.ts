// Scores the five live families (issue 10) on the fixture apps in test/apps/: each app folder is a
// workspace, scanned as `vouch scan` does (both tiers, registry off so the bundled snapshots answer,
// the type checker on as in the editor). Per rule and per family: expected findings found (tp), missed
// (fn), and findings on lines marked `ok:` for that rule (fp). Findings of these families on lines no
// marker names are listed, not scored. Marker syntax: test/detectors/markers.ts; JSON files take theirs
// from `<file>.markers` (test/apps/README.md). A marker id that is a family id accepts any rule of it.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { mergeSettings } from '../../server/src/core/config';
import type { Engine } from '../../server/src/core/engine';
import type { Finding } from '../../server/src/core/types';
import { FolderServices, runScan } from '../../server/src/scan/compose';
import { parseMarkers, type Expectation } from '../detectors/markers';

export const FAMILIES = ['hardcoded-secret', 'insecure-default', 'sensitive-data-exposure', 'hallucinated-dependency', 'phantom-api'] as const;
const DOCS = join(__dirname, '..', '..', 'rules', 'docs');

/** Expected found, expected missed, `ok:` lines reported, known gaps (`todo-expect:`), `ok:` markers. */
export interface Tally { tp: number; fn: number; fp: number; todo: number; ok: number }
export interface AppScore {
  /** Per rule id (or family id used as a marker), with its family. */
  rules: Map<string, Tally & { family: string }>;
  families: Map<string, Tally>;
  /** One line per miss, false alarm, known gap and unscored finding, with file:line. */
  misses: string[];
  falseAlarms: string[];
  todos: string[];
  unmarked: string[];
  /** Low-confidence findings on `ok:` lines of test files: the product's documented test-file policy, not counted. */
  testFileLow: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const familyCache = new Map<string, string>();
/** The family a rule's documentation page states (a family id stands for itself). */
export function familyOf(id: string): string {
  if ((FAMILIES as readonly string[]).includes(id)) return id;
  if (!familyCache.has(id)) {
    let fam = 'unknown';
    try {
      fam = /\*\*Family:\*\*\s*([a-z-]+)/.exec(readFileSync(join(DOCS, `${id}.md`), 'utf8'))?.[1] ?? 'unknown';
    } catch {
      /* no doc: unknown rule id, reported by the caller */
    }
    familyCache.set(id, fam);
  }
  return familyCache.get(id)!;
}

/** `<kind>: <ids> @ <text>` lines of a `.markers` side file, placed on the first line holding the text. */
function sideMarkers(file: string, text: string): Expectation[] {
  let side: string;
  try {
    side = readFileSync(`${file}.markers`, 'utf8');
  } catch {
    return [];
  }
  const lines = text.split('\n');
  return side.split('\n').flatMap((l) => {
    const m = /^(todo-expect|expect|ok):\s*([a-z0-9, -]+?)\s*@\s*(.+)$/.exec(l.trim());
    if (!m) return [];
    const at = lines.findIndex((x) => x.includes(m[3]));
    if (at < 0) throw new Error(`${file}.markers: "${m[3]}" is not in the file`);
    return [{ kind: m[1] as Expectation['kind'], ids: m[2].split(/[\s,]+/).filter(Boolean), line: at + 1 }];
  });
}

const isTestPath = (rel: string) => /(^|\/)(tests?|__tests__)\//.test(rel) || /\.(test|spec)\.[jt]sx?$/.test(rel) || /(^|\/)test_[^/]*\.py$/.test(rel);

const matches = (f: Finding, id: string) => f.ruleId === id || ((FAMILIES as readonly string[]).includes(id) && f.family === id);

/**
 * Scans a copy of the app outside the repository: a user's workspace has no node_modules above it,
 * while this repository's own (express, lodash…) would otherwise stand in for the app's packages.
 */
async function scanCopy(engine: Engine, root: string, registry?: Registries) {
  const tmp = mkdtempSync(join(tmpdir(), 'vouch-apps-'));
  const copy = join(tmp, basename(root));
  cpSync(root, copy, { recursive: true });
  const settings = mergeSettings({ registry: registry ? { enabled: true, ...registry } : { enabled: false, npmUrl: '', pypiUrl: '' }, detectorBudgetMs: 60_000 });
  const folders = new FolderServices({ trusted: !!registry, snapshot: true, log: () => {}, typeRoots: () => [copy], baseline: () => undefined, ...(registry ? { cacheDir: join(tmp, 'cache') } : {}) });
  try {
    return await runScan({ engine, root: copy, settings, services: folders.for(copy, settings) });
  } finally {
    folders.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Registries to ask instead of the offline snapshots (test/registry/apps-registry.test.ts). Then the
 * known gaps of the hallucinated-dependency family (`todo-expect:`, the names only a registry can
 * judge) count as expected findings.
 */
export interface Registries {
  npmUrl: string;
  pypiUrl: string;
}

export async function scoreApp(engine: Engine, root: string, registry?: Registries): Promise<AppScore> {
  const scan = await scanCopy(engine, root, registry);
  const byFile = new Map(scan.files.map((f) => [f.path.split('\\').join('/'), f.findings.filter((x) => !x.suppressed)]));
  const out: AppScore = { rules: new Map(), families: new Map(), misses: [], falseAlarms: [], todos: [], unmarked: [], testFileLow: [] };
  const tally = (id: string) => {
    if (!out.rules.has(id)) out.rules.set(id, { tp: 0, fn: 0, fp: 0, todo: 0, ok: 0, family: familyOf(id) });
    return out.rules.get(id)!;
  };
  const app = relative(join(root, '..'), root);
  for (const file of walk(root)) {
    if (file.endsWith('.markers') || file.endsWith('README.md')) continue;
    const rel = relative(root, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    const markers = [...parseMarkers(text), ...sideMarkers(file, text)];
    const found = byFile.get(rel) ?? [];
    const onLine = (line: number, id: string) => found.filter((f) => f.range.start.line + 1 === line && matches(f, id));
    const where = (line: number) => `${app}/${rel}:${line}`;
    const named = new Set<string>();
    for (const m of markers) {
      for (const id of m.ids) {
        if (familyOf(id) === 'unknown') throw new Error(`${where(m.line)}: unknown rule id ${id}`);
        named.add(`${m.line}:${id}`);
        const hits = onLine(m.line, id);
        const t = tally(id);
        if (m.kind === 'expect' || (registry && m.kind === 'todo-expect' && familyOf(id) === 'hallucinated-dependency')) {
          if (hits.length) t.tp++;
          else {
            t.fn++;
            const near = found.filter((f) => matches(f, id) && Math.abs(f.range.start.line + 1 - m.line) <= 3).map((f) => f.range.start.line + 1);
            out.misses.push(`missed ${id} at ${where(m.line)}${near.length ? ` (reported at line ${near.join(', ')})` : ''}`);
          }
        } else if (m.kind === 'todo-expect') {
          t.todo++;
          out.todos.push(`known gap ${id} at ${where(m.line)}${hits.length ? ' (now reported: promote to expect)' : ''}`);
        } else {
          t.ok++;
          for (const f of hits) {
            if (isTestPath(rel) && f.confidence === 'low') out.testFileLow.push(`${f.ruleId} at ${where(m.line)} (${f.severity}, low, test file)`);
            else {
              t.fp++;
              out.falseAlarms.push(`false alarm ${f.ruleId} at ${where(m.line)} (${f.severity}, ${f.confidence})`);
            }
          }
        }
      }
    }
    for (const f of found) {
      const line = f.range.start.line + 1;
      if (!(FAMILIES as readonly string[]).includes(f.family)) continue;
      if (named.has(`${line}:${f.ruleId}`) || named.has(`${line}:${f.family}`)) continue;
      out.unmarked.push(`unmarked ${f.ruleId} at ${where(line)} (${f.severity}, ${f.confidence}): ${f.message}`);
    }
  }
  for (const t of out.rules.values()) {
    out.families.set(t.family, add(out.families.get(t.family), t));
  }
  return out;
}

function add(a: Tally | undefined, b: Tally): Tally {
  if (!a) return { tp: b.tp, fn: b.fn, fp: b.fp, todo: b.todo, ok: b.ok };
  return { tp: a.tp + b.tp, fn: a.fn + b.fn, fp: a.fp + b.fp, todo: a.todo + b.todo, ok: a.ok + b.ok };
}

/** The apps of test/apps scored together (rule and family tallies summed). */
export async function scoreApps(engine: Engine, dir = __dirname, registry?: Registries): Promise<AppScore> {
  const apps = readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()).sort();
  const total: AppScore = { rules: new Map(), families: new Map(), misses: [], falseAlarms: [], todos: [], unmarked: [], testFileLow: [] };
  for (const a of apps) {
    const s = await scoreApp(engine, join(dir, a), registry);
    for (const [id, t] of s.rules) total.rules.set(id, { family: t.family, ...add(total.rules.get(id), t) });
    for (const [id, t] of s.families) total.families.set(id, add(total.families.get(id), t));
    for (const k of ['misses', 'falseAlarms', 'todos', 'unmarked', 'testFileLow'] as const) total[k].push(...s[k]);
  }
  return total;
}

export const recall = (t: Tally) => t.tp / Math.max(1, t.tp + t.fn);
export const precision = (t: Tally) => t.tp / Math.max(1, t.tp + t.fp);

export function table(s: AppScore): string {
  const n = (v: number, w: number) => String(v).padStart(w);
  const ratio = (v: number, defined: boolean, w: number) => (defined ? v.toFixed(2) : '-').padStart(w);
  const row = (name: string, t: Tally) =>
    `${name.padEnd(36)} ${n(t.tp, 4)} ${n(t.fn, 4)} ${n(t.fp, 4)} ${n(t.todo, 5)} ${n(t.ok, 4)}  ${ratio(recall(t), t.tp + t.fn > 0, 6)}  ${ratio(precision(t), t.tp + t.fp > 0, 9)}`;
  const head = `${'family / rule'.padEnd(36)}   tp   fn   fp  todo   ok  recall  precision`;
  const lines = [head];
  const fams = [...s.families.keys()].sort((a, b) => (FAMILIES as readonly string[]).indexOf(a) - (FAMILIES as readonly string[]).indexOf(b) || a.localeCompare(b));
  for (const fam of fams) {
    lines.push(row(fam.toUpperCase(), s.families.get(fam)!));
    for (const [id, t] of [...s.rules].filter(([, t]) => t.family === fam).sort()) lines.push(row(`  ${id}`, t));
  }
  return lines.join('\n');
}

export function report(s: AppScore): string {
  return [table(s), '', ...s.misses, ...s.falseAlarms, ...s.todos, ...s.testFileLow.map((l) => `not counted: ${l}`), '', ...s.unmarked].join('\n');
}
