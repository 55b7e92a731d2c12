// The language server's entry (server/out/server.js, what the client starts): runs the server's bundle
// (server/out/server-main.js) from V8's code cache (io/code-cache.ts). The client names the cache folder
// (`VOUCH_CODE_CACHE`, in the extension's global storage). A server rarely exits cleanly, so a new
// cache is written 20 s after start, when opening the first files has compiled most of what editing runs.
import { join } from 'node:path';
import { cacheFolder, runBundle } from './io/code-cache';

runBundle(join(__dirname, 'server-main.js'), { folder: cacheFolder(), writeAt: 20_000, launcher: __filename });
