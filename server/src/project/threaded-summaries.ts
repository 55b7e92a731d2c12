// The language server's summary service (analysis/cross-file.ts SummaryService): the export tables of
// imported workspace files, made on a worker thread (summary-worker.ts) instead of the thread that runs
// the fast tier. A table is plain data (portable summaries: values, sink kinds and models, no spans or
// IR of the other file), so it crosses as a structured clone. Cancelling, crashes and restarts are the
// worker client's (io/worker-client.ts). Scans keep summarising in their own thread, where the engine's
// memo shares each file's lowering with its own run.
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { SummaryService } from '../analysis/cross-file';
import type { ExportTable } from '../analysis/imported';
import type { ModelLanguage, ModelPack } from '../analysis/model-types';
import { WorkerClient } from '../io/worker-client';

export interface ToSummaries {
  id: number;
  cancel: SharedArrayBuffer;
  path: string;
  text: string;
  language: ModelLanguage;
  extra: readonly ModelPack[];
  budgetMs?: number;
}

export interface FromSummaries {
  id: number;
  table?: ExportTable;
  error?: string;
}

export class ThreadedSummaries implements SummaryService {
  private readonly client: WorkerClient<ToSummaries, FromSummaries>;

  /** `budgetMs`: how long one file's summary may run (cross-file.ts FILE_BUDGET_MS when unset). */
  constructor(log: (msg: string) => void, private readonly budgetMs?: number) {
    // The server bundle (main.ts starts the worker's side for `role: 'summaries'`), or the worker's source.
    this.client = new WorkerClient({
      role: 'summaries', bundle: join(__dirname, 'server.js'), source: join(__dirname, 'summary-worker.ts'), idleMs: 60_000,
      label: 'workspace summaries', off: 'flows through imported files are off', log,
    });
  }

  async exports(file: { path: string; text: string; language: ModelLanguage }, extra: readonly ModelPack[], signal?: AbortSignal): Promise<{ table: ExportTable } | undefined> {
    const answer = await this.client.request((id, cancel) => ({ id, cancel, path: file.path, text: file.text, language: file.language, extra, budgetMs: this.budgetMs }), signal);
    return answer?.table ? { table: answer.table } : undefined;
  }

  /** Stops an idle summariser now; the next request starts it again. */
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
