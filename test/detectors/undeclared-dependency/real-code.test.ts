// undeclared-dependency on real code: files a generator copies into the project it creates, setup.py
// scripts (their imports build the project) and subpackage build scripts are not judged against the
// wrong manifest; a template with its own manifest and a project's modules still are.
import assert from 'node:assert/strict';
import { at, depFindings, registryWith } from '../nonexistent-package/deps-harness';
import { inCopiedFolder } from '../../../server/src/detectors/deps/shared/generator-dirs';
import { MemoryProject } from '../../../server/src/project/memory-project';
import { ProjectIndex } from '../../../server/src/project/workspace-index';

const ID = 'undeclared-dependency';
const GENERATOR = '{ "name": "express-generator", "dependencies": { "ejs": "^3.0.0" } }';

describe(`${ID}: templates and build scripts`, () => {
  it('a template folder the generator\'s manifest does not describe belongs to the generated project', async () => {
    const code = "var express = require('express');\n";
    for (const path of ['templates/js/routes/index.js', 'lib/skeleton/app.js', 'generators/app/_templates/server.js', '{{cookiecutter.slug}}/app.js']) {
      assert.deepEqual(at(await depFindings(ID, { code, path, files: { 'package.json': GENERATOR } })), [], path);
    }
    // the generator's own code is judged by its manifest
    assert.deepEqual(at(await depFindings(ID, { code, path: 'bin/express-cli.js', files: { 'package.json': GENERATOR } })), ['1:24']);
  });

  it('an Angular-devkit schematic\'s templates (a files/ folder beside schema.json, placeholder names) belong to the generated project', async () => {
    // held-out sample: @nestjs/schematics' lib/gateway/files/ts/__name__.gateway.__specFileSuffix__.ts and lib/client-app/angular/files/
    const files = { 'package.json': '{ "name": "@nestjs/schematics", "dependencies": { "@angular-devkit/schematics": "^19.0.0" } }', 'lib/client-app/angular/schema.json': '{}' };
    const code = "import { Test } from '@nestjs/testing';\n";
    const registry = registryWith({ 'npm:@nestjs/testing': {} });
    for (const path of ['lib/gateway/files/ts/__name__.gateway.__specFileSuffix__.ts', 'lib/resource/files/ts/dto/update-__name@singular__.input.ts', 'lib/client-app/angular/files/loaders/fastify.loader.ts']) {
      assert.deepEqual(at(await depFindings(ID, { code, path, files, registry })), [], path);
    }
    // the schematic's factory, a files/ folder of no schematic, and whole-name folders (__tests__) are the package's own code
    for (const path of ['lib/client-app/angular/angular.factory.ts', 'lib/server/files/loader.ts', 'lib/__tests__/factory.spec.ts', 'lib/__mocks__/fs.ts']) {
      assert.deepEqual(at(await depFindings(ID, { code, path, files, registry })), ['1:23'], path);
    }
  });

  it('a folder a schematic\'s factory hands to url() holds its templates; a folder it does not name is its code', async () => {
    // fresh sample: @nestjs/schematics' lib/sub-app/workspace/js/index.js requires @babel/register; sub-app.factory.js applies
    // `url(join('./workspace', options.language))`
    const factory = "const { url, apply } = require('@angular-devkit/schematics');\nfunction tpl(o) { return apply(url(join('./workspace', o.language)), []); }\nconst helpers = require('./helpers');\n";
    const files = { 'package.json': '{ "name": "@nestjs/schematics", "dependencies": {} }', 'lib/sub-app/schema.json': '{}', 'lib/sub-app/sub-app.factory.js': factory };
    const code = "require('@babel/register');\n";
    const registry = registryWith({ 'npm:@babel/register': {} });
    assert.deepEqual(at(await depFindings(ID, { code, path: 'lib/sub-app/workspace/js/index.js', files, registry })), []);
    for (const path of ['lib/sub-app/helpers/babel.js', 'lib/other/workspace/js/index.js']) {
      assert.deepEqual(at(await depFindings(ID, { code, path, files: { ...files, 'lib/other/schema.json': '{}' }, registry })), ['1:10'], path);
    }
  });

  it('a folder the generator\'s command copies into the project it creates belongs to that project', async () => {
    // held-out sample: typescript-express-starter's bin/config.js names `path.join(__dirname, '../devtools')`;
    // create-new-app's main.js copies `dir('./files/server.js')`
    const starter = {
      'package.json': '{ "name": "typescript-express-starter", "bin": { "typescript-express-starter": "bin/starter.js" }, "dependencies": { "execa": "^9.0.0" } }',
      'bin/starter.js': "import { CONFIG } from './config.js';\nimport { run } from '../lib/run.js';\n",
      'bin/config.js': "export const CONFIG = { devtools: path.join(__dirname, '../devtools'), lib: path.join(__dirname, '../lib/assets') };\n",
      'lib/run.js': '',
    };
    const code = "import express from 'express';\n";
    assert.deepEqual(at(await depFindings(ID, { code, path: 'devtools/test/jest/users.e2e.spec.ts', files: starter })), []);
    const cna = { 'package.json': '{ "name": "create-new-app", "bin": { "cna": "main.js" } }', 'main.js': "fs.copySync(dir('./files/sandbox'), appDir)\n" };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'files/server.js', files: cna })), []);
    // the command's own code, a folder it imports from (even one it also reads assets from), and any folder of a
    // package with no command are judged by the manifest
    for (const path of ['bin/starter.js', 'lib/run.js']) {
      assert.deepEqual(at(await depFindings(ID, { code, path, files: { ...starter, [path]: code } })), ['1:22'], path);
    }
    const noBin = { ...starter, 'package.json': '{ "name": "typescript-express-starter", "dependencies": {} }' };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'devtools/test/jest/users.e2e.spec.ts', files: noBin })), ['1:22']);
  });

  it('a generator\'s command edited in a long-lived project is read again', () => {
    const manifest = '{ "name": "create-x", "bin": { "create-x": "bin/cli.js" } }';
    const project = new MemoryProject({ 'package.json': manifest, 'bin/cli.js': "copy(path.join(__dirname, '../files'))\n", 'files/app.js': '' });
    assert.equal(inCopiedFolder(project, 'package.json', manifest, 'files/app.js'), true);
    project.set('bin/cli.js', "import { main } from '../files/app.js';\n");
    assert.equal(inCopiedFolder(project, 'package.json', manifest, 'files/app.js'), false);
  });

  it('a template with its own manifest is judged by it', async () => {
    const files = { 'package.json': GENERATOR, 'templates/sample/package.json': '{ "name": "sample", "dependencies": {} }' };
    assert.deepEqual(at(await depFindings(ID, { code: "const io = require('express');\n", path: 'templates/sample/index.js', files })), ['1:21']);
    // …and so is one under a nameless workspace root (create-redwood-app's templates/js/package.json)
    // …and so is one whose name merely has words in it (`project-name-utils`, `my_app`)
    for (const name of ['project-name-utils', 'my_app']) {
      const own = { 'package.json': GENERATOR, 'templates/sample/package.json': `{ "name": "${name}", "dependencies": {} }` };
      assert.deepEqual(at(await depFindings(ID, { code: "const io = require('express');\n", path: 'templates/sample/index.js', files: own })), ['1:21'], name);
    }
    const ws = { 'package.json': GENERATOR, 'templates/js/package.json': '{ "private": true, "workspaces": ["api"], "devDependencies": {} }' };
    assert.deepEqual(at(await depFindings(ID, { code: "const io = require('express');\n", path: 'templates/js/scripts/seed.js', files: ws })), ['1:21']);
  });

  it('a template manifest the generator completes (template syntax, or nameless and merged) does not list the project\'s dependencies', async () => {
    // held-out sample: generator-express' app/templates/basic-shared/package.json, create-strapi-app's templates/example/package.json
    const code = "const strapi = require('@strapi/strapi');\n";
    const registry = registryWith({ 'npm:@strapi/strapi': {} });
    const manifests = {
      'app/templates/basic-shared/package.json': '{\n  "name": "<%= slugify(appname) %>",\n  "dependencies": {\n    "express": "^4.13.3"<% if (options.swig) { %>,\n    "swig": "^1.4.2"<% } %>\n  }\n}',
      'lib/templates/package.json': '{ "name": "__pkgName__", "dependencies": {} }',
      'templates/example/package.json': '{ "scripts": { "develop": "strapi develop" }, "dependencies": { "fs-extra": "^10.0.0" } }',
      // fresh sample: node-backend-starter-kit's templates/prisma-pg/package.json, named for the placeholder its CLI replaces
      'templates/prisma-pg/package.json': '{ "name": "project-name-placeholder", "type": "module", "dependencies": {}, "devDependencies": {} }',
      'templates/api/package.json': '{ "name": "PROJECT_NAME", "dependencies": {} }',
    };
    for (const [manifest, text] of Object.entries(manifests)) {
      const path = manifest.replace('package.json', 'src/app.js');
      assert.deepEqual(at(await depFindings(ID, { code, path, registry, files: { 'package.json': GENERATOR, [manifest]: text } })), [], path);
    }
  });

  it('a template manifest with no dependency section at all is merged at creation (create-qwik starters, egg tegg modules)', async () => {
    // fresh sample: create-qwik's starters/apps/empty/package.json (`__qwik__` metadata, merged with starters/apps/base),
    // egg-boilerplate-ts' boilerplate/app/module/bar/package.json (`eggModule`, the project's `_package.json` declares tegg)
    const code = "import { component$ } from '@builder.io/qwik';\n";
    const registry = registryWith({ 'npm:@builder.io/qwik': {} });
    const gen = '{ "name": "create-qwik", "dependencies": {} }';
    const manifests = {
      'starters/apps/empty/package.json': '{ "name": "qwik-empty-starter", "type": "module", "__qwik__": { "priority": 1 } }',
      'boilerplate/app/module/bar/package.json': '{ "name": "bar", "eggModule": { "name": "bar" } }',
    };
    for (const [manifest, text] of Object.entries(manifests)) {
      const path = manifest.replace('package.json', 'src/index.tsx');
      assert.deepEqual(at(await depFindings(ID, { code, path, registry, files: { 'package.json': gen, [manifest]: text } })), [], path);
    }
    // one with a dependency section, even empty, is the template's own list; outside a template folder a bare one still is
    const own = { 'package.json': gen, 'starters/apps/empty/package.json': '{ "name": "qwik-empty-starter", "dependencies": {} }' };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'starters/apps/empty/src/index.tsx', registry, files: own })), ['1:29']);
    const bare = { 'package.json': gen, 'packages/ui/package.json': '{ "name": "ui", "type": "module" }' };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'packages/ui/src/index.tsx', registry, files: bare })), ['1:29']);
  });

  it('a Deno import map (deno.json `imports`) declares what the project imports', async () => {
    // fresh sample: create-vite-extra's template-deno-lit-ts/deno.json maps `"lit": "npm:lit@^3.2.1"`
    const registry = registryWith({ 'npm:lit': {}, 'npm:vue': {} });
    const files = { 'package.json': '{ "name": "create-vite-extra", "dependencies": {} }', 'deno-lit/deno.json': '{ "imports": { "lit": "npm:lit@^3.2.1", "@std/path/": "jsr:@std/path@^1/", "vue": "./vendor/vue.js" } }' };
    // an npm: entry maps its subpaths too (template-deno-solid-ts' `solid-js/web`); a file entry maps only its key
    const code = "import { LitElement } from 'lit';\nimport { html } from 'lit/static-html.js';\nimport { join } from '@std/path/posix';\nimport { ref } from 'vue/dist/vue.esm.js';\n";
    assert.deepEqual(at(await depFindings(ID, { code, path: 'deno-lit/src/my-element.ts', registry, files })), ['4:22']);
  });

  it('an examples folder the library\'s manifest does not describe imports what its reader installs: low confidence', async () => {
    // express-oauth-server ships examples/mongodb/model.js requiring mongoose; its Readme says to install it
    const files = { 'package.json': '{ "name": "express-oauth-server", "dependencies": { "express": "^4.0.0" } }' };
    const code = "var mongoose = require('mongoose');\n";
    const registry = registryWith({ 'npm:mongoose': {} });
    for (const path of ['examples/mongodb/model.js', 'example/index.js', 'demo/app.js', 'docs/samples/server.js']) {
      const f = await depFindings(ID, { code, path, files, registry });
      assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:25', 'low']], path);
    }
    // so is an example program beside the manifest itself (held-out sample: an XMPP client's example.js importing its debug helper)
    for (const path of ['example.js', 'examples.mjs', 'demo.js']) {
      const f = await depFindings(ID, { code, path, files, registry });
      assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:25', 'low']], path);
    }
    // the library's own code is judged by its manifest at full confidence, a file named example.js in its sources too
    for (const path of ['lib/model.js', 'src/example.js', 'examples-runner.js']) {
      const lib = await depFindings(ID, { code, path, files, registry });
      assert.deepEqual(lib.map((x) => [at([x])[0], x.confidence]), [['1:25', 'high']], path);
    }
    // an example with its own manifest is judged by it
    const own = { ...files, 'examples/mongodb/package.json': '{ "name": "mongodb-example", "dependencies": {} }' };
    const o = await depFindings(ID, { code, path: 'examples/mongodb/model.js', files: own, registry });
    assert.deepEqual(o.map((x) => [at([x])[0], x.confidence]), [['1:25', 'high']]);
  });

  it('a file named as an example or demo (`docs/demo-rules.js`, `bot_example.py`) imports what its reader installs: low confidence', async () => {
    // reconstruction of a chat-bot framework's docs/demo-*.js: a web server the reader runs beside the bot
    const files = { 'package.json': '{ "name": "chat-bot-kit", "dependencies": { "ws": "^8.0.0" } }' };
    const code = "const app = require('express')();\napp.listen(8080);\n";
    const registry = registryWith({ 'npm:express': {} });
    for (const path of ['docs/demo-membership-rules.js', 'examples-bot.js', 'scripts/echo_demo.ts', 'example_webhook.mjs']) {
      const f = await depFindings(ID, { code, path, files, registry });
      assert.deepEqual(f.map((x) => [at([x])[0], x.confidence, x.ruleId]), [['1:22', 'low', ID]], path);
    }
    // a name that only contains the word (or is it alone) is the package's own module, at full confidence
    for (const path of ['lib/demo.js', 'lib/democracy-vote.js', 'src/exampleRenderer.js', 'docs/server.js']) {
      const f = await depFindings(ID, { code, path, files, registry });
      assert.deepEqual(f.map((x) => [at([x])[0], x.confidence, x.ruleId]), [['1:22', 'high', ID]], path);
    }
  });

  it('Python: setup.py\'s own imports build the project, and a setup.py inside a package declares nothing', async () => {
    const registry = registryWith({ 'pypi:Cython': {}, 'pypi:pytest': {}, 'pypi:httpx': {} });
    const files = { 'setup.py': 'from setuptools import setup\nsetup(name="app", install_requires=["requests"])\n', 'app/__init__.py': '', 'app/core/__init__.py': '', 'app/core/setup.py': 'def configuration(): pass\n' };
    assert.deepEqual(at(await depFindings(ID, { code: 'from setuptools import setup\nfrom Cython.Build import cythonize\n', path: 'setup.py', files, registry })), []);
    // app/core/setup.py is no manifest: the project's setup.py declares requests, not httpx
    const code = 'import requests\nimport httpx\n';
    const f = await depFindings(ID, { code, path: 'app/core/client.py', files, registry });
    assert.deepEqual(at(f), ['2:8']);
    assert.match(f[0].message, /declared in setup\.py/);
  });

  it('Python: type-checking imports, the test runner in tests and lazy integrations are not the program\'s dependencies', async () => {
    const registry = registryWith({ 'pypi:openai': {}, 'pypi:pytest': {}, 'pypi:pymilvus': {}, 'pypi:httpx': {} });
    const files = { 'requirements.txt': 'requests\n' };
    const typing = 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import openai\n    from _typeshed.wsgi import StartResponse\nelse:\n    import httpx\n';
    assert.deepEqual(at(await depFindings(ID, { code: typing, path: 'app/agent.py', files, registry })), ['6:12']);
    for (const path of ['tests/test_app.py', 'app/testing/fixtures.py', 'conftest.py']) {
      assert.deepEqual(at(await depFindings(ID, { code: 'import pytest\n', path, files, registry })), [], path);
    }
    assert.deepEqual(at(await depFindings(ID, { code: 'import pytest\n', path: 'app/runner.py', files, registry })), ['1:8']);
    const lazy = await depFindings(ID, { code: 'def index(self):\n    from pymilvus import Collection\n', path: 'app/store.py', files, registry });
    assert.deepEqual([at(lazy), lazy[0].confidence], [['2:10'], 'low']);
  });

  it('modules the bundler supplies (browserify-shim globals, the browser field) are not dependencies to declare', async () => {
    const manifest = '{ "name": "keystone", "dependencies": {}, "browserify-shim": { "jquery": "global:$", "codemirror": "global:CodeMirror" }, "browser": { "fs": false, "./lib/node.js": "./lib/browser.js" } }';
    const files = { 'package.json': manifest, 'node_modules/lodash/package.json': '{"version":"4.17.21"}' };
    const code = "var $ = require('jquery');\nvar CodeMirror = require('codemirror');\nvar _ = require('lodash');\n";
    // lodash is installed only indirectly: still undeclared
    const registry = registryWith({ 'npm:jquery': {}, 'npm:codemirror': {}, 'npm:lodash': {} });
    assert.deepEqual(at(await depFindings(ID, { code, path: 'admin/client/markdown.js', files, registry })), ['3:18']);
  });

  it('a bare name Node resolves to a module file in a node_modules folder on the path is no package to declare', async () => {
    // fresh sample BF (a dependency-graph CLI): its test fixtures require('a') with the module at fixtures/cjs/node_modules/a.js
    const files = {
      'package.json': '{ "name": "graph-cli", "dependencies": {}, "devDependencies": { "mocha": "10" } }',
      'test/graphs/cjs/node_modules/alpha.js': 'module.exports = 1;\n',
      'test/graphs/cjs/node_modules/gamma/index.js': 'module.exports = 3;\n',
      'test/graphs/cjs/node_modules/delta/package.json': '{"version":"2.0.0"}',
    };
    const registry = registryWith({ 'npm:alpha': {}, 'npm:beta': {}, 'npm:gamma': {}, 'npm:delta': {} });
    const code = "var a = require('alpha');\nvar g = require('gamma');\nvar b = require('beta');\nvar d = require('delta');\n";
    const f = await depFindings(ID, { code, path: 'test/graphs/cjs/chained.js', files, registry });
    // beta is nowhere; delta is an installed package with a manifest of its own, undeclared
    assert.deepEqual(f.map((x) => [at([x])[0], `${x.range.end.line + 1}:${x.range.end.character + 1}`, x.confidence, /neither declared .* nor installed/.test(x.message) ? 'missing' : /installed indirectly/.test(x.message) ? 'indirect' : x.message]),
      [['3:18', '3:22', 'high', 'missing'], ['4:18', '4:23', 'high', 'indirect']]);
    // the same file outside that folder does not see its node_modules
    assert.deepEqual(at(await depFindings(ID, { code, path: 'test/other/chained.js', files, registry })), ['1:18', '2:18', '3:18', '4:18']);
  });

  it('a scope whose `/*` pattern the package\'s code hands to a compiler as tsconfig paths is an alias, not a package', async () => {
    // fresh sample BF (a dependency-graph CLI): its TypeScript test passes `paths: { '@shortcut/*': [...] }` for a fixture's imports
    const spec = "const tsConfig = { compilerOptions: { baseUrl: dir, paths: { '@fixture/*': ['paths/sub/*'], '@fixture2/*': ['paths/sub2/*'] } } };\n";
    const code = "import heading from '@fixture/require';\nimport other from '@fixture2/export';\nimport real from '@acme/widgets';\n";
    const path = 'test/ts/paths/import.ts';
    const files = { 'package.json': '{ "name": "graph-cli", "devDependencies": { "mocha": "10" } }', 'test/ts.js': spec, 'lib/meta.js': "module.exports = { '@acme/*': 'https://example.com/schema' };\n", [path]: code };
    const project = new MemoryProject(files);
    const registry = registryWith({ 'npm:@fixture/require': {}, 'npm:@fixture2/export': {}, 'npm:@acme/widgets': {} });
    const f = await depFindings(ID, { code, path, files, registry, services: { project, workspace: new ProjectIndex(project) } });
    // a scope pattern holding a plain string is data, not an alias: @acme stays a package
    assert.deepEqual(f.map((x) => [at([x])[0], `${x.range.end.line + 1}:${x.range.end.character + 1}`, x.confidence, /neither declared .* nor installed/.test(x.message)]), [['3:19', '3:32', 'high', true]]);
  });
});
