// The fixture apps (test/apps) scored with the registries on, as users run Vouch: npm names asked of a
// real registry implementation (Verdaccio on 127.0.0.1, no uplinks) holding every package the Express
// app declares except the two its author meant as hallucinated (`express-cart-validator`, never
// published; `axois`, published last week by a stranger: a squat of axios), and PyPI names asked of a
// local JSON-API server that knows the distributions PyPI has (the bundled list of every project name),
// each with years of releases. The names only a registry can judge (offline they are known gaps) must now be
// found, and nothing the apps declare correctly may be reported.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { testEngine } from '../engine';
import { FAMILIES, precision, recall, report, scoreApps } from '../apps/score';
import { json, mockServer, type MockServer } from './mock-server';
import { installVerdaccio, Verdaccio } from './verdaccio';
import { Snapshot } from '../../server/src/registry/snapshot';
import expressShop from '../apps/express-shop/package.json';

/** What the Express app's author meant as hallucinated (axois is published below, as the squat it is). */
const UNPUBLISHED_NPM = new Set(['express-cart-validator', 'axois']);
/** Every PyPI project name, as the bundled list has them (rules/data/pypi-names.bloom). */
const PYPI = new Snapshot();

const release = (t: string) => [{ upload_time_iso_8601: t, yanked: false, yanked_reason: null }];

/** PyPI's JSON API for a distribution that exists: years of releases. */
function pypi(req: IncomingMessage, res: ServerResponse): void {
  const name = /^\/pypi\/([^/]+)\/json/.exec(req.url ?? '')?.[1]?.toLowerCase().replace(/[-_.]+/g, '-');
  if (!name || !PYPI.lookup('pypi', name)?.exists) return json(res, 404, { message: 'Not Found' });
  json(res, 200, {
    info: { name, version: '3.0.0', classifiers: [] },
    releases: { '1.0.0': release('2016-03-01T00:00:00Z'), '2.0.0': release('2019-06-01T00:00:00Z'), '3.0.0': release('2024-02-01T00:00:00Z') },
    urls: release('2024-02-01T00:00:00Z'),
  });
}

describe('fixture apps with the registries on: hallucinated dependencies', function () {
  this.timeout(300_000);
  const verdaccio = new Verdaccio();
  let pypiServer: MockServer;

  before(async function () {
    this.timeout(600_000); // first run installs Verdaccio into the test cache
    await verdaccio.start(installVerdaccio());
    const declared = Object.keys({ ...expressShop.dependencies, ...expressShop.devDependencies }).filter((n) => !UNPUBLISHED_NPM.has(n));
    for (let i = 0; i < declared.length; i += 4) {
      await Promise.all(declared.slice(i, i + 4).map((name) => verdaccio.publish({ name, versions: ['1.0.0', '2.0.0', '3.0.0'] })));
    }
    // The app's real dependencies are years old; the squat is what was just published.
    for (const name of declared) verdaccio.backdate(name, '2015-01-15T00:00:00Z');
    await verdaccio.publish({ name: 'axois', versions: ['1.6.8'] });
    pypiServer = await mockServer({}, pypi);
  });
  after(async () => {
    await verdaccio.dispose();
    await pypiServer?.close();
  });

  it('finds the names only a registry can judge, and reports no correctly declared package', async () => {
    const s = await scoreApps(await testEngine(), undefined, { npmUrl: verdaccio.url, pypiUrl: pypiServer.url });
    const text = report(s);
    if (process.env.VOUCH_SCORE) console.log(text);
    const t = s.families.get('hallucinated-dependency')!;
    assert.equal(t.todo, 0, text);
    assert.ok(recall(t) >= 0.8 && precision(t) >= 0.9, text);
    assert.deepEqual(s.misses.filter((m) => / (nonexistent-package|suspicious-package|hallucinated-dependency|undeclared-dependency) /.test(m)), [], text);
    assert.deepEqual(s.falseAlarms.filter((m) => FAMILIES.some(() => /nonexistent-package|suspicious-package/.test(m))), [], text);
  });
});
