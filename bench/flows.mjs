// The analysis layer in numbers: recall and precision of the missing-input-validation rules on the
// held-out suite (test/flows/heldout), and the fast tier's compute per edit (engine.analyze in-process,
// no LSP, no debounce) on 1,000- and 5,000-line files with the layer on and off (bench/layer-off.json:
// `flowAnalysis` off, as before the layer: the exposure rules keep their syntax checks, the flow rules
// are off), measured edit by edit in turns, so the layer's own cost shows; then
// issue 11's per-edit bar (p95 ≤ 15 ms on a 1,000-line file and on a dense handler file). Prints
// numbers, asserts nothing. Usage: node bench/flows.mjs [--edits 60] [--source DIR] [--json]
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { availableParallelism, loadavg } from 'node:os';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
const WORK = join(REPO, 'bench', '.work', 'flows');
const HELDOUT = join(REPO, 'test', 'flows', 'heldout');
const { values: opts } = parseArgs({
  options: {
    edits: { type: 'string', default: '60' },
    // Another checkout's sources (an A/B against an older commit); results as JSON for a script to compare.
    source: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const SOURCE = opts.source ?? REPO;
const EDITS = Number(opts.edits);
const WARM = 10;
const print = (s = '') => process.stdout.write(s + '\n');

// The dense files come from this checkout (test/flows/dense.ts) whichever sources are measured.
const entry = `
export { createEngine } from './server/src/scan/create-engine';
export { score, table } from './test/flows/score';
export { denseHandlers } from ${JSON.stringify(join(REPO, 'test', 'flows', 'dense'))};
`;

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function main() {
  mkdirSync(WORK, { recursive: true });
  const out = join(WORK, opts.source ? `flows-bench-${Buffer.from(SOURCE).toString('hex').slice(-16)}.cjs` : 'flows-bench.cjs');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: SOURCE, loader: 'ts' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    outfile: out, logLevel: 'warning', mainFields: ['module', 'main'],
    // As in esbuild.mjs: web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks.
    define: { VOUCH_VERSION: '"bench"', 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  // The Python grammar is loaded from next to the bundle, as in the extension.
  const resolve = createRequire(import.meta.url).resolve;
  for (const name of ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm']) copyFileSync(resolve(name), join(WORK, name.split('/')[1]));
  const m = createRequire(import.meta.url)(out);
  const { engine, warnings } = await m.createEngine();
  for (const w of warnings) print(`warning: ${w}`);

  const { rules, misses } = await m.score(engine, join(REPO, 'test', 'flows', 'heldout'));
  print(`held-out suite (test/flows/heldout, written by someone who did not write the rules): per rule`);
  print(m.table(rules));
  print(`misses and false alarms: ${misses.length ? '\n  ' + misses.join('\n  ') : 'none'}`);

  const files = [
    ['handlers-1000.js', 'javascript', m.denseHandlers(1000, false, { dir: HELDOUT })],
    ['handlers-5000.js', 'javascript', m.denseHandlers(5000, false, { dir: HELDOUT })],
    ['handlers-1000.py', 'python', m.denseHandlers(1000, true, { dir: HELDOUT })],
  ];
  const synthetic = join(REPO, 'bench', '.work', 'files');
  if (existsSync(synthetic)) {
    for (const f of readdirSync(synthetic).sort()) files.push([`corpus ${f}`, f.endsWith('.py') ? 'python' : f.endsWith('.ts') ? 'typescript' : 'javascript', readFileSync(join(synthetic, f), 'utf8')]);
  }
  // A budget no edit reaches: on a busy machine the default 250 ms cut the analysis short (less work
  // measured, flows missing) and the numbers would flatter the layer.
  // `incremental`: as the editor runs the fast tier (each version parsed from the last one's tree).
  const full = { budgetMs: 60_000, incremental: true };
  const offConfig = JSON.parse(readFileSync(join(REPO, 'bench', 'layer-off.json'), 'utf8'));
  const off = { ...full, rules: offConfig.rules, flowAnalysis: offConfig.flowAnalysis };
  // Wall time of each analysis, which is what the editor waits for (V8 compiles hot code and marks the
  // heap on background threads; that delays no diagnostic). Wall time is only meaningful on a quiet
  // machine, so the load is printed with it, and so is the process's CPU time (all threads, user +
  // system): on a shared machine other jobs stretch the wall clock, not the work done.
  const wall = () => performance.now();
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const clock = `wall ms (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`;
  print(`\nfast tier compute per edit, in-process (engine.analyze, every fast detector; no debounce, no LSP), ${EDITS} edits each after ${WARM} unmeasured, ${clock}`);
  print('each edit appends a comment to one line of the last version, as typing does (one local change per version)');
  print('layer on and off alternate edit by edit on the same text; "layer" = on − off for the same edit; "cpu": the process\'s CPU ms with the layer on, all threads');
  print(`${'file'.padEnd(26)} ${'lines'.padStart(6)}  ${'layer on: p50'.padStart(13)} ${'p95'.padStart(6)} ${'max'.padStart(6)}   ${'off: p50'.padStart(8)} ${'p95'.padStart(6)}   ${'layer: p50'.padStart(10)} ${'p95'.padStart(6)}   ${'cpu on: p50'.padStart(11)} ${'p95'.padStart(6)}  flows`);
  const bars = [];
  for (const [name, languageId, text] of files) {
    const lines = text.split('\n');
    // On and off each edit their own copy of the file, as two editors would: neither reuses the
    // other's parse or lowering of the same text.
    const path = `src/${name.replace(/^corpus /, '')}`;
    const offPath = `off/${name.replace(/^corpus /, '')}`;
    const on = [];
    const offs = [];
    const layer = [];
    const cpus = [];
    // Warm: the first run of a file lowers it whole; each edit after that is incremental. The first
    // edits also run code V8 has not optimised yet (a server is past them after a few keystrokes).
    engine.analyze({ text, languageId, path }, full);
    engine.analyze({ text, languageId, path: offPath }, off);
    for (let i = -WARM; i < EDITS; i++) {
      // Each version is the last one plus one local edit, as an editor sends them; an edit is not
      // undone by the next (that would make each version differ from the last in two far places).
      const at = ((i + WARM) * 37) % lines.length;
      lines[at] = `${lines[at]} ${languageId === 'python' ? '#' : '//'} edit ${i}`;
      const input = { text: lines.join('\n'), languageId, path };
      // Alternate which goes first, so neither always runs on a cache the other warmed.
      let a = 0;
      let b = 0;
      let used = 0;
      const runOn = () => { const t = wall(); const c = cpu(); engine.analyze(input, full); a = wall() - t; used = cpu() - c; };
      const runOff = () => { const t = wall(); engine.analyze({ ...input, path: offPath }, off); b = wall() - t; };
      if (i % 2) { runOff(); runOn(); } else { runOn(); runOff(); }
      if (i < 0) continue;
      on.push(a);
      offs.push(b);
      layer.push(a - b);
      cpus.push(used);
    }
    const flows = engine.analyze({ text, languageId, path }, full).findings.filter((f) => f.family === 'missing-input-validation').length;
    const f1 = (n) => n.toFixed(1);
    if (opts.json) process.stderr.write(`${JSON.stringify({ name, lines: lines.length, on, off: offs, layer })}\n`);
    print(`${name.padEnd(26)} ${String(lines.length).padStart(6)}  ${f1(percentile(on, 50)).padStart(13)} ${f1(percentile(on, 95)).padStart(6)} ${f1(Math.max(...on)).padStart(6)}   ${f1(percentile(offs, 50)).padStart(8)} ${f1(percentile(offs, 95)).padStart(6)}   ${f1(percentile(layer, 50)).padStart(10)} ${f1(percentile(layer, 95)).padStart(6)}   ${f1(percentile(cpus, 50)).padStart(11)} ${f1(percentile(cpus, 95)).padStart(6)}  ${flows}`);
    bars.push({ name, lines: lines.length, on, layer });
  }
  const f1 = (n) => n.toFixed(1);
  print(`\nbar 2 (fast tier per edit with the layer on, p95 ≤ 15 ms; ${clock} of the compute, no debounce):`);
  for (const want of [/^corpus (js|ts)-1000/, /^corpus py-1000/, /^handlers-1000\.js$/, /^handlers-1000\.py$/]) {
    for (const b of bars.filter((x) => want.test(x.name))) {
      const total = percentile(b.on, 95);
      const own = percentile(b.layer, 95);
      print(`  ${b.name.padEnd(24)} ${String(b.lines).padStart(5)} lines: whole fast tier p50 ${f1(percentile(b.on, 50))} / p95 ${f1(total)} ms (${total <= 15 ? 'within' : 'over'} 15); the layer's share p50 ${f1(percentile(b.layer, 50))} / p95 ${f1(own)} ms (${own <= 15 ? 'within' : 'over'} 15)`);
    }
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
