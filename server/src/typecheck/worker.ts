// The type checker's own thread (server/out/server.js started as a worker, see main.ts): one TypeCheckService,
// the warm programs and snapshots it keeps, fed by threaded.ts. A cold check holds this thread for
// seconds; the language server's thread keeps answering keystrokes meanwhile. It reads declaration
// files exactly as the in-thread service does and runs nothing from the workspace.
import { parentPort } from 'node:worker_threads';
import { IdleCollector } from '../io/idle-collect';
import { TypeCheckService } from './service';
import type { FromWorker, ToWorker } from './threaded';

const port = parentPort;
if (!port) throw new Error('typecheck worker: started outside a worker thread');

let roots: readonly string[] = [];
const service = new TypeCheckService(() => roots);
// Its warm programs are about half of what the thread holds after a check; the rest goes back when idle.
const idle = new IdleCollector();

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'clear') return service.clear();
  void answer(msg);
});

async function answer(msg: Extract<ToWorker, { type: 'check' }>): Promise<void> {
  // The main thread sets the flag on abort; the checker polls it (a posted "cancel" would wait
  // behind the very check it is meant to stop).
  const flag = new Int32Array(msg.cancel);
  roots = msg.roots;
  idle.start();
  let reply: FromWorker;
  try {
    const facts = await service.checkUntil({ path: msg.path, text: msg.text }, () => Atomics.load(flag, 0) !== 0);
    reply = { id: msg.id, facts: facts ? [...facts] : undefined };
  } catch (e) {
    reply = { id: msg.id, error: (e as Error)?.stack ?? String(e) };
  }
  port!.postMessage(reply);
  idle.end();
}
