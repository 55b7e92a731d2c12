// The `types` service of the language server: the same TypeService, answered by a TypeCheckService on
// a worker thread (worker.ts), so a cold check (seconds) never holds the thread that runs the fast
// tier. Requests and answers are plain data; an abort sets a shared flag the checker polls and
// answers undefined at once (a late answer is dropped); a worker that dies is started again on the
// next check, and stopped on dispose.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ApiFact, TypeService } from '../core/services';
import { isCheckable } from './service';
import { workerEntry } from '../io/worker-entry';

export type ToWorker =
  | { type: 'check'; id: number; path: string; text: string; roots: readonly string[]; cancel: SharedArrayBuffer }
  | { type: 'clear' };

export type FromWorker = { id: number; facts?: ApiFact[]; error?: string };

interface Pending {
  resolve: (facts: readonly ApiFact[] | undefined) => void;
  reject: (e: Error) => void;
}

/** Crashes in a row (no answer between them) before restarts pause, and for how long. */
const CRASH_LIMIT = 3;
const CRASH_PAUSE_MS = 60_000;

export interface ThreadedTypeOptions {
  /** Workspace folders, longest first (sent with each check). */
  roots: () => readonly string[];
  log: (msg: string) => void;
}

export class ThreadedTypeService implements TypeService {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashes = 0;
  private pausedUntil = 0;
  private disposed = false;

  constructor(private readonly options: ThreadedTypeOptions) {}

  check(file: { path: string; text: string }, signal?: AbortSignal): Promise<readonly ApiFact[] | undefined> {
    if (!isCheckable(file.path) || this.disposed || signal?.aborted || Date.now() < this.pausedUntil) return Promise.resolve(undefined);
    const worker = this.start();
    if (!worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    const cancel = new SharedArrayBuffer(4);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        Atomics.store(new Int32Array(cancel), 0, 1);
        settle(undefined);
      };
      const settle = (facts: readonly ApiFact[] | undefined, error?: Error) => {
        if (!this.pending.delete(id)) return;
        signal?.removeEventListener('abort', onAbort);
        this.holdProcess();
        if (error) reject(error);
        else resolve(facts);
      };
      this.pending.set(id, { resolve: (facts) => settle(facts), reject: (e) => settle(undefined, e) });
      signal?.addEventListener('abort', onAbort, { once: true });
      const msg: ToWorker = { type: 'check', id, path: file.path, text: file.text, roots: [...this.options.roots()], cancel };
      worker.postMessage(msg);
      this.holdProcess();
    });
  }

  /** Forget cached declarations in the worker (after an install changes node_modules). */
  clear(): void {
    this.worker?.postMessage({ type: 'clear' } satisfies ToWorker);
  }

  dispose(): void {
    this.disposed = true;
    const w = this.worker;
    this.worker = undefined;
    this.settleAll();
    void w?.terminate();
  }

  /** The running worker, for tests that make it die. */
  get thread(): Worker | undefined {
    return this.worker;
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    // The server bundle (main.ts starts the worker's side for `role: 'typecheck'`), or worker.ts from source.
    const entry = workerEntry(join(__dirname, 'server.js'), join(__dirname, 'worker.ts'));
    if (!entry) {
      this.options.log('type checker: worker script not found; phantom-API checks are off');
      this.pausedUntil = Infinity;
      return undefined;
    }
    // No --inspect from a debugged server: a worker must not open a second inspector port.
    const execArgv = process.execArgv.filter((a) => !/^--(?:inspect|debug)/.test(a));
    let w: Worker;
    try {
      w = new Worker(entry.filename, { eval: entry.eval, execArgv, stdout: true, stderr: true, workerData: { role: 'typecheck' } });
    } catch (e) {
      this.options.log(`type checker: worker could not start (${(e as Error).message}); phantom-API checks are off`);
      this.pausedUntil = Infinity;
      return undefined;
    }
    // The server speaks JSON-RPC on stdout: the worker's output goes to the log, never there.
    w.stdout.on('data', (d) => this.options.log(`type checker: ${String(d).trimEnd()}`));
    w.stderr.on('data', (d) => this.options.log(`type checker: ${String(d).trimEnd()}`));
    let failure = '';
    w.on('message', (msg: FromWorker) => this.answer(msg));
    w.on('error', (e) => {
      failure = e?.message ?? String(e);
    });
    w.on('exit', (code) => {
      if (w !== this.worker) return;
      this.worker = undefined;
      this.crashes++;
      const pause = this.crashes >= CRASH_LIMIT;
      if (pause) this.pausedUntil = Date.now() + CRASH_PAUSE_MS;
      this.options.log(`type checker: worker stopped (exit code ${code}${failure ? `: ${failure}` : ''}); ${this.pending.size} check(s) answered empty; `
        + (pause ? `${this.crashes} crashes in a row, restarting in ${CRASH_PAUSE_MS / 1000} s` : 'restarting on the next check'));
      if (pause) this.crashes = 0;
      this.settleAll();
    });
    this.worker = w;
    return w;
  }

  private answer(msg: FromWorker): void {
    this.crashes = 0;
    const p = this.pending.get(msg.id);
    if (!p) return; // cancelled: the caller stopped waiting
    if (msg.error !== undefined) {
      const e = new Error(`type check failed in the worker: ${msg.error.split('\n')[0]}`);
      e.stack = msg.error;
      p.reject(e);
    } else {
      p.resolve(msg.facts);
    }
  }

  private settleAll(): void {
    for (const p of [...this.pending.values()]) p.resolve(undefined);
  }

  /** An idle worker does not keep the process alive (the CLI and tests exit when their work is done). */
  private holdProcess(): void {
    if (this.pending.size) this.worker?.ref();
    else this.worker?.unref();
  }
}

