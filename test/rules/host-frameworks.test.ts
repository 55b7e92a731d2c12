// The host model (rules/hosts/hosts.json): validates against its schema, and each host's own samples say which
// imports of a plugin's file the host supplies (or aliases) and which it does not. undeclared-dependency's tables
// (test/detectors/undeclared-dependency/host-model.test.ts) check what the rule makes of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { globMatch, HOSTS, hostsOf, inFolder, suppliedBy } from '../../server/src/detectors/deps/shared/host-model';
import { parseNpmManifest } from '../../server/src/detectors/deps/shared/manifest-npm';

const DIR = join(__dirname, '..', '..', 'rules', 'hosts');
const pack = JSON.parse(readFileSync(join(DIR, 'hosts.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(DIR, 'schema.json'), 'utf8')));

interface Sample { manifest: object; path: string; module: string }
/** Whether the model hands the sample's module to its file: supplied, or an alias of a host it is built on. */
function handed(s: Sample): boolean {
  const m = parseNpmManifest(JSON.stringify(s.manifest));
  assert.ok(m, s.path);
  const hosts = hostsOf(m);
  return suppliedBy(hosts, s.module, s.path) || hosts.some((h) => (h.aliases ?? []).some((a) => globMatch(a, s.module)));
}

describe('host-frameworks pack', () => {
  it('validates against rules/hosts/schema.json, with unique host ids', () => {
    assert.ok(validate(pack), JSON.stringify(validate.errors, null, 2));
    assert.equal(new Set(HOSTS.map((h) => h.id)).size, HOSTS.length);
  });
  for (const host of pack.hosts as { id: string; tests: { match: Sample[]; noMatch: Sample[] } }[]) {
    it(`${host.id}: its samples`, () => {
      for (const s of host.tests.match) assert.ok(handed(s), `match: ${s.module} in ${s.path}`);
      for (const s of host.tests.noMatch) assert.ok(!handed(s), `noMatch: ${s.module} in ${s.path}`);
    });
  }
  it('matches names by their literal pieces and folders by segments', () => {
    assert.ok(globMatch('@*/eslint-plugin', '@acme/eslint-plugin') && !globMatch('@*/eslint-plugin', 'eslint-plugin'));
    assert.ok(globMatch('*-webpack-plugin', 'copy-webpack-plugin') && !globMatch('*-webpack-plugin', 'webpack-plugin-x'));
    assert.ok(globMatch('nuxt-*', 'nuxt-icon') && !globMatch('nuxt-*', 'nuxt') && globMatch('*', 'anything'));
    assert.ok(inFolder('**/runtime', ['dist', 'runtime', 'server']) && inFolder('**/runtime', ['runtime']) && !inFolder('**/runtime', ['dist', 'server']));
    assert.ok(inFolder('*/admin', ['src', 'admin']) && !inFolder('*/admin', ['dist', 'api', 'admin']) && !inFolder('*/admin', ['admin']));
  });
});
