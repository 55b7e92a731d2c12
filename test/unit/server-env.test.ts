import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_MALLOC_ARENAS, serverEnv } from '../../client/src/server-env';

describe('the language server environment (client/src/server-env.ts)', () => {
  it('adds the code cache folder and two malloc arenas to the editor environment', () => {
    const env = serverEnv({ PATH: '/bin', HOME: '/home/u' }, '/storage');
    assert.deepEqual(env, { PATH: '/bin', HOME: '/home/u', VOUCH_CODE_CACHE: join('/storage', 'v8'), MALLOC_ARENA_MAX: '2' });
  });

  it("keeps the user's own settings of both", () => {
    const env = serverEnv({ VOUCH_CODE_CACHE: 'off', MALLOC_ARENA_MAX: '8' }, '/storage');
    assert.equal(env.VOUCH_CODE_CACHE, 'off');
    assert.equal(env.MALLOC_ARENA_MAX, '8');
  });

  it('does not change the environment it was given', () => {
    const given = { PATH: '/bin' };
    serverEnv(given, '/storage');
    assert.deepEqual(given, { PATH: '/bin' });
  });

  it('is what the benches start the server with', () => {
    const bench = readFileSync(join(__dirname, '..', '..', 'bench', 'lib', 'lsp-latency.mjs'), 'utf8');
    assert.match(bench, new RegExp(`MALLOC_ARENA_MAX: process\\.env\\.MALLOC_ARENA_MAX \\?\\? '${SERVER_MALLOC_ARENAS}'`));
  });
});
