// The workspace summaries' own thread (server/out/server.js started as a worker, see main.ts; fed by
// threaded-summaries.ts): lowers and summarises the files that the open file imports, so a big
// imported file never holds the thread that answers keystrokes. Pure work on the text it is sent:
// it reads no file and runs nothing from the workspace.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { summariseExports } from '../analysis/cross-file';
import { initPython } from '../core/parsers';
import { assetPath } from '../scan/create-engine';
import { IdleCollector } from '../io/idle-collect';
import { modelsFor } from '../analysis/index';
import type { ModelPack } from '../analysis/model-types';
import type { FromSummaries, ToSummaries } from './threaded-summaries';

const port = parentPort;
if (!port) throw new Error('summaries worker: started outside a worker thread');

/** The team's model extensions arrive as copies with every request: one compiled set per distinct content. */
const extras = new Map<string, readonly ModelPack[]>();

function extraOf(packs: readonly ModelPack[]): readonly ModelPack[] {
  const key = JSON.stringify(packs);
  let hit = extras.get(key);
  if (!hit) {
    if (extras.size >= 8) extras.clear();
    extras.set(key, (hit = packs));
  }
  return hit;
}

// Python files need the grammar (WASM); without it they get no table, JS/TS files are unaffected.
const ready = initPython(readFileSync(assetPath('tree-sitter-python.wasm')), assetPath('tree-sitter.wasm')).catch(() => undefined);

const idle = new IdleCollector();

port.on('message', (msg: ToSummaries) => {
  idle.start();
  void ready.then(() => answer(msg)).finally(() => idle.end());
});

function answer(msg: ToSummaries): void {
  const flag = new Int32Array(msg.cancel);
  let reply: FromSummaries;
  try {
    const models = modelsFor(msg.language, extraOf(msg.extra));
    reply = { id: msg.id, table: summariseExports(msg.text, msg.path, msg.language, models, undefined, { stop: () => Atomics.load(flag, 0) !== 0, budgetMs: msg.budgetMs }) };
  } catch {
    // Out of time or broken beyond lowering: no table, as the in-thread index memoises it.
    reply = { id: msg.id, table: new Map() };
  }
  port!.postMessage(reply);
}
