// The language server's entry (server/out/server.js, what the client starts): runs the server's bundle
// (server/out/server-main.js) from V8's code cache (io/code-cache.ts). The client names the cache folder
// (`VOUCH_CODE_CACHE`, in the extension's global storage). A server rarely exits cleanly, so a new
// cache is written 20 s after start, when opening the first files has compiled most of what editing runs.
// The heap flags are set first (io/heap.ts; V8 accepts a cache only under the flags it was made with): the
// heap's growth, and a `gc()` for the service threads to collect with when idle (io/idle-collect.ts).
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { cacheFolder, runBundle } from './io/code-cache';
import { appliedHeapFlags, exposeCollectorToThreads, limitHeapGrowth } from './io/heap';

if (isMainThread) {
  limitHeapGrowth();
  exposeCollectorToThreads();
}
runBundle(join(__dirname, 'server-main.js'), { folder: cacheFolder(), writeAt: 20_000, launcher: __filename, flags: appliedHeapFlags() });
