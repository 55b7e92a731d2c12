// `@types/x` declares `x` wherever only types are needed (issue 10): declaration files, `import { type A }`.
import assert from 'node:assert/strict';
import { at, depFindings, registryWith } from '../nonexistent-package/deps-harness';

const ID = 'undeclared-dependency';
const files = { 'package.json': '{ "devDependencies": { "@types/express": "4" } }', 'node_modules/express/package.json': '{"version":"4.0.0"}' };

describe(`${ID}: types`, () => {
  it('accepts @types/x for every import of a .d.ts file and for imports whose names are all `type`', async () => {
    assert.deepEqual(at(await depFindings(ID, { code: "import { Request } from 'express';\nexport declare function h(r: Request): void;\n", path: 'src/types.d.ts', files })), []);
    assert.deepEqual(at(await depFindings(ID, { code: "import { type Request, type Response } from 'express';\nexport const ok = 1;\n", path: 'src/a.ts', files })), []);
  });

  it('still wants the runtime package for a value import, even next to type-only names', async () => {
    assert.deepEqual(at(await depFindings(ID, { code: "import express, { type Request } from 'express';\nexport const app = express();\n", path: 'src/a.ts', files })), ['1:40']);
    assert.deepEqual(at(await depFindings(ID, { code: "import { Router, type Request } from 'express';\nexport const r = Router();\n", path: 'src/a.ts', files })), ['1:39']);
  });
});

describe(`${ID}: emitted declarations`, () => {
  const code = 'declare function _default(): import("express-serve-static-core").Router;\nexport default _default;\n';
  const pkg = { 'package.json': '{ "dependencies": { "express": "4" }, "devDependencies": { "typescript": "5" } }' };
  const registry = registryWith({ 'npm:express-serve-static-core': { latest: '0.1.1' } });

  it('shows at low confidence a type a .d.ts beside its compiled .js names from an undeclared package (the compiler spelled out an inferred type)', async () => {
    const f = await depFindings(ID, { code, path: 'lib/server/controllers/url.d.ts', files: { ...pkg, 'lib/server/controllers/url.js': 'export default () => {};\n' }, registry });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:38', 'low']]);
  });

  it('shows a hand-written declaration\'s at low confidence too: every import of a .d.ts is a type, which nothing loads', async () => {
    const f = await depFindings(ID, { code, path: 'types/url.d.ts', files: { ...pkg, 'types/url.ts': '' }, registry });
    assert.deepEqual(f.map((x) => [at([x])[0], x.confidence]), [['1:38', 'low']]);
  });
});

describe(`${ID}: the extension host's module`, () => {
  it('takes `vscode` as declared by @types/vscode, and only by it', async () => {
    const ext = { 'package.json': '{ "engines": { "vscode": "^1.90.0" }, "devDependencies": { "@types/vscode": "^1.90.0" } }' };
    assert.deepEqual(at(await depFindings(ID, { code: "const vscode = require('vscode');\nexports.activate = () => vscode.window;\n", path: 'src/extension.js', files: ext })), []);
    const other = { 'package.json': '{ "devDependencies": { "@types/node": "20" } }', 'node_modules/vscode/package.json': '{"version":"1.1.37"}' };
    assert.deepEqual(at(await depFindings(ID, { code: "const vscode = require('vscode');\n", path: 'src/extension.js', files: other })), ['1:25']);
  });
});
