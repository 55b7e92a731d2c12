// The HTTP client's behaviour against small local servers: time-outs (a registry that accepts and
// never answers), 5xx, the abbreviated → full packument path, de-duplication, bounded concurrency,
// offline modes, redirects, cancellation and the answer size cap.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistryService, type CreateRegistryOptions, type RegistryHandle } from '../../server/src/registry';
import { registryServices } from './services';
import { json, mockServer, silentServer, type MockServer, type Route } from './mock-server';

const DAY = 86_400_000;
const abbreviated = (modifiedDaysAgo: number, versions = ['1.0.0']) => ({
  name: 'x',
  modified: new Date(Date.now() - modifiedDaysAgo * DAY).toISOString(),
  'dist-tags': { latest: versions[versions.length - 1] },
  versions: Object.fromEntries(versions.map((v) => [v, { name: 'x', version: v }])),
});

describe('registry: client behaviour', function () {
  this.timeout(15_000);
  let tmp: string;
  const services = registryServices(() => tmp);
  const servers: Array<{ close(): Promise<void> }> = [];

  const service = (npmUrl: string, over: Partial<CreateRegistryOptions> = {}): RegistryHandle => services.create(npmUrl, over);

  async function server(routes: Parameters<typeof mockServer>[0]): Promise<MockServer> {
    const s = await mockServer(routes);
    servers.push(s);
    return s;
  }

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'vouch-client-'));
  });
  after(async () => {
    services.dispose();
    for (const s of servers) await s.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('resolves to undefined within the time-out when the registry accepts and never answers, then uses the snapshot during the cool-down', async () => {
    const silent = await silentServer();
    servers.push(silent);
    const s = service(silent.url, { client: { timeoutMs: 300 } });
    const t0 = Date.now();
    assert.equal(await s.lookup('npm', 'vouch-hangs-forever'), undefined);
    assert.ok(Date.now() - t0 < 1500, `took ${Date.now() - t0} ms`);
    const t1 = Date.now();
    const popular = await s.lookup('npm', 'express');
    assert.deepEqual(popular && [popular.exists, popular.source], [true, 'snapshot']);
    assert.ok(Date.now() - t1 < 100, 'no second wait during the cool-down');
  });

  it('turns 5xx into unknown, caches nothing and keeps asking', async () => {
    const srv = await server({ '/flaky-pkg': (_q, r) => json(r, 503, {}) });
    const s = service(srv.url);
    assert.equal(await s.lookup('npm', 'flaky-pkg'), undefined);
    assert.equal(await s.lookup('npm', 'flaky-pkg'), undefined);
    assert.equal(srv.requests.length, 2);
  });

  it('fetches the full packument for the creation time only when the package may be new', async () => {
    const srv = await server({
      '/recent-pkg': (q, r) => (q.headers.accept === 'application/json' ? json(r, 200, { ...abbreviated(1), time: { created: '2026-01-02T03:04:05.000Z' } }) : json(r, 200, abbreviated(1))),
      '/old-pkg': (_q, r) => json(r, 200, abbreviated(400, ['1.0.0', '2.0.0'])),
      '/express': (_q, r) => json(r, 200, abbreviated(1)),
    });
    const s = service(srv.url);
    const recent = await s.lookup('npm', 'recent-pkg');
    assert.equal(recent?.created, '2026-01-02T03:04:05.000Z');
    const old = await s.lookup('npm', 'old-pkg');
    assert.deepEqual(old && [old.exists, old.versions, old.created], [true, 2, undefined]);
    await s.lookup('npm', 'express'); // popular in the snapshot: cannot be new
    assert.deepEqual(srv.requests.map((r) => [r.url, r.accept?.startsWith('application/vnd.npm.install-v1+json') ? 'abbreviated' : 'full']), [
      ['/recent-pkg', 'abbreviated'],
      ['/recent-pkg', 'full'],
      ['/old-pkg', 'abbreviated'],
      ['/express', 'abbreviated'],
    ]);
  });

  it('asks for an npm full packument once for owners, however many callers ask, and gives up when the caller aborts', async () => {
    const full = (ms: number): Route => (q, r) =>
      q.headers.accept === 'application/json' ? json(r, 200, { ...abbreviated(400), maintainers: [{ name: 'Wes', email: 'wes@example.test' }] }, ms) : json(r, 200, abbreviated(400));
    const srv = await server({ '/owned-pkg': full(80), '/slow-owned': full(2000) });
    const s = service(srv.url);
    const all = await Promise.all([s.owners('npm', 'owned-pkg'), s.owners('npm', 'owned-pkg'), s.owners('npm', 'Owned-Pkg')]);
    assert.deepEqual(all, [['wes', 'wes@example.test'], ['wes', 'wes@example.test'], ['wes', 'wes@example.test']]);
    assert.deepEqual(await s.owners('npm', 'owned-pkg'), ['wes', 'wes@example.test'], 'kept with the cached answer');
    assert.equal(srv.requests.filter((r) => r.url === '/owned-pkg' && r.accept === 'application/json').length, 1);
    const ctl = new AbortController();
    const t0 = Date.now();
    const p = s.owners('npm', 'slow-owned', ctl.signal);
    setTimeout(() => ctl.abort(), 100);
    assert.equal(await p, undefined);
    assert.ok(Date.now() - t0 < 1000, `took ${Date.now() - t0} ms`);
  });

  it('treats a package with no versions left (unpublished) as not existing', async () => {
    const srv = await server({ '/gone-pkg': (_q, r) => json(r, 200, { name: 'gone-pkg', time: { unpublished: {} } }) });
    assert.equal((await service(srv.url).lookup('npm', 'gone-pkg'))?.exists, false);
  });

  it('asks once for concurrent look-ups of one name and keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = (_q: unknown, r: Parameters<typeof json>[0]) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        json(r, 200, abbreviated(400));
      }, 80);
    };
    const routes = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`/pkg-${i}`, slow]));
    const srv = await server(routes);
    const s = service(srv.url, { client: { concurrency: 2 } });
    const same = await Promise.all(Array.from({ length: 5 }, () => s.lookup('npm', 'pkg-0')));
    assert.ok(same.every((f) => f?.exists === true));
    assert.equal(srv.requests.length, 1);
    await Promise.all(Array.from({ length: 8 }, (_, i) => s.lookup('npm', `pkg-${i}`)));
    assert.equal(peak, 2);
    assert.equal(srv.requests.length, 8); // pkg-0 came from the cache
  });

  it('asks nothing when look-ups are off or the workspace is untrusted, and resumes on update', async () => {
    const srv = await server({ '/some-pkg': (_q, r) => json(r, 200, abbreviated(400)) });
    const off = service(srv.url, { settings: { registry: { enabled: false, npmUrl: srv.url } } });
    const untrusted = service(srv.url, { trusted: false });
    assert.equal(off.offline, true);
    assert.equal(untrusted.offline, true);
    assert.equal(await off.lookup('npm', 'some-pkg'), undefined);
    assert.deepEqual((await untrusted.lookup('npm', 'express'))?.source, 'snapshot');
    assert.equal(srv.requests.length, 0);
    untrusted.update({ trusted: true });
    assert.equal(untrusted.offline, false);
    assert.equal((await untrusted.lookup('npm', 'some-pkg'))?.source, 'registry');
    assert.equal(srv.requests.length, 1);
  });

  it('follows same-origin redirects only', async () => {
    const other = await server({ '/moved': (_q, r) => json(r, 200, abbreviated(400)) });
    const srv = await server({
      '/redirected': (_q, r) => {
        r.writeHead(301, { location: '/target' });
        r.end();
      },
      '/target': (_q, r) => json(r, 200, abbreviated(400)),
      '/elsewhere': (_q, r) => {
        r.writeHead(302, { location: `${other.url}moved` });
        r.end();
      },
    });
    const s = service(srv.url);
    assert.equal((await s.lookup('npm', 'redirected'))?.exists, true);
    assert.equal(await s.lookup('npm', 'elsewhere'), undefined);
    assert.equal(other.requests.length, 0);
  });

  it('gives up when the caller aborts, and never asks about names that cannot be package names', async () => {
    const srv = await server({ '/slow-pkg': (_q, r) => json(r, 200, abbreviated(400), 2000) });
    const s = service(srv.url);
    const ctl = new AbortController();
    const t0 = Date.now();
    const p = s.lookup('npm', 'slow-pkg', ctl.signal);
    setTimeout(() => ctl.abort(), 50);
    assert.equal(await p, undefined);
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(await s.lookup('npm', '../../etc/passwd'), undefined);
    assert.equal(await s.lookup('npm', 'has space'), undefined);
    assert.deepEqual(srv.requests.map((r) => r.url), ['/slow-pkg']);
  });

  it('stops reading an answer past its size cap, streamed or declared, and calls it unknown (issue 7)', async () => {
    // A hostile registry streams without end (bounded here at 64 MB so the test stays bounded without the cap).
    let sent = 0;
    let closedEarly = false;
    const srv = await server({
      '/endless': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        res.write('{"versions":{"1.0.0":{}},"pad":"');
        res.on('close', () => (closedEarly = !res.writableEnded));
        const pump = () => {
          while (sent < 64 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end('"}');
        };
        pump();
      },
      '/declared': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(500 * 1024 * 1024) });
        res.write('{"versions":');
      },
    });
    const lines: string[] = [];
    const s = service(srv.url, { log: (m) => lines.push(m), client: { maxBodyBytes: 1024 * 1024, timeoutMs: 10_000 } });
    const t0 = Date.now();
    assert.equal(await s.lookup('npm', 'endless'), undefined);
    assert.equal(await s.lookup('npm', 'declared'), undefined);
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(closedEarly, 'the client hung up mid-stream');
    assert.ok(sent < 32 * 1024 * 1024, `the registry got to send ${sent} bytes`);
    assert.equal(lines.filter((l) => /larger than 1 MB/.test(l)).length, 2, lines.join('\n'));
  });

  it('says once per registry that it is unreachable, however many look-ups fail (issue 8)', async () => {
    // A port nobody listens on: connections are refused at once.
    const gone = await server({});
    const url = gone.url;
    await gone.close();
    servers.splice(servers.indexOf(gone), 1);
    const lines: string[] = [];
    const s = service(url, { log: (m) => lines.push(m), client: { cooldownMs: 0 } });
    await Promise.all(['vouch-a', 'vouch-b', 'vouch-c'].map((n) => s.lookup('npm', n)));
    assert.equal(await s.lookup('npm', 'vouch-d'), undefined, 'after the cool-down: asked again, unreachable again');
    assert.equal(lines.filter((l) => l.includes('unreachable')).length, 1, lines.join('\n'));
  });

  it('says once in the log when no registry is configured, and answers from the snapshot', async () => {
    const lines: string[] = [];
    const s = createRegistryService({ settings: { registry: { enabled: true } }, env: {}, homedir: tmp, askDefaults: false, log: (m) => lines.push(m) });
    services.keep(s);
    assert.equal((await s.lookup('npm', 'express'))?.source, 'snapshot');
    assert.equal(await s.lookup('npm', 'vouch-unknown-name'), undefined);
    assert.equal(lines.filter((l) => l.includes('no npm registry is configured')).length, 1);
  });
});
