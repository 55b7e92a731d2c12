// The registry answers' own thread (server/out/server.js started as a worker, see main.ts; fed by
// doc-thread.ts): parses a large answer and sends back its summary. Reads nothing, asks nothing.
import { parentPort } from 'node:worker_threads';
import { summarise } from './packument';
import type { FromDocs, ToDocs } from './doc-thread';

const port = parentPort;
if (!port) throw new Error('registry docs worker: started outside a worker thread');

port.on('message', (msg: ToDocs) => {
  let reply: FromDocs;
  try {
    reply = { id: msg.id, data: summarise(msg.kind, JSON.parse(Buffer.from(msg.body).toString('utf8'))) };
  } catch (e) {
    reply = e instanceof SyntaxError ? { id: msg.id, invalid: true } : { id: msg.id, error: (e as Error)?.stack ?? String(e) };
  }
  port!.postMessage(reply);
});
