// How far V8's heap may grow past what the last full collection kept, in the CLI and in the language
// server (both launchers set it, threads included). V8's own factor rises to
// 4× when allocation is fast, and a scan allocates fast: 70–140 MB live made a 350 MB heap of garbage
// (about 470 MB peak RSS on the bench's 3.8k files). A scan holds little between files, so more full
// collections cost little. Measured on the bench's 3.8k JS/TS files, quiet machine, three rounds each
// (CPU s / peak RSS MB): V8's own factor 12.5 / 500, 2.0 12.8 / 370, 1.5 12.4 / 325, 1.35 14.0 / 300.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets V8's heap growing factor for this process (its worker threads included), read by every later
 * full collection. A `--heap-growing-percent` given to node itself wins (NODE_OPTIONS refuses it).
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}

/**
 * Gives every worker thread started from now on a `gc()` of its own (`--expose-gc`, a process-wide V8
 * flag: the main thread's global, made before, gets none), so an idle service thread can give its
 * garbage back (io/idle-collect.ts). Set by the server's launcher before it compiles the bundle, with
 * the heap flag, for the same reason: V8 accepts a code cache only under the flags it was made with.
 */
export function exposeCollectorToThreads(): void {
  setFlagsFromString('--expose-gc');
}
