// Registry answers parsed off the language server's thread: a busy package's packument is tens of MB
// (next's abbreviated one: 21 MB, a quarter of a second of JSON.parse), so the client (client.ts
// `docs`) hands bodies of OFF_THREAD_BYTES or more to a worker (doc-worker.ts) that parses them and
// sends back only their summary (packument.ts `summarise`: a few fields). The body's bytes move to the
// worker, not a copy. No answer (the worker died, none could start): the client parses on its own thread.
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { WorkerClient } from '../io/worker-client';
import type { DocParser } from './client';
import type { DocKind, Summary } from './packument';

export interface ToDocs {
  id: number;
  cancel: SharedArrayBuffer;
  kind: DocKind;
  body: ArrayBuffer;
}

export interface FromDocs {
  id: number;
  data?: Summary<DocKind>;
  invalid?: boolean;
  error?: string;
}

export class ThreadedDocs implements DocParser {
  private readonly client: WorkerClient<ToDocs, FromDocs>;

  /** `idleMs`: how long an idle worker is kept before it is stopped (started again on the next answer). */
  constructor(log: (msg: string) => void, idleMs = 30_000) {
    // Its own small bundle next to the server's (esbuild.mjs), or the worker's source.
    this.client = new WorkerClient({
      role: 'registry-docs', bundle: join(__dirname, 'registry-docs.js'), source: join(__dirname, 'doc-worker.ts'), idleMs,
      label: 'registry answers', off: 'large registry answers are parsed on the main thread', log,
    });
  }

  async summarise<K extends DocKind>(kind: K, body: Buffer): Promise<{ data?: Summary<K>; invalid?: boolean } | undefined> {
    // A buffer of its own moves; a slice of a shared one is copied first.
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body.buffer as ArrayBuffer : new Uint8Array(body).buffer;
    const answer = await this.client.request((id, cancel) => ({ id, cancel, kind, body: own }), undefined, [own]).catch(() => undefined);
    return answer && { data: answer.data as Summary<K> | undefined, invalid: answer.invalid };
  }

  /** Stops an idle parser thread now; the next big answer starts it again. */
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
