// nonexistent-package: imports, manifests and install commands naming packages the registry lacks.
import assert from 'node:assert/strict';
import { applyEdits, at, ruleTester } from '../harness';
import { at as positions, depFindings, registryWith } from './deps-harness';

const ID = 'nonexistent-package';
const PKG = '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.0.0"\n  }\n}\n';

describe(`${ID}: JS/TS imports`, () => {
  it('flags every import form of a missing package, at the package name', async () => {
    const code = [
      "import a from 'left-padd-zz';",
      "import type { B } from '@acme-zz/utils/sub';",
      "export * from 'ghost-pkg-zz';",
      "const c = require('ghost-req-zz');",
      "const d = await import('ghost-dyn-zz/fp');",
      "import e = require('ghost-eq-zz');",
    ].join('\n');
    const f = await depFindings(ID, { code, files: { 'package.json': PKG } });
    assert.deepEqual(positions(f), ['1:16', '2:25', '3:16', '4:20', '5:25', '6:21']);
    assert.ok(f.every((x) => x.severity === 'error'));
  });

  it('never looks up built-ins, relative paths, aliases, tsconfig paths or workspace packages', async () => {
    const registry = registryWith();
    const code = [
      "import fs from 'fs';", "import fsp from 'node:fs/promises';", "import t from 'node:test';", "import p from 'path/posix';",
      "import a from './a';", "import b from '../b';", "import c from '/abs/c';", "import d from '@/components/d';",
      "import e from '~/e';", "import f from '#internal/f';", "import g from '@app/feature';", "import h from 'utils/helpers';",
      "import i from '@acme/shared';", "import j from 'virtual:pwa';", "import k from '$lib/k';", "declare module 'ghost-typed' {}",
    ].join('\n');
    const files = {
      'package.json': '{ "name": "app", "workspaces": ["packages/*"] }',
      'packages/shared/package.json': '{ "name": "@acme/shared" }',
      'tsconfig.json': '{ // comments allowed\n "compilerOptions": { "baseUrl": "./src", "paths": { "@app/*": ["src/app/*"] } } }',
      'src/utils/helpers.ts': 'export {};',
    };
    const f = await depFindings(ID, { code, files, registry, path: 'src/index.ts' });
    assert.deepEqual(positions(f), []);
    assert.deepEqual(registry.lookups, []);
  });

  it('bare `test` is a package, `node:test` is a built-in', async () => {
    const registry = registryWith();
    await depFindings(ID, { code: "import a from 'node:test';\nimport b from 'test';\n", registry });
    assert.deepEqual(registry.lookups, ['npm:test']);
  });

  it('suggests and fixes a near miss of a popular name', async () => {
    const code = "import ax from 'axois';\n";
    const f = await depFindings(ID, { code });
    assert.deepEqual(positions(f), ['1:17']);
    assert.equal(applyEdits(code, f[0].fix!.edits), "import ax from 'axios';\n");
    // A guess at the intent: offered as a suggestion, never the preferred (auto-applicable) fix.
    assert.equal(f[0].fix!.title, 'Vouch: Replace with `axios`');
    assert.equal(f[0].fix!.suggestion, true);
  });

  it('says when the verdict comes from the offline snapshot', async () => {
    const f = await depFindings(ID, { code: "import a from 'ghost-zz';\n", registry: registryWith({}, 'snapshot') });
    assert.match(f[0].message, /offline snapshot/);
  });

  it('says nothing when the registry does not know (undefined answer)', async () => {
    const registry = { offline: true, popular: () => new Map<string, number>(), lookup: async () => undefined };
    assert.deepEqual(positions(await depFindings(ID, { code: "import a from 'ghost-zz';\n", registry })), []);
  });
});

describe(`${ID}: Python imports`, () => {
  it('flags a missing top-level package and maps import names to distributions', async () => {
    const registry = registryWith({ 'pypi:PyYAML': {}, 'pypi:scikit-learn': {}, 'pypi:google-cloud-storage': {} });
    const code = 'import os, sys\nimport yaml\nfrom sklearn.model_selection import train_test_split\nimport reqests_toolbelt_zz\nfrom . import sibling\nfrom .pkg import x\nimport mylocal\nfrom mypkg.sub import y\nimport google.cloud.storage\n';
    const files = { 'app/mylocal.py': '', 'src/mypkg/__init__.py': '', 'requirements.txt': 'PyYAML\nscikit-learn\n' };
    const f = await depFindings(ID, { code, path: 'app/main.py', files, registry });
    assert.deepEqual(positions(f), ['4:8']);
    assert.deepEqual(registry.lookups.sort(), ['pypi:PyYAML', 'pypi:django-reqests_toolbelt_zz', 'pypi:google-cloud-storage', 'pypi:py-reqests-toolbelt-zz', 'pypi:pyreqests-toolbelt-zz', 'pypi:python-reqests_toolbelt_zz', 'pypi:reqests_toolbelt_zz', 'pypi:reqests_toolbelt_zz-py3', 'pypi:reqests_toolbelt_zz-python', 'pypi:reqests_toolbelt_zz3', 'pypi:reqeststoolbeltzz', 'pypi:scikit-learn']);
  });

  it('never looks up stdlib modules (3.8–3.13), __future__ or relative imports', async () => {
    const registry = registryWith();
    const code = 'from __future__ import annotations\nimport asyncio, tomllib, zoneinfo, distutils.core, imp\nfrom collections.abc import Mapping\nfrom .x import y\n';
    await depFindings(ID, { code, path: 'a.py', registry });
    assert.deepEqual(registry.lookups, []);
  });
});

const MANIFEST = '{\n  "dependencies": {\n    "express": "^4.0.0",\n    "ghost-zz": "^1.0.0",\n    "@acme/x": "workspace:*",\n    "local": "file:../local",\n    "gh": "user/repo",\n    "alias": "npm:lodash@4"\n  },\n  "devDependencies": { "ghost-dev-zz": "1" }\n}\n';
const REQUIREMENTS = '# deps\n-r base.txt\n--index-url https://example.invalid/simple\n-e git+https://example.invalid/x.git#egg=x\nrequests[socks]>=2.0 ; python_version >= "3.8"\nghost-zz==1.0  # pinned\nhttps://example.invalid/pkg.whl\nname @ https://example.invalid/name.zip\n./local-dir\n';
const PYPROJECT = '[project]\nname = "app"\ndependencies = [\n  "requests>=2",  # ok\n  "ghost-a-zz[extra]>=1",\n]\n\n[project.optional-dependencies]\ndev = ["ghost-b-zz"]\n\n[tool.poetry.dependencies]\npython = "^3.11"\nghost-c-zz = "^1.0"\nlocalpkg = { path = "../localpkg" }\n';
const MARKDOWN = '# App\n\nInstall the npm install ghost-prose-zz package.\n\n```bash\nnpm install --save express ghost-md-zz@1.2.0\npip install -r requirements.txt ghost-py-zz==1.0\n```\n\nOr run `yarn add ghost-inline-zz`.\n';
const DOCKER = 'FROM python:3.12\nRUN pip install --no-cache-dir \\\n    requests \\\n    ghost-docker-zz\n';
const SHELL = '#!/bin/sh\nset -e\npython3 -m pip install -U pip ghost-sh-zz && npm i -g ghost-npm-zz\npoetry add "ghost-poetry-zz>=1"\nuv pip install ./local .\n';
const CI = 'jobs:\n  build:\n    steps:\n      - run: pnpm add ghost-ci-zz\n      - run: |\n          pip3 install ghost-ci2-zz\n';
const SCOPED = '{\n  "name": "@ghostscope-zz/express",\n  "devDependencies": {\n    "@ghostscope-zz/test-utils": "9.10.1",\n    "@other-zz/test-utils": "1.0.0"\n  }\n}\n';
// A help page that happens to be called requirements.txt (Mercurial's helptext/internals): prose, headings with
// RST underlines; and a real requirements file with one stray note line, still read.
const PROSE_REQS = 'Repositories contain a file (``.hg/requires``) containing a list of\nfeatures that are *required* for clients.\n\ndotencode\n=========\n\nThe *dotencode* repository layout should be used.\n';
const NOTE_REQS = 'requests>=2\nghost-zz==1.0\nsee the wiki for pins\nghost-two-zz\n';
const spans = (code: string, ...names: string[]) => names.map((n) => at(code, n));

ruleTester(ID, 'javascript', {
  services: () => ({ registry: registryWith() }),
  valid: [{ name: 'a prose document named requirements.txt', code: PROSE_REQS, path: 'mercurial/helptext/internals/requirements.txt' }],
  invalid: [
    { name: 'requirements.txt: a stray prose line is skipped, the file still read', code: NOTE_REQS, path: 'requirements.txt', errors: spans(NOTE_REQS, 'ghost-zz', 'ghost-two-zz') },
    { name: 'package.json: missing dependencies at their key; workspace:/file:/git/alias specs skipped', code: MANIFEST, path: 'package.json', errors: spans(MANIFEST, 'ghost-zz', 'ghost-dev-zz') },
    { name: 'requirements.txt: names with extras, versions and markers; flags, -r, -e and URLs skipped', code: REQUIREMENTS, path: 'requirements-dev.txt', errors: spans(REQUIREMENTS, 'ghost-zz') },
    { name: 'pyproject.toml: [project] dependencies, optional-dependencies and Poetry tables', code: PYPROJECT, path: 'pyproject.toml', errors: spans(PYPROJECT, 'ghost-a-zz', 'ghost-b-zz', 'ghost-c-zz') },
    { name: 'Markdown: fenced and inline code, not prose', code: MARKDOWN, path: 'README.md', errors: spans(MARKDOWN, 'ghost-md-zz', 'ghost-py-zz', 'ghost-inline-zz') },
    { name: 'Dockerfile RUN with line continuations', code: DOCKER, path: 'Dockerfile', errors: spans(DOCKER, 'ghost-docker-zz') },
    { name: 'shell script', code: SHELL, path: 'scripts/setup.sh', services: { registry: registryWith({ 'pypi:pip': {} }) }, errors: spans(SHELL, 'ghost-sh-zz', 'ghost-npm-zz', 'ghost-poetry-zz') },
    { name: 'CI YAML run steps', code: CI, path: '.github/workflows/ci.yml', errors: spans(CI, 'ghost-ci-zz', 'ghost-ci2-zz') },
    // a package of the manifest's own scope is most likely a private sibling of its monorepo: shown, low; another scope is not
    { name: 'package.json: own-scope sibling', code: SCOPED, path: 'package.json', errors: [{ ...at(SCOPED, '@ghostscope-zz/test-utils'), severity: 'info', confidence: 'low' }, { ...at(SCOPED, '@other-zz/test-utils'), severity: 'error', confidence: 'high' }] },
  ],
});
