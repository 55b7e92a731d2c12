// Issue 9's scale bar: a 20,000-file monorepo scans with bounded memory, and `--shard k/n` + `vouch
// merge` give the full scan's findings. The monorepo is made of the bench corpora (run `npm run bench`
// once first): `packages/p0 … p{n-1}`, each a hard-linked copy of the JS/TS corpus, the Django corpus
// and the latency files (which carry findings, so the shard check compares something). Printed: wall,
// CPU and peak RSS of one package and of the whole monorepo (bounded: the whole repository's peak is
// about one package's, not n times it), then the shards, their merge, and whether the merged findings
// equal the full scan's (same set, none twice).
// Usage: node bench/scale.mjs [--packages 5] [--shards 2] [--jobs 1]
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, CORPUS, FILES, WORK, gnuTime, measure } from './lib/common.mjs';

const { values: opts } = parseArgs({
  options: {
    packages: { type: 'string', default: '5' },
    shards: { type: 'string', default: '2' },
    jobs: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opts.help) {
  process.stdout.write('Usage: node bench/scale.mjs [--packages 5] [--shards 2] [--jobs 1]\n');
  process.exit(0);
}
const print = (s = '') => process.stdout.write(s + '\n');
const PACKAGES = Math.max(1, Number(opts.packages));
const SHARDS = Math.max(2, Number(opts.shards));
const ROOT = join(WORK, 'monorepo');

/** Hard links (no copy of the bytes) of every file under `from`, at the same relative paths under `to`. */
function linkTree(from, to) {
  let n = 0;
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dst = join(to, name);
    if (statSync(src).isDirectory()) {
      mkdirSync(dst, { recursive: true });
      n += linkTree(src, dst);
    } else {
      linkSync(src, dst);
      n++;
    }
  }
  return n;
}

function build() {
  const sources = [join(CORPUS, 'src'), join(CORPUS, 'py'), FILES];
  for (const s of sources) if (!existsSync(s)) throw new Error(`${relative(process.cwd(), s)} is missing: run \`npm run bench\` once first`);
  rmSync(ROOT, { recursive: true, force: true });
  let files = 0;
  for (let p = 0; p < PACKAGES; p++) {
    for (const [i, s] of sources.entries()) {
      const dst = join(ROOT, 'packages', `p${p}`, ['src', 'py', 'files'][i]);
      mkdirSync(dst, { recursive: true });
      files += linkTree(s, dst);
    }
  }
  writeFileSync(join(ROOT, 'package.json'), JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }));
  return files;
}

async function scan(dir, extra = []) {
  const args = [CLI, 'scan', dir, '--root', dir, '--format', 'json', '--fail-on', 'never', '--quiet', '--offline', '--jobs', opts.jobs, ...extra];
  const r = await measure(process.execPath, args, { cwd: dir, timeoutMs: 3_600_000 });
  if (r.code !== 0) throw new Error(`vouch scan exited ${r.code}: ${r.stderr.trim().split('\n').pop()}`);
  return { ...r, report: JSON.parse(r.stdout) };
}

const row = (name, r) => `${name.padEnd(34)} ${String(r.report.files).padStart(6)}  ${r.wallS.toFixed(1).padStart(7)}  ${(r.cpuS ?? NaN).toFixed(1).padStart(7)}  ${(r.rssMb ?? NaN).toFixed(0).padStart(11)}  ${String(r.report.findings.length).padStart(8)}`;
const keyOf = (f) => `${f.file}:${f.line}:${f.column ?? ''}:${f.ruleId}:${f.findingId ?? ''}`;

async function main() {
  if (!existsSync(CLI)) throw new Error('cli/out/vouch.js is missing: run `npm run build` first');
  if (!gnuTime()) throw new Error('GNU time (/usr/bin/time) is needed for peak RSS and CPU seconds');
  const t0 = performance.now();
  const files = build();
  print(`Issue 9, scale: a monorepo of ${PACKAGES} packages (${files} files, hard links of the bench corpora) built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  print(`vouch scan --offline --jobs ${opts.jobs}; wall and CPU in s, peak RSS in MB`);
  print(`${'run'.padEnd(34)} ${'files'.padStart(6)}  ${'wall s'.padStart(7)}  ${'cpu s'.padStart(7)}  ${'peak RSS MB'.padStart(11)}  ${'findings'.padStart(8)}`);
  const one = await scan(join(ROOT, 'packages', 'p0'));
  print(row('one package', one));
  const full = await scan(ROOT);
  print(row(`whole monorepo (${PACKAGES} packages)`, full));
  const shards = [];
  for (let k = 1; k <= SHARDS; k++) {
    const r = await scan(ROOT, ['--shard', `${k}/${SHARDS}`]);
    print(row(`--shard ${k}/${SHARDS}`, r));
    shards.push(r);
  }
  const paths = shards.map((r, i) => {
    const p = join(WORK, `scale-shard-${i + 1}.json`);
    writeFileSync(p, r.stdout);
    return p;
  });
  const merged = await measure(process.execPath, [CLI, 'merge', ...paths, '--format', 'json', '--fail-on', 'never'], { cwd: ROOT });
  if (merged.code !== 0) throw new Error(`vouch merge exited ${merged.code}: ${merged.stderr.trim().split('\n').pop()}`);
  const m = JSON.parse(merged.stdout);
  const want = full.report.findings.map(keyOf).sort();
  const got = m.findings.map(keyOf).sort();
  const same = want.length === got.length && want.every((k, i) => k === got[i]);
  const twice = got.length - new Set(got).size;
  if (!same) {
    const only = (a, b) => { const s = new Set(b); return a.filter((k) => !s.has(k)); };
    for (const k of only(want, got).slice(0, 5)) print(`  only in the whole scan: ${k}`);
    for (const k of only(got, want).slice(0, 5)) print(`  only in the shards: ${k}`);
  }
  print(`merge of ${SHARDS} shards: ${m.findings.length} findings in ${merged.wallS.toFixed(1)} s; ${same ? 'equal to the whole scan\'s findings' : 'DIFFERENT from the whole scan\'s findings'}; ${twice} reported twice; files ${m.files} (whole scan ${full.report.files})`);
  print(`memory: the whole monorepo peaks at ${(full.rssMb / one.rssMb).toFixed(2)}x one package's RSS for ${(full.report.files / one.report.files).toFixed(1)}x the files; bar: bounded (and ≤ 300 MB for the 3.8k-file corpus, bench/run.mjs)`);
  for (const p of paths) rmSync(p, { force: true });
  rmSync(ROOT, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
