// undeclared-dependency and the host model (rules/hosts/hosts.json), per host family: an import the host supplies to
// its plugin, theme or app is shown at low confidence (a peer dependency is still the right fix); the same import in a
// package built on no such host, or another module in the plugin, keeps the rule's confidence. Reconstructions of the
// shapes seen in fresh samples (FF, KK, LL), not copies of their code.
import assert from 'node:assert/strict';
import { at, depFindings, registryWith } from '../nonexistent-package/deps-harness';

const ID = 'undeclared-dependency';
const names = ['nuxt', '@nuxt/kit', '@theme/helpers', 'react-router-dom', '@strapi/design-system', 'vscode', 'obsidian', '@codemirror/view', '@strapi/helper-plugin', '@strapi/utils', 'react', 'react-dom', 'gatsby', 'next', 'eslint', 'vite', '@emotion/css', 'date-fns', 'vue', 'h3', 'lodash', 'markdown-it'];
const registry = registryWith(Object.fromEntries(names.map((n) => [`npm:${n}`, {}])));
const conf = async (code: string, path: string, manifest: object) =>
  (await depFindings(ID, { code, path, files: { 'package.json': JSON.stringify(manifest) }, registry })).map((x) => [at([x])[0], x.confidence]);
const plain = { name: 'widgets', dependencies: { qs: '6' } };

/** [family, plugin manifest, file, code, confidences in the plugin, in source order]; the same code in `plain` fires high. */
const CASES: readonly [string, object, string, string, readonly string[]][] = [
  ['a VS Code extension (engines.vscode, no @types/vscode)', { name: 'my-ext', engines: { vscode: '^1.80.0' } }, 'out/extension.js',
    "const vscode = require('vscode');\nconst _ = require('lodash');\n", ['low', 'high']],
  ['an Obsidian plugin (obsidian and CodeMirror are the app\'s)', { name: 'obsidian-tasks-lite', devDependencies: { obsidian: 'latest' } }, 'src/editor.ts',
    "import { EditorView } from '@codemirror/view';\nimport _ from 'lodash';\nexport const v = EditorView;\nexport const l = _;\n", ['low', 'high']],
  ['a Strapi plugin\'s admin folder (the admin panel build brings its UI)', { name: 'strapi-plugin-menus', peerDependencies: { '@strapi/strapi': '^4' } }, 'admin/src/index.js',
    "import { prefixPluginTranslations } from '@strapi/helper-plugin';\nimport _ from 'lodash';\nexport default { p: prefixPluginTranslations, _ };\n", ['low', 'high']],
  ['a Gatsby plugin (gatsby and react are the site\'s)', { name: 'gatsby-plugin-banner', dependencies: { qs: '6' } }, 'gatsby-browser.js',
    "import { navigate } from 'gatsby';\nimport React from 'react';\nimport _ from 'lodash';\nexport { navigate, React, _ };\n", ['low', 'low', 'high']],
  ['a Next.js plugin named for it (next/* is the host)', { name: 'next-page-seo', peerDependencies: { react: '>=16' } }, 'lib/head.js',
    "import Head from 'next/head';\nimport _ from 'lodash';\nexport { Head, _ };\n", ['low', 'high']],
  ['a Payload plugin (fresh sample YY: its admin UI is bundled by the Next.js app Payload runs in)', { name: '@acme/payload-plugin-audit', dependencies: { '@payloadcms/ui': '3' }, peerDependencies: { payload: '^3' } },
    'dist/ui/AuditLink.js', "'use client';\nimport React from 'react';\nimport { useRouter } from 'next/navigation.js';\nimport _ from 'lodash';\nexport { React, useRouter, _ };\n", ['low', 'low', 'high']],
  ['an ESLint plugin (the linter loads it)', { name: 'eslint-plugin-tidy', dependencies: { qs: '6' } }, 'lib/rules/no-foo.js',
    "const { Linter } = require('eslint');\nconst md = require('markdown-it');\n", ['low', 'high']],
  ['a Vite plugin by its keywords', { name: 'icons-kit', keywords: ['vite-plugin'], dependencies: { qs: '6' } }, 'dist/index.mjs',
    "import { normalizePath } from 'vite';\nimport _ from 'lodash';\nexport { normalizePath, _ };\n", ['low', 'high']],
  ['a Grafana panel (Grafana shares its UI packages)', { name: 'acme-clock-panel', dependencies: { '@grafana/data': '^10' } }, 'src/ClockPanel.tsx',
    "import { css } from '@emotion/css';\nimport { format } from 'date-fns';\nexport const a = [css, format];\n", ['low', 'high']],
  ['a Nuxt module known by its keywords (runtime/server: Nitro brings h3)', { name: 'tiny-mod', keywords: ['nuxt-module'], dependencies: { defu: '6' } }, 'dist/runtime/server/api/x.get.js',
    "import { getQuery } from 'h3';\nimport _ from 'lodash';\nexport { getQuery, _ };\n", ['low', 'high']],
  ['a VitePress theme (vue is the site\'s)', { name: 'vitepress-theme-lite', peerDependencies: { vitepress: '^1' } }, 'src/index.ts',
    "import { h } from 'vue';\nimport _ from 'lodash';\nexport const a = [h, _];\n", ['low', 'high']],
];

describe(`${ID}: modules a host framework supplies (the host model)`, () => {
  for (const [family, manifest, path, code, expected] of CASES) {
    it(`${family}: low confidence; elsewhere an import like any other`, async () => {
      const inPlugin = await conf(code, path, manifest);
      assert.deepEqual(inPlugin.map((x) => x[1]), expected);
      assert.deepEqual(await conf(code, path, plain), inPlugin.map(([p]) => [p, 'high']));
    });
  }

  it("a Strapi plugin's server code keeps the rule's confidence for the host's packages", async () => {
    const manifest = { name: 'strapi-plugin-menus', peerDependencies: { '@strapi/strapi': '^4' } };
    assert.deepEqual((await conf("const utils = require('@strapi/utils');\n", 'server/services/menu.js', manifest)).map((x) => x[1]), ['high']);
  });

  it('a Nuxt module\'s server runtime (the held-out FF rows: h3 in runtime/server and runtime/plugins) is the host\'s', async () => {
    const manifest = { name: '@acme/nuxt-db', dependencies: { '@nuxt/kit': '^3', defu: '^6' } };
    const code = "import { getCookie } from 'h3';\nexport { getCookie };\n";
    for (const path of ['dist/runtime/server/services/client.js', 'dist/runtime/plugins/db.server.js', 'dist/runtime/utils/cookies.js']) {
      assert.deepEqual((await conf(code, path, manifest)).map((x) => x[1]), ['low'], path);
    }
    // the module's Node side (a dev-server handler in dist/chunks) requires it itself: its to declare
    assert.deepEqual((await conf(code, 'dist/chunks/dev.mjs', manifest)).map((x) => x[1]), ['high']);
  });
  it("fresh sample LL: a Nuxt module's runtime imports nuxt/app (the app it is compiled into); its module.mjs still owes @nuxt/kit", async () => {
    const manifest = { name: '@acme/scripts', dependencies: { defu: '^6' }, devDependencies: { '@nuxt/kit': '^4' } };
    const code = "import { useNuxtApp } from 'nuxt/app';\nexport { useNuxtApp };\n";
    assert.deepEqual((await conf(code, 'dist/runtime/composables/useThing.js', manifest)).map((x) => x[1]), ['low']);
    const booster = { name: 'nuxt-speedup', dependencies: { defu: '^6' }, devDependencies: { nuxt: '^4' } };
    const kit = "import { defineNuxtModule } from '@nuxt/kit';\nexport default defineNuxtModule({});\n";
    assert.deepEqual((await conf(kit, 'dist/module.mjs', booster)).map((x) => x[1]), ['high']);
  });

  it("fresh sample LL: a VuePress theme known by its name alone (no vuepress declared) gets the theme aliases", async () => {
    const code = "import { filterPosts } from '@theme/helpers/postData';\nimport matter from 'gray-matter';\nexport { filterPosts, matter };\n";
    const theme = { name: 'vuepress-theme-notes', dependencies: { md5: '^2' } };
    const reg = registryWith({ 'npm:@theme/helpers': {}, 'npm:gray-matter': {} });
    const run = async (m: object) => (await depFindings(ID, { code, path: 'helpers/index.js', files: { 'package.json': JSON.stringify(m) }, registry: reg })).map((x) => x.confidence);
    assert.deepEqual(await run(theme), ['high']);
    assert.deepEqual(await run(plain), ['high', 'high']);
  });

  it("fresh sample LL: a Strapi plugin's admin/src (no keyword, named strapi-plugin-*) gets react-router-dom and the design system", async () => {
    const code = "import { useHistory } from 'react-router-dom';\nimport { Box } from '@strapi/design-system';\nexport { useHistory, Box };\n";
    const manifest = { name: 'strapi-plugin-io', dependencies: { lodash: '4' }, peerDependencies: { '@strapi/strapi': '^4' } };
    assert.deepEqual((await conf(code, 'admin/src/pages/Home.js', manifest)).map((x) => x[1]), ['low', 'low']);
    assert.deepEqual((await conf(code, 'admin/src/pages/Home.js', plain)).map((x) => x[1]), ['high', 'high']);
  });

  it("fresh sample YY: a Strapi 3 plugin's admin/src gets what the admin build aliases (react-router, yup), not prop-types or codemirror", async () => {
    const code = "import { useParams } from 'react-router';\nimport * as yup from 'yup';\nimport PropTypes from 'prop-types';\nimport CodeMirror from 'codemirror';\n" +
      "export { useParams, yup, PropTypes, CodeMirror };\n";
    const reg = registryWith({ 'npm:react-router': {}, 'npm:yup': {}, 'npm:prop-types': {}, 'npm:codemirror': {} });
    const run = async (path: string, m: object) => (await depFindings(ID, { code, path, files: { 'package.json': JSON.stringify(m) }, registry: reg })).map((x) => x.confidence);
    const manifest = { name: 'strapi-plugin-pages', dependencies: { 'react-router-dom': '^5' }, peerDependencies: { strapi: '3.6.x' } };
    assert.deepEqual(await run('admin/src/hooks/usePage.js', manifest), ['low', 'low', 'high', 'high']);
    // the plugin's server side, and the same admin file in a package on no host, keep the rule's confidence
    assert.deepEqual(await run('services/page.js', manifest), ['high', 'high', 'high', 'high']);
    assert.deepEqual(await run('admin/src/hooks/usePage.js', plain), ['high', 'high', 'high', 'high']);
  });

  it("fresh sample AS: a Jest spec's @jest/globals comes from Jest's runtime when the package declares jest", async () => {
    // a diagram CLI's specs import the test globals from @jest/globals with only `jest` among its devDependencies
    const code = "import { describe, expect, test } from '@jest/globals';\nimport tmp from 'tmp-promise';\nexport { describe, expect, test, tmp };\n";
    const reg = registryWith({ 'npm:@jest/globals': {}, 'npm:tmp-promise': {} });
    const run = async (m: object) =>
      (await depFindings(ID, { code, path: 'src/render.spec.js', files: { 'package.json': JSON.stringify(m) }, registry: reg })).map((x) => [at([x])[0], x.range.end.character, x.confidence]);
    const withJest = { name: 'diagram-cli', dependencies: { chalk: '5' }, devDependencies: { jest: '^30.0.5' } };
    assert.deepEqual(await run(withJest), [['1:41', 53, 'low'], ['2:18', 28, 'high']]);
    // no Jest declared (mocha runs the specs): nothing answers the import but node_modules
    const withMocha = { name: 'diagram-cli', dependencies: { chalk: '5' }, devDependencies: { mocha: '^11' } };
    assert.deepEqual(await run(withMocha), [['1:41', 53, 'high'], ['2:18', 28, 'high']]);
  });
});
