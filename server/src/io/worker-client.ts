// One request/answer worker thread behind a language-server service (the type checker, workspace
// summaries): requests and answers are plain data matched by id. Rules:
// - An abort sets the request's shared flag (the worker polls it; a posted "cancel" would wait behind
//   the very work it is meant to stop) and answers undefined at once; a late answer is dropped.
// - A worker that dies answers every pending request undefined, says so in the log, and is started
//   again by the next request; after CRASH_LIMIT deaths in a row requests pause for CRASH_PAUSE_MS.
// - An idle worker does not keep the process alive (the CLI and tests exit when their work is done);
//   with `idleMs`, one idle that long is stopped to give its memory back (a worker thread that loads the
//   server's bundle holds about 100 MB) and started again by the next request, neither logged nor a crash.
// - `release` stops an idle worker the same way at once (the workspace report frees the service threads'
//   memory for its scan worker); a worker with requests in flight is left running.
import type { Worker } from 'node:worker_threads';
import { startWorker, workerEntry } from './worker-entry';

/** What every request carries: its id and the flag an abort sets (an Int32 at index 0). */
export interface WorkerRequest {
  readonly id: number;
  readonly cancel: SharedArrayBuffer;
}

/** What every answer carries: the request's id, and the error's stack when the work threw. */
export interface WorkerAnswer {
  readonly id: number;
  readonly error?: string;
}

/** Crashes in a row (no answer between them) before restarts pause, and for how long. */
const CRASH_LIMIT = 3;
const CRASH_PAUSE_MS = 60_000;

export interface WorkerClientOptions {
  /** `workerData.role` the bundle's entry dispatches on (main.ts). */
  readonly role: string;
  /** The bundle to start when running bundled, and the worker module's .ts file from source. */
  readonly bundle: string;
  readonly source: string;
  /** Names the service in the log: "type checker". */
  readonly label: string;
  /** What stops working when no worker can start: "phantom-API checks are off". */
  readonly off: string;
  readonly log: (msg: string) => void;
  /** Stop the worker after this long without a request (default: keep it, as the type checker's warm programs are). */
  readonly idleMs?: number;
}

interface Pending<A> {
  resolve: (answer: A | undefined) => void;
  reject: (e: Error) => void;
}

export class WorkerClient<Q extends WorkerRequest, A extends WorkerAnswer> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending<A>>();
  private nextId = 1;
  private crashes = 0;
  private pausedUntil = 0;
  private disposed = false;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WorkerClientOptions) {}

  /** Whether requests are answered at all now (not disposed, not paused after crashes). */
  get available(): boolean {
    return !this.disposed && Date.now() >= this.pausedUntil;
  }

  /**
   * Sends `make(id, cancel)` (moving `transfer`'s buffers to the worker); undefined when aborted, paused,
   * disposed or the worker died. Rejects when the work threw.
   */
  request(make: (id: number, cancel: SharedArrayBuffer) => Q, signal?: AbortSignal, transfer?: readonly ArrayBuffer[]): Promise<A | undefined> {
    if (!this.available || signal?.aborted) return Promise.resolve(undefined);
    const worker = this.start();
    if (!worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    const cancel = new SharedArrayBuffer(4);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        Atomics.store(new Int32Array(cancel), 0, 1);
        settle(undefined);
      };
      const settle = (answer: A | undefined, error?: Error) => {
        if (!this.pending.delete(id)) return;
        signal?.removeEventListener('abort', onAbort);
        this.holdProcess();
        if (error) reject(error);
        else resolve(answer);
      };
      this.pending.set(id, { resolve: (a) => settle(a), reject: (e) => settle(undefined, e) });
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(make(id, cancel), transfer ? [...transfer] : undefined);
      this.holdProcess();
    });
  }

  /** A message that needs no answer (`clear`), when a worker runs. */
  post(msg: unknown): void {
    this.worker?.postMessage(msg);
  }

  /** Stops the worker now if no request is in flight (as an idle stop: the next request starts it again); whether it stopped one. */
  release(): boolean {
    const w = this.worker;
    if (!w || this.pending.size) return false;
    clearTimeout(this.idle);
    this.worker = undefined; // its exit is no crash
    void w.terminate();
    return true;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idle);
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
    const { label, off, log } = this.options;
    const entry = workerEntry(this.options.bundle, this.options.source);
    if (!entry) {
      log(`${label}: worker script not found; ${off}`);
      this.pausedUntil = Infinity;
      return undefined;
    }
    let w: Worker;
    try {
      w = startWorker(entry, { stdout: true, stderr: true, workerData: { role: this.options.role } });
    } catch (e) {
      log(`${label}: worker could not start (${(e as Error).message}); ${off}`);
      this.pausedUntil = Infinity;
      return undefined;
    }
    // The server speaks JSON-RPC on stdout: the worker's output goes to the log, never there.
    w.stdout.on('data', (d) => log(`${label}: ${String(d).trimEnd()}`));
    w.stderr.on('data', (d) => log(`${label}: ${String(d).trimEnd()}`));
    let failure = '';
    w.on('message', (msg: A) => this.answer(msg));
    w.on('error', (e) => {
      failure = e?.message ?? String(e);
    });
    w.on('exit', (code) => {
      if (w !== this.worker) return;
      this.worker = undefined;
      this.crashes++;
      const pause = this.crashes >= CRASH_LIMIT;
      if (pause) this.pausedUntil = Date.now() + CRASH_PAUSE_MS;
      log(`${label}: worker stopped (exit code ${code}${failure ? `: ${failure}` : ''}); ${this.pending.size} request(s) answered empty; `
        + (pause ? `${this.crashes} crashes in a row, restarting in ${CRASH_PAUSE_MS / 1000} s` : 'restarting on the next request'));
      if (pause) this.crashes = 0;
      this.settleAll();
    });
    this.worker = w;
    return w;
  }

  private answer(msg: A): void {
    this.crashes = 0;
    const p = this.pending.get(msg.id);
    if (!p) return; // cancelled: the caller stopped waiting
    if (msg.error !== undefined) {
      const e = new Error(`${this.options.label} failed in the worker: ${msg.error.split('\n')[0]}`);
      e.stack = msg.error;
      p.reject(e);
    } else {
      p.resolve(msg);
    }
  }

  private settleAll(): void {
    for (const p of [...this.pending.values()]) p.resolve(undefined);
  }

  private holdProcess(): void {
    clearTimeout(this.idle);
    if (this.pending.size) return void this.worker?.ref();
    this.worker?.unref();
    const w = this.worker;
    if (w && this.options.idleMs !== undefined) {
      this.idle = setTimeout(() => {
        if (this.worker === w) this.release();
      }, this.options.idleMs);
      this.idle.unref();
    }
  }
}
