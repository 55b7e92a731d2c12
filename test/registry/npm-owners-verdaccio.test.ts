// suspicious-package's owner check against a real registry (Verdaccio on 127.0.0.1, no uplinks): near
// misses of `express` published for real, looked up through the engine as the server and CLI do.
// Verdaccio keeps no owner list (it serves only whitelisted top-level fields, never `maintainers`), so
// a small proxy in front of it adds the one field npm's registry serves in full packuments, top-level
// `maintainers`, and fails full-packument requests for the names the test breaks. Everything else
// (abbreviated answers, versions, times, 404s) is Verdaccio's own.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateRegistryOptions, RegistryHandle } from '../../server/src/registry';
import { at, depFindings } from '../detectors/nonexistent-package/deps-harness';
import { registryServices } from './services';
import { installVerdaccio, Verdaccio } from './verdaccio';

const ID = 'suspicious-package';
const WES = { name: 'wes', email: 'wes@example.test' };

interface OwnerProxy {
  url: string;
  /** Full-packument requests seen, by package name. */
  full: string[];
  abbreviated: string[];
  close(): Promise<void>;
}

/**
 * Forwards to `target`; full packuments get `maintainers[name]` top-level, or HTTP 500 for `broken`
 * names. `history[name]` dates the package as npm does for one unchanged for years: the abbreviated
 * answer's `modified` is that old and has no times, the full one's `time` starts then.
 */
function ownerProxy(target: string, maintainers: Record<string, unknown[]>, broken: ReadonlySet<string>, history: Record<string, string> = {}): Promise<OwnerProxy> {
  const full: string[] = [];
  const abbreviated: string[] = [];
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1).split('?')[0]);
    const isFull = req.headers.accept === 'application/json';
    (isFull ? full : abbreviated).push(name);
    if (isFull && broken.has(name)) {
      res.writeHead(500, { 'content-type': 'application/json' });
      return void res.end('{"error":"internal"}');
    }
    fetch(new URL((req.url ?? '/').slice(1), target), { headers: { accept: req.headers.accept ?? 'application/json' } }).then(async (up) => {
      let body = Buffer.from(await up.arrayBuffer());
      if (isFull && up.status === 200 && maintainers[name]) body = Buffer.from(JSON.stringify({ ...JSON.parse(body.toString('utf8')), maintainers: maintainers[name] }));
      const old = history[name];
      if (old && up.status === 200) {
        const doc = JSON.parse(body.toString('utf8'));
        const time = Object.fromEntries(Object.keys(doc.versions ?? {}).map((v) => [v, old]));
        body = Buffer.from(JSON.stringify(isFull ? { ...doc, time: { ...time, modified: old } } : { ...doc, time: undefined, modified: old }));
      }
      res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
      res.end(body);
    }, () => {
      res.writeHead(502);
      res.end();
    });
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      done({ url: `http://127.0.0.1:${port}/`, full, abbreviated, close: () => new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }) });
    });
  });
}

describe('registry: suspicious-package owners against a real registry (Verdaccio)', function () {
  this.timeout(30_000);
  const verdaccio = new Verdaccio();
  let proxy: OwnerProxy;
  let tmp: string;
  const services = registryServices(() => tmp);
  const service = (over: Partial<CreateRegistryOptions> = {}): RegistryHandle => services.create(proxy.url, over);
  const findings = async (name: string, registry: RegistryHandle) => at(await depFindings(ID, { code: `import e from '${name}';\n`, registry }));

  before(async function () {
    this.timeout(600_000); // first run installs Verdaccio into the test cache
    await verdaccio.start(installVerdaccio());
    await Promise.all(['express', 'expresss', 'expressjs', 'exprses', 'express-js', 'exprss'].map((name) => verdaccio.publish({ name, versions: ['1.0.0'] })));
    await verdaccio.publish({ name: 'expres', versions: ['0.1.0', '0.2.0', '0.3.0'] });
    tmp = mkdtempSync(join(tmpdir(), 'vouch-owners-'));
    proxy = await ownerProxy(verdaccio.url, {
      express: [WES, { name: 'doug', email: 'doug@example.test' }],
      expresss: [{ name: 'mallory', email: 'mallory@example.test' }],
      expressjs: [{ name: 'wes-alt', email: 'wes@example.test' }],
      'express-js': ['wes <wes-old@example.test>'],
    }, new Set(['exprses']), { expres: '2013-03-01T00:00:00.000Z', exprss: '2013-03-01T00:00:00.000Z' });
  });

  after(async () => {
    services.dispose();
    if (proxy) await proxy.close();
    await verdaccio.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  beforeEach(() => {
    proxy.full.length = 0;
    proxy.abbreviated.length = 0;
  });

  it('still reports a near miss whose maintainers are not the popular package\'s', async () => {
    assert.deepEqual(await findings('expresss', service()), ['1:16']);
    // New, so its full packument was read once for the creation time, owners included; the popular one's once for its owners.
    assert.deepEqual(proxy.full.sort(), ['express', 'expresss']);
  });

  it('does not report a near miss sharing a maintainer (by e-mail, or by name in the old string form)', async () => {
    const s = service();
    assert.deepEqual(await findings('expressjs', s), []);
    assert.deepEqual(await findings('express-js', s), []);
    const owners = await s.owners('npm', 'express');
    assert.deepEqual(owners, ['wes', 'wes@example.test', 'doug', 'doug@example.test']);
  });

  it('keeps owners with the cached answer: the next run (another file, a restart) asks for no packument again', async () => {
    const cacheDir = mkdtempSync(join(tmp, 'cache-'));
    const first = service({ cacheDir });
    assert.deepEqual(await findings('expressjs', first), []);
    assert.ok(proxy.full.includes('express'));
    first.dispose();
    proxy.full.length = 0;
    proxy.abbreviated.length = 0;
    assert.deepEqual(await findings('expressjs', service({ cacheDir })), []);
    assert.deepEqual([proxy.full, proxy.abbreviated], [[], []]);
  });

  it('offline (vouch.registry.enabled false or an untrusted workspace): no request at all, same findings as without the owner check', async () => {
    for (const over of [{ settings: { registry: { enabled: false, npmUrl: proxy.url } } }, { trusted: false }]) {
      const off = service(over);
      const withoutOwners = { ...off, owners: undefined, lookup: off.lookup, popular: off.popular, offline: off.offline };
      for (const name of ['expressjs', 'expresss']) assert.deepEqual(await findings(name, off), await findings(name, withoutOwners as unknown as RegistryHandle));
      assert.equal(await off.owners('npm', 'express'), undefined);
    }
    assert.deepEqual([proxy.full, proxy.abbreviated], [[], []]);
  });

  it('an old near miss (abbreviated answer unchanged for years, so no time) is dated from its full packument: released again since, it is established', async () => {
    const s = service();
    assert.deepEqual(await findings('expres', s), []);
    // dated once (its time is kept with the answer); no longer a near miss, so no owners were asked
    assert.deepEqual(proxy.full, ['expres']);
    assert.ok((await s.lookup('npm', 'expres'))?.created?.startsWith('2013-03-01'));
    assert.deepEqual(await findings('expres', s), []);
    assert.deepEqual(proxy.full, ['expres']);
  });

  it('an old near miss uploaded once is still reported', async () => {
    assert.deepEqual(await findings('exprss', service()), ['1:16']);
  });

  it('a registry error on the full packument falls back to today\'s behaviour: reported, no crash, no notice', async () => {
    // depFindings fails on any engine notice, so a thrown error would show.
    assert.deepEqual(await findings('exprses', service()), ['1:16']);
    assert.ok(proxy.full.filter((n) => n === 'exprses').length >= 1, 'the owners were asked for');
  });
});
