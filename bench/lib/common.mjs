// Paths, process helpers and small statistics shared by the bench modules.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO = dirname(BENCH);
export const WORK = join(BENCH, '.work');
export const PEERS = join(WORK, 'peers');
export const CORPUS = join(WORK, 'corpus');
export const FILES = join(WORK, 'files');
export const SERVER = join(REPO, 'server', 'out', 'server.js');
/**
 * The server as the .vsix ships it (production bundles: minified, no source maps), which every bench that
 * starts the language server runs: `shippedServer()` builds it (esbuild.mjs --production --out) from the sources.
 */
export const SHIPPED = join(WORK, 'shipped');
export const SHIPPED_SERVER = join(SHIPPED, 'server', 'out', 'server.js');
export const CLI = join(REPO, 'cli', 'out', 'vouch.js');
const RSS_PRELOAD = join(BENCH, 'lib', 'rss-preload.cjs');

/** GNU time (Debian package `time`), which reports peak RSS and CPU time of any command. */
export const gnuTime = () => (existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined);

export const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/** Which executable of that name is on PATH, or undefined. */
export function which(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

/**
 * The shipped server's launcher, built into SHIPPED from the current sources (a few seconds) once per bench
 * run: the first script builds it and tells the scripts it starts (an environment variable). Throws when
 * the build fails.
 */
export function shippedServer() {
  if (process.env.VOUCH_BENCH_SHIPPED === SHIPPED && existsSync(SHIPPED_SERVER)) return SHIPPED_SERVER;
  const r = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--out', SHIPPED], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the production build failed: ${(r.stderr || r.stdout || '').slice(-2000)}`);
  process.env.VOUCH_BENCH_SHIPPED = SHIPPED;
  return SHIPPED_SERVER;
}

/** Runs a command to completion; resolves with its status and output (never rejects on a non-zero exit). */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { if (stdout.length < 4e6) stdout += d; });
    child.stderr.on('data', (d) => { if (stderr.length < 4e6) stderr += d; });
    let timedOut = false;
    const timer = opts.timeoutMs ? setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, opts.timeoutMs) : undefined;
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: -1, stdout, stderr: stderr + String(e), timedOut }); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr, timedOut }); });
  });
}

/**
 * Runs a tool and measures wall time (from spawn to exit, startup included), CPU time and peak RSS:
 * GNU time when installed, else (Node tools only) a preload that reports the process's own usage.
 */
export async function measure(cmd, args, opts = {}) {
  const isNode = cmd === process.execPath;
  let full = [cmd, ...args];
  const rssFile = join(WORK, `rss-${process.pid}-${Date.now()}.txt`);
  let env = opts.env ?? process.env;
  const time = gnuTime();
  if (time) full = [time, '-f', '%M %U %S', '-o', rssFile, ...full];
  else if (isNode) full = [cmd, '--require', RSS_PRELOAD, ...args], env = { ...env, VOUCH_BENCH_RSS: rssFile };
  const t0 = performance.now();
  const r = await run(full[0], full.slice(1), { ...opts, env });
  const wallS = (performance.now() - t0) / 1000;
  let rssMb;
  let cpuS;
  try {
    // "<maxRSS KB> <user s> <system s>" (GNU time may put an exit-status line before it).
    const [kb, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    if (kb > 0) rssMb = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuS = user + sys;
  } catch {
    // No measurement available for this tool.
  }
  spawnSync('rm', ['-f', rssFile]);
  return { ...r, wallS, cpuS, rssMb };
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] ?? NaN };
}

/** Every regular file under `dir`, sorted, as absolute paths. */
export function listTree(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) out.push(abs);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run makes the same edits. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
