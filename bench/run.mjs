// `npm run bench`: prints Vouch's diagnostics latency through the real server and its CLI throughput on
// real corpora, side by side with peers (ESLint + security plugins, secretlint, gitleaks, bandit) and two
// floors. Prints numbers, never asserts. `--quick`: ~300-file corpora, 10 edits, no ESLint corpus scan.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH, FILES, WORK, gnuTime, listTree, log, summarize } from './lib/common.mjs';
import { measureLatency } from './lib/lsp-latency.mjs';
import { setup } from './lib/setup.mjs';
import * as tools from './lib/tools.mjs';

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
if (opts.help) {
  process.stdout.write('Usage: npm run bench [-- --quick]\n');
  process.exit(0);
}
const quick = opts.quick;
/** Every rule that reads the analysis layer turned off: the scan without the layer (issue 11's baseline). */
const LAYER_OFF = join(BENCH, 'layer-off.json');
const EDITS = quick ? 10 : 50;
const PEER_TIMEOUT = (quick ? 300 : 900) * 1000;
const print = (s = '') => process.stdout.write(s + '\n');

function table(headers, rows, rightFrom = 1) {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i < rightFrom ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
const f0 = (n) => (Number.isFinite(n) ? Math.round(n).toString() : 'n/a');

function corpusStats(dir) {
  const files = listTree(dir);
  return { files: files.length, mb: files.reduce((n, f) => n + statSync(f).size, 0) / 1e6 };
}

function scanTable(title, stats, rows) {
  const v = rows.find((r) => r.tool === 'vouch' && !r.error);
  print(`\n== ${title}: ${stats.files} files, ${f1(stats.mb)} MB ==`);
  print(table(
    ['tool', 'files', 'wall s', 'cpu s', 'files/s', 'MB/s', 'peak RSS MB', 'findings', 'wall vs vouch', 'notes'],
    rows.map((r) => (r.error
      ? [r.tool, 'n/a', '', '', '', '', '', '', '', `n/a (${r.error})`]
      : [r.tool, r.files, f2(r.wallS), f2(r.cpuS), f0(r.files / r.wallS), f1(stats.mb / r.wallS), f0(r.rssMb),
        r.findings ?? '—', v ? `${f2(r.wallS / v.wallS)}x` : 'n/a', r.note ?? ''])),
  ));
}

/** What a bench script of this folder prints, run in its own process (or why it failed). */
function benchOutput(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(BENCH, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve(code === 0 ? out : `n/a (exit ${code}): ${out.split('\n').slice(-3).join(' ')}`));
  });
}

/** ESLint's lintText latency, in its own process (its plugins stay out of this one's heap). */
function eslintLatency(file, peer) {
  if (peer.error) return Promise.resolve({ error: peer.error });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(BENCH, 'lib', 'eslint-latency.mjs'), file.path, file.languageId, String(EDITS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => {
      try {
        const j = JSON.parse(stdout);
        resolve({ edits: summarize(j.samples), messages: j.messages });
      } catch {
        resolve({ error: `exit ${code}: ${stderr.trim().split('\n').pop()?.slice(0, 200)}` });
      }
    });
  });
}

async function main() {
  const started = new Date();
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAtStart: loadavg().map(f2) };
  print(`Vouch bench${quick ? ' (--quick)' : ''} — ${started.toISOString()}`);
  print(`machine: ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memGb} GB, node ${machine.node}, load ${machine.loadAtStart.join(' ')}`);
  mkdirSync(join(WORK, 'out'), { recursive: true });
  // Every Vouch process here (CLI runs, the language server) compiles its bundle from V8's code cache
  // (server/src/io/code-cache.ts), kept in bench/.work: the first run writes it, later runs read it.
  // The Python secrets-only scan is also run with the cache off, to show both.
  process.env.VOUCH_CODE_CACHE ??= join(WORK, 'v8');
  print(`V8 code cache: ${process.env.VOUCH_CODE_CACHE.startsWith(WORK) ? 'bench/.work/v8' : 'VOUCH_CODE_CACHE'} (${existsSync(process.env.VOUCH_CODE_CACHE) ? 'warm' : 'cold'} at start)`);

  const env = await setup({ quick });
  machine.gnuTime = !!gnuTime();
  print(`setup: ${f1(env.seconds)} s (installs cached in bench/.work; first run downloads)`);
  const ver = env.versions;
  print(`peers: eslint ${ver.eslint ?? 'n/a'} (security ${ver['eslint-plugin-security'] ?? 'n/a'}, sdl ${ver['@microsoft/eslint-plugin-sdl'] ?? 'n/a'}), `
    + `secretlint ${ver.secretlint ?? 'n/a'}, gitleaks ${ver['gitleaks (deb)'] ?? 'n/a'}, bandit ${ver['python3-bandit (deb)'] ?? 'n/a'}, django ${ver['python3-django (deb)'] ?? 'n/a'}`);
  const t0 = performance.now();
  const results = { started: started.toISOString(), quick, machine, setupSeconds: env.seconds, versions: env.versions, peers: {} };
  for (const [k, v] of Object.entries(env.peers)) results.peers[k] = v.error ? { error: v.error } : { ok: true };

  // 1. Diagnostics latency through the real server.
  log(`latency: ${env.synthetic.length} files x ${EDITS} edits through the shipped server (production build)`);
  let latency;
  try {
    latency = await measureLatency(FILES, env.synthetic, EDITS);
  } catch (e) {
    latency = env.synthetic.map((f) => ({ name: f.name, lines: f.lines, error: e.message }));
  }
  log('latency: ESLint lintText');
  const eslintLat = {};
  for (const f of env.synthetic.filter((s) => /^(js|ts)-1000$/.test(s.name))) eslintLat[f.name] = await eslintLatency(f, env.peers.eslint);
  results.latency = { edits: EDITS, vouch: latency, eslintLintText: eslintLat };
  print(`\n== Diagnostics latency: didChange -> publishDiagnostics of that version, ${EDITS} incremental edits per file, ms ==`);
  print('   (end to end: the server\'s adaptive debounce, 25–150 ms, is included; "open" = didOpen -> first diagnostics, cold)');
  print(table(
    ['file', 'lines', 'open', 'p50', 'p95', 'max', 'diags', 'eslint lintText p50', 'p95'],
    latency.map((l) => {
      const e = eslintLat[l.name];
      const es = e ? (e.error ? [`n/a (${e.error})`, ''] : [f0(e.edits.p50), f0(e.edits.p95)]) : ['—', '—'];
      return l.error && !l.edits
        ? [l.name, l.lines, `n/a (${l.error})`, '', '', '', '', ...es]
        : [l.name, l.lines, f0(l.openMs), f0(l.edits.p50), f0(l.edits.p95), f0(l.edits.max), l.diagnosticsAtEnd, ...es];
    }),
  ));
  for (const l of latency) if (l.error && l.edits) print(`  ${l.name}: stopped early: ${l.error}`);

  // 1b. The phantom-api tier: warm per-file type checks (in-process through Engine.analyzeAsync).
  log('latency: phantom-api type checks');
  const phantom = await benchOutput('phantom-latency.mjs', ['--edits', String(EDITS)]);
  results.phantom = phantom;
  print(`\n== phantom-api tier: type-check latency per edit (1,000-line files) ==\n${phantom.trim()}`);

  // 1c. The analysis layer: held-out recall/precision and fast-tier compute per edit, layer on and off.
  log('analysis layer: held-out suite and compute per edit');
  const flows = await benchOutput('flows.mjs', ['--edits', String(Math.min(EDITS, 30))]);
  results.flows = flows;
  print(`\n== analysis layer: missing-input-validation on the held-out suite, fast tier compute per edit ==\n${flows.trim()}`);

  // 1d. The change-aware layer: the git baseline's surface, cold, and one edited file re-evaluated.
  log('change-aware layer: baseline surface and breaking-change per edit');
  const change = await benchOutput('change-latency.mjs', ['--runs', quick ? '1' : '5', '--edits', String(Math.min(EDITS, 40))]);
  results.change = change;
  print(`\n== change-aware layer: baseline surface (cold) and breaking-change per edit (1,000-file repository) ==\n${change.trim()}`);

  // 1e. Memory while editing: the server's heap after a full collection, over many edits per file.
  log('memory: the server over many edits per file');
  const memory = await benchOutput('memory.mjs', ['--edits', quick ? '250' : '1000']);
  results.memory = memory;
  print(`\n== memory while editing: the server's heap and RSS after a full collection, MB ==\n${memory.trim()}`);

  // 1f. The server's memory with a large workspace open: files open, both tiers, the workspace report.
  log('memory: the server with a large workspace open');
  const workspaceMemory = await benchOutput('server-memory.mjs', ['--files', quick ? '300' : '3000', '--corpus', env.js.dir]);
  results.workspaceMemory = workspaceMemory;
  print(`\n== memory with a workspace open: the server's heap, RSS and peak RSS, MB ==\n${workspaceMemory.trim()}`);

  // 2 + 3. CLI scans and peers on the same folders.
  const jsStats = corpusStats(env.js.dir);
  log(`scan: JS/TS corpus (${jsStats.files} files)`);
  const js = [];
  js.push(await tools.vouch(env.js.dir, 'js', PEER_TIMEOUT));
  js.push(await tools.vouch(env.js.dir, 'js-layer-off', PEER_TIMEOUT, LAYER_OFF, 'vouch, layer off'));
  js.push(await tools.vouch(env.js.dir, 'js-jobs-2', PEER_TIMEOUT, undefined, 'vouch --jobs 2', ['--jobs', '2']));
  js.push(await tools.floor(env.js.dir, PEER_TIMEOUT));
  js.push(await tools.tsFloor(env.js.dir, PEER_TIMEOUT));
  js.push(quick ? { tool: 'eslint + security, sdl', error: 'skipped by --quick' } : await tools.eslint(env.js.dir, 'js', env.peers.eslint, PEER_TIMEOUT));
  js.push(await tools.vouch(env.js.dir, 'js-secrets', PEER_TIMEOUT, undefined, 'vouch --only hardcoded-secret', ['--only', 'hardcoded-secret']));
  js.push(await tools.secretlint(env.js.dir, 'js', env.peers.secretlint, jsStats.files, PEER_TIMEOUT));
  js.push(await tools.gitleaks(env.js.dir, 'js', env.peers.gitleaks, jsStats.files, PEER_TIMEOUT));
  results.js = { dir: 'bench/.work/' + env.js.dir.slice(WORK.length + 1), ...jsStats, tools: js };
  scanTable('CLI scan, JS/TS corpus (npm packages, .d.ts and minified files left out)', jsStats, js);

  let py = [];
  if (env.py.error) {
    print(`\n== CLI scan, Python corpus: n/a (${env.py.error}) ==`);
    results.py = { error: env.py.error };
  } else {
    const pyStats = corpusStats(env.py.dir);
    log(`scan: Python corpus (${pyStats.files} files)`);
    py.push(await tools.vouch(env.py.dir, 'py', PEER_TIMEOUT));
    py.push(await tools.vouch(env.py.dir, 'py-layer-off', PEER_TIMEOUT, LAYER_OFF, 'vouch, layer off'));
    py.push(await tools.floor(env.py.dir, PEER_TIMEOUT));
    py.push(await tools.bandit(env.py.dir, 'py', env.peers.bandit, PEER_TIMEOUT));
    py.push(await tools.vouch(env.py.dir, 'py-secrets', PEER_TIMEOUT, undefined, 'vouch --only hardcoded-secret', ['--only', 'hardcoded-secret']));
    py.push(await tools.vouch(env.py.dir, 'py-secrets-nocache', PEER_TIMEOUT, undefined, 'vouch --only hardcoded-secret, no code cache', ['--only', 'hardcoded-secret'], { VOUCH_CODE_CACHE: 'off' }));
    py.push(await tools.secretlint(env.py.dir, 'py', env.peers.secretlint, pyStats.files, PEER_TIMEOUT));
    py.push(await tools.gitleaks(env.py.dir, 'py', env.peers.gitleaks, pyStats.files, PEER_TIMEOUT));
    results.py = { dir: 'bench/.work/' + env.py.dir.slice(WORK.length + 1), ...pyStats, tools: py };
    scanTable("CLI scan, Python corpus (Django from Debian's python3-django)", pyStats, py);
  }

  // Issue 11's scan bar from these single runs (bench/layer.mjs measures it A/B interleaved, with medians).
  const bar = (rows) => {
    const on = rows.find((r) => r.tool === 'vouch' && !r.error);
    const off = rows.find((r) => r.tool === 'vouch, layer off' && !r.error);
    return on?.cpuS && off?.cpuS ? on.cpuS / off.cpuS : NaN;
  };
  results.layerBar = { js: bar(js), py: bar(py) };
  print(`\nbar 1 (scan CPU, analysis layer on / off, ≤ 1.25; one run each, see bench/layer.mjs for interleaved medians): JS/TS ${f2(results.layerBar.js)}, Python ${f2(results.layerBar.py)}`);

  results.runSeconds = (performance.now() - t0) / 1000;
  results.machine.loadAtEnd = loadavg().map(f2);
  const file = join(WORK, 'results.json');
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  print(`\nrun (after setup): ${f1(results.runSeconds)} s; load at end ${results.machine.loadAtEnd.join(' ')}; results in bench/.work/results.json`);
  print('wall s = spawn to exit (startup included); cpu s = user + system (steadier on a busy machine); findings are each tool\'s own, with its own rules.');
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
