// undeclared-dependency: imports the nearest manifest does not declare, with the add-to-manifest fix.
import assert from 'node:assert/strict';
import { applyEdits } from '../harness';
import { at, depFindings, registryWith } from '../nonexistent-package/deps-harness';
import { MemoryProject } from '../../../server/src/project/memory-project';
import { ProjectIndex } from '../../../server/src/project/workspace-index';

const ID = 'undeclared-dependency';
const PKG = '{\n  "name": "app",\n  "dependencies": {\n    "axios": "^1.0.0",\n    "react": "^18.2.0"\n  }\n}\n';
const INSTALLED = { 'node_modules/axios/package.json': '{"version":"1.7.0"}', 'node_modules/react/package.json': '{"version":"18.2.0"}' };

describe(`${ID}`, () => {
  it('passes over a module the file registers itself under that name (AMD define, addModule), not a package of the same name', async () => {
    // held-out sample: meshcentral's agent modules, addModule('promise2', …) then require('promise2')
    // both names are packages on the registry too
    const registry = registryWith({ 'npm:promise2': { latest: '1.0.0' }, 'npm:text-utils': { latest: '1.0.0' } });
    const code = "addModule('promise2', Buffer.from('bW9kdWxl', 'base64').toString());\nvar promise = require('promise2');\nvar lodash = require('lodash');\n";
    assert.deepEqual(at(await depFindings(ID, { code, files: { 'package.json': PKG, ...INSTALLED }, registry })), ['3:23']);
    const amd = "define('text-utils', [], function () { return {}; });\nrequire('text-utils');\n";
    assert.deepEqual(at(await depFindings(ID, { code: amd, files: { 'package.json': PKG, ...INSTALLED }, registry })), []);
    // a name the file only mentions, or defines as a dependency list, is still a package
    const deps = "define(['lodash'], function (p) { return p; });\nrequire('lodash');\n";
    assert.deepEqual(at(await depFindings(ID, { code: deps, files: { 'package.json': PKG, ...INSTALLED } })), ['2:10']);
  });

  it('flags an import installed only indirectly and adds it, sorted, at the installed version', async () => {
    const files = { 'package.json': PKG, ...INSTALLED, 'node_modules/lodash/package.json': '{"version":"4.17.21"}' };
    const f = await depFindings(ID, { code: "import _ from 'lodash';\nimport React from 'react';\nimport axios from 'axios';\n", files });
    assert.deepEqual(at(f), ['1:16']);
    const [edit] = f[0].fix!.fileEdits!;
    assert.equal(edit.file, 'package.json');
    assert.equal(applyEdits(PKG, edit.edits), '{\n  "name": "app",\n  "dependencies": {\n    "axios": "^1.0.0",\n    "lodash": "^4.17.21",\n    "react": "^18.2.0"\n  }\n}\n');
  });

  it('adds to devDependencies from a test file, creating the section, at the registry\'s latest', async () => {
    const registry = registryWith({ 'npm:vitest': { latest: '2.1.0' } });
    const f = await depFindings(ID, { code: "import { it } from 'vitest';\n", path: 'test/a.test.ts', files: { 'package.json': PKG }, registry });
    assert.deepEqual(at(f), ['1:21']);
    const out = applyEdits(PKG, f[0].fix!.fileEdits![0].edits);
    assert.deepEqual(JSON.parse(out).devDependencies, { vitest: '^2.1.0' });
  });

  it('shows at low confidence a test file\'s libraries when no manifest declares a test runner (tests run from a monorepo root)', async () => {
    // held-out sample: @theia/filesystem ships its *.spec.ts importing chai and sinon, with only build scripts declared
    const registry = registryWith({ 'npm:chai': { latest: '5.1.0' }, 'npm:sinon': { latest: '19.0.0' }, 'npm:vitest': { latest: '2.1.0' } });
    const code = "import { expect } from 'chai';\nimport * as sinon from 'sinon';\n";
    const built = { 'package.json': '{ "name": "@theia/filesystem", "files": ["lib", "src"], "devDependencies": { "@theia/ext-scripts": "1.75.0" } }' };
    assert.deepEqual((await depFindings(ID, { code, path: 'src/common/filesystem-utils.spec.ts', files: built, registry })).map((x) => [at([x])[0], x.confidence]), [['1:25', 'low'], ['2:25', 'low']]);
    // a manifest that declares its runner speaks for the tests; the same import outside a test is the package's own
    const withRunner = { 'package.json': '{ "name": "app", "devDependencies": { "mocha": "10" } }' };
    assert.deepEqual((await depFindings(ID, { code, path: 'src/common/filesystem-utils.spec.ts', files: withRunner, registry })).map((x) => x.confidence), ['high', 'high']);
    assert.deepEqual((await depFindings(ID, { code, path: 'src/common/filesystem-utils.ts', files: built, registry })).map((x) => x.confidence), ['high', 'high']);
    // a script named test.js is a test too (held-out sample: an XMPP client's test.js importing its monorepo's test helpers)
    const jestTest = "import { mockClient } from 'chai';\ntest('answers', () => mockClient());\n";
    assert.deepEqual((await depFindings(ID, { code: jestTest, path: 'test.js', files: built, registry })).map((x) => [at([x])[0], x.confidence]), [['1:29', 'low']]);
    assert.deepEqual((await depFindings(ID, { code: jestTest, path: 'lib/test.js', files: withRunner, registry })).map((x) => [at([x])[0], x.confidence]), [['1:29', 'high']]);
    assert.deepEqual((await depFindings(ID, { code: jestTest, path: 'lib/testing.js', files: built, registry })).map((x) => [at([x])[0], x.confidence]), [['1:29', 'high']]);
    // a plain script named test.js, written for no runner, runs from here with node: it keeps the rule's confidence
    assert.deepEqual((await depFindings(ID, { code: "const { mockClient } = require('chai');\nmockClient();\n", path: 'test.js', files: built, registry })).map((x) => [at([x])[0], x.confidence]), [['1:33', 'high']]);
    // the runner imported by name too: a missing runner is that layout's signature (@nestjs/graphql ships compiled
    // specs importing vitest, declared only at its monorepo's root)
    assert.deepEqual((await depFindings(ID, { code: "import { it } from 'vitest';\n", path: 'test/a.test.ts', files: built, registry })).map((x) => x.confidence), ['low']);
    // so is a library beside the runtime's own runner: the test runs from this package (held-out sample: svix's
    // src/webhook.test.ts imports fast-sha256 with node:test)
    const nodeTest = "import * as sha256 from 'fast-sha256';\nimport { test } from 'node:test';\n";
    const svix = { 'package.json': '{ "name": "svix", "dependencies": { "standardwebhooks": "1.0.0" }, "devDependencies": { "typescript": "^4.0" } }' };
    assert.deepEqual((await depFindings(ID, { code: nodeTest, path: 'src/webhook.test.ts', files: svix, registry: registryWith({ 'npm:fast-sha256': {} }) })).map((x) => [at([x])[0], x.confidence]), [['1:26', 'high']]);
  });

  it('uses the nearest package.json in a monorepo and accepts the root one as declared', async () => {
    const files = { 'package.json': '{ "devDependencies": { "typescript": "5" } }', 'packages/web/package.json': '{ "name": "web" }', 'node_modules/typescript/package.json': '{"version":"5.9.0"}', 'node_modules/chalk/package.json': '{"version":"5.3.0"}' };
    const f = await depFindings(ID, { code: "import ts from 'typescript';\nimport chalk from 'chalk';\n", path: 'packages/web/src/a.ts', files });
    assert.deepEqual(at(f), ['2:20']);
    assert.equal(f[0].fix!.fileEdits![0].file, 'packages/web/package.json');
  });

  it('passes over a package.json that only marks the module type (a build\'s dist/esm) for the manifest above it', async () => {
    const files = { 'package.json': PKG, 'dist/esm/package.json': '{\n  "type": "module"\n}\n', ...INSTALLED, 'node_modules/chalk/package.json': '{"version":"5.3.0"}' };
    const f = await depFindings(ID, { code: "import axios from 'axios';\nimport chalk from 'chalk';\n", path: 'dist/esm/lib/a.js', files });
    assert.deepEqual(at(f), ['2:20']);
    assert.equal(f[0].fix!.fileEdits![0].file, 'package.json');
    // Alone (the project's manifest out of sight), it declares nothing and judges nothing.
    assert.deepEqual(at(await depFindings(ID, { code: "import chalk from 'chalk';\n", path: 'esm/lib/a.js', files: { 'esm/package.json': '{ "type": "module" }' } })), []);
  });

  it('reads a path of the package\'s own folders as local (a declaration generated with a baseUrl of "."), not a one-word name', async () => {
    const files = { 'package.json': PKG, 'src/providers/index.ts': 'export type OAuthConfig = {};', 'config/default.json': '{}', ...INSTALLED, 'node_modules/config/package.json': '{"version":"3.3.0"}' };
    // `src` and `config` are names on npm too.
    const registry = registryWith({ 'npm:src': { latest: '1.1.2' }, 'npm:config': { latest: '3.3.0' } });
    const code = 'export default function P(o: Partial<import("src/providers").OAuthConfig>): import("src/providers").OAuthConfig;\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'providers/p.d.ts', files, registry })), []);
    assert.deepEqual(at(await depFindings(ID, { code, path: 'providers/p.d.ts', files: { 'package.json': PKG }, registry })), ['1:46', '1:85']);
    assert.deepEqual(at(await depFindings(ID, { code: "import config from 'config';\n", path: 'lib/app.ts', files, registry })), ['1:21']);
  });

  it('reads a bundler config\'s module roots and folder aliases as local (anyproxy\'s UI: webpack resolve.modules of web/src), never a package alias', async () => {
    const webpack = "const path = require('path');\nmodule.exports = {\n  resolve: {\n    modules: [\n      'node_modules',\n      path.join(__dirname, 'src')\n    ],\n    alias: { '@lib': path.resolve(__dirname, 'lib'), vue$: 'vue/dist/vue.esm.js' }\n  }\n};\n";
    const files = { 'package.json': PKG, 'web/webpack.config.js': webpack, 'web/src/component/modal-panel.jsx': 'export default 1;', 'web/src/common/util.js': 'export const x = 1;', ...INSTALLED, 'node_modules/lodash/package.json': '{"version":"4.17.21"}', 'node_modules/vue/package.json': '{"version":"2.7.0"}', 'node_modules/component/package.json': '{"version":"1.1.0"}', 'node_modules/common/package.json': '{"version":"0.2.5"}' };
    const code = "import ModalPanel from 'component/modal-panel';\nimport { x } from 'common/util';\nimport y from '@lib/y';\nimport _ from 'lodash';\nimport Vue from 'vue';\nimport z from 'component/missing';\n";
    // A module root names folders that exist (`component` and `common` are packages too, installed here); the
    // package-for-package alias (`vue$`) leaves `vue` a package.
    assert.deepEqual(at(await depFindings(ID, { code, path: 'web/src/component/record-detail.jsx', files })), ['4:16', '5:18', '6:16']);
    // Without the config they are packages the manifest does not declare.
    const bare = { ...files, 'web/webpack.config.js': 'module.exports = {};\n' };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'web/src/component/record-detail.jsx', files: bare })), ['1:25', '2:20', '4:16', '5:18', '6:16']);
  });

  it('reads a path under one of the file\'s folders, or a child of one, as a module root whose config is not here (a published front end), when no such package is installed', async () => {
    // held-out samples: anyproxy's `component/resizable-panel` (web/src/component/…), @devicefarmer/stf's `stf/device`
    // (res/app/components/stf/device, required from res/app/control-panes/)
    // every name is a package on the registry too
    const registry = registryWith({ 'npm:component': { latest: '1.1.0' }, 'npm:stf': { latest: '0.1.0' }, 'npm:config': { latest: '3.3.0' } });
    const files = { 'package.json': PKG, ...INSTALLED, 'web/src/component/resizable-panel.jsx': 'export default 1;', 'res/app/components/stf/device/index.js': 'module.exports = 1;', 'lib/config.js': 'module.exports = {};' };
    const ui = "import Panel from 'component/resizable-panel';\nimport Gone from 'component/removed-panel';\n";
    assert.deepEqual(at(await depFindings(ID, { code: ui, path: 'web/src/component/map-local.jsx', files, registry })), ['2:19']);
    const stf = "require('stf/device');\nrequire('stf/control');\nrequire('config');\n";
    assert.deepEqual(at(await depFindings(ID, { code: stf, path: 'res/app/control-panes/index.js', files, registry })), ['2:10', '3:10']);
    // outside the folders' reach (another package's tree) it is a package
    assert.deepEqual(at(await depFindings(ID, { code: ui, path: 'other/src/map-local.jsx', files, registry })), ['1:20', '2:19']);
  });

  it('reads a path under the folder of the application a plugin folder sits in as the host\'s own module, when no such package is installed', async () => {
    // fresh held-out sample: ep_etherpad-lite ships a copy of the ep_align plugin (own package.json) in its tree, whose
    // `require('node/eejs/')` and `require('static/js/Changeset')` are Etherpad's own node/eejs/ and static/js/Changeset.js
    const registry = registryWith({ 'npm:node': { latest: '0.0.0' }, 'npm:static': { latest: '1.0.0' } });
    const files = {
      'package.json': '{ "name": "host-app", "dependencies": {} }', 'node/eejs/index.js': 'module.exports = {};', 'static/js/Changeset.js': 'exports.x = 1;',
      'plugins/ep_thing/package.json': '{ "name": "ep_thing" }',
    };
    const plugin = "require('node/eejs/');\nrequire('static/js/Changeset');\nrequire('static/js/Missing');\nrequire('node/fetch');\n";
    assert.deepEqual(at(await depFindings(ID, { code: plugin, path: 'plugins/ep_thing/index.js', files, registry })), ['3:10', '4:10']);
    // with no manifest above the plugin's own, or the host's folder outside the file's ancestors, it is a package
    const { 'package.json': _host, ...bare } = files;
    assert.deepEqual(at(await depFindings(ID, { code: plugin, path: 'plugins/ep_thing/index.js', files: bare, registry })), ['1:10', '2:10', '3:10', '4:10']);
    const elsewhere = { 'package.json': '{ "name": "root" }', 'host/package.json': '{ "name": "host" }', 'host/node/eejs/index.js': '', 'plugins/ep_thing/package.json': '{ "name": "ep_thing" }' };
    assert.deepEqual(at(await depFindings(ID, { code: "require('node/eejs/');\n", path: 'plugins/ep_thing/index.js', files: elsewhere, registry })), ['1:10']);
  });

  it('reads a scope that names a folder of the package as a bundler alias of it, TypeScript\'s `.js` naming the `.tsx`, when no such package is installed', async () => {
    // held-out sample: evershop's webpack maps `@components` to src/components in code; its pages import
    // `@components/common/Area.js` (src/components/common/Area.tsx) from src/modules/…
    const registry = registryWith({ 'npm:@components/common': { latest: '1.0.0' }, 'npm:@components/admin': { latest: '1.0.0' }, 'npm:@sentry/node': { latest: '8.0.0' } });
    const files = { 'package.json': PKG, ...INSTALLED, 'src/components/common/Area.tsx': 'export const Area = 1;', 'src/components/admin/grid/Grid.tsx': 'export default 1;' };
    const code = "import { Area } from '@components/common/Area.js';\nimport Grid from '@components/admin/grid/Grid';\nimport Gone from '@components/common/Gone.js';\nimport * as Sentry from '@sentry/node';\n";
    assert.deepEqual(at(await depFindings(ID, { code, path: 'src/modules/cms/pages/Page.tsx', files, registry })), ['3:19', '4:26']);
    // installed, the scope is the package's
    const installed = { ...files, 'node_modules/@components/common/package.json': '{"version":"1.0.0"}' };
    assert.deepEqual(at(await depFindings(ID, { code, path: 'src/modules/cms/pages/Page.tsx', files: installed, registry })), ['1:23', '3:19', '4:26']);
  });

  it('shows at low confidence a TypeScript import of a package whose @types alone are declared (its types are what is used)', async () => {
    const files = { 'package.json': '{ "name": "rest", "dependencies": { "@types/serve-static": "1" } }', 'node_modules/serve-static/package.json': '{"version":"1.16.0"}' };
    const code = "import {ServeStaticOptions} from 'serve-static';\nexport type O = ServeStaticOptions;\n";
    const f = await depFindings(ID, { code, path: 'src/router.ts', files });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:35', 'low']]);
    // From JavaScript it is a runtime import: the rule's confidence.
    const js = await depFindings(ID, { code: "const serveStatic = require('serve-static');\n", path: 'src/router.js', files });
    assert.deepEqual(js.map((x) => x.confidence), ['high']);
  });

  it('shows at low confidence a build tool\'s config importing its tool when the manifests declare no devDependencies (a published tarball)', async () => {
    const code = "const vite_1 = require('vite');\nconst single = require('vite-plugin-singlefile');\n";
    const registry = registryWith({ 'npm:vite': { latest: '7.1.0' }, 'npm:vite-plugin-singlefile': { latest: '2.3.0' } });
    const stripped = { 'package.json': '{ "name": "cli", "files": ["lib"], "dependencies": { "axios": "1" } }' };
    const f = await depFindings(ID, { code, path: 'lib/apps/deploy/vite.config.js', files: stripped, registry });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:25', 'low'], ['2:25', 'low']]);
    // A manifest that declares the tool speaks for its config: a plugin missing from it is a finding. One that declares
    // no such tool leaves the config to a tool installed elsewhere (a monorepo root): shown, not alarmed about.
    const dev = { 'package.json': '{ "name": "app", "devDependencies": { "vite": "7" } }' };
    assert.deepEqual((await depFindings(ID, { code, path: 'vite.config.js', files: dev, registry })).map((x) => [at([x])[0], x.confidence]), [['2:25', 'high']]);
    const noTool = { 'package.json': '{ "name": "app", "devDependencies": { "typescript": "5" } }' };
    assert.deepEqual((await depFindings(ID, { code, path: 'vite.config.js', files: noTool, registry })).map((x) => x.confidence), ['low', 'low']);
    // Outside a tool's config, the stripped manifest still judges the import.
    assert.deepEqual((await depFindings(ID, { code, path: 'lib/apps/deploy/build.js', files: stripped, registry })).map((x) => x.confidence), ['high', 'high']);
    // Beside a bundler's config, the file is what it bundles at build time (the MCP app's page script): low too.
    const app = "const ext = require('@modelcontextprotocol/ext-apps');\nconst btn = document.getElementById('deploy');\n";
    const appRegistry = registryWith({ 'npm:@modelcontextprotocol/ext-apps': { latest: '0.3.0' } });
    const beside = { ...stripped, 'lib/apps/deploy/vite.config.js': code };
    assert.deepEqual((await depFindings(ID, { code: app, path: 'lib/apps/deploy/mcp-app.js', files: beside, registry: appRegistry })).map((x) => x.confidence), ['low']);
    assert.deepEqual((await depFindings(ID, { code: app, path: 'lib/apps/deploy/mcp-app.js', files: stripped, registry: appRegistry })).map((x) => x.confidence), ['high']);
    assert.deepEqual((await depFindings(ID, { code: app, path: 'lib/apps/deploy/mcp-app.js', files: { ...beside, 'package.json': '{ "name": "app", "devDependencies": { "vite": "7" } }' }, registry: appRegistry })).map((x) => x.confidence), ['high']);
  });

  it('shows at low confidence a type-only import under manifests stripped of their devDependencies (a published tarball)', async () => {
    // held-out sample: @netlify/plugin-nextjs ships edge-runtime/*.ts with `import type { Context } from '@netlify/edge-functions'`
    const code = "import type { Context } from '@netlify/edge-functions';\nimport { h } from 'htmlrewriter';\nexport const f = (c: Context) => h(c);\n";
    const registry = registryWith({ 'npm:@netlify/edge-functions': { latest: '2.11.0' }, 'npm:htmlrewriter': { latest: '1.0.0' } });
    const stripped = { 'package.json': '{ "name": "@netlify/plugin-nextjs", "files": ["dist", "edge-runtime"] }' };
    const f = await depFindings(ID, { code, path: 'edge-runtime/lib/response.ts', files: stripped, registry });
    // The value import beside it is still judged at the rule's confidence.
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:31', 'low'], ['2:20', 'high']]);
    // Erased when compiled: the type check fails on a fresh checkout, not the program.
    assert.match(f[0].message, /imported for its types .* so type-checking fails on a fresh checkout \(the compiled code does not load it\)/);
    assert.match(f[1].message, /^`htmlrewriter` is imported but neither declared .* so the import fails on a fresh checkout/);
    // A type-only import is low under any manifest (nothing loads it); the value import keeps the rule's confidence.
    const dev = { 'package.json': '{ "name": "app", "devDependencies": { "typescript": "5" } }' };
    assert.deepEqual((await depFindings(ID, { code, path: 'edge-runtime/lib/response.ts', files: dev, registry })).map((x) => x.confidence), ['low', 'high']);
  });

  it('JS: a require inside a function is low confidence; one the file probes for with require.resolve in a try is optional', async () => {
    const files = { 'package.json': PKG, ...INSTALLED, 'node_modules/sqlite3/package.json': '{"version":"5.1.7"}', 'node_modules/pg/package.json': '{"version":"8.11.0"}' };
    const code = "function instrument() {\n  try { require.resolve('sqlite3') } catch { return }\n  const db = require('sqlite3').Database;\n}\nfunction connect() {\n  return require('pg');\n}\n";
    const f = await depFindings(ID, { code, path: 'lib/trace.js', files });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['6:19', 'low']]);
  });

  it('JS: a require in a case of a switch, even at the top level, is low confidence (a benchmark picking one competitor)', async () => {
    // held-out sample: busboy's bench scripts, `switch (moduleName) { case 'formidable': require('formidable') … }`
    const files = { 'package.json': PKG, ...INSTALLED };
    const code = "const which = process.argv[2];\nconst pad = require('left-pad');\nswitch (which) {\n  case 'fast': {\n    const p = require('fast-parser');\n    break;\n  }\n}\n";
    const registry = registryWith({ 'npm:left-pad': { latest: '1.3.0' }, 'npm:fast-parser': { latest: '2.0.0' } });
    const f = await depFindings(ID, { code, path: 'bench/parse.js', files, registry });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['2:22', 'high'], ['5:24', 'low']]);
  });

  it('JS: a top-level require under an if probing for a built-in is a fallback for an old runtime (low); an if on a setting still loads it', async () => {
    // held-out sample: unzipper's `if (!Stream.Writable || !Stream.Writable.prototype.destroy) Stream = require('readable-stream')`
    const files = { 'package.json': PKG, ...INSTALLED };
    const registry = registryWith({ 'npm:stream-shim': { latest: '3.6.0' }, 'npm:fetch-shim': { latest: '2.0.0' }, 'npm:env-loader': { latest: '16.0.0' }, 'npm:dev-logger': { latest: '1.0.0' } });
    const code = "let Pipe = require('stream');\nif (!Pipe.Writable || !Pipe.Writable.prototype.destroy)\n  Pipe = require('stream-shim');\nif (typeof globalThis.fetch !== 'function') globalThis.fetch = require('fetch-shim');\n"
      + "if (process.env.NODE_ENV !== 'production') require('env-loader');\nif (!process.env.QUIET) require('dev-logger');\n";
    const f = await depFindings(ID, { code, path: 'lib/pipe.js', files, registry });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['3:19', 'low'], ['4:73', 'low'], ['5:53', 'high'], ['6:34', 'high']]);
    // a test of which host runs the code is no feature probe: Node takes the server's path and loads it
    const host = "if (typeof window === 'undefined') globalThis.fetch = require('fetch-shim');\nif (!module.parent) require('env-loader');\n";
    const g = await depFindings(ID, { code: host, path: 'lib/pipe.js', files, registry });
    assert.deepEqual(g.map((x) => x.confidence), ['high', 'high']);
  });

  it('JS: require.resolve with a paths option looks the module up from another package\'s folders, not this one\'s', async () => {
    // held-out sample: react-scripts' config/webpack.config.js resolves @babel/runtime from babel-preset-react-app
    const files = { 'package.json': PKG, ...INSTALLED, 'node_modules/@babel/runtime/package.json': '{"version":"7.26.0"}' };
    const code = "const preset = require.resolve('babel-preset-react-app');\nconst helpers = require.resolve('@babel/runtime/helpers/esm/assertThisInitialized', { paths: [preset] });\nconst own = require.resolve('@babel/runtime/regenerator');\n";
    const registry = registryWith({ 'npm:babel-preset-react-app': {}, 'npm:@babel/runtime': {} });
    assert.deepEqual(at(await depFindings(ID, { code, path: 'config/webpack.config.js', files, registry })), ['1:33', '3:30']);
  });

  it('a scope the package\'s own code makes a bundler alias of is resolved by that bundler', async () => {
    // held-out sample: docusaurus' lib/client imports @generated/routes, aliased in its lib/webpack/base.js
    const path = 'lib/client/App.js';
    const code = "import routes from '@generated/routes';\nimport { useLocation } from '@docusaurus/router';\nimport ld from '@context/schema';\n";
    const files = {
      'package.json': '{ "name": "@docusaurus/core", "dependencies": { "webpack": "^5.0.0" } }',
      'lib/webpack/base.js': "module.exports = (siteDir, generatedFilesDir) => ({\n  resolve: { alias: { '@site': siteDir, '@generated': generatedFilesDir } },\n});\n",
      // a scope-named key holding a plain string is data (JSON-LD), not an alias
      'lib/seo.js': "module.exports = { '@context': 'https://schema.org', '@type': 'WebSite' };\n",
      [path]: code,
    };
    const project = new MemoryProject(files);
    const registry = registryWith({ 'npm:@generated/routes': {}, 'npm:@docusaurus/router': {}, 'npm:@context/schema': {} });
    const f = await depFindings(ID, { code, path, files, registry, services: { project, workspace: new ProjectIndex(project) } });
    // `@docusaurus/router` is docusaurus' own client alias too (no such npm package): see front-end.test.ts
    assert.deepEqual(at(f), ['3:17']);
  });

  it('never judges a runtime\'s built-in modules (Node\'s, Bun\'s: drizzle-orm\'s bun-sql driver)', async () => {
    const files = { 'package.json': PKG, ...INSTALLED };
    const code = "import { SQL } from 'bun';\nimport { Database } from 'bun:sqlite';\nimport fs from 'node:fs';\nimport path from 'path';\n";
    // `bun` is also a name on npm (the runtime's installer).
    const registry = registryWith({ 'npm:bun': { latest: '1.2.0' } });
    assert.deepEqual(at(await depFindings(ID, { code, path: 'bun-sql/driver.js', files, registry })), []);
  });

  it('passes over PhantomJS\'s own modules in a script PhantomJS runs, never the same names elsewhere', async () => {
    // held-out sample: html-pdf's and markdown-pdf's render scripts, `require('system')` beside `phantom.exit()`
    const files = { 'package.json': PKG, ...INSTALLED };
    const registry = registryWith({ 'npm:system': { latest: '2.0.1' }, 'npm:webpage': { latest: '0.3.0' }, 'npm:left-pad': { latest: '1.3.0' } });
    const script = "var system = require('system');\nvar page = require('webpage').create();\nvar pad = require('left-pad');\npage.open(system.args[1], function () { phantom.exit(0); });\n";
    assert.deepEqual(at(await depFindings(ID, { code: script, path: 'lib/render.js', files, registry })), ['3:20']);
    const declared = "/* global phantom */\nvar system = require('system');\n";
    assert.deepEqual(at(await depFindings(ID, { code: declared, path: 'lib/render.js', files, registry })), []);
    // without PhantomJS in sight they are npm names like any other
    const plain = "var system = require('system');\nvar page = require('webpage');\n";
    assert.deepEqual(at(await depFindings(ID, { code: plain, path: 'lib/render.js', files, registry })), ['1:23', '2:21']);
  });

  it('reads a name listed only in peerDependenciesMeta as a declared optional peer, never a name listed nowhere', async () => {
    // held-out sample: uploadthing's fastify/index.d.cts imports `fastify`, named only in peerDependenciesMeta;
    // its remix/index.d.cts imports @remix-run/server-runtime, named nowhere
    const files = { 'package.json': '{ "name": "uploadthing", "peerDependencies": { "express": "*" }, "peerDependenciesMeta": { "express": { "optional": true }, "fastify": { "optional": true } } }' };
    const registry = registryWith({ 'npm:fastify': { latest: '5.0.0' }, 'npm:@remix-run/server-runtime': { latest: '2.0.0' } });
    const code = "import { FastifyInstance } from 'fastify';\nimport { ActionFunctionArgs } from '@remix-run/server-runtime';\nimport express from 'express';\n";
    assert.deepEqual(at(await depFindings(ID, { code, path: 'remix/index.ts', files, registry })), ['2:37']);
  });

  it('shows at low confidence the bare names of a folder whose code requires a module npm cannot name (another runtime\'s built-ins)', async () => {
    // held-out sample: meshcentral's agents/ scripts run in the MeshAgent binaries beside them; agents/meshcore.js
    // requires `_GenericMarshal`, and agents/meshinstall-linux.js the agent's `message-box` and `promise`
    const pkg = '{ "name": "meshcentral", "dependencies": { "express": "^4.0.0" } }';
    const code = "var mb = require('message-box');\nvar promise = require('promise');\n";
    const confidences = async (files: Record<string, string>, path: string) => {
      const project = new MemoryProject({ ...files, [path]: code });
      const registry = registryWith({ 'npm:message-box': {}, 'npm:promise': {} });
      return (await depFindings(ID, { code, path, files, registry, services: { project, workspace: new ProjectIndex(project) } })).map((x) => x.confidence);
    };
    const agent = { 'package.json': pkg, 'agents/meshcore.js': "var GM = require('_GenericMarshal');\n" };
    assert.deepEqual(await confidences(agent, 'agents/meshinstall-linux.js'), ['low', 'low']);
    // Node's own underscore modules, or such a folder elsewhere in the package, say nothing of this one
    assert.deepEqual(await confidences({ ...agent, 'lib/wrap.js': "var R = require('_stream_readable');\n" }, 'lib/setup.js'), ['high', 'high']);
  });

  it('shows at low confidence the imports of a folder a plugin hands to its host\'s build (a Vendure admin extension)', async () => {
    // fresh held-out sample: a published Vendure plugin names `extensionPath: path.join(__dirname, 'ui')`; the host's
    // ui-devkit copies ui/ into the admin app it compiles, whose manifest brings @angular/core and @vendure/admin-ui
    const pkg = '{ "name": "shop-plugin", "main": "dist/index.js", "dependencies": { "csv-writer": "^1.6.0" } }';
    const plugin = "const path_1 = require('path');\nexports.ext = { extensionPath: path_1.default.join(__dirname, 'ui'), ngModules: [] };\n";
    const code = "import { NgModule } from '@angular/core';\nimport { SharedModule } from '@vendure/admin-ui/core';\n";
    const confidences = async (files: Record<string, string>, path: string) => {
      const project = new MemoryProject({ ...files, [path]: code });
      const registry = registryWith({ 'npm:@angular/core': {}, 'npm:@vendure/admin-ui': {} });
      return (await depFindings(ID, { code, path, files, registry, services: { project, workspace: new ProjectIndex(project) } })).map((x) => x.confidence);
    };
    const shipped = { 'package.json': pkg, 'dist/plugin.js': plugin };
    assert.deepEqual(await confidences(shipped, 'dist/ui/nav.module.ts'), ['low', 'low']);
    // the plugin's own code, or a folder no extension path names, still needs its imports declared
    assert.deepEqual(await confidences(shipped, 'dist/api/resolver.ts'), ['high', 'high']);
    assert.deepEqual(await confidences({ ...shipped, 'dist/plugin.js': "const ui = path.join(__dirname, 'ui');\n" }, 'dist/ui/nav.module.ts'), ['high', 'high']);
  });

  it('shows at low confidence the imports of JSX sources that compiled code beside them names by path (default app entries a dev tool hands to the app\'s build)', async () => {
    // fresh sample BD: a Remix dev tool ships config/defaults/entry.server.node.tsx and finds it with
    // path.resolve(__dirname, "config", "defaults"); the app's bundler compiles it, and the app installs isbot
    const pkg = '{ "name": "app-dev", "bin": { "app-dev": "dist/cli.js" }, "dependencies": { "esbuild": "0.17.6" } }';
    const config = "var path__default = _interopDefault(require('path'));\nlet defaults = path__default[\"default\"].resolve(__dirname, \"config\", \"defaults\");\n";
    const code = "import { PassThrough } from 'node:stream';\nimport { isbot } from 'isbot';\n";
    const confidences = async (files: Record<string, string>, path: string) => {
      const project = new MemoryProject({ ...files, [path]: code });
      const registry = registryWith({ 'npm:isbot': {} });
      return (await depFindings(ID, { code, path, files, registry, services: { project, workspace: new ProjectIndex(project) } })).map((x) => x.confidence);
    };
    const shipped = { 'package.json': pkg, 'dist/config.js': config };
    assert.deepEqual(await confidences(shipped, 'dist/config/defaults/entry.server.node.tsx'), ['low']);
    // plain JS there is what the tool's own process may require, and a JSX file in a folder no path names, or named
    // only by a TypeScript source (compiled, the package's own code), keeps the rule's confidence
    assert.deepEqual(await confidences(shipped, 'dist/config/defaults/server.js'), ['high']);
    assert.deepEqual(await confidences(shipped, 'dist/components/bot-badge.tsx'), ['high']);
    assert.deepEqual(await confidences({ 'package.json': pkg, 'src/config.ts': config }, 'src/config/defaults/entry.server.node.tsx'), ['high']);
  });

  it('JS: a dynamic import whose rejection is handled (`.catch`, or `.then` with a second callback) is optional', async () => {
    // fresh sample: wiki-server reads the host application's wiki/package.json, falling back to the working directory's
    const files = { 'package.json': PKG, ...INSTALLED };
    const registry = registryWith({ 'npm:wiki': {}, 'npm:chalk': {}, 'npm:ora': {}, 'npm:undici': {} });
    const code = "const pkg = () => import('wiki/package.json', { with: { type: 'json' } })\n  .then((m) => m.default)\n  .catch(() => readLocal());\n"
      + "const tty = import('undici').then((m) => m.fetch, () => null);\n"
      + "const chalk = await import('chalk').then((m) => m.default);\nconst ora = import('ora').finally(done);\n";
    const f = await depFindings(ID, { code, path: 'lib/server.js', files, registry });
    assert.deepEqual(at(f).map((p) => p.split(':')[0]), ['5', '6']);
  });

  it('stays quiet for optional requires, type-only imports covered by @types, and files without a manifest', async () => {
    const files = { 'package.json': '{ "devDependencies": { "@types/express": "4" } }', 'node_modules/express/package.json': '{"version":"4.0.0"}' };
    const code = "import type { Request } from 'express';\nlet x; try { x = require('chalk'); } catch { x = null; }\n";
    assert.deepEqual(at(await depFindings(ID, { code, files })), []);
    assert.deepEqual(at(await depFindings(ID, { code: "import _ from 'lodash';\n", path: 'scratch.js' })), []);
  });

  it('Python: flags an undeclared import and appends it to requirements.txt; optional imports are fine', async () => {
    const registry = registryWith({ 'pypi:PyYAML': { latest: '6.0.2' } });
    const files = { 'requirements.txt': 'requests==2.32.0', '.venv/lib/python3.12/site-packages/requests-2.32.0.dist-info/METADATA': '' };
    const code = 'import requests\nimport yaml\ntry:\n    import ujson as json\nexcept ImportError:\n    import json\n';
    const f = await depFindings(ID, { code, path: 'app.py', files, registry });
    assert.deepEqual(at(f), ['2:8']);
    const [edit] = f[0].fix!.fileEdits!;
    assert.equal(applyEdits(files['requirements.txt'], edit.edits), 'requests==2.32.0\nPyYAML>=6.0.2\n');
  });

  it('Python: a test folder\'s requirements add to the project\'s; alone they judge nothing (neutron\'s functional tests)', async () => {
    const registry = registryWith({ 'pypi:oslo.db': {}, 'pypi:testtools': {} });
    const files = { 'neutron/tests/functional/requirements.txt': '# Additional requirements for functional tests\npsycopg2\nPyMySQL>=0.6.2\n' };
    const code = 'import testtools\nfrom oslo_db import exception\n';
    assert.deepEqual(at(await depFindings(ID, { code, path: 'neutron/tests/functional/base.py', files, registry })), []);
    // Beside the project's own manifest the same imports are judged.
    const withProject = await depFindings(ID, { code, path: 'neutron/tests/functional/base.py', files: { ...files, 'requirements.txt': 'pbr>=4.0.0\n' }, registry });
    assert.deepEqual(at(withProject).slice(0, 1), ['1:8']);
  });

  it('Python: pyproject dependencies are declared; the fix inserts into the array', async () => {
    const registry = registryWith({ 'pypi:httpx': { latest: '0.27.0' } });
    const pyproject = '[project]\nname = "app"\ndependencies = [\n  "flask>=3",\n]\n';
    const f = await depFindings(ID, { code: 'import flask\nimport httpx\n', path: 'src/app/main.py', files: { 'pyproject.toml': pyproject }, registry });
    assert.deepEqual(at(f), ['2:8']);
    assert.equal(applyEdits(pyproject, f[0].fix!.fileEdits![0].edits), '[project]\nname = "app"\ndependencies = [\n  "flask>=3", "httpx>=0.27.0",\n]\n');
  });
});
