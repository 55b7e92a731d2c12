// Registry configuration read the way npm and pip read it, from temp folders and explicit env
// (never the machine's own configuration).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authHeaderFor, envReplace, loadNpmConfig, nerfDart, packumentUrl, registryFor } from '../../server/src/registry/npm-config';
import { pipIndex, pypiJsonUrl, resolvePipIndex } from '../../server/src/registry/pip-config';

describe('registry: npm configuration', () => {
  let tmp: string;
  let home: string;
  let repo: string;
  let pkg: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'vouch-npmrc-'));
    home = join(tmp, 'home');
    repo = join(tmp, 'repo');
    pkg = join(repo, 'packages', 'app');
    mkdirSync(home, { recursive: true });
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(home, '.npmrc'), 'registry=http://user.example.test/\n@corp:registry=http://user-corp.example.test/\n');
    writeFileSync(join(repo, '.npmrc'), '; repo-wide\nregistry = "http://repo.example.test/npm/"\n//repo.example.test/npm/:_authToken=${REPO_TOKEN}\n[section]\nregistry=http://ignored.example.test/\n');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('expands ${VAR} like npm: unset stays literal, ${VAR?} becomes empty, \\${VAR} is escaped', () => {
    const env = { A: 'x' };
    assert.equal(envReplace('${A}/${B}/${B?}/\\${A}', env), 'x/${B}//${A}');
  });

  it('layers user < project (nearest wins) < environment', () => {
    assert.equal(loadNpmConfig({ workspaceRoot: pkg, env: {}, homedir: home }).registry, 'http://repo.example.test/npm/');
    writeFileSync(join(pkg, '.npmrc'), 'registry=http://pkg.example.test\n');
    try {
      assert.equal(loadNpmConfig({ workspaceRoot: pkg, env: {}, homedir: home }).registry, 'http://pkg.example.test/');
    } finally {
      rmSync(join(pkg, '.npmrc'));
    }
    assert.equal(loadNpmConfig({ workspaceRoot: pkg, env: { npm_config_registry: 'http://env.example.test' }, homedir: home }).registry, 'http://env.example.test/');
    assert.equal(loadNpmConfig({ workspaceRoot: pkg, env: { NPM_CONFIG_REGISTRY: 'http://env2.example.test/' }, homedir: home }).registry, 'http://env2.example.test/');
    assert.equal(loadNpmConfig({ env: {}, homedir: home }).registry, 'http://user.example.test/');
  });

  it('reads the user config from npm_config_userconfig when set', () => {
    const alt = join(tmp, 'alt-npmrc');
    writeFileSync(alt, 'registry=http://alt.example.test/\n');
    assert.equal(loadNpmConfig({ env: { NPM_CONFIG_USERCONFIG: alt }, homedir: home }).registry, 'http://alt.example.test/');
  });

  it('routes scoped names to their scope registry; the Vouch setting overrides only the default', () => {
    const config = loadNpmConfig({ workspaceRoot: pkg, env: {}, homedir: home });
    assert.equal(registryFor(config, '@corp/tool'), 'http://user-corp.example.test/');
    assert.equal(registryFor(config, '@corp/tool', 'http://setting.example.test'), 'http://user-corp.example.test/');
    assert.equal(registryFor(config, 'left-pad', 'http://setting.example.test'), 'http://setting.example.test/');
    assert.equal(registryFor(config, '@other/x'), 'http://repo.example.test/npm/');
  });

  it('has no registry when nothing is configured, unless npm\'s own default is supplied', () => {
    const empty = loadNpmConfig({ env: {}, homedir: join(tmp, 'nobody') });
    assert.equal(registryFor(empty, 'left-pad'), undefined);
    assert.equal(registryFor(empty, 'left-pad', '', 'http://npm-default.example.test'), 'http://npm-default.example.test/');
  });

  it("takes only registry locations from the repository's .npmrc: no auth, no ${VAR} expansion (issue 7)", () => {
    writeFileSync(join(pkg, '.npmrc'), '@leak:registry=http://${REPO_TOKEN}.example.test/\n//pkg.example.test/:_password=${REPO_TOKEN}\n//pkg.example.test/:username=u\n');
    try {
      const config = loadNpmConfig({ workspaceRoot: pkg, env: { REPO_TOKEN: 's3cret' }, homedir: home });
      assert.equal(config.registry, 'http://repo.example.test/npm/', 'locations still count');
      assert.equal(authHeaderFor(config, 'http://repo.example.test/npm/left-pad'), undefined);
      assert.equal(authHeaderFor(config, 'http://pkg.example.test/left-pad'), undefined);
      assert.equal(registryFor(config, '@leak/x'), 'http://repo.example.test/npm/', 'a location with ${VAR} is ignored');
      assert.ok(![...config.values.values()].some((v) => v.includes('s3cret')), 'nothing expanded');
      assert.deepEqual(config.untrusted, [join(repo, '.npmrc'), join(pkg, '.npmrc')]);
    } finally {
      rmSync(join(pkg, '.npmrc'));
    }
    // The user's own .npmrc and the environment still carry auth, ${VAR} expanded.
    const userHome = join(tmp, 'home-auth');
    mkdirSync(userHome, { recursive: true });
    writeFileSync(join(userHome, '.npmrc'), '//repo.example.test/npm/:_authToken=${USER_TOKEN}\n');
    const user = loadNpmConfig({ workspaceRoot: pkg, env: { USER_TOKEN: 'mine', 'npm_config_//env.example.test/:_authToken': 'env-token' }, homedir: userHome });
    assert.equal(authHeaderFor(user, 'http://repo.example.test/npm/left-pad'), 'Bearer mine');
    assert.equal(authHeaderFor(user, 'http://env.example.test/left-pad'), 'Bearer env-token');
  });

  it('escapes scoped names and sends a token only under its own host and path (project files trusted)', () => {
    const config = loadNpmConfig({ workspaceRoot: pkg, env: { REPO_TOKEN: 's3cret' }, homedir: home, trustProjectFiles: true });
    assert.equal(packumentUrl('http://repo.example.test/npm/', '@corp/tool'), 'http://repo.example.test/npm/@corp%2Ftool');
    assert.equal(nerfDart('http://repo.example.test/npm/left-pad'), '//repo.example.test/npm/');
    assert.equal(authHeaderFor(config, 'http://repo.example.test/npm/left-pad'), 'Bearer s3cret');
    assert.equal(authHeaderFor(config, 'http://user.example.test/left-pad'), undefined);
    assert.equal(authHeaderFor(config, 'http://repo.example.test/other/left-pad'), undefined);
    assert.equal(authHeaderFor(config, 'http://repo.example.test.evil.test/npm/left-pad'), undefined);
  });
});

describe('registry: pip configuration', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'vouch-pipconf-'));
    mkdirSync(join(tmp, '.config', 'pip'), { recursive: true });
    writeFileSync(join(tmp, '.config', 'pip', 'pip.conf'), '[global]\nindex-url = http://user.example.test/simple\nextra-index-url =\n    http://extra.example.test/simple\n');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('derives the JSON API base from an index URL and moves credentials to a header', () => {
    const idx = pipIndex('https://u:p%40ss@mirror.example.test/api/pypi/remote/simple/', 'test');
    assert.equal(idx?.jsonBase, 'https://mirror.example.test/api/pypi/remote/');
    assert.equal(idx?.authorization, `Basic ${Buffer.from('u:p@ss').toString('base64')}`);
    assert.equal(pypiJsonUrl(idx!, 'pyyaml'), 'https://mirror.example.test/api/pypi/remote/pypi/pyyaml/json');
    assert.equal(pipIndex('http://devpi.example.test/root/pypi/+simple/', 't')?.jsonBase, 'http://devpi.example.test/root/pypi/');
    assert.equal(pipIndex('http://plain.example.test', 't')?.jsonBase, 'http://plain.example.test/');
    assert.equal(pipIndex('file:///srv/wheels', 't'), undefined);
  });

  it('layers files < PIP_CONFIG_FILE < PIP_INDEX_URL < the Vouch setting; [install] beats [global]', () => {
    const ctx = { env: {}, homedir: tmp, systemFiles: [] as string[], platform: 'linux' as const };
    assert.equal(resolvePipIndex(ctx)?.jsonBase, 'http://user.example.test/');
    const file = join(tmp, 'custom.conf');
    writeFileSync(file, '[global]\nindex-url = http://g.example.test/simple\n[install]\nindex_url = http://i.example.test/simple\n');
    assert.equal(resolvePipIndex({ ...ctx, env: { PIP_CONFIG_FILE: file } })?.jsonBase, 'http://i.example.test/');
    assert.equal(resolvePipIndex({ ...ctx, env: { PIP_CONFIG_FILE: file, PIP_INDEX_URL: 'http://env.example.test/simple' } })?.jsonBase, 'http://env.example.test/');
    assert.equal(resolvePipIndex({ ...ctx, env: { PIP_INDEX_URL: 'http://env.example.test/simple' } }, 'http://setting.example.test/simple')?.jsonBase, 'http://setting.example.test/');
    assert.equal(resolvePipIndex({ ...ctx, homedir: join(tmp, 'nobody') }), undefined);
  });
});
