// The scan on worker threads (`vouch scan --jobs N`): this thread walks, hands the walked files to N
// workers in batches and joins what comes back per file in walk order, so the report is the one the
// in-thread scan (scan.ts) writes. Each worker (pool-worker.ts) builds its own engine, memo and
// services from plain data (`WorkerServices`) and runs the same per-file step (`scanOne`); package
// look-ups come back here, so one registry client, one cache and one set of requests serve every
// worker, and so does the editor report's reuse cache (asked before a file is analysed, told after with
// the reads the worker recorded). A worker that stops (a crash, an out-of-memory exit) costs only the files it held: they are
// handed out again one by one to a fresh worker; a file that stops a worker a second time is listed
// as not analysed. After MAX_CRASHES the scan fails with a message. Cancelling terminates the workers.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { AnalyzeResult } from '../core/engine';
import type { Ecosystem, PackageFacts } from '../core/services';
import type { VouchSettings } from '../core/settings';
import { joinPieces, scanFilesAsync, walkFiles, type AsyncScanOptions, type Piece } from './scan';
import type { ScanResult } from './result';
import type { Read } from './reuse';
import { startWorker, workerEntry } from '../io/worker-entry';
import { toRelative } from './walk';

/** How a worker rebuilds the caller's services (compose.ts `FolderServices.workerServices`): plain data. */
export interface WorkerServices {
  trusted: boolean;
  snapshot: boolean;
  trustWorkspaceConfig: boolean;
  /** Folders the phantom-api type checker serves; absent → no type checks. */
  typeRoots?: string[];
  /** The git baseline of change-aware rules; null → none. */
  baseline: { rev: string; fixed: boolean } | null;
}

export interface PoolOptions {
  /** Worker threads at most; 1 → the in-thread scan. */
  jobs: number;
  services: WorkerServices;
  /** Files handed to a worker at a time (default 16). */
  batch?: number;
  /**
   * Fewer walked files than this per worker and fewer workers start; under two, none (default 200:
   * starting a worker, a bundle load and an engine, costs about what 200 average files do).
   */
  minFilesPerWorker?: number;
  /**
   * One worker is still worth starting: the caller's thread has other work (the language server's
   * keystrokes), so a single job runs on a worker, not in-thread (default: in-thread).
   */
  offThread?: boolean;
  /** Workers' own output and their restarts (never stdout: it may carry the report or JSON-RPC). */
  log?: (msg: string) => void;
}

/** What starts a worker: the walk's root and the run's settings. */
export interface WorkerInit {
  root: string;
  settings: VouchSettings;
  services: WorkerServices;
  keepText: boolean;
  concurrency: number;
  /** The caller's registry: whether it answers only from the snapshot; absent → no registry. */
  registry?: { offline: boolean };
  /** The services the caller gave (`registry`, `project`, …): a worker drops the others it builds. */
  present: string[];
  /** The caller keeps results between runs: ask it before analysing a file, tell it after. */
  reuse: boolean;
}

export type ToScanWorker =
  | { type: 'batch'; files: Array<{ i: number; abs: string }> }
  | { type: 'lookup'; id: number; facts?: PackageFacts; owners?: readonly string[]; error?: string }
  | { type: 'reused'; id: number; result?: AnalyzeResult };

export type FromScanWorker =
  | { type: 'ready' }
  | { type: 'file'; i: number; rel: string; piece: Piece; reused: boolean }
  | { type: 'idle' }
  | { type: 'lookup'; id: number; ecosystem: Ecosystem; name: string; owners?: boolean }
  | { type: 'reuse-get'; id: number; rel: string; text: string }
  | { type: 'reuse-set'; rel: string; text: string; result: AnalyzeResult; reads: Read[] };

/** Worker threads at most by default: each holds its own engine and memo (100–250 MB). */
export const MAX_DEFAULT_JOBS = 8;

/** The default job count: the cores the process may use, at most MAX_DEFAULT_JOBS. */
export const defaultJobs = (): number => Math.min(availableParallelism(), MAX_DEFAULT_JOBS);

/**
 * Worker threads at most for the editor's workspace report: each holds its own engine inside the
 * editor's process tree (with two, the server peaked near 1 GB on 3,000 files; eight would hold 2 GB).
 */
export const MAX_EDITOR_JOBS = 2;

/** The editor report's job count: a core stays free for the editor and the language server's keystrokes. */
export const editorJobs = (cores = availableParallelism()): number => Math.max(1, Math.min(cores - 1, MAX_EDITOR_JOBS));

/** Worker stops before the scan gives up (each costs at most the files that worker held). */
export const MAX_CRASHES = 4;

interface Slot {
  worker: Worker;
  /** Indices handed to it and not answered yet. */
  held: Set<number>;
  /** The batch it holds is a file handed out again after a crash. */
  retry: boolean;
  stopping: boolean;
}

/** Both tiers over the walked files, on up to `pool.jobs` workers; the in-thread scan when that is not worth it. */
export async function scanFilesPooled(opts: AsyncScanOptions, pool: PoolOptions): Promise<ScanResult> {
  const walked = walkFiles(opts);
  const { files, result } = walked;
  const jobs = Math.min(pool.jobs, Math.floor(files.length / (pool.minFilesPerWorker ?? 200)));
  // The running bundle (cli/out/vouch.js or server/out/server.js starts the worker's side for `role: 'scan'`).
  const entry = jobs >= (pool.offThread ? 1 : 2) ? workerEntry(__filename.endsWith('.js') ? __filename : undefined, join(__dirname, 'pool-worker.ts')) : undefined;
  // Without services only the fast tier runs; a reuse cache must take reads recorded elsewhere.
  if (!entry || !opts.services || (opts.reuse && !opts.reuse.setRecorded)) return scanFilesAsync(opts, walked);
  opts.signal?.throwIfAborted();

  const batchSize = Math.max(1, pool.batch ?? 16);
  const queue: Array<{ files: number[]; retry: boolean }> = [];
  for (let i = 0; i < files.length; i += batchSize) queue.push({ files: range(i, Math.min(files.length, i + batchSize)), retry: false });
  const pieces: Array<Piece | undefined> = new Array(files.length);
  const init: WorkerInit = {
    root: walked.root, settings: opts.settings, services: pool.services, keepText: !!opts.keepText, concurrency: Math.max(1, opts.concurrency ?? 8),
    ...(opts.services.registry ? { registry: { offline: opts.services.registry.offline } } : {}),
    present: Object.keys(opts.services).filter((k) => opts.services![k] !== undefined),
    reuse: !!opts.reuse,
  };
  const slots = new Set<Slot>();
  const warnings: string[] = [];
  const log = pool.log ?? (() => {});
  let finished = 0;
  let crashes = 0;
  let reused = 0;

  // The total at once: starting the workers takes a moment.
  opts.onProgress?.(0, files.length, '');
  return new Promise<ScanResult>((resolvePool, rejectPool) => {
    let settled = false;
    const stopAll = (): Promise<unknown> => Promise.all([...slots].map((s) => ((s.stopping = true), s.worker.terminate())));
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      void stopAll().finally(() => rejectPool(e));
    };
    const onAbort = (): void => fail(opts.signal!.reason);
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const done = (): void => {
      if (settled || queue.length || [...slots].some((s) => s.held.size)) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      void stopAll().then(() => {
        if (warnings.length) result.warnings = [...(result.warnings ?? []), ...warnings];
        if (opts.reuse) result.reused = reused;
        resolvePool(joinPieces(opts, result, pieces, walked.started, files.length));
      }, rejectPool);
    };

    const feed = (slot: Slot): void => {
      const next = queue.shift();
      if (!next) {
        slot.stopping = true;
        void slot.worker.terminate();
        slots.delete(slot);
        return done();
      }
      for (const i of next.files) slot.held.add(i);
      slot.retry = next.retry;
      post(slot, { type: 'batch', files: next.files.map((i) => ({ i, abs: files[i] })) });
    };

    const lookup = async (slot: Slot, msg: Extract<FromScanWorker, { type: 'lookup' }>): Promise<void> => {
      const registry = opts.services?.registry;
      try {
        if (msg.owners) post(slot, { type: 'lookup', id: msg.id, owners: await registry?.owners?.(msg.ecosystem, msg.name, opts.signal) });
        else post(slot, { type: 'lookup', id: msg.id, facts: registry ? await registry.lookup(msg.ecosystem, msg.name, opts.signal) : undefined });
      } catch (e) {
        post(slot, { type: 'lookup', id: msg.id, error: (e as Error)?.message ?? String(e) });
      }
    };

    const reuseGet = async (slot: Slot, msg: Extract<FromScanWorker, { type: 'reuse-get' }>): Promise<void> => {
      let result: AnalyzeResult | undefined;
      try {
        result = await opts.reuse?.get({ rel: msg.rel, text: msg.text });
      } catch {
        result = undefined; // analysed again
      }
      post(slot, { type: 'reused', id: msg.id, result });
    };

    const crashed = (slot: Slot, why: string): void => {
      slots.delete(slot);
      if (settled) return;
      crashes++;
      const held = [...slot.held].sort((a, b) => a - b);
      warnings.push(`an analysis worker stopped (${why}) while holding ${held.length} file(s)`);
      log(`scan worker stopped (${why}); ${held.length} file(s) it held ${slot.retry ? 'are listed as not analysed' : 'are handed out again, one at a time'}`);
      if (slot.retry) {
        // The one file it was given again: it stopped a worker twice.
        for (const i of held) {
          const rel = toRelative(walked.root, files[i]);
          pieces[i] = { skipped: [{ path: rel, reason: `internal error while analysing: the analysis worker stopped (${why})`, unanalysed: true }], files: [], fileCount: 0 };
          opts.onProgress?.(++finished, files.length, rel);
        }
      } else {
        queue.unshift(...held.map((i) => ({ files: [i], retry: true })));
      }
      if (crashes >= MAX_CRASHES) {
        return fail(new Error(`the scan's worker threads stopped ${crashes} times (last: ${why}); run the scan with one job (--jobs 1) to analyse on the main thread`));
      }
      if (queue.length && slots.size < jobs) start();
      else done();
    };

    const start = (): void => {
      let worker: Worker;
      try {
        worker = startWorker(entry, { stdout: true, stderr: true, workerData: { role: 'scan', init } });
      } catch (e) {
        return fail(new Error(`a scan worker could not start (${(e as Error).message}); run the scan with one job (--jobs 1)`));
      }
      const slot: Slot = { worker, held: new Set(), retry: false, stopping: false };
      slots.add(slot);
      worker.stdout.on('data', (d) => log(`scan worker: ${String(d).trimEnd()}`));
      worker.stderr.on('data', (d) => log(`scan worker: ${String(d).trimEnd()}`));
      let failure = '';
      worker.on('error', (e) => {
        failure = (e as Error)?.message ?? String(e);
      });
      worker.on('exit', (code) => {
        if (!slot.stopping) crashed(slot, failure || `exit code ${code}`);
      });
      worker.on('message', (msg: FromScanWorker) => {
        if (settled || slot.stopping) return;
        if (msg.type === 'ready' || msg.type === 'idle') feed(slot);
        else if (msg.type === 'lookup') void lookup(slot, msg);
        else if (msg.type === 'reuse-get') void reuseGet(slot, msg);
        else if (msg.type === 'reuse-set') opts.reuse?.setRecorded?.({ rel: msg.rel, text: msg.text }, msg.result, msg.reads);
        else if (msg.type === 'file' && slot.held.delete(msg.i)) {
          pieces[msg.i] = msg.piece;
          if (msg.reused) reused++;
          opts.onProgress?.(++finished, files.length, msg.rel);
        }
      });
    };

    for (let k = 0; k < Math.min(jobs, queue.length); k++) start();
  });
}

function post(slot: Slot, msg: ToScanWorker): void {
  if (!slot.stopping) slot.worker.postMessage(msg);
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

