// PyPI look-ups against a local server speaking the JSON API shape (`/pypi/<name>/json`), and the
// snapshot path with look-ups disabled.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistryService, type RegistryHandle } from '../../server/src/registry';
import { at, depFindings } from '../detectors/nonexistent-package/deps-harness';
import { json, mockServer, type MockServer } from './mock-server';

const file = (t: string, yanked = false, reason: string | null = null) => ({ upload_time_iso_8601: t, yanked, yanked_reason: reason });

describe('registry: PyPI JSON API and snapshot', function () {
  this.timeout(15_000);
  let srv: MockServer;
  let tmp: string;
  const handles: RegistryHandle[] = [];
  const service = (pypiUrl: string, enabled = true) => {
    const h = createRegistryService({ settings: { registry: { enabled, pypiUrl } }, cacheDir: join(tmp, 'cache'), env: {}, homedir: tmp, askDefaults: false, pipSystemFiles: [] });
    handles.push(h);
    return h;
  };

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'vouch-pypi-'));
    srv = await mockServer({
      '/pypi/requests/json': (_q, r) =>
        json(r, 200, {
          info: { name: 'requests', version: '2.32.3', classifiers: [] },
          releases: { '0.2.0': [file('2011-02-14T00:00:00.000000Z')], '2.32.3': [file('2024-05-29T15:37:47.000000Z')], '9.9.9': [] },
          urls: [file('2024-05-29T15:37:47.000000Z')],
          ownership: { roles: [{ role: 'Owner', user: 'NatePrewitt' }, { role: 'Maintainer', user: 'graffatcolmingov' }], organization: 'psf' },
        }),
      // Two recent near misses of `requests`: one by one of its owners, one by a stranger copying its author fields.
      '/pypi/requestz/json': (_q, r) =>
        json(r, 200, {
          info: { name: 'requestz', version: '0.1', author: 'someone' },
          releases: { '0.1': [file('2026-11-01T00:00:00Z')] },
          ownership: { roles: [{ role: 'Owner', user: 'nateprewitt' }], organization: null },
        }),
      '/pypi/requestss/json': (_q, r) =>
        json(r, 200, {
          info: { name: 'requestss', version: '0.1', author: 'Kenneth Reitz', author_email: 'me@kennethreitz.org', maintainer: 'nateprewitt' },
          releases: { '0.1': [file('2026-11-01T00:00:00Z')] },
          ownership: { roles: [{ role: 'Owner', user: 'mallory' }], organization: null },
        }),
      '/pypi/new-thing/json': (_q, r) =>
        json(r, 200, {
          info: { name: 'New_Thing', version: '0.0.1', classifiers: ['Development Status :: 7 - Inactive'] },
          releases: { '0.0.1': [file('2026-11-20T10:00:00Z')] },
          urls: [file('2026-11-20T10:00:00Z')],
        }),
      '/pypi/yanked-pkg/json': (_q, r) =>
        json(r, 200, {
          info: { name: 'yanked-pkg', version: '1.0' },
          releases: { '1.0': [file('2020-01-01T00:00:00Z', true, 'malware')] },
          urls: [file('2020-01-01T00:00:00Z', true, 'malware')],
        }),
    });
  });
  after(async () => {
    for (const h of handles) h.dispose();
    await srv.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('reports creation time (earliest upload), versions with files and the latest version', async () => {
    const f = await service(`${srv.url}simple/`).lookup('pypi', 'requests');
    assert.deepEqual(f && [f.exists, f.source, f.created, f.versions, f.latest, f.deprecated], [true, 'registry', '2011-02-14T00:00:00.000Z', 2, '2.32.3', undefined]);
  });

  it('asks for the PEP 503 normalised name, and keeps the name the caller used', async () => {
    const s = service(srv.url);
    const f = await s.lookup('pypi', 'New.Thing');
    assert.equal(f?.name, 'New.Thing');
    assert.equal(f?.deprecated, 'the project is marked "Development Status :: 7 - Inactive"');
    assert.ok(srv.requests.some((r) => r.url === '/pypi/new-thing/json'));
    assert.equal((await s.lookup('pypi', 'new__thing'))?.source, 'cache');
  });

  it('reports a yanked latest release as deprecated with its reason', async () => {
    assert.equal((await service(srv.url).lookup('pypi', 'yanked-pkg'))?.deprecated, 'the latest release 1.0 is yanked: malware');
  });

  it('turns a 404 into exists: false', async () => {
    const f = await service(srv.url).lookup('pypi', 'reqeusts-hallucinated');
    assert.deepEqual(f && [f.exists, f.source], [false, 'registry']);
  });

  it('answers from the snapshot with look-ups disabled: popular, known-only-to-the-full-list, and unknown names', async () => {
    const before = srv.requests.length;
    const s = service(srv.url, false);
    assert.equal(s.offline, true);
    const popular = await s.lookup('pypi', 'PyYAML');
    assert.deepEqual(popular && [popular.exists, popular.source], [true, 'snapshot']);
    const listed = await s.lookup('pypi', '0_618'); // in the list of every name (as 0-618), far from popular
    assert.deepEqual(listed && [listed.exists, listed.source], [true, 'snapshot']);
    const missing = await s.lookup('pypi', 'vouch-surely-not-a-real-project-zq');
    assert.deepEqual(missing && [missing.exists, missing.source], [false, 'snapshot']);
    assert.equal(srv.requests.length, before, 'no request while offline');
    const weights = [...s.popular('pypi').values()];
    assert.ok(weights.length > 10_000 && weights.every((w, i) => w > 0 && (i === 0 || w <= weights[i - 1])), 'rank-derived weights fall with rank');
  });

  it('reads the registry\'s `ownership` (roles and organization) with the answer, never the author fields', async () => {
    const s = service(srv.url);
    const before = srv.requests.length;
    assert.deepEqual((await s.lookup('pypi', 'requests'))?.owners, ['nateprewitt', 'graffatcolmingov', 'org:psf']);
    assert.deepEqual(await s.owners('pypi', 'requests'), ['nateprewitt', 'graffatcolmingov', 'org:psf']);
    assert.deepEqual(await s.owners('pypi', 'requestss'), ['mallory']);
    assert.equal(await s.owners('pypi', 'yanked-pkg'), undefined, 'no ownership in the answer: unknown');
    assert.equal(srv.requests.length - before, 3, 'one request per name: owners come with the answer');
  });

  it('suspicious-package: a PyPI near miss owned by the popular project\'s owner is not reported; a stranger\'s is', async () => {
    const s = service(srv.url);
    const py = (code: string) => depFindings('suspicious-package', { code, path: 'app.py', registry: s });
    assert.deepEqual(at(await py('import requestss\n')), ['1:8']);
    assert.deepEqual(at(await py('import requestz\n')), []);
  });
});
