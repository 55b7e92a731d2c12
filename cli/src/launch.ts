// `vouch` itself (cli/out/vouch.js): starts the CLI's bundle (cli/out/vouch-main.js) from V8's code
// cache (server/src/io/code-cache.ts), writing the cache a second into a run that had none (or at its
// exit, when sooner). The heap flags are set
// first (heap-flags.ts): V8 accepts a cache only under the flags it was made with.
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { cacheFolder, runBundle } from '../../server/src/io/code-cache';
import { appliedHeapFlags } from '../../server/src/io/heap';
import { setHeapFlags } from './heap-flags';

if (isMainThread) setHeapFlags();
runBundle(join(__dirname, 'vouch-main.js'), { folder: cacheFolder(), writeAt: 1000, launcher: __filename, flags: appliedHeapFlags() });
