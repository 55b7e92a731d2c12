// suspicious-package: near misses of popular names, brand-new packages, one-off packages.
import assert from 'node:assert/strict';
import { applyEdits } from '../harness';
import type { Ecosystem } from '../../../server/src/core/services';
import { at, depFindings, fakeRegistry, POPULAR, registryWith } from '../nonexistent-package/deps-harness';

const ID = 'suspicious-package';
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

describe(`${ID}`, () => {
  it('flags an existing near miss of a popular npm name once, on its manifest entry when it is declared', async () => {
    const registry = registryWith({ 'npm:expresss': { monthlyDownloads: 40, versions: 2, created: daysAgo(400) } });
    const manifest = '{ "dependencies": { "expresss": "^1.0.0" } }';
    const code = "import express from 'expresss';\n";
    // Declared: the import sites say nothing (dozens of files would repeat it), the manifest entry does.
    assert.deepEqual(at(await depFindings(ID, { code, files: { 'package.json': manifest }, registry })), []);
    const m = await depFindings(ID, { code: manifest, path: 'package.json', registry });
    assert.deepEqual(at(m), ['1:22']);
    assert.equal(applyEdits(manifest, m[0].fix!.edits), '{ "dependencies": { "express": "^1.0.0" } }');
  });

  it('undeclared: one finding on the first import of the file, renamed here and in package.json', async () => {
    const registry = registryWith({ 'npm:expresss': { monthlyDownloads: 40, versions: 2, created: daysAgo(400) } });
    const code = "import express from 'expresss';\nconst e2 = require('expresss');\nexport * from 'expresss';\n";
    const f = await depFindings(ID, { code, files: { 'package.json': '{ "dependencies": {} }' }, registry });
    assert.deepEqual(at(f), ['1:22']);
    assert.equal(applyEdits("import express from 'expresss';\n", f[0].fix!.edits.slice(0, 1)), "import express from 'express';\n");
  });

  it('a Python import whose popular neighbour is its own distribution (`pyodide` → pyodide-py) is no near miss', async () => {
    const registry = registryWith({ 'pypi:pyodide': { versions: 1 } });
    registry.popular = () => new Map([['pyodide-py', 1e6], ['requests', 1e6]]);
    assert.deepEqual(at(await depFindings(ID, { code: 'import pyodide\n', path: 'app.py', registry })), []);
  });

  it('a known import name (in the import-name map) is nobody\'s near miss (`lazr` beside `lazy`)', async () => {
    const registry = registryWith({ 'pypi:lazr': { versions: 1 } });
    registry.popular = () => new Map([['lazy', 1e6]]);
    assert.deepEqual(at(await depFindings(ID, { code: 'from lazr.uri import URI\n', path: 'app.py', registry })), []);
  });

  it('never calls a long-established package (two years, many releases) a near miss', async () => {
    const registry = registryWith({ 'npm:expresss': { monthlyDownloads: 40, versions: 25, created: daysAgo(3000) }, 'pypi:reqeusts': { versions: 12, created: daysAgo(800) } });
    assert.deepEqual(at(await depFindings(ID, { code: "import e from 'expresss';\n", registry })), []);
    assert.deepEqual(at(await depFindings(ID, { code: 'import reqeusts\n', path: 'app.py', registry })), []);
  });

  it('an npm package with many releases and no creation time (npm sends one only for packages changed lately) is established', async () => {
    const registry = registryWith({ 'npm:expresss': { monthlyDownloads: 40, versions: 26, created: undefined }, 'npm:expressjs-zz': {} });
    assert.deepEqual(at(await depFindings(ID, { code: "import e from 'expresss';\n", registry })), []);
    // a recent creation time still counts, whatever the releases
    const fresh = registryWith({ 'npm:expresss': { monthlyDownloads: 40, versions: 26, created: daysAgo(40) } });
    assert.deepEqual(at(await depFindings(ID, { code: "import e from 'expresss';\n", registry: fresh })), ['1:16']);
  });

  it('a package in the scope named like the popular package\'s prefix is its scoped twin, no typo (`@fastify/x` beside `fastify-x`)', async () => {
    const popular = { ...POPULAR, npm: { ...POPULAR.npm, 'fastify-type-provider-zod': 1e6 } };
    const known = { 'npm:@fastify/type-provider-zod': { versions: 3, monthlyDownloads: 40, created: daysAgo(100) }, 'npm:fastify-type-provider-zod': {}, 'npm:fastlfy-type-provider-zod': { versions: 3, monthlyDownloads: 40, created: daysAgo(100) } };
    const registry = fakeRegistry(known, popular);
    assert.deepEqual(at(await depFindings(ID, { code: "import z from '@fastify/type-provider-zod';\n", registry })), []);
    assert.deepEqual(at(await depFindings(ID, { code: "import z from 'fastlfy-type-provider-zod';\n", registry })), ['1:16']);
  });

  it('catches separator and suffix confusion (`lodash.js`, `python3-dateutil`)', async () => {
    const registry = registryWith({ 'npm:lodash.js': { monthlyDownloads: 5, versions: 1 }, 'pypi:python3-dateutil': { monthlyDownloads: undefined, versions: 3, created: daysAgo(200) } });
    assert.deepEqual(at(await depFindings(ID, { code: "const _ = require('lodash.js');\n", path: 'src/a.js', registry })), ['1:20']);
    const f = await depFindings(ID, { code: 'python3-dateutil==2.8\n', path: 'requirements.txt', registry });
    assert.deepEqual(at(f), ['1:1']);
    assert.equal(applyEdits('python3-dateutil==2.8\n', f[0].fix!.edits), 'python-dateutil==2.8\n');
  });

  it('fixes a Python import typo with the right import name', async () => {
    const registry = registryWith({ 'pypi:reqeusts': { monthlyDownloads: undefined, versions: 1 } });
    const code = 'import reqeusts\n';
    const f = await depFindings(ID, { code, path: 'app.py', registry });
    assert.deepEqual(at(f), ['1:8']);
    assert.equal(applyEdits(code, f[0].fix!.edits), 'import requests\n');
  });

  it('never calls popular-to-popular neighbours typosquats (react-dom, preact, debug)', async () => {
    const code = "import a from 'react-dom';\nimport b from 'preact';\nimport c from 'react';\nimport d from 'debug';\n";
    assert.deepEqual(at(await depFindings(ID, { code })), []);
  });

  it('flags a package first published within vouch.dependencies.newPackageDays, and honours the setting', async () => {
    const registry = registryWith({ 'npm:fresh-helper-zz': { created: daysAgo(3) } });
    const code = "import h from 'fresh-helper-zz';\n";
    assert.deepEqual(at(await depFindings(ID, { code, registry })), ['1:16']);
    assert.deepEqual(at(await depFindings(ID, { code, registry, services: { dependencies: { newPackageDays: 2 } } })), []);
  });

  it('flags one-off packages with few downloads, not established ones', async () => {
    const registry = registryWith({ 'npm:one-off-zz': { versions: 1, monthlyDownloads: 12 }, 'npm:small-but-used': { versions: 2, monthlyDownloads: 90_000 } });
    const code = "import a from 'one-off-zz';\nimport b from 'small-but-used';\n";
    const f = await depFindings(ID, { code, registry });
    assert.deepEqual(at(f), ['1:16']);
    assert.equal(f[0].confidence, 'low');
  });

  it('does not call a package with few versions and unknown downloads little used: outside the popular snapshot is no count', async () => {
    const registry = registryWith({ 'npm:connect-ensure-login': { versions: 2, monthlyDownloads: undefined }, 'pypi:flufl.lock': { versions: 2, monthlyDownloads: undefined } });
    assert.deepEqual(at(await depFindings(ID, { code: "import e from 'connect-ensure-login';\n", registry })), []);
    assert.deepEqual(at(await depFindings(ID, { code: 'from flufl.lock import Lock\n', path: 'app.py', files: { 'requirements.txt': 'flufl.lock\n' }, registry })), []);
  });

  it('declared and installed packages are trusted without a look-up', async () => {
    const registry = registryWith();
    const files = { 'package.json': '{ "dependencies": { "expresss": "1.0.0" } }', 'node_modules/expresss/package.json': '{ "version": "1.0.0" }' };
    assert.deepEqual(at(await depFindings(ID, { code: "import e from 'expresss';\n", files, registry })), []);
    assert.deepEqual(registry.lookups, []);
  });

  describe('owners: a near miss published by the popular package\'s owners is theirs (issue 10)', () => {
    /** The fake registry with owner lists (`eco:name` → owners, or an Error to throw); records the questions. */
    function withOwners(owners: Record<string, readonly string[] | Error | undefined>, offline = false) {
      const registry = registryWith({
        'npm:expresss': { monthlyDownloads: 40, versions: 2, created: daysAgo(20) },
        'npm:fresh-helper-zz': { created: daysAgo(3) },
        'pypi:reqeusts': { monthlyDownloads: undefined, versions: 1 },
      });
      const asked: string[] = [];
      return Object.assign(registry, {
        offline,
        async owners(eco: Ecosystem, name: string) {
          asked.push(`${eco}:${name}`);
          const o = owners[`${eco}:${name}`];
          if (o instanceof Error) throw o;
          return o;
        },
        asked,
      });
    }
    const code = "import e from 'expresss';\n";

    it('no finding when the near miss shares an owner with its popular neighbour, by name or by e-mail', async () => {
      const byName = withOwners({ 'npm:expresss': ['wes', 'wes@example.test'], 'npm:express': ['doug', 'wes'] });
      assert.deepEqual(at(await depFindings(ID, { code, registry: byName })), []);
      assert.deepEqual(byName.asked.sort(), ['npm:express', 'npm:expresss']);
      const byEmail = withOwners({ 'npm:expresss': ['someone', 'ops@example.test'], 'npm:express': ['doug', 'ops@example.test'] });
      assert.deepEqual(at(await depFindings(ID, { code, registry: byEmail })), []);
    });

    it('still reported with other owners, unknown owners, an empty list, or a failing owner look-up', async () => {
      for (const owners of [
        { 'npm:expresss': ['squatter'], 'npm:express': ['doug', 'wes'] },
        { 'npm:expresss': undefined, 'npm:express': ['doug'] },
        { 'npm:expresss': ['doug'], 'npm:express': undefined },
        { 'npm:expresss': [], 'npm:express': [] },
        { 'npm:expresss': ['doug'], 'npm:express': new Error('HTTP 500') },
      ]) {
        assert.deepEqual(at(await depFindings(ID, { code, registry: withOwners(owners) })), ['1:16'], JSON.stringify(owners));
      }
    });

    it('asks nothing while the registry is offline, and reports as before', async () => {
      const registry = withOwners({ 'npm:expresss': ['wes'], 'npm:express': ['wes'] }, true);
      assert.deepEqual(at(await depFindings(ID, { code, registry })), ['1:16']);
      assert.deepEqual(registry.asked, []);
    });

    it('asks only about near misses that would be reported (not new packages, not fine ones)', async () => {
      const registry = withOwners({ 'npm:fresh-helper-zz': ['wes'] });
      const f = await depFindings(ID, { code: "import h from 'fresh-helper-zz';\nimport r from 'react';\n", registry });
      assert.deepEqual(at(f), ['1:16']);
      assert.deepEqual(registry.asked, []);
    });

    it('PyPI: a shared `ownership` entry (user or organization) clears the near miss too', async () => {
      const py = { code: 'import reqeusts\n', path: 'app.py' };
      const same = withOwners({ 'pypi:reqeusts': ['org:psf'], 'pypi:requests': ['nateprewitt', 'org:psf'] });
      assert.deepEqual(at(await depFindings(ID, { ...py, registry: same })), []);
      const other = withOwners({ 'pypi:reqeusts': ['someone-else'], 'pypi:requests': ['nateprewitt', 'org:psf'] });
      assert.deepEqual(at(await depFindings(ID, { ...py, registry: other })), ['1:8']);
    });
  });
});
