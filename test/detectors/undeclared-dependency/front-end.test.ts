// undeclared-dependency in published front-end packages (fresh sample of docs themes, admin UIs, Nuxt modules):
// modules a framework's bundler supplies, stories run from a monorepo's Storybook, vue-tsc's emitted declarations.
import assert from 'node:assert/strict';
import { at, depFindings, registryWith } from '../nonexistent-package/deps-harness';
import { MemoryProject } from '../../../server/src/project/memory-project';
import { ProjectIndex } from '../../../server/src/project/workspace-index';

const ID = 'undeclared-dependency';
const conf = async (c: Parameters<typeof depFindings>[1]) => (await depFindings(ID, c)).map((x) => [at([x])[0], x.confidence]);

describe(`${ID}: front-end packages`, () => {
  // the alias names exist on the registry here, so only the alias can account for them
  const registry = registryWith({ 'npm:ra-data-fakerest': {}, 'npm:vue': {}, 'npm:lunr': {}, 'npm:@docusaurus/router': {}, 'npm:@generated/lunr.client': {}, 'npm:@theme/hooks': {} });

  it('passes over the modules docusaurus supplies to a plugin or theme that declares it (@generated, @theme, @docusaurus/router)', async () => {
    // fresh sample: docusaurus-lunr-search's SearchBar (peer @docusaurus/core) and @docusaurus/theme-classic
    const code = "import { useHistory } from '@docusaurus/router';\nimport lunrClient from '@generated/lunr.client';\nimport useSearchQuery from '@theme/hooks/useSearchQuery';\nimport lunr from 'lunr';\n";
    const plugin = { 'package.json': '{ "name": "docusaurus-lunr-search", "dependencies": { "lunr": "^2.3.9" }, "peerDependencies": { "@docusaurus/core": "^3.0.0" } }' };
    assert.deepEqual(await conf({ code, path: 'src/theme/SearchBar/lunar-search.js', files: plugin, registry }), []);
    // without docusaurus declared they are imports like any other
    const other = { 'package.json': '{ "name": "search", "dependencies": { "lunr": "^2.3.9" } }' };
    assert.deepEqual((await conf({ code, path: 'src/theme/SearchBar/lunar-search.js', files: other, registry })).map((x) => x[0]), ['1:29', '2:25', '3:29']);
    // and a real docusaurus package left undeclared still counts beside it
    const real = "import { useThemeConfig } from '@docusaurus/theme-common';\n";
    assert.deepEqual(await conf({ code: real, path: 'src/theme/SearchBar/index.js', files: plugin, registry: registryWith({ 'npm:@docusaurus/theme-common': {} }) }), [['1:33', 'high']]);
  });

  it('shows at low confidence the imports of a story when no manifest declares Storybook (stories run from the monorepo root)', async () => {
    // fresh sample: ra-ui-materialui's *.stories.tsx import ra-data-fakerest, a sibling workspace package
    const code = "import fakeRestDataProvider from 'ra-data-fakerest';\nexport default { title: 'CreateButton' };\n";
    const pkg = { 'package.json': '{ "name": "ra-ui-materialui", "peerDependencies": { "ra-core": "^5" }, "devDependencies": { "typescript": "5" } }' };
    assert.deepEqual(await conf({ code, path: 'src/button/CreateButton.stories.tsx', files: pkg, registry }), [['1:35', 'low']]);
    // a package with its own Storybook runs its stories itself: the import is its to declare
    const own = { 'package.json': '{ "name": "ui", "devDependencies": { "@storybook/react": "8", "typescript": "5" } }' };
    assert.deepEqual(await conf({ code, path: 'src/button/CreateButton.stories.tsx', files: own, registry }), [['1:35', 'high']]);
    // the same import outside a story is the package's own
    assert.deepEqual(await conf({ code, path: 'src/button/CreateButton.tsx', files: pkg, registry }), [['1:35', 'high']]);
  });

  it("shows at low confidence a type vue-tsc's declaration beside its component names (x.d.vue.ts next to x.vue)", async () => {
    // fresh sample: @nuxt/content's dist/runtime/components/ContentPreviewMode.d.vue.ts
    const code = 'import { PropType } from "vue";\ndeclare const __VLS_export: import("vue").DefineComponent<{ a: PropType<string> }>;\nexport default __VLS_export;\n';
    const pkg = { 'package.json': '{ "name": "@nuxt/content", "dependencies": { "defu": "^6" }, "devDependencies": { "nuxt": "^4" } }' };
    const files = { ...pkg, 'dist/runtime/components/ContentPreviewMode.vue': '<template><div /></template>\n' };
    assert.deepEqual(await conf({ code, path: 'dist/runtime/components/ContentPreviewMode.d.vue.ts', files, registry }), [['1:27', 'low'], ['2:37', 'low']]);
    // hand-written too (no component beside it): a declaration names types only, which nothing loads
    assert.deepEqual(await conf({ code, path: 'dist/runtime/components/ContentPreviewMode.d.vue.ts', files: pkg, registry }), [['1:27', 'low'], ['2:37', 'low']]);
  });

  it("shows at low confidence a one-word name that is a file beside the importer (a bundler's module root resolves it)", async () => {
    // fresh sample: a notification widget's src/ imports its siblings by bare name (webpack `resolve.modules: ['src']`,
    // config not shipped): `utils` is src/utils.js, `toast.scss` is src/toast.scss
    const reg = registryWith({ 'npm:utils': {}, 'npm:toast.scss': {}, 'npm:lodash': {} });
    const pkg = { 'package.json': '{ "name": "toasts", "main": "lib/toasts.js", "dependencies": {} }', 'src/utils.js': 'export const q = 1;\n', 'src/toast.scss': '.t {}\n' };
    const code = "import 'toast.scss';\nimport * as Utils from 'utils';\nexport default Utils;\n";
    const f = await depFindings(ID, { code, path: 'src/index.js', files: pkg, registry: reg });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:9', 'low'], ['2:25', 'low']]);
    assert.match(f[1].message, /`utils` is imported but neither declared/);
    // no such file beside it (one in another folder does not count): the npm package's, at the rule's confidence
    assert.deepEqual(await conf({ code, path: 'src/index.js', files: { 'package.json': pkg['package.json'], 'lib/utils.js': '' }, registry: reg }), [['1:9', 'high'], ['2:25', 'high']]);
    assert.deepEqual(await conf({ code: "import _ from 'lodash';\n", path: 'src/index.js', files: pkg, registry: reg }), [['1:16', 'high']]);
    // a wrapper named after the SDK it imports is not itself the module (`src/lodash.js` importing lodash)
    assert.deepEqual(await conf({ code: "import _ from 'lodash';\nexport default _;\n", path: 'src/lodash.js', files: pkg, registry: reg }), [['1:16', 'high']]);
  });

  it('shows at low confidence a framework published as an opt-in entry: an `exports` target or a stub folder named for it', async () => {
    // fresh sample: a slider's `exports["./react"]` → swiper-like `slider-react.mjs` importing react; a gallery's
    // `react/package.json` that only names its `main`
    const reg = registryWith({ 'npm:react': {} });
    const code = "import React, { useRef } from 'react';\nexport const Slider = () => React.createElement('div', { ref: useRef() });\n";
    const run = async (path: string, files: Record<string, string>) => {
      const all = { ...files, [path]: code };
      const project = new MemoryProject(all);
      return conf({ code, path, files: all, registry: reg, services: { project, workspace: new ProjectIndex(project) } });
    };
    const exported = { 'package.json': '{ "name": "slider", "exports": { ".": "./slider.mjs", "./react": { "types": "./slider-react.d.ts", "default": "./slider-react.mjs" } } }', 'slider.mjs': 'export default 1;\n' };
    assert.deepEqual(await run('slider-react.mjs', exported), [['1:32', 'low']]);
    const stub = { 'package.json': '{ "name": "gallery" }', 'react/package.json': '{ "name": "gallery/react", "private": true, "module": "Gallery.es5.js" }' };
    assert.deepEqual(await run('react/Gallery.es5.js', stub), [['1:32', 'low']]);
    // not published (no exports entry, no stub), or a sub-package that declares its own dependencies: the rule's confidence
    assert.deepEqual(await run('slider-react.mjs', { 'package.json': '{ "name": "slider", "main": "slider.mjs" }' }), [['1:32', 'high']]);
    const declares = { 'package.json': '{ "name": "gallery" }', 'react/package.json': '{ "name": "gallery-react", "dependencies": { "gallery": "1" } }' };
    assert.deepEqual(await run('react/Gallery.es5.js', declares), [['1:32', 'high']]);
  });
});
