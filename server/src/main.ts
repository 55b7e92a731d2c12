// The server bundle's entry (server/out/server.js). The same file is the type checker's worker
// (typecheck/threaded.ts starts it with `workerData.role`), so TypeScript ships once in the .vsix,
// a scan worker (scan/pool.ts, `role: 'scan'`) and the workspace summaries' worker
// (project/threaded-summaries.ts, `role: 'summaries'`). The registry answers' worker is its own small
// bundle (registry-docs.js).
import { isMainThread, workerData } from 'node:worker_threads';

const role = isMainThread ? undefined : (workerData as { role?: string } | undefined)?.role;
if (role === 'typecheck') require('./typecheck/worker');
else if (role === 'scan') require('./scan/pool-worker');
else if (role === 'summaries') require('./project/summary-worker');
else require('./server');
