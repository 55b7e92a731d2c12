// Issue 7, defect 3, through the built CLI: a scanned repository's .npmrc naming its own host with
// `_authToken=${SECRET}` gets the package-name look-up but never the secret; only
// `--trust-workspace-config` reads it as npm does.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { json, mockServer, type MockServer } from './mock-server';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');
const SECRET = 'ci-secret-7f3a9c';

/** Async, so the in-process mock registry can answer while the CLI runs. */
function scan(cwd: string, env: NodeJS.ProcessEnv, extra: string[] = []): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [CLI, 'scan', '--fail-on', 'never', ...extra], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => done({ code, stderr }));
  });
}

describe('cli: a repository .npmrc gets no credentials (issue 7)', function () {
  this.timeout(120_000);
  let tmp: string;
  let registry: MockServer;
  before(async () => {
    // `npm test` builds before this tier; a lone run builds when the bundle is missing.
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit', timeout: 240_000 });
    tmp = mkdtempSync(join(tmpdir(), 'vouch-cli-npmrc-'));
    registry = await mockServer({ '/left-pad': (_req, res) => json(res, 200, { name: 'left-pad', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': {} }, modified: '2015-01-01T00:00:00Z' }) });
  });
  after(async () => {
    await registry.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('looks names up where the file says, without the secret; with --trust-workspace-config as npm would', async () => {
    const repo = join(tmp, 'repo');
    const home = join(tmp, 'home');
    mkdirSync(repo, { recursive: true });
    mkdirSync(home, { recursive: true });
    const host = new URL(registry.url).host;
    writeFileSync(join(repo, '.npmrc'), `registry=${registry.url}\n//${host}/:_authToken=\${CI_SECRET}\n`);
    writeFileSync(join(repo, 'index.js'), "const pad = require('left-pad');\nmodule.exports = pad;\n");
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'app', dependencies: { 'left-pad': '1.0.0' } }));
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: join(tmp, 'cache'), CI_SECRET: SECRET, VOUCH_TEST_FAULTS: '' };

    const plain = await scan(repo, env);
    assert.equal(plain.code, 0, plain.stderr);
    assert.ok(registry.requests.some((r) => r.url === '/left-pad'), 'the name was looked up on the named registry');
    assert.deepEqual(registry.requests.filter((r) => r.authorization !== undefined), [], 'no credentials');
    assert.ok(!JSON.stringify(registry.requests).includes(SECRET));
    assert.match(plain.stderr, /ignored auth and \$\{VAR\} values/);

    registry.requests.length = 0;
    const trusted = await scan(repo, { ...env, XDG_CACHE_HOME: join(tmp, 'cache-trusted') }, ['--trust-workspace-config']);
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.ok(registry.requests.some((r) => r.authorization === `Bearer ${SECRET}`), 'npm behaviour on request');
  });
});
