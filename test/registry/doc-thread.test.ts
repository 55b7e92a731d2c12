// Large registry answers are parsed on a worker thread in the language server: the same summaries as
// this thread's, the same facts from the client, a main thread that keeps running while a busy
// package's packument (tens of MB) is parsed, and this thread's own parse when the worker gives none.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocParser } from '../../server/src/registry/client';
import { OFF_THREAD_BYTES } from '../../server/src/registry/client';
import { ThreadedDocs } from '../../server/src/registry/doc-thread';
import { summarise, type DocKind } from '../../server/src/registry/packument';
import { whileTicking } from '../ticks';
import { json, mockServer, type MockServer } from './mock-server';
import { registryServices } from './services';

/** npm's abbreviated packument with `n` versions, each carrying `pad` characters (how busy packages get big). */
function abbreviated(name: string, n: number, pad = 0, deprecated?: string): string {
  const versions: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) versions[`1.0.${i}`] = { name, version: `1.0.${i}`, dist: { tarball: `x/${'t'.repeat(pad)}` }, ...(i === n - 1 && deprecated ? { deprecated } : {}) };
  return JSON.stringify({ name, modified: '2019-05-01T00:00:00.000Z', 'dist-tags': { latest: `1.0.${n - 1}` }, versions });
}

const DOCS: Array<[DocKind, string]> = [
  ['npm', abbreviated('a', 3)],
  ['npm', abbreviated('b', 2, 0, 'use c instead')],
  ['npm', JSON.stringify({ name: 'gone', versions: {}, time: { created: '2020-01-01T00:00:00Z', unpublished: {} } })],
  ['npm-full', JSON.stringify({ name: 'a', maintainers: [{ name: 'Alice', email: 'a@x.test' }, 'bob <b@x.test>'], time: { '1.0.0': '2016-01-01T00:00:00Z', modified: '2020-01-01T00:00:00Z' } })],
  ['pypi', JSON.stringify({ info: { version: '2.0', classifiers: [] }, releases: { '1.0': [{ upload_time_iso_8601: '2015-01-01T00:00:00Z' }], '2.0': [{ upload_time: '2018-01-01T00:00:00' }] }, urls: [{ yanked: true, yanked_reason: 'broken' }], ownership: { roles: [{ role: 'Owner', user: 'Carol' }] } })],
  ['pypi', '[1, 2]'],
  ['npm', '{ "versions": '],
];

describe('registry: large answers parsed on a worker thread', function () {
  this.timeout(60_000);
  const logs: string[] = [];
  let threaded: ThreadedDocs;
  let tmp: string;
  const services = registryServices(() => tmp);
  let srv: MockServer;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'vouch-docs-'));
    srv = await mockServer({
      '/big-pkg': (_q, r) => json(r, 200, JSON.parse(abbreviated('big-pkg', 3000, 400, 'moved to big-pkg2'))),
      '/small-pkg': (_q, r) => json(r, 200, JSON.parse(abbreviated('small-pkg', 4))),
    });
  });
  beforeEach(() => {
    logs.length = 0;
    threaded = new ThreadedDocs((m) => logs.push(m));
  });
  afterEach(() => threaded.dispose());
  after(async () => {
    services.dispose();
    await srv.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('summarises each answer exactly as this thread does: npm abbreviated and full, PyPI, not an object, not JSON', async () => {
    for (const [kind, text] of DOCS) {
      let expected: { data?: unknown; invalid?: boolean };
      try {
        expected = { data: summarise(kind, JSON.parse(text)), invalid: undefined };
      } catch {
        expected = { data: undefined, invalid: true };
      }
      assert.deepEqual(await threaded.summarise(kind, Buffer.from(text)), expected, text.slice(0, 60));
    }
    assert.deepEqual(logs, []);
  });

  it('a client with the worker answers what one without does, and hands the worker only large answers', async () => {
    const sent: number[] = [];
    const docs: DocParser = { summarise: (kind, body) => (sent.push(body.byteLength), threaded.summarise(kind, body)) };
    const plain = services.create(srv.url);
    const offloaded = services.create(srv.url, { client: { docs } });
    for (const name of ['big-pkg', 'small-pkg']) {
      const [a, b] = [await plain.lookup('npm', name), await offloaded.lookup('npm', name)];
      assert.ok(a?.exists && a.source === 'registry', name);
      assert.deepEqual(b, a, name);
    }
    assert.equal((await offloaded.lookup('npm', 'big-pkg'))?.deprecated, 'moved to big-pkg2');
    assert.equal(sent.length, 1);
    assert.ok(sent[0] >= OFF_THREAD_BYTES, `${sent[0]} bytes`);
  });

  it('keeps the main thread running while a 20 MB packument is parsed', async () => {
    const body = Buffer.from(abbreviated('huge', 40_000, 450));
    assert.ok(body.byteLength > 20e6, `${body.byteLength} bytes`);
    await threaded.summarise('npm', Buffer.from(abbreviated('warm', 2)));
    const { result, ticks, firstTickBeforeAnswer, ms } = await whileTicking(10, () => threaded.summarise('npm', body));
    assert.equal(result?.data && 'count' in result.data ? result.data.count : undefined, 40_000);
    assert.ok(firstTickBeforeAnswer, `a 10 ms timer fired only after the ${Math.round(ms)} ms parse answered`);
    assert.ok(ticks >= 2, `${ticks} ticks of a 10 ms timer during a ${Math.round(ms)} ms parse`);
  });

  it('an idle worker is stopped to give its memory back, quietly, and started again by the next answer', async () => {
    const quick = new ThreadedDocs((m) => logs.push(m), 50);
    try {
      const body = () => Buffer.from(abbreviated('a', 3));
      assert.equal(((await quick.summarise('npm', body()))?.data as { count?: number } | undefined)?.count, 3);
      const first = quick.thread;
      assert.ok(first);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(quick.thread, undefined);
      assert.ok((await quick.summarise('npm', body()))?.data);
      assert.ok(quick.thread && quick.thread !== first);
      assert.deepEqual(logs, []);
    } finally {
      quick.dispose();
    }
  });

  it('a worker that dies answers undefined, and the client then parses the answer itself', async () => {
    const pending = threaded.summarise('npm', Buffer.from(abbreviated('huge', 40_000, 450)));
    await threaded.thread!.terminate();
    assert.equal(await pending, undefined);
    assert.match(logs.join('\n'), /^registry answers: worker stopped .*restarting on the next request/);
    const none: DocParser = { summarise: async () => undefined };
    const s = services.create(srv.url, { client: { docs: none } });
    assert.equal((await s.lookup('npm', 'big-pkg'))?.deprecated, 'moved to big-pkg2');
  });
});
