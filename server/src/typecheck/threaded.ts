// The `types` service of the language server: the same TypeService, answered by a TypeCheckService on
// a worker thread (worker.ts), so a cold check (seconds) never holds the thread that runs the fast
// tier. Requests and answers are plain data; an abort sets a shared flag the checker polls and
// answers undefined at once (a late answer is dropped); a worker that dies is started again on the
// next check, and stopped on dispose (io/worker-client.ts).
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ApiFact, TypeService } from '../core/services';
import { isCheckable } from './service';
import { WorkerClient } from '../io/worker-client';

export type ToWorker =
  | { type: 'check'; id: number; path: string; text: string; roots: readonly string[]; cancel: SharedArrayBuffer }
  | { type: 'clear' };

export type FromWorker = { id: number; facts?: ApiFact[]; error?: string };

export interface ThreadedTypeOptions {
  /** Workspace folders, longest first (sent with each check). */
  roots: () => readonly string[];
  log: (msg: string) => void;
  /** How long an idle checker lives (default IDLE_MS). */
  idleMs?: number;
}

/** A type checker idle this long stops; the next check starts it again (a cold check, off the main thread). */
export const IDLE_MS = 5 * 60_000;

export class ThreadedTypeService implements TypeService {
  private readonly client: WorkerClient<Extract<ToWorker, { type: 'check' }>, FromWorker>;

  constructor(private readonly options: ThreadedTypeOptions) {
    // The server bundle (main.ts starts the worker's side for `role: 'typecheck'`), or worker.ts from source.
    this.client = new WorkerClient({
      role: 'typecheck', bundle: join(__dirname, 'server.js'), source: join(__dirname, 'worker.ts'),
      label: 'type checker', off: 'phantom-API checks are off', log: options.log,
      // Its warm programs (the typings of `fs`, `http`… checked once) make the next check fast, and hold
      // about 150 MB with the thread: after 5 minutes without a check they are given back.
      idleMs: options.idleMs ?? IDLE_MS,
    });
  }

  async check(file: { path: string; text: string }, signal?: AbortSignal): Promise<readonly ApiFact[] | undefined> {
    if (!isCheckable(file.path)) return undefined;
    const answer = await this.client.request((id, cancel) => ({ type: 'check', id, path: file.path, text: file.text, roots: [...this.options.roots()], cancel }), signal);
    return answer?.facts;
  }

  /** Forget cached declarations in the worker (after an install changes node_modules). */
  clear(): void {
    this.client.post({ type: 'clear' } satisfies ToWorker);
  }

  /** Stops an idle checker now, giving its warm programs back; the next check starts it cold. */
  release(): boolean {
    return this.client.release();
  }

  dispose(): void {
    this.client.dispose();
  }

  /** The running worker, for tests that make it die. */
  get thread(): Worker | undefined {
    return this.client.thread;
  }
}
