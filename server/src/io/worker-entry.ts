// What a worker thread runs: the running bundle itself (its entry picks the worker's side from
// `workerData.role`, so no second file ships), else the worker's TypeScript source through tsx when
// Vouch runs from source (tests, bench). Shared by the type checker's worker and the scan pool.
import { existsSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { launcherOf } from './code-cache';
import { appliedHeapFlags } from './heap';

export interface WorkerEntry {
  readonly filename: string;
  /** `filename` is code to evaluate, not a path. */
  readonly eval: boolean;
}

/** `bundle`: the bundle to start, when running bundled; `source`: the worker module's .ts file. */
export function workerEntry(bundle: string | undefined, source: string): WorkerEntry | undefined {
  // Started through a launcher, the worker is too, so it compiles the bundle from the code cache.
  if (bundle && existsSync(bundle)) return { filename: launcherOf(bundle) ?? bundle, eval: false };
  if (!existsSync(source)) return undefined;
  try {
    const tsx = require.resolve('tsx/cjs');
    return { filename: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, eval: true };
  } catch {
    return undefined;
  }
}

/**
 * The young generation of every worker thread, in MB. V8's default (16 MB semi-spaces, 48 MB in all) stays
 * resident while a thread idles: the type checker's thread held 33 MB of new space between checks, 15 MB
 * with a 16 MB limit. With 8 MB the bench's server (3,000-file workspace, ten files open) idled at 242–264 MB
 * against 267–296 and peaked at 403–444 during the workspace report against 440–465 (three runs each); the
 * CLI's scan of the 3.8k-file corpus (13.2–14.0 CPU s against 13.7–13.9) and the type checker's cold check
 * spent no measurable extra time (a scan's objects die young or live for the whole file either way).
 */
export const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * Starts `entry` on a worker thread with the process's Node options, less the inspector's (a worker must
 * not open a second inspector port), and a young generation of WORKER_YOUNG_GENERATION_MB. V8 options
 * (`--nolazy` from a debug launch, `--expose-gc`, `--max-semi-space-size`) are the process's own and a
 * worker may not be given them: when the options are refused, the worker starts with none of them.
 */
export function startWorker(entry: WorkerEntry, options: Omit<WorkerOptions, 'eval' | 'execArgv'>, parentArgv: readonly string[] = process.execArgv): Worker {
  const execArgv = parentArgv.filter((a) => !/^--(?:inspect|debug)/.test(a));
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, ...options.resourceLimits };
  // The launcher's heap flags name the code cache the worker's launcher reads (io/code-cache.ts).
  const flags = appliedHeapFlags();
  const workerData = flags.length && isRecord(options.workerData) ? { ...options.workerData, heapFlags: flags } : options.workerData;
  try {
    return new Worker(entry.filename, { ...options, resourceLimits, workerData, eval: entry.eval, execArgv });
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    return new Worker(entry.filename, { ...options, resourceLimits, workerData, eval: entry.eval, execArgv: [] });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
