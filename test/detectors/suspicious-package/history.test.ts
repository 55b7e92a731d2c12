// suspicious-package on real code: a near miss with its own history (first published years ago, more
// than one release), a project's own companion (`eslint-config-hexo` in hexo), and Python optional or
// lazy imports of a backend are not typos; a fresh or one-upload near miss still is.
import assert from 'node:assert/strict';
import type { Ecosystem, RegistryService } from '../../../server/src/core/services';
import { at, depFindings, registryWith } from '../nonexistent-package/deps-harness';

const ID = 'suspicious-package';
const years = (n: number) => new Date(Date.now() - n * 365 * 86_400_000).toISOString();

/** A registry whose look-ups carry no creation time (npm's abbreviated answer) but whose full packument does. */
function withHistory(known: Parameters<typeof registryWith>[0], created: Record<string, string>): RegistryService & { asked: string[] } {
  const base = registryWith(known);
  const asked: string[] = [];
  return {
    ...base,
    lookup: base.lookup,
    popular: base.popular,
    offline: false,
    asked,
    async firstPublished(eco: Ecosystem, name: string) {
      asked.push(`${eco}:${name}`);
      return created[`${eco}:${name}`];
    },
  };
}

describe(`${ID}: near misses with a history`, () => {
  it('asks when a near miss without a creation time was first published: years ago and released again, it is established', async () => {
    const registry = withHistory({ 'npm:karma-chai': { versions: 3, created: undefined, monthlyDownloads: undefined } }, { 'npm:karma-chai': years(12) });
    const popular = { ...registry, popular: (eco: Ecosystem) => new Map([...registry.popular(eco), ...(eco === 'npm' ? [['karma-cli', 1e6] as const] : [])]) };
    const manifest = '{ "devDependencies": { "karma-chai": "^0.1.0" } }';
    assert.deepEqual(at(await depFindings(ID, { code: manifest, path: 'package.json', registry: popular })), []);
    assert.deepEqual(registry.asked, ['npm:karma-chai']);
  });

  it('still flags a near miss first published lately, or uploaded once, or whose history is unknown', async () => {
    const known = { versions: 3, created: undefined, monthlyDownloads: undefined };
    const registry = withHistory({ 'npm:expresss': known, 'npm:exprss': { ...known, versions: 1 }, 'npm:expres': known }, { 'npm:expresss': years(0.5), 'npm:exprss': years(9) });
    const code = "import a from 'expresss';\nimport b from 'exprss';\nimport c from 'expres';\n";
    assert.deepEqual(at(await depFindings(ID, { code, registry })), ['1:16', '2:16', '3:16']);
  });

  it('a near miss whose differing words are the project\'s own name is its companion; a typo beside them is not', async () => {
    const popular = { npm: { 'eslint-config-next': 1e7, 'express-session': 1e7 } };
    const known = { versions: 3, created: years(1), monthlyDownloads: undefined };
    const base = registryWith({ 'npm:eslint-config-hexo': known, 'npm:express-sesion': known, 'npm:eslint-config-next': {}, 'npm:express-session': {} });
    const registry = { ...base, lookup: base.lookup, popular: (eco: Ecosystem) => new Map(Object.entries(eco === 'npm' ? popular.npm : {})) };
    const manifest = '{\n  "name": "hexo-cli",\n  "devDependencies": {\n    "eslint-config-hexo": "^5.0.0",\n    "express-sesion": "^1.0.0"\n  }\n}\n';
    assert.deepEqual(at(await depFindings(ID, { code: manifest, path: 'package.json', registry })), ['5:6']);
    const other = manifest.replace('hexo-cli', 'my-app');
    assert.deepEqual(at(await depFindings(ID, { code: other, path: 'package.json', registry })), ['4:6', '5:6']);
  });

  it('Python: an optional backend tried by its name is chosen, not mistyped; a lazy one is shown at low confidence', async () => {
    const registry = registryWith({ 'pypi:reqeusts': { monthlyDownloads: undefined, versions: 1 } });
    const optional = 'try:\n    import reqeusts\nexcept ImportError:\n    reqeusts = None\n';
    assert.deepEqual(at(await depFindings(ID, { code: optional, path: 'a.py', registry })), []);
    const lazy = await depFindings(ID, { code: 'def fetch():\n    import reqeusts\n', path: 'a.py', registry });
    assert.deepEqual([at(lazy), lazy[0].confidence], [['2:12'], 'low']);
    assert.deepEqual(at(await depFindings(ID, { code: 'import reqeusts\n', path: 'a.py', registry })), ['1:8']);
  });

  it('a near miss whose history is wholly unknown (the offline snapshot knows only that it exists) is shown at low confidence', async () => {
    const registry = registryWith({ 'pypi:reqeusts': { monthlyDownloads: undefined, versions: undefined, created: undefined } }, 'snapshot');
    const f = await depFindings(ID, { code: 'import reqeusts\n', path: 'a.py', registry });
    assert.deepEqual([at(f), f[0].confidence], [['1:8'], 'low']);
    const known = registryWith({ 'pypi:reqeusts': { monthlyDownloads: undefined, versions: 1, created: undefined } }, 'snapshot');
    assert.equal((await depFindings(ID, { code: 'import reqeusts\n', path: 'a.py', registry: known }))[0].confidence, 'medium');
  });
});
