// The scan on worker threads: `vouch scan --offline` on each corpus once per --jobs value, one after
// the other (never in parallel), with wall s, CPU s (user + system), peak RSS of the whole process
// (workers included) and whether each report equals the first one's, timings aside.
// Usage: node bench/jobs.mjs [--jobs 1,2] [--corpus DIR]...
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, CORPUS, WORK, gnuTime, measure } from './lib/common.mjs';

const { values: opts } = parseArgs({
  options: {
    jobs: { type: 'string', default: '1,2' },
    corpus: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opts.help) {
  process.stdout.write('Usage: node bench/jobs.mjs [--jobs 1,2] [--corpus DIR]...\n');
  process.exit(0);
}
const print = (s = '') => process.stdout.write(s + '\n');
const untimed = (text) => text.replace(/"durationMs": ?\d+/g, '"durationMs": 0');

/** The first differing line of two pretty-printed reports (a time-out on a busy machine shows here). */
function firstDifference(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, k) => line !== y[k]);
  return i < 0 ? 'longer' : `line ${i + 1}: ${x[i].trim().slice(0, 120)} ≠ ${(y[i] ?? '').trim().slice(0, 120)}`;
}

async function main() {
  if (!existsSync(CLI)) throw new Error('cli/out/vouch.js is missing: run `npm run build` first');
  if (!gnuTime()) throw new Error('GNU time (/usr/bin/time) is needed for CPU seconds and peak RSS');
  const dirs = opts.corpus?.length ? opts.corpus.map((d) => resolve(d)) : ['src', 'py'].map((d) => join(CORPUS, d)).filter(existsSync);
  if (!dirs.length) throw new Error('no corpus: run `npm run bench` once (it builds bench/.work/corpus) or pass --corpus DIR');
  const jobs = opts.jobs.split(',').map(Number);
  print('vouch scan --offline --jobs N: wall s (spawn to exit), cpu s (user + system), peak RSS (workers included)');
  for (const dir of dirs) {
    print(`\n${dir}`);
    let first;
    for (const n of jobs) {
      const report = join(WORK, `jobs-${process.pid}-${n}.json`);
      const r = await measure(process.execPath, [CLI, 'scan', dir, '--root', dir, '--format', 'json', '--output', report, '--fail-on', 'never', '--quiet', '--offline', '--jobs', String(n)], { cwd: dir });
      if (r.code !== 0) throw new Error(`--jobs ${n}: exit ${r.code}: ${r.stderr.trim().split('\n').pop()}`);
      const text = untimed(readFileSync(report, 'utf8'));
      rmSync(report, { force: true });
      const j = JSON.parse(text);
      first ??= text;
      const budget = j.notices.filter((x) => /budget/.test(x)).length;
      print(`  --jobs ${String(n).padEnd(3)} wall ${r.wallS.toFixed(2).padStart(7)} s  cpu ${r.cpuS.toFixed(2).padStart(7)} s  peak RSS ${r.rssMb.toFixed(0).padStart(5)} MB  files ${j.files}  findings ${j.findings.length}  budget notices ${budget}  ${text === first ? 'report identical' : `report differs: ${firstDifference(first, text)}`}`);
    }
  }
}

main().catch((e) => {
  process.stderr.write(`bench/jobs: ${e.message}\n`);
  process.exit(1);
});
