// How far V8's heap may grow past what the last full collection kept, in the CLI and in the language
// server (both launchers set it, threads included). V8's own factor rises to
// 4× when allocation is fast, and a scan allocates fast: 70–140 MB live made a 350 MB heap of garbage
// (about 470 MB peak RSS on the bench's 3.8k files). A scan holds little between files, so more full
// collections cost little. Measured on the bench's 3.8k JS/TS files, quiet machine, three rounds each
// (CPU s / peak RSS MB): V8's own factor 12.5 / 500, 2.0 12.8 / 370, 1.5 12.4 / 325, 1.35 14.0 / 300.
import { setFlagsFromString } from 'node:v8';
import { isMainThread, workerData } from 'node:worker_threads';

/**
 * The flags set here, in order, kept on the thread's global: the launcher and the bundle it runs each hold a
 * copy of this module. A code cache made under them is named for them (io/code-cache.ts).
 */
const APPLIED = Symbol.for('vouch.heapFlags');

function applied(): string[] {
  const g = globalThis as { [APPLIED]?: string[] };
  return (g[APPLIED] ??= []);
}

function apply(flag: string): void {
  setFlagsFromString(flag);
  if (!applied().includes(flag)) applied().push(flag);
}

/**
 * The V8 flags the process's launcher set: on the main thread, those set here; on a worker thread, those
 * it was started with (io/worker-entry.ts passes them: V8 flags are the process's, a thread's global is its own).
 */
export function appliedHeapFlags(): readonly string[] {
  if (isMainThread) return [...applied()];
  const told = (workerData as { heapFlags?: unknown } | null | undefined)?.heapFlags;
  return Array.isArray(told) ? told.filter((f): f is string => typeof f === 'string') : [];
}

export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets V8's heap growing factor for this process (its worker threads included), read by every later
 * full collection. A `--heap-growing-percent` given to node itself wins (NODE_OPTIONS refuses it).
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return false;
  apply(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}

/**
 * Gives every worker thread started from now on a `gc()` of its own (`--expose-gc`, a process-wide V8
 * flag: the main thread's global, made before, gets none), so an idle service thread can give its
 * garbage back (io/idle-collect.ts). Set by the server's launcher before it compiles the bundle, with
 * the heap flag, for the same reason: V8 accepts a code cache only under the flags it was made with.
 */
export function exposeCollectorToThreads(): void {
  apply('--expose-gc');
}

/**
 * Keeps the young generation at the size V8 starts it with (1 MB semi-spaces), in the CLI: V8 doubles it up
 * to 16 MB semi-spaces when much survives a scavenge, as a scan's allocation does at once, and those 33 MB
 * stay resident to the end. Measured on the bench's corpora (two interleaved rounds, loaded machine): JS/TS
 * peak RSS 274–293 MB against 316–336, Python 251 against 287–298, CPU time within ±4 %. Not set in the
 * language server, whose per-edit compute measured slower with it. V8 reads this flag at every scavenge, so
 * it holds from here on, for threads started later too (the CLI sets it only when it scans on its own
 * thread: cli/src/heap-flags.ts). A growth factor or semi-space size given to node wins.
 */
export function limitYoungGeneration(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => /^--(?:semi[-_]space[-_]growth[-_]factor|max[-_]semi[-_]space[-_]size)\b/.test(a))) return false;
  apply('--semi-space-growth-factor=1');
  return true;
}
