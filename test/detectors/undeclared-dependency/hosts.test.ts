// undeclared-dependency in documentation and project generators (fresh sample BB): a JSDoc template's code runs inside
// JSDoc, which resolves its own lib and dependencies for it (minami's publish.js, ink-docstrap's plugins); a generator's
// numbered template folders (koa-generator's templates1/, templates2/) belong to the projects it creates; fixtures are
// sample code, as examples are.
import assert from 'node:assert/strict';
import { at, depFindings, registryWith } from '../nonexistent-package/deps-harness';

const ID = 'undeclared-dependency';
const registry = registryWith({ 'npm:jsdoc': {}, 'npm:taffydb': {}, 'npm:underscore': {}, 'npm:koa': {}, 'npm:koa-views': {} });
const conf = async (c: Parameters<typeof depFindings>[1]) => (await depFindings(ID, { registry, ...c })).map((x) => [at([x])[0], x.confidence]);

describe(`${ID}: code run by a host, and generators' templates`, () => {
  const publish = "var helper = require('jsdoc/util/templateHelper');\nvar taffy = require('taffydb').taffy;\nvar _ = require('lodash');\n";
  const theme = { 'package.json': '{ "name": "slate-docs", "description": "A clean JSDoc 3 template", "dependencies": {} }' };

  it("passes over jsdoc/… in a JSDoc template and shows JSDoc's own dependencies at low confidence", async () => {
    // lodash is no JSDoc dependency: the template must declare it
    assert.deepEqual(await conf({ code: publish, path: 'publish.js', files: theme }), [['2:22', 'low'], ['3:18', 'high']]);
    // known by its require of jsdoc/… alone, whatever its manifest says
    const plain = { 'package.json': '{ "name": "slate-docs", "dependencies": {} }' };
    assert.deepEqual(await conf({ code: publish, path: 'publish.js', files: plain }), [['2:22', 'low'], ['3:18', 'high']]);
    // a JSDoc plugin of a theme (keywords jsdoc + theme) requiring underscore
    const plugin = "var _ = require('underscore');\nexports.handlers = {};\n";
    const docstrap = { 'package.json': '{ "name": "docstrap", "keywords": ["bootstrap", "jsdoc", "theme"], "dependencies": {} }' };
    assert.deepEqual(await conf({ code: plugin, path: '_plugins/lends.js', files: docstrap }), [['1:18', 'low']]);
  });

  it('keeps a JSDoc dependency that the declared JSDoc major no longer ships', async () => {
    // fresh sample: fluent-ffmpeg's doc template requires taffydb under "jsdoc": "^4.0.0" (4.0 dropped it)
    const code = "var helper = require('jsdoc/util/templateHelper');\nvar taffy = require('taffydb').taffy;\n";
    const pkg = (jsdoc: string) => ({ 'package.json': `{ "name": "ffmpeg-wrapper", "devDependencies": { "jsdoc": "${jsdoc}" } }` });
    assert.deepEqual(await conf({ code, path: 'tools/jsdoc-template/publish.js', files: pkg('^4.0.0') }), [['2:22', 'high']]);
    // a JSDoc 3 range still ships it
    assert.deepEqual(await conf({ code, path: 'tools/jsdoc-template/publish.js', files: pkg('^3.6.3') }), [['2:22', 'low']]);
  });

  it('keeps the same imports in a package that is no JSDoc template', async () => {
    const code = "var _ = require('underscore');\nvar jsdoc = require('jsdoc');\n";
    const app = { 'package.json': '{ "name": "api-docs", "keywords": ["jsdoc", "express"], "dependencies": {} }' };
    assert.deepEqual(await conf({ code, path: 'lib/build.js', files: app }), [['1:18', 'high'], ['2:22', 'high']]);
  });

  it("a generator's numbered template folders belong to the generated project", async () => {
    const code = "const Koa = require('koa');\nconst views = require('koa-views');\n";
    const generator = { 'package.json': '{ "name": "koa-starter-cli", "bin": { "koa": "./bin/koa" }, "dependencies": { "commander": "^2.20.0" } }' };
    for (const path of ['templates1/js/app.js', 'templates2/js/app.js']) assert.deepEqual(await conf({ code, path, files: generator }), [], path);
    // a folder that only starts like one is the package's own
    assert.deepEqual((await conf({ code, path: 'templatesrc/app.js', files: generator })).map((x) => x[0]), ['1:22', '2:24']);
  });

  it("a fixtures folder's sample code imports what it documents or tests: low confidence", async () => {
    // ink-docstrap's fixtures/ (a demo library its docs are built from) requires dcl and postal
    const code = "var dcl = require('dcl');\n";
    const docs = { 'package.json': '{ "name": "docs-theme", "dependencies": { "moment": "^2.14.1" } }' };
    const reg = registryWith({ 'npm:dcl': {} });
    for (const path of ['fixtures/base/chains.js', 'fixture/mixins/bus.js']) assert.deepEqual(await conf({ code, path, files: docs, registry: reg }), [['1:20', 'low']], path);
    // the package's own code keeps the rule's confidence
    assert.deepEqual(await conf({ code, path: 'lib/chains.js', files: docs, registry: reg }), [['1:20', 'high']]);
  });

  it("a test's data folder holds inputs, such as a module that requires a missing package on purpose: low confidence", async () => {
    // fresh sample BB: a CLI's test/data/ module loaded to check its "package not found" path
    const code = "'use strict'\nrequire('no-such-plugin')\n";
    const cli = { 'package.json': '{ "name": "app-cli", "dependencies": { "commander": "^12.0.0" }, "devDependencies": { "mocha": "^10.0.0" } }' };
    const reg = registryWith({ 'npm:no-such-plugin': {} });
    for (const path of ['test/data/plugin-missing.js', 'tests/resources/loader.js', '__fixtures__/broken.js', 'testdata/broken.js']) {
      assert.deepEqual(await conf({ code, path, files: cli, registry: reg }), [['2:10', 'low']], path);
    }
    // a data folder outside the tests, and a test itself, keep the rule's confidence
    for (const path of ['src/data/plugin-missing.js', 'test/plugin.test.js', 'test/data-loader.js']) {
      assert.deepEqual(await conf({ code, path, files: cli, registry: reg }), [['2:10', 'high']], path);
    }
  });

  it("a Medusa plugin's admin extension (src/admin, dist/admin) is built by the host's admin app: low confidence", async () => {
    // fresh sample HH: a Medusa payment plugin ships dist/admin/ (the bundle @medusajs/admin builds into the host's
    // admin app, which brings react); the plugin declares the builder among its devDependencies
    const code = "import { jsx } from 'react/jsx-runtime';\nimport Stripe from 'stripe';\n";
    const reg = registryWith({ 'npm:react': {}, 'npm:stripe': {} });
    const plugin = { 'package.json': '{ "name": "pay-plugin", "dependencies": { "express": "^4.17.1" }, "devDependencies": { "@medusajs/admin": "^7.1.0" } }' };
    for (const path of ['dist/admin/_virtual_entry.js', 'src/admin/widgets/payments.tsx']) {
      assert.deepEqual(await conf({ code, path, files: plugin, registry: reg }), [['1:22', 'low'], ['2:21', 'low']], path);
    }
    // the plugin's server code, an admin folder deeper down, or a package that declares no admin builder keep the rule's confidence
    assert.deepEqual(await conf({ code, path: 'dist/services/stripe.js', files: plugin, registry: reg }), [['1:22', 'high'], ['2:21', 'high']]);
    assert.deepEqual(await conf({ code, path: 'dist/api/admin/routes.js', files: plugin, registry: reg }), [['1:22', 'high'], ['2:21', 'high']]);
    const app = { 'package.json': '{ "name": "shop", "dependencies": { "express": "^4.17.1" } }' };
    assert.deepEqual(await conf({ code, path: 'src/admin/page.tsx', files: app, registry: reg }), [['1:22', 'high'], ['2:21', 'high']]);
  });

  it("a Remix dev tool's default app entries and a Remix package's views get react from the app's build: low confidence", async () => {
    // fresh sample BD: a Remix dev tool ships the entry files it hands to the app's build when the app has none
    // (config/defaults/entry.client.tsx, found by path.resolve(__dirname, 'config', 'defaults')); they import react and
    // react-dom, which the app's bundle resolves from the app's own manifest
    const reg = registryWith({ 'npm:react': {}, 'npm:react-dom': {}, 'npm:isbot': {}, 'npm:cookie': {} });
    const entry = "import { startTransition } from 'react';\nimport { hydrateRoot } from 'react-dom/client';\nimport { isbot } from 'isbot';\n";
    const tool = { 'package.json': '{ "name": "@remix-run/dev", "dependencies": { "esbuild": "0.17.6" }, "peerDependencies": { "@remix-run/react": "^2.0.0" } }' };
    assert.deepEqual(await conf({ code: entry, path: 'config/defaults/entry.client.tsx', files: tool, registry: reg }), [['1:34', 'low'], ['2:30', 'low'], ['3:24', 'high']]);
    // a package built on Remix (by what it declares) gets the same; its own run-time dependency keeps the rule's confidence
    const lib = { 'package.json': '{ "name": "session-kit", "peerDependencies": { "@remix-run/node": "^2.0.0" } }' };
    const view = "import { useEffect } from 'react';\nimport { serialize } from 'cookie';\n";
    assert.deepEqual(await conf({ code: view, path: 'build/index.js', files: lib, registry: reg }), [['1:28', 'low'], ['2:28', 'high']]);
    // the same imports in a package built on no such host keep the rule's confidence
    const plain = { 'package.json': '{ "name": "session-kit", "dependencies": { "ms": "2" } }' };
    assert.deepEqual(await conf({ code: view, path: 'build/index.js', files: plain, registry: reg }), [['1:28', 'high'], ['2:28', 'high']]);
  });

  it("a Next.js plugin's react and a Nuxt module's Nitro server runtime come from the host's build: low confidence", async () => {
    // fresh sample KK: a Next.js admin package peers on next and imports react (Next's build brings its copy); a Nuxt
    // module's runtime/server code imports h3 and ufo, which the host's Nitro build resolves from Nuxt's own
    const reg = registryWith({ 'npm:react': {}, 'npm:h3': {}, 'npm:ufo': {}, 'npm:drizzle-orm': {} });
    const view = "import { jsx } from 'react/jsx-runtime';\nimport React from 'react';\n";
    const nextPlugin = { 'package.json': '{ "name": "cms-next", "dependencies": { "qs-esm": "7" }, "peerDependencies": { "next": "^15" } }' };
    assert.deepEqual(await conf({ code: view, path: 'dist/views/Account/index.js', files: nextPlugin, registry: reg }), [['1:22', 'low'], ['2:20', 'low']]);
    const server = "import { getQuery } from 'h3';\nimport { withQuery } from 'ufo';\nimport { sql } from 'drizzle-orm';\n";
    const mod = { 'package.json': '{ "name": "nuxt-login-kit", "dependencies": { "@nuxt/kit": "^4", "defu": "^6" } }' };
    assert.deepEqual(await conf({ code: server, path: 'dist/runtime/server/lib/oauth/acme.js', files: mod, registry: reg }), [['1:27', 'low'], ['2:28', 'low'], ['3:22', 'high']]);
    // the module's Node side, and react or h3 in a package built on no such host, keep the rule's confidence
    assert.deepEqual(await conf({ code: server, path: 'dist/module.mjs', files: mod, registry: reg }), [['1:27', 'high'], ['2:28', 'high'], ['3:22', 'high']]);
    const plain = { 'package.json': '{ "name": "widgets", "dependencies": { "qs-esm": "7" } }' };
    assert.deepEqual(await conf({ code: view, path: 'dist/views/index.js', files: plain, registry: reg }), [['1:22', 'high'], ['2:20', 'high']]);
    assert.deepEqual(await conf({ code: server, path: 'dist/runtime/server/a.js', files: plain, registry: reg }), [['1:27', 'high'], ['2:28', 'high'], ['3:22', 'high']]);
  });
});
