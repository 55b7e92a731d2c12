// Issue 11's scan bar: `vouch scan` CPU time with the analysis layer on versus off, measured A/B
// interleaved (on, off, off, on, …) so a busy machine slows both alike; medians and the ratio are
// printed against the bar (layer on ≤ 1.25 × off). "Off" is the same build as it would be without the
// layer (bench/layer-off.json: the `flowAnalysis` setting off, so nothing is lowered or analysed and
// the exposure rules keep only their syntax checks, as before the layer; the missing-input-validation
// family, which exists only with it, off). `--before`
// adds a third build (e.g. an older commit's cli/out/vouch.js) scanned with every rule on.
// Usage: node bench/layer.mjs [--rounds 5] [--corpus DIR]... [--before path/to/vouch.js]...
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH, CLI, CORPUS, gnuTime, measure } from './lib/common.mjs';

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    corpus: { type: 'string', multiple: true },
    before: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opts.help) {
  process.stdout.write('Usage: node bench/layer.mjs [--rounds 5] [--corpus DIR]... [--before path/to/vouch.js]...\n');
  process.exit(0);
}
const print = (s = '') => process.stdout.write(s + '\n');
const ROUNDS = Math.max(1, Number(opts.rounds));
const OFF = join(BENCH, 'layer-off.json');
const BAR = 1.25;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function scan(cli, dir, config) {
  // One job, as the other benches scan; an older build (--before) may not know the option.
  const jobs = cli === CLI ? ['--jobs', '1'] : [];
  const args = [cli, 'scan', dir, '--root', dir, '--format', 'json', '--fail-on', 'never', '--quiet', '--offline', ...jobs, ...(config ? ['--config', config] : [])];
  const r = await measure(process.execPath, args, { cwd: dir });
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr.trim().split('\n').pop()}`);
  const j = JSON.parse(r.stdout);
  // Budget time-outs cut work short (a busy machine hits more of them): printed, so a ratio that looks
  // good because the layer ran out of time shows as such.
  return { cpuS: r.cpuS, wallS: r.wallS, findings: j.findings.length, timeouts: j.notices.filter((n) => /budget/.test(n)).length };
}

async function main() {
  if (!existsSync(CLI)) throw new Error('cli/out/vouch.js is missing: run `npm run build` first');
  if (!gnuTime()) throw new Error('GNU time (/usr/bin/time) is needed for CPU seconds');
  const dirs = opts.corpus?.length ? opts.corpus.map((d) => resolve(d)) : ['src', 'py'].map((d) => join(CORPUS, d)).filter(existsSync);
  if (!dirs.length) throw new Error('no corpus: run `npm run bench` once (it builds bench/.work/corpus) or pass --corpus DIR');
  const variants = [
    { name: 'layer on', cli: CLI },
    { name: 'layer off', cli: CLI, config: OFF },
    ...(opts.before ?? []).map((b, i) => ({ name: opts.before.length > 1 ? `before ${i + 1}` : 'before', cli: resolve(b) })),
  ];
  print(`Issue 11, scan bar: CPU s (user + system) of \`vouch scan --offline\`, ${ROUNDS} interleaved rounds, medians`);
  print(`off = the same build with ${OFF.slice(BENCH.length - 5)} (flowAnalysis off, as before the layer)`);
  for (const v of variants.slice(2)) print(`${v.name} = ${v.cli} (every rule on)`);
  const rows = [];
  for (const dir of dirs) {
    const samples = variants.map(() => []);
    const findings = variants.map(() => undefined);
    const timeouts = variants.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order every round: drift in the machine's load falls on every variant alike.
      const order = variants.map((_, i) => i);
      if (round % 2) order.reverse();
      for (const i of order) {
        const r = await scan(variants[i].cli, dir, variants[i].config);
        samples[i].push(r.cpuS);
        findings[i] = r.findings;
        timeouts[i].push(r.timeouts);
      }
      process.stderr.write(`[layer] ${dir}: round ${round + 1}/${ROUNDS}: ${variants.map((v, i) => `${v.name} ${samples[i].at(-1).toFixed(2)}`).join(', ')}\n`);
    }
    const med = samples.map(median);
    const ratio = med[0] / med[1];
    rows.push({ dir, med, ratio, samples, findings });
    print(`\n${dir}`);
    for (const [i, v] of variants.entries()) print(`  ${v.name.padEnd(10)} median ${med[i].toFixed(2)} s  [${samples[i].map((s) => s.toFixed(2)).join(' ')}]  findings ${findings[i]}  budget time-outs [${timeouts[i].join(' ')}]`);
    print(`  layer on / layer off = ${ratio.toFixed(3)}  (bar ≤ ${BAR}: ${ratio <= BAR ? 'met' : 'NOT met'})`);
    for (const [i, v] of variants.entries()) if (i > 1) print(`  layer on / ${v.name.padEnd(9)}= ${(med[0] / med[i]).toFixed(3)}   ${v.name} / layer off = ${(med[i] / med[1]).toFixed(3)}`);
  }
  print(`\nbar 1 (scan, layer on ≤ ${BAR} × off): ${rows.map((r) => `${r.dir.split('/').slice(-2).join('/')} ${r.ratio.toFixed(2)}`).join(', ')}`);
}

main().catch((e) => {
  process.stderr.write(`layer bench failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
