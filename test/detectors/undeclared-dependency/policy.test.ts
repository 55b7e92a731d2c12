// undeclared-dependency's confidence policy (issue 10): high only for what the package's own code loads when it
// runs; types, optional branches, files run by a tool the manifests do not declare and a host's runtime are low.
import assert from 'node:assert/strict';
import { at, depFindings, registryWith } from '../nonexistent-package/deps-harness';
import { MemoryProject } from '../../../server/src/project/memory-project';
import { ProjectIndex } from '../../../server/src/project/workspace-index';

const ID = 'undeclared-dependency';
const conf = async (c: Parameters<typeof depFindings>[1]) => (await depFindings(ID, c)).map((x) => [at([x])[0], x.confidence]);

describe(`${ID}: confidence follows the evidence`, () => {
  const registry = registryWith({ 'npm:qs': {}, 'npm:vitest': {}, 'npm:terser-webpack-plugin': {}, 'npm:vue': {}, 'npm:@vuepress/shared-utils': {}, 'npm:@tailwindcss/vite': {}, 'npm:@theme/components': {}, 'npm:@docusaurus/router': {}, 'npm:@docusaurus/plugin-content-docs': {}, 'npm:base-lib': {} });
  const app = { 'package.json': '{ "name": "bridge", "dependencies": { "express": "4" }, "devDependencies": { "typescript": "5" } }' };

  it('shows at low confidence a value import whose names only annotate types (erased when compiled)', async () => {
    // reconstruction of matrix-appservice-bridge's provisioning request: qs' ParsedQs in annotations alone
    const typed = "import { ParsedQs } from 'qs';\nexport interface Req { query: ParsedQs }\nexport function q(r: Req): ParsedQs { return r.query as ParsedQs; }\n";
    const f = await depFindings(ID, { code: typed, path: 'src/provisioning/request.ts', files: app, registry });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:27', 'low']]);
    assert.match(f[0].message, /imported for its types/);
    // a value use, a class it extends (implements is a type), or no use at all keeps the rule's confidence
    assert.deepEqual(await conf({ code: "import { ParsedQs, parse } from 'qs';\nexport const p = (s: string): ParsedQs => parse(s);\n", path: 'src/a.ts', files: app, registry }), [['1:34', 'high']]);
    assert.deepEqual(await conf({ code: "import { Base, Shape } from 'base-lib';\nexport class A extends Base<Shape> implements Shape {}\n", path: 'src/a.ts', files: app, registry }), [['1:30', 'high']]);
    assert.deepEqual(await conf({ code: "import { Shape } from 'base-lib';\nexport class A implements Shape {}\n", path: 'src/a.ts', files: app, registry }), [['1:24', 'low']]);
    assert.deepEqual(await conf({ code: "import { ParsedQs } from 'qs';\n", path: 'src/a.ts', files: app, registry }), [['1:27', 'high']]);
    // JSX needs React at run time under the classic transform, though no identifier names it
    const jsx = "import React from 'react';\nexport const C: React.FC = () => <div />;\n";
    const reg = registryWith({ 'npm:react': {} });
    assert.deepEqual(await conf({ code: jsx, path: 'src/c.tsx', files: app, registry: reg }), [['1:20', 'high']]);
    assert.deepEqual(await conf({ code: "import React from 'react';\nexport type P = React.ComponentProps<'div'>;\n", path: 'src/c.tsx', files: app, registry: reg }), [['1:20', 'low']]);
    // JavaScript erases nothing
    assert.deepEqual(await conf({ code: "import { ParsedQs } from 'qs';\n/** @param {ParsedQs} q */\nexport const f = (q) => q;\n", path: 'src/a.js', files: app, registry }), [['1:27', 'high']]);
  });

  it("shows at low confidence a tool's config when the manifests declare no such tool (a monorepo root runs it)", async () => {
    // reconstruction of @nestjs/bull's vitest.config.mts: vitest is declared only at its monorepo's root
    const code = "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { globals: true } });\n";
    const sub = { 'package.json': '{ "name": "@nestjs/bull", "scripts": { "test": "vitest run" }, "devDependencies": { "@nestjs/testing": "11" } }' };
    assert.deepEqual(await conf({ code, path: 'vitest.config.mts', files: sub, registry }), [['1:31', 'low']]);
    // a manifest that declares the tool speaks for its config: glances' webpack config requires terser-webpack-plugin,
    // which only webpack brought
    const pack = "const Terser = require('terser-webpack-plugin');\nmodule.exports = { optimization: { minimizer: [new Terser()] } };\n";
    const withTool = { 'package.json': '{ "name": "glances-ui", "devDependencies": { "webpack": "^5.74.0" } }' };
    assert.deepEqual(await conf({ code: pack, path: 'static/webpack.config.js', files: withTool, registry }), [['1:25', 'high']]);
  });

  it("shows at low confidence a host framework's UI runtime in its plugins' code (the host's build supplies it)", async () => {
    // reconstruction of a VuePress 1 plugin's client file and a Nuxt module's runtime plugin
    const code = "import Vue from 'vue';\nexport default new Vue();\n";
    const vuepress = { 'package.json': '{ "name": "vuepress-plugin-progress", "dependencies": { "@vuepress/types": "1.9.10", "nprogress": "0.2" } }' };
    assert.deepEqual(await conf({ code, path: 'lib/event.js', files: vuepress, registry }), [['1:18', 'low']]);
    const nuxt = { 'package.json': '{ "name": "@acme/nuxt-mode", "dependencies": { "@nuxt/kit": "4" } }' };
    assert.deepEqual(await conf({ code, path: 'dist/runtime/plugin.server.js', files: nuxt, registry }), [['1:18', 'low']]);
    // the host's other packages required by the plugin's Node side are its to declare
    const node = "const { logger } = require('@vuepress/shared-utils');\n";
    assert.deepEqual(await conf({ code: node, path: 'index.js', files: vuepress, registry }), [['1:29', 'high']]);
    // and `vue` in a package built on no host is an import like any other
    assert.deepEqual(await conf({ code, path: 'lib/event.js', files: { 'package.json': '{ "name": "widgets", "dependencies": { "nprogress": "0.2" } }' }, registry }), [['1:18', 'high']]);
  });

  it("passes over VuePress' @theme alias in a theme that declares vuepress, and docusaurus' client API in a theme declaring its theme packages", async () => {
    const theme = "import Common from '@theme/components/Common.vue';\n";
    const hope = { 'package.json': '{ "name": "vuepress-theme-blog", "peerDependencies": { "vuepress": "^1.9" } }' };
    assert.deepEqual(await conf({ code: theme, path: 'layouts/Layout.js', files: hope, registry }), []);
    assert.deepEqual(await conf({ code: theme, path: 'layouts/Layout.js', files: { 'package.json': '{ "name": "blog-parts" }' }, registry }), [['1:21', 'high']]);
    // reconstruction of docusaurus-theme-openapi-docs: peers on @docusaurus/theme-common, not on the core
    const docs = { 'package.json': '{ "name": "docusaurus-theme-api", "peerDependencies": { "@docusaurus/theme-common": "^3", "react": "^18" } }' };
    const code = "import { useHistory } from '@docusaurus/router';\nimport { useDoc } from '@docusaurus/plugin-content-docs/client';\n";
    assert.deepEqual(await conf({ code, path: 'src/theme/utils/tabsUtils.tsx', files: docs, registry }), [['2:25', 'high']]);
  });

  it('shows at low confidence a dynamic import() a branch inside a function guards (an optional integration)', async () => {
    // reconstruction of @nuxtjs/tailwindcss' setup: the Vite plugin is loaded only for Tailwind 4 on Vite
    const files = { 'package.json': '{ "name": "@acme/tw", "dependencies": { "defu": "6" } }' };
    const guarded = "export async function setup(v4, kit) {\n  if (v4) {\n    await import('@tailwindcss/vite').then((r) => kit.add(r.default()));\n  }\n}\n";
    assert.deepEqual(await conf({ code: guarded, path: 'dist/module.mjs', files, registry }), [['3:19', 'low']]);
    // unguarded at a function's top level it is how ESM code loads a dependency
    const plain = "export async function setup(kit) {\n  const r = await import('@tailwindcss/vite');\n  kit.add(r.default());\n}\n";
    assert.deepEqual(await conf({ code: plain, path: 'dist/module.mjs', files, registry }), [['2:27', 'high']]);
  });

  it("shows at low confidence a platform folder's own platform modules (the app built on that platform supplies them)", async () => {
    // reconstruction of a realtime SDK's NativeScript sources (fresh sample AL): `src/platform/nativescript/` requires the
    // NativeScript runtime and a NativeScript plugin, which a NativeScript app has; the library's manifest serves every platform
    const reg = registryWith({ 'npm:@nativescript/core': {}, 'npm:nativescript-websockets': {}, 'npm:ws': {}, 'npm:node-fetch': {} });
    const files = { 'package.json': '{ "name": "realtime-sdk", "dependencies": { "got": "11" } }' };
    const code = "import settings from '@nativescript/core/application-settings';\nrequire('nativescript-websockets');\n";
    assert.deepEqual(await conf({ code, path: 'src/platform/nativescript/config.js', files, registry: reg }), [['1:23', 'low'], ['2:10', 'low']]);
    // another package in that folder, the same imports outside a platform folder, and a generic platform's folder keep the rule's confidence
    assert.deepEqual(await conf({ code: "require('ws');\n", path: 'src/platform/nativescript/socket.js', files, registry: reg }), [['1:10', 'high']]);
    assert.deepEqual(await conf({ code, path: 'src/transport/config.js', files, registry: reg }), [['1:23', 'high'], ['2:10', 'high']]);
    assert.deepEqual(await conf({ code: "require('node-fetch');\n", path: 'src/platform/node/http.js', files, registry: reg }), [['1:10', 'high']]);
  });

  it("shows at low confidence an opt-in integration's SDK: named after it, in a plugins folder, loaded by no other file", async () => {
    // reconstruction of oracledb's token plugins: the user requires the plugin's path and installs the cloud SDK
    const reg = registryWith({ 'npm:@azure/msal-node': {}, 'npm:oci-common': {}, 'npm:lru-cache': {} });
    const base = { 'package.json': '{ "name": "dbdriver", "main": "index.js" }', 'index.js': "module.exports = require('./lib/driver');\n", 'lib/driver.js': 'module.exports = {};\n' };
    const run = async (code: string, path: string, extra: Record<string, string> = {}) => {
      const files = { ...base, ...extra, [path]: code };
      const project = new MemoryProject(files);
      return conf({ code, path, files, registry: reg, services: { project, workspace: new ProjectIndex(project) } });
    };
    const azure = "const driver = require('../../../index.js');\nconst msal = require('@azure/msal-node');\nmodule.exports = (cfg) => new msal.ConfidentialClientApplication(cfg);\n";
    assert.deepEqual(await run(azure, 'plugins/token/extensionAzure/index.js'), [['2:23', 'low']]);
    assert.deepEqual(await run("const common = require('oci-common');\nmodule.exports = common;\n", 'plugins/token/extensionOci/index.js'), [['1:25', 'low']]);
    // loaded by the package's own code, it is a dependency of every user
    assert.deepEqual(await run(azure, 'plugins/token/extensionAzure/index.js', { 'lib/driver.js': "const azure = require('../plugins/token/extensionAzure');\nmodule.exports = { azure };\n" }), [['2:23', 'high']]);
    // a package the integration is not named after, or an SDK imported outside an integrations folder, keeps the rule's confidence
    assert.deepEqual(await run("const LRU = require('lru-cache');\nmodule.exports = new LRU();\n", 'plugins/token/extensionAzure/cache.js'), [['1:22', 'high']]);
    assert.deepEqual(await run(azure, 'lib/azure/index.js'), [['2:23', 'high']]);
  });

  it('shows at low confidence an opt-in storage adapter: named after its store, in a storage folder, loaded by no other file', async () => {
    // reconstruction of a chat-bot framework's storage/: memory.js and mongo.js (mongodb declared) beside redis.js,
    // which the user requires by its path when they pick Redis
    const reg = registryWith({ 'npm:redis': {}, 'npm:better-sqlite3': {} });
    const base = { 'package.json': '{ "name": "chat-bot-kit", "main": "index.js", "dependencies": { "mongodb": "^3.5.7" } }', 'index.js': "module.exports = require('./lib/bot');\n", 'lib/bot.js': 'module.exports = {};\n', 'storage/memory.js': 'module.exports = {};\n' };
    const run = async (code: string, path: string, extra: Record<string, string> = {}) => {
      const files = { ...base, ...extra, [path]: code };
      const project = new MemoryProject(files);
      return (await depFindings(ID, { code, path, files, registry: reg, services: { project, workspace: new ProjectIndex(project) } })).map((x) => [at([x])[0], x.confidence, x.ruleId]);
    };
    const redis = "const Redis = require('redis');\nmodule.exports = (url) => Redis.createClient({ url });\n";
    assert.deepEqual(await run(redis, 'storage/redis.js'), [['1:24', 'low', ID]]);
    assert.deepEqual(await run(redis, 'lib/stores/redis-store.js'), [['1:24', 'low', ID]]);
    // loaded by the package's own code, or a store the file is not named after, it keeps the rule's confidence
    assert.deepEqual(await run(redis, 'storage/redis.js', { 'lib/bot.js': "const store = require('../storage/redis');\nmodule.exports = { store };\n" }), [['1:24', 'high', ID]]);
    assert.deepEqual(await run("const Database = require('better-sqlite3');\nmodule.exports = Database;\n", 'storage/SqliteCryptoStore.js'), [['1:27', 'high', ID]]);
    assert.deepEqual(await run(redis, 'lib/redis.js'), [['1:24', 'high', ID]]);
  });

  it("shows at low confidence an opt-in entry point's SDK: a published entry named after it, loaded only by its shims", async () => {
    // reconstructions of a SQL Server client's native-driver entry (a root file loading lib/<driver>/) and of a GraphQL
    // client's Relay subpath export: the user who imports that entry installs the SDK
    const reg = registryWith({ 'npm:nativesql': {}, 'npm:relay-runtime': {}, 'npm:lru-cache': {} });
    const base = { 'package.json': '{ "name": "sqlclient", "main": "index.js", "dependencies": { "tds": "1" } }', 'index.js': "module.exports = require('./lib/tds');\n", 'lib/tds/index.js': "module.exports = require('tds');\n" };
    const run = async (code: string, path: string, extra: Record<string, string> = {}) => {
      const files = { ...base, ...extra, [path]: code };
      const project = new MemoryProject(files);
      return conf({ code, path, files, registry: reg, services: { project, workspace: new ProjectIndex(project) } });
    };
    const driver = "const native = require('nativesql');\nmodule.exports = class Pool { open() { return native.open(); } };\n";
    const entry = { 'nativesql.js': "module.exports = require('./lib/nativesql');\n", 'lib/nativesql/index.js': "module.exports = require('./pool');\n" };
    assert.deepEqual(await run(driver, 'lib/nativesql/pool.js', entry), [['1:25', 'low']]);
    const relay = "import { Observable } from 'relay-runtime';\nexport const sub = () => new Observable(() => {});\n";
    const exported = { 'package.json': '{ "name": "gqlclient", "exports": { ".": "./index.js", "./subscriptions/relay": "./subscriptions/relay/index.js" } }' };
    assert.deepEqual(await run(relay, 'subscriptions/relay/index.js', exported), [['1:29', 'low']]);
    // loaded by the package's other code, no entry of that name, or a package the entry is not named after: the rule's confidence
    assert.deepEqual(await run(driver, 'lib/nativesql/pool.js', { ...entry, 'index.js': "module.exports = require('./lib/nativesql');\n" }), [['1:25', 'high']]);
    assert.deepEqual(await run(driver, 'lib/nativesql/pool.js', { 'lib/nativesql/index.js': "module.exports = require('./pool');\n" }), [['1:25', 'high']]);
    assert.deepEqual(await run("const LRU = require('lru-cache');\nmodule.exports = new LRU();\n", 'lib/nativesql/cache.js', entry), [['1:22', 'high']]);
    // a root file named after the vendor is no entry of its own SDK (an ESLint flat config importing @eslint/js)
    const reg2 = registryWith({ 'npm:@eslint/js': {} });
    const config = "const js = require('@eslint/js');\nmodule.exports = [js.configs.recommended];\n";
    const lint = { 'package.json': '{ "name": "sqlclient", "devDependencies": { "eslint": "9" } }', 'eslint.config.js': config };
    const project = new MemoryProject(lint);
    assert.deepEqual(await conf({ code: config, path: 'eslint.config.js', files: lint, registry: reg2, services: { project, workspace: new ProjectIndex(project) } }), [['1:21', 'high']]);
  });

  it("shows at low confidence the imports of a shipped bundle's sources (the bundler resolved them at build time)", async () => {
    // reconstruction of jsreport-authentication's studio/: main.js bundled from main_dev.js, the host left external
    const code = "import Studio from 'jsreport-studio';\nStudio.addEditorComponent('users', {});\n";
    const pkg = { 'package.json': '{ "name": "jsreport-auth", "dependencies": { "passport": "0.4" }, "devDependencies": { "jsreport-studio-dev": "1" } }' };
    const map = JSON.stringify({ version: 3, sources: ['webpack:///webpack/bootstrap', 'webpack:///external "Studio"', 'webpack:///./studio/main_dev.js'], mappings: '' });
    const reg = registryWith({ 'npm:jsreport-studio': {} });
    assert.deepEqual(await conf({ code, path: 'studio/main_dev.js', files: { ...pkg, 'studio/main.js': '', 'studio/main.js.map': map }, registry: reg }), [['1:21', 'low']]);
    // with no bundle listing it the file is the package's own code; nor does a file's own map (one source) count
    assert.deepEqual(await conf({ code, path: 'studio/main_dev.js', files: pkg, registry: reg }), [['1:21', 'high']]);
    const own = JSON.stringify({ version: 3, sources: ['main_dev.js'], mappings: '' });
    assert.deepEqual(await conf({ code, path: 'studio/main_dev.js', files: { ...pkg, 'studio/main.js.map': own }, registry: reg }), [['1:21', 'high']]);
  });

  it("shows at low confidence the browser shims feeding a shipped bundle the `browser` field swaps the main file for", async () => {
    // reduced shape of an object-storage SDK: lib/ is Node's, dist/ the browser's, shims/ (and a vendored HTTP shim) the build's input
    const code = "var inherit = require('inherits');\nmodule.exports = function Req() {};\n";
    const browser = { './lib/client.js': './dist/store-sdk.js', urllib: './shims/xhr.js', fs: false };
    const manifest = (b: object) => JSON.stringify({ name: 'store-sdk', main: './lib/client.js', browser: b, dependencies: { 'stream-http': '2' } });
    const reg = registryWith({ 'npm:inherits': {} });
    const run = (path: string, b: object) => depFindings(ID, { code, path, files: { 'package.json': manifest(b), 'shims/xhr.js': '' }, registry: reg });
    const low = await run('shims/http/lib/request.js', browser);
    assert.deepEqual(low.map((x) => [at([x])[0], x.range.end.character, x.confidence]), [['1:24', 31, 'low']]);
    assert.match(low[0].message, /`inherits` is imported but neither declared/);
    // the main file's folder is Node's code; with main not swapped for a bundle (kept, or a browser twin in lib/), a
    // user's bundler reaches the shims themselves
    assert.deepEqual(await conf({ code, path: 'lib/request.js', files: { 'package.json': manifest(browser) }, registry: reg }), [['1:24', 'high']]);
    assert.deepEqual(await conf({ code, path: 'shims/http/lib/request.js', files: { 'package.json': manifest({ urllib: './shims/xhr.js' }) }, registry: reg }), [['1:24', 'high']]);
    assert.deepEqual(await conf({ code, path: 'shims/http/lib/request.js', files: { 'package.json': manifest({ './lib/client.js': false, urllib: './shims/xhr.js' }) }, registry: reg }), [['1:24', 'high']]);
    assert.deepEqual(await conf({ code, path: 'shims/http/lib/request.js', files: { 'package.json': manifest({ './lib/client.js': './lib/browser.js', urllib: './shims/xhr.js' }) }, registry: reg }), [['1:24', 'high']]);
  });
});
