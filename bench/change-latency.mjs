// The change-aware layer's two bars, on a synthetic 1,000-file repository committed with git in a
// temp folder (701 TypeScript, 98 JavaScript, 201 Python files; each imports two neighbours and a
// shared module imported by 60 files):
//   1. the baseline's public surface, cold: a fresh process opens the repository (isomorphic-git, no
//      git process), reads every JS/TS/Python file at HEAD and computes its surface — loose objects,
//      then again after `git gc` (packs). Bar: <= 3 s.
//   2. re-evaluating one edited file in the slow tier, as the editor does (baseline = HEAD followed,
//      workspace read from disk, the file's text from the editor): breaking-change alone and the whole
//      slow tier (registry look-ups off), over edits that alternate breaking and compatible changes to
//      the shared module (60 importers) and to an ordinary module. Bar: p95 <= 200 ms.
// Medians of several runs (a shared 2-core machine is noisy). Prints numbers, never asserts.
// Usage: node bench/change-latency.mjs [--runs 5] [--edits 40]
import * as esbuild from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
const WORK = join(REPO, 'bench', '.work', 'change');
const BUNDLE = join(WORK, 'change-bench.cjs');
const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '5' }, edits: { type: 'string', default: '40' }, child: { type: 'string' }, dir: { type: 'string' }, make: { type: 'string' } } });
const RUNS = Number(opts.runs);
const EDITS = Number(opts.edits);
const print = (s = '') => process.stdout.write(s + '\n');
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const median = (xs) => pct(xs, 50);

const entry = `
export { createEngine } from './server/src/scan/create-engine';
export { Engine } from './server/src/core/engine';
export { FolderServices } from './server/src/scan/compose';
export { GitBaseline } from './server/src/vcs/baseline';
export { surfaceOfText, surfaceLanguage } from './server/src/change/surface';
export { languageOf } from './server/src/core/languages';
export { mergeSettings } from './server/src/core/config';
export { breakingChange } from './server/src/detectors/common/breaking-change';
`;

function tsModule(i, n) {
  const a = (i + 1) % n;
  const b = (i + 7) % n;
  const shared = i < 60 ? "import { formatDate } from './shared/date';\n" : '';
  return `${shared}import { run${a} } from './mod${a}';
import { run${b}, Options${b} } from './mod${b}';

export interface Options${i} {
  retries?: number;
  verbose?: boolean;
  label: string;
}

export enum Mode${i} { Fast, Safe }

/** Runs step ${i}. */
export function run${i}(input: string, opts: Options${i} = { label: 'x' }): { id: number; text: string } {
  const text = input.trim() + opts.label;
  return { id: ${i}, text };
}

export async function load${i}(path: string, limit = 10): Promise<string[]> {
  return [path, String(limit)];
}

export class Worker${i} {
  constructor(private name: string, size = 1) {}
  start(delay: number) { return run${a}(this.name + delay); }
  private tick() { return 0; }
}

function helper${i}(x: number) {
  return x * 2;
}

export const step${i} = () => run${b}(String(helper${i}(${i})), { label: 'y' } as Options${b})${shared ? ' + formatDate(new Date())' : ''};
`;
}

function jsModule(i, n) {
  const a = 700 + ((i - 700 + 1) % n);
  return `const { run${a} } = require('./mod${a}');

function run${i}(input, sep = ',') {
  return { id: ${i}, text: String(input).split(sep).join(' ') };
}

function total${i}(items) {
  return { sum: items.length, count: items.length };
}

module.exports = { run${i}, total${i}, call: () => run${a}('a') };
`;
}

function pyModule(i) {
  const a = (i + 1) % 200;
  return `from .mod${a} import run${a}


def _pad(n):
    return str(n).zfill(2)


def run${i}(text, sep=',', *, strict=False):
    return {"id": ${i}, "text": _pad(len(text.split(sep)))}


async def fetch${i}(url, timeout=10):
    return [url]


class Client${i}:
    def __init__(self, base, retries=3):
        self.base = base

    def get(self, path, params=None):
        return run${a}(self.base + path)


def step${i}():
    return run${a}('x')
`;
}

function makeRepo(dir) {
  const files = {};
  files['src/shared/date.ts'] = "export function formatDate(d: Date, style = 'short'): string {\n  return d.toISOString() + style;\n}\n";
  for (let i = 0; i < 700; i++) files[`src/mod${i}.ts`] = tsModule(i, 700);
  for (let i = 700; i < 798; i++) files[`src/mod${i}.js`] = jsModule(i, 98);
  files['py/app/__init__.py'] = '';
  for (let i = 0; i < 200; i++) files[`py/app/mod${i}.py`] = pyModule(i);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, dirname(rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const git = (...args) => execFileSync('git', args, {
    cwd: dir, stdio: 'ignore',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' },
  });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'baseline');
  return { count: Object.keys(files).length, git };
}

/** Child: one cold computation of the baseline's surface of every file; prints JSON. */
async function coldChild(dir) {
  const m = createRequire(import.meta.url)(BUNDLE);
  const { warnings } = await m.createEngine({ testFaults: false }); // loads the Python grammar (not timed: the server has it loaded)
  if (warnings.length) throw new Error(warnings.join('; '));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const baseline = await m.GitBaseline.open(dir, 'HEAD');
  const revision = await baseline.resolved();
  const tree = await baseline.repository.tree(revision.oid);
  const key = {};
  let surfaces = 0;
  let exports = 0;
  for (const path of tree.keys()) {
    const lang = m.languageOf(path);
    if (!lang || !m.surfaceLanguage(lang)) continue;
    const file = await baseline.read(path);
    const s = file && baseline.derived(file, key, (t) => m.surfaceOfText(t, lang, path));
    if (s) (surfaces++, (exports += Object.keys(s.exports).length));
  }
  const cpu = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, surfaces, exports }));
}

function cold(dir) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'cold', '--dir', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

async function edits(dir) {
  const m = createRequire(import.meta.url)(BUNDLE);
  const { engine: full, warnings } = await m.createEngine({ testFaults: false });
  if (warnings.length) throw new Error(warnings.join('; '));
  const alone = new m.Engine([m.breakingChange]);
  const settings = m.mergeSettings({ registry: { enabled: false } });
  const folder = new m.FolderServices({ trusted: true, log: () => {} });
  const services = folder.for(dir, settings);
  const { readFileSync } = await import('node:fs');
  const cases = [
    { path: 'src/shared/date.ts', languageId: 'typescript', breaking: (t) => t.replace("style = 'short'", 'style: string'), compatible: (t, i) => `// note ${i}\n${t}` },
    { path: 'src/mod42.ts', languageId: 'typescript', breaking: (t) => t.replace('limit = 10', 'limit: number'), compatible: (t, i) => t.replace('/** Runs', `/** (${i}) Runs`) },
    { path: 'py/app/mod7.py', languageId: 'python', breaking: (t) => t.replace("sep=','", 'sep'), compatible: (t, i) => `# note ${i}\n${t}` },
  ];
  const out = [];
  for (const c of cases) {
    const base = readFileSync(join(dir, c.path), 'utf8');
    const run = async (engine, text) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = await engine.analyzeAsync({ text, languageId: c.languageId, path: c.path }, services, { slowBudgetMs: 20_000 });
      const cpu = process.cpuUsage(c0);
      return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, found: r.findings.filter((f) => f.ruleId === 'breaking-change') };
    };
    const first = await run(alone, c.breaking(base));
    const ruleMs = [];
    const ruleCpu = [];
    const slowMs = [];
    let reported = 0;
    for (let i = 0; i < EDITS; i++) {
      const text = i % 2 ? c.compatible(base, i) : c.breaking(base) + `\n// ${i}\n`;
      const a = await run(alone, text);
      ruleMs.push(a.ms);
      ruleCpu.push(a.cpuMs);
      if (a.found.length) reported++;
      slowMs.push((await run(full, text)).ms);
    }
    out.push({ path: c.path, firstMs: first.ms, ruleCpu, firstSites: first.found[0]?.related?.length ?? 0, message: first.found[0]?.message, ruleMs, slowMs, reported });
  }
  folder.dispose();
  return out;
}

async function main() {
  if (opts.child === 'cold') return coldChild(opts.dir);
  // `--make DIR`: only write and commit the synthetic repository there (for profiling by hand).
  if (opts.make) return void print(`${makeRepo(opts.make).count} files committed in ${opts.make}`);
  mkdirSync(WORK, { recursive: true });
  await esbuild.build({
    stdin: { contents: entry, resolveDir: REPO, loader: 'ts' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    outfile: BUNDLE, logLevel: 'warning', mainFields: ['module', 'main'],
    // As esbuild.mjs: web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks.
    define: { 'import.meta.url': '__importMetaUrl', VOUCH_VERSION: '"bench"' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  const top = mkdtempSync(join(tmpdir(), 'vouch-change-bench-'));
  try {
    const dir = join(top, 'repo');
    mkdirSync(dir);
    const t0 = performance.now();
    const repo = makeRepo(dir);
    print(`change-aware bench: synthetic repository of ${repo.count} files (made and committed in ${((performance.now() - t0) / 1000).toFixed(1)} s), ${RUNS} runs`);
    for (const label of ['loose objects', 'after git gc (packs, packed refs)']) {
      if (label.startsWith('after')) repo.git('gc', '-q');
      const runs = Array.from({ length: RUNS }, () => cold(dir));
      const ms = runs.map((r) => r.ms);
      const cpu = runs.map((r) => r.cpuMs);
      print(`baseline surface, cold (${label}): wall median ${(median(ms) / 1000).toFixed(2)} s (min ${(Math.min(...ms) / 1000).toFixed(2)}, max ${(Math.max(...ms) / 1000).toFixed(2)}), cpu median ${(median(cpu) / 1000).toFixed(2)} s over ${RUNS} fresh processes — ${runs[0].surfaces} files, ${runs[0].exports} exports — bar <= 3 s`);
    }
    const results = [];
    for (let r = 0; r < Math.max(1, Math.min(RUNS, 3)); r++) results.push(await edits(dir));
    for (let k = 0; k < results[0].length; k++) {
      const all = results.map((x) => x[k]);
      const p95s = all.map((x) => pct(x.ruleMs, 95));
      const slow95 = all.map((x) => pct(x.slowMs, 95));
      const p50s = all.map((x) => pct(x.ruleMs, 50));
      print(`edit ${all[0].path}: breaking-change p50 ${median(p50s).toFixed(0)} ms, p95 ${median(p95s).toFixed(0)} ms wall, p95 ${median(all.map((x) => pct(x.ruleCpu, 95))).toFixed(0)} ms cpu (median of ${all.length} runs of ${EDITS} edits); whole slow tier p95 ${median(slow95).toFixed(0)} ms; first evaluation (cold reach) ${median(all.map((x) => x.firstMs)).toFixed(0)} ms — bar p95 <= 200 ms`);
      print(`  ${all[0].reported}/${EDITS} edits reported (every other edit is breaking); first finding: ${all[0].firstSites} related sites: ${all[0].message?.slice(0, 160)}…`);
    }
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}

await main();
