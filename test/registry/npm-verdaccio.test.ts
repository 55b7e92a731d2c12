// npm look-ups against a real registry implementation (Verdaccio on 127.0.0.1, no uplinks):
// facts of published fixtures, 404, scoped registries, auth from the user's .npmrc (never from the
// repository's unless trusted), the on-disk cache (proved by stopping the registry), TTL expiry and
// the unreachable → snapshot fallback.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistryService, type CreateRegistryOptions, type RegistryHandle } from '../../server/src/registry';
import { recordingProxy } from './mock-server';
import { freePort, installVerdaccio, Verdaccio } from './verdaccio';

const HOUR = 3600_000;

describe('registry: npm against a real registry (Verdaccio)', function () {
  this.timeout(30_000);
  const verdaccio = new Verdaccio();
  let tmp: string;
  let project: string;
  let home: string;
  const handles: RegistryHandle[] = [];

  function service(over: Partial<CreateRegistryOptions> = {}, cacheDir = join(tmp, 'cache')): RegistryHandle {
    const h = createRegistryService({
      settings: { registry: { enabled: true } },
      workspaceRoot: project,
      cacheDir,
      trusted: true,
      env: { VOUCH_TEST_TOKEN: verdaccio.token },
      homedir: home,
      askDefaults: false,
      ...over,
    });
    handles.push(h);
    return h;
  }

  before(async function () {
    this.timeout(600_000); // first run installs Verdaccio into the test cache
    const bin = installVerdaccio();
    await verdaccio.start(bin, ["  '@private/*':", '    access: $authenticated', '    publish: $authenticated'].join('\n'));
    await Promise.all([
      verdaccio.publish({ name: 'vouch-fresh-pkg', versions: ['1.0.0'] }),
      verdaccio.publish({ name: 'vouch-old-pkg', versions: ['1.0.0', '1.1.0'], deprecate: 'no longer maintained, use vouch-fresh-pkg' }),
      verdaccio.publish({ name: 'expresss', versions: ['0.0.1'] }),
    ]);
    await Promise.all([
      verdaccio.publish({ name: 'vouch-many-versions', versions: ['1.0.0', '1.0.1', '1.1.0', '1.2.0', '2.0.0', '2.1.0'] }),
      verdaccio.publish({ name: '@vouchtest/scoped', versions: ['1.0.0'] }),
      verdaccio.publish({ name: '@private/secret-pkg', versions: ['1.0.0'] }),
    ]);
    tmp = mkdtempSync(join(tmpdir(), 'vouch-registry-'));
    project = mkdtempSync(join(tmp, 'project-'));
    home = mkdtempSync(join(tmp, 'home-'));
    // The project's .npmrc says where names are looked up; the token comes from the user's own
    // .npmrc (${VAR} expanded there) and travels only to its own host.
    writeFileSync(join(project, '.npmrc'), `registry=${verdaccio.url}\n`);
    writeFileSync(join(home, '.npmrc'), `//127.0.0.1:${verdaccio.port}/:_authToken=\${VOUCH_TEST_TOKEN}\n`);
  });

  after(async () => {
    for (const h of handles) h.dispose();
    await verdaccio.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('reports a freshly published package with its creation time and version count', async () => {
    const f = await service().lookup('npm', 'vouch-fresh-pkg');
    assert.ok(f);
    assert.equal(f.exists, true);
    assert.equal(f.source, 'registry');
    assert.equal(f.versions, 1);
    assert.equal(f.latest, '1.0.0');
    assert.equal(f.deprecated, undefined);
    assert.ok(f.created && Date.now() - Date.parse(f.created) < HOUR, `created ${f.created} is recent`);
  });

  it('reports the deprecation message of the latest version', async () => {
    const f = await service().lookup('npm', 'vouch-old-pkg');
    assert.equal(f?.exists, true);
    assert.equal(f?.latest, '1.1.0');
    assert.equal(f?.deprecated, 'no longer maintained, use vouch-fresh-pkg');
  });

  it('counts versions', async () => {
    const f = await service().lookup('npm', 'vouch-many-versions');
    assert.equal(f?.versions, 6);
    assert.equal(f?.latest, '2.1.0');
  });

  it('reports a typo-neighbour of a popular package as existing and new, while the snapshot knows the popular one', async () => {
    const s = service();
    const f = await s.lookup('npm', 'expresss');
    assert.equal(f?.exists, true);
    assert.ok(f?.created && Date.now() - Date.parse(f.created) < HOUR);
    assert.ok((s.popular('npm').get('express') ?? 0) > 1_000_000);
    assert.equal(s.popular('npm').has('expresss'), false);
  });

  it('turns a 404 for a never-published name into exists: false', async () => {
    const f = await service().lookup('npm', 'vouch-never-published-xyz');
    assert.deepEqual(f && [f.exists, f.source], [false, 'registry']);
  });

  it('routes a scoped name to its @scope:registry even when the default registry is dead', async () => {
    const deadPort = await freePort();
    const f = await service({ env: { npm_config_registry: `http://127.0.0.1:${deadPort}/`, 'npm_config_@vouchtest:registry': verdaccio.url } }).lookup('npm', '@vouchtest/scoped');
    assert.equal(f?.exists, true);
    assert.equal(f?.source, 'registry');
  });

  it("sends the user's .npmrc auth token to its own host: a protected package is visible with it and unknown without", async () => {
    const withToken = await service().lookup('npm', '@private/secret-pkg');
    assert.equal(withToken?.exists, true);
    const without = await service({ homedir: mkdtempSync(join(tmp, 'home-')) }, join(tmp, 'cache-no-token')).lookup('npm', '@private/secret-pkg');
    // Refused (401/403) → unknown, never "does not exist"; Verdaccio may also hide it as 404.
    assert.ok(without === undefined || without.exists === false);
  });

  it("never sends a secret that the repository's .npmrc names for its own host, unless told to trust it (issue 7)", async () => {
    // The attack: a pull request adds an .npmrc naming a host it controls (here a recording proxy
    // in front of the real registry) with `_authToken=${SECRET}`, hoping CI expands a secret into it.
    const proxy = await recordingProxy(verdaccio.url);
    try {
      const hostile = mkdtempSync(join(tmp, 'project-'));
      const port = new URL(proxy.url).port;
      writeFileSync(join(hostile, '.npmrc'), `registry=${proxy.url}\n//127.0.0.1:${port}/:_authToken=\${CI_SECRET}\n//127.0.0.1:${port}/:_auth=\${CI_SECRET}\n`);
      const env = { CI_SECRET: verdaccio.token };
      const lookedUp = await service({ workspaceRoot: hostile, homedir: mkdtempSync(join(tmp, 'home-')), env }, join(tmp, 'cache-hostile')).lookup('npm', '@private/secret-pkg');
      assert.ok(proxy.requests.length > 0, 'the look-up went to the location the repository names');
      assert.deepEqual(proxy.requests.filter((r) => r.authorization !== undefined), [], 'no credentials at all');
      assert.ok(!JSON.stringify(proxy.requests).includes(verdaccio.token), 'the expanded secret never arrived');
      assert.ok(lookedUp === undefined || lookedUp.exists === false, 'the real registry saw no valid token');

      // Control: with npm's behaviour (--trust-workspace-config) the same file does send it — the
      // proxy would have caught it above.
      proxy.requests.length = 0;
      const trusted = await service({ workspaceRoot: hostile, homedir: mkdtempSync(join(tmp, 'home-')), env, trustWorkspaceConfig: true }, join(tmp, 'cache-hostile-trusted')).lookup('npm', '@private/secret-pkg');
      assert.equal(trusted?.exists, true);
      assert.ok(proxy.requests.some((r) => r.authorization === `Bearer ${verdaccio.token}`));
    } finally {
      await proxy.close();
    }
  });

  it('asks the registry once for concurrent look-ups of the same name', async () => {
    const s = service({}, join(tmp, 'cache-concurrent'));
    const all = await Promise.all([s.lookup('npm', 'vouch-fresh-pkg'), s.lookup('npm', 'vouch-fresh-pkg'), s.lookup('npm', 'Vouch-Fresh-Pkg')]);
    assert.deepEqual(all.map((f) => f?.source), ['registry', 'registry', 'registry']);
    assert.equal((await s.lookup('npm', 'vouch-fresh-pkg'))?.source, 'cache');
  });

  it('re-asks the registry once an answer is older than its TTL (24 h for existing, 6 h for missing names)', async () => {
    const cacheDir = join(tmp, 'cache-ttl');
    const first = service({}, cacheDir);
    assert.equal((await first.lookup('npm', 'vouch-old-pkg'))?.source, 'registry');
    assert.equal((await first.lookup('npm', 'vouch-never-published-ttl'))?.source, 'registry');
    first.dispose();
    const at = (ms: number) => service({ client: { now: () => Date.now() + ms } }, cacheDir);
    assert.equal((await at(23 * HOUR).lookup('npm', 'vouch-old-pkg'))?.source, 'cache');
    assert.equal((await at(5 * HOUR).lookup('npm', 'vouch-never-published-ttl'))?.source, 'cache');
    assert.equal((await at(7 * HOUR).lookup('npm', 'vouch-never-published-ttl'))?.source, 'registry');
    assert.equal((await at(25 * HOUR).lookup('npm', 'vouch-old-pkg'))?.source, 'registry');
  });

  it('serves cached answers from disk once the registry is gone, and falls back to the snapshot for the rest', async () => {
    const cacheDir = join(tmp, 'cache-stop');
    const first = service({}, cacheDir);
    assert.equal((await first.lookup('npm', 'vouch-fresh-pkg'))?.source, 'registry');
    assert.equal((await first.lookup('npm', 'vouch-never-published-xyz'))?.exists, false);
    first.dispose();
    await verdaccio.stop();
    const second = service({ client: { timeoutMs: 1000 } }, cacheDir);
    const cached = await second.lookup('npm', 'vouch-fresh-pkg');
    assert.deepEqual(cached && [cached.exists, cached.source, cached.versions], [true, 'cache', 1]);
    assert.deepEqual((await second.lookup('npm', 'vouch-never-published-xyz'))?.source, 'cache');
    // Not cached and the registry refuses connections: the snapshot answers what it knows...
    const popular = await second.lookup('npm', 'express');
    assert.deepEqual(popular && [popular.exists, popular.source], [true, 'snapshot']);
    // ...and nothing else is ever turned into "does not exist".
    assert.equal(await second.lookup('npm', 'vouch-not-cached-anywhere'), undefined);
  });
});
