// Issue 9's memory bar for the editor ("≤ 300 MB for the server with a 3,000-file workspace open and the
// index built"): the real server as the .vsix ships it (production bundles: lib/common.mjs shippedServer)
// over JSON-RPC, with the bench-only heap probe (lib/heap-probe.cjs), on a git repository of 3,000 real JS/TS files (hard links to the first 3,000 of the
// bench corpus, committed, so breaking-change has a baseline), in four steps:
//   1. started and initialised;
//   2. ten files opened across the workspace (both tiers: cross-file summaries, breaking-change's
//      baseline surfaces and importers, type checks), each awaited until published, then 3 s of quiet;
//   3. the same, idle a few seconds more (the service threads collect their garbage when idle);
//   4. the workspace report (`vouch/scanWorkspace`: every file, on the scan pool's workers).
// After each step: the heap and RSS after a full collection, and the process's peak RSS during that step
// (VmHWM, Linux, reset between steps through /proc/PID/clear_refs; where it cannot be reset, the peak so far),
// which includes the worker threads. Prints numbers, never asserts.
// Usage: node bench/server-memory.mjs [--files 3000] [--corpus DIR] [--exec-argv=--max-semi-space-size=8]
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH, WORK, listTree } from './lib/common.mjs';
import { heapOf } from './lib/heap-probe-client.mjs';
import { Client } from './lib/lsp-latency.mjs';

const IDLE_COLLECT_MS = 2000; // server/src/io/idle-collect.ts

const { values: opts } = parseArgs({ options: { files: { type: 'string', default: '3000' }, corpus: { type: 'string', default: join(WORK, 'corpus', 'src') }, 'exec-argv': { type: 'string', default: '' } } });
const COUNT = Math.max(10, Number(opts.files));
const CORPUS = opts.corpus;
const WS = join(WORK, `workspace-${COUNT}`);
const print = (s = '') => process.stdout.write(s + '\n');
const mb = (bytes) => (bytes / 1e6).toFixed(0);
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

/** Starts the next step's peak (Linux: VmHWM back to the current RSS); false where it cannot. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The peak RSS of the server process since the last reset (threads included), from /proc; undefined elsewhere. */
function peakRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function makeWorkspace() {
  if (existsSync(join(WS, '.git'))) return listTree(WS).filter((f) => SOURCE.test(f) && !f.includes('/.git/')).sort();
  if (!existsSync(CORPUS)) throw new Error('no JS/TS corpus: run `npm run bench` once (it installs bench/.work/corpus)');
  rmSync(WS, { recursive: true, force: true });
  const files = listTree(CORPUS).filter((f) => SOURCE.test(f)).sort().slice(0, COUNT);
  for (const f of files) {
    const to = join(WS, relative(CORPUS, f));
    mkdirSync(dirname(to), { recursive: true });
    linkSync(f, to);
  }
  const git = (...args) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...args], { cwd: WS, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'bench workspace');
  return files.map((f) => join(WS, relative(CORPUS, f)));
}

async function main() {
  const files = makeWorkspace();
  const execArgv = opts['exec-argv'].split(' ').filter(Boolean);
  print(`Issue 9, the server's memory with a ${files.length}-file workspace (bench/.work/workspace-${COUNT}, a git repository)${execArgv.length ? `, node ${execArgv.join(' ')}` : ''}`);
  print('MB: heap used and RSS after a full collection; peak RSS of the process during the step (worker threads included)');
  const client = new Client(WS, { registry: { enabled: false } }, [...execArgv, '--expose-gc', '-r', join(BENCH, 'lib', 'heap-probe.cjs')]);
  const report = async (step) => {
    const m = await heapOf(client);
    const peak = peakRss(client.proc.pid);
    const own = resetPeak(client.proc.pid);
    print(`${step.padEnd(34)} heap ${mb(m.heap).padStart(4)}  RSS ${mb(m.rss).padStart(4)}  peak ${peak === undefined ? 'n/a' : mb(peak).padStart(4)}${own ? '' : ' (so far)'}`);
  };
  try {
    await client.initialize();
    await report('started');
    const step = Math.floor(files.length / 10);
    for (let i = 0; i < 10; i++) {
      const path = files[i * step];
      const uri = pathToFileURL(path).href;
      const opened = client.diagnosticsAt(uri, 1, 120_000);
      client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: /\.[cm]?tsx?$/.test(path) ? 'typescript' : 'javascript', version: 1, text: readFileSync(path, 'utf8') } });
      await opened;
    }
    await new Promise((r) => setTimeout(r, 3000));
    await report('10 files open, both tiers done');
    // Service threads collect once idle for a while (server/src/io/idle-collect.ts): an editor between edits.
    await new Promise((r) => setTimeout(r, 3 * IDLE_COLLECT_MS));
    await report(`idle ${(3 + (3 * IDLE_COLLECT_MS) / 1000).toFixed(0)} s after the last file`);
    const t0 = performance.now();
    const scan = await client.conn.sendRequest('vouch/scanWorkspace', {});
    await report(`workspace report (${scan.files} files, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  } finally {
    await client.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`bench/server-memory.mjs: ${e.stack ?? e}\n`);
  process.exit(1);
});
