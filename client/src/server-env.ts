// The language server's environment: the editor's own, plus two defaults a user's own setting of the
// same variable overrides.
// - VOUCH_CODE_CACHE: the V8 code cache in the extension's storage (server/src/io/code-cache.ts).
// - MALLOC_ARENA_MAX=2: glibc gives every thread that allocates its own malloc arena (up to eight per
//   core), and the server runs up to five threads (the type checker, workspace summaries, registry
//   answers, report workers). With two arenas the server held 80–120 MB less resident memory with a
//   3,000-file workspace open and at the report's peak, at no measured cost in time
//   (bench/server-memory.mjs). Other C libraries ignore the variable.
import { join } from 'node:path';

/** Arenas for the server process unless the user set MALLOC_ARENA_MAX. */
export const SERVER_MALLOC_ARENAS = '2';

export function serverEnv(env: NodeJS.ProcessEnv, storagePath: string): NodeJS.ProcessEnv {
  return {
    ...env,
    VOUCH_CODE_CACHE: env.VOUCH_CODE_CACHE ?? join(storagePath, 'v8'),
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? SERVER_MALLOC_ARENAS,
  };
}
