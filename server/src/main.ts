// The server bundle's entry (server/out/server.js). The same file is the type checker's worker
// (typecheck/threaded.ts starts it with `workerData.role`), so TypeScript ships once in the .vsix.
import { isMainThread, workerData } from 'node:worker_threads';

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === 'typecheck') require('./typecheck/worker');
else require('./server');
