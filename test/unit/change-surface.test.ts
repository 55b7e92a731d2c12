// Public surfaces (server/src/change): what JS/TS and Python files export and how they are called,
// the same whether read from web-tree-sitter's nodes (the baseline) or the copied tree (the editor).
import assert from 'node:assert/strict';
import { copyTree } from '../../server/src/analysis/py-tree';
import { surfaceOfText } from '../../server/src/change/surface';
import { pySurface } from '../../server/src/change/surface-python';
import { parsePython } from '../../server/src/core/parsers';
import { testEngine } from '../engine';

const PY = [
  "__all__ = ['f', 'Model']",
  'def f(a, b: int = 2, /, c=3, *args, d, e: str = "x", **kw):',
  '    def inner():',
  '        return 1',
  '    if a:',
  "        return {'x': 1}",
  "    return {'y': 2}",
  '',
  '@dataclass',
  'class Model:',
  '    name: str',
  "    size: int = 0",
  '    def save(self, to, *, force=False): pass',
  '    @property',
  '    def label(self): return self.name',
  '    def _hidden(self): pass',
  '',
  'async def g(): return [1]',
  'def _private(): pass',
  'LIMIT = 10',
  '',
].join('\n');

describe('change/surface', () => {
  before(async () => {
    await testEngine();
  });

  it('Python: parameters by kind, returned dict keys, dataclass constructor, public methods, __all__', () => {
    const s = surfaceOfText(PY, 'python', 'app/m.py')!;
    assert.deepEqual(Object.keys(s.exports), ['f', 'Model', 'g', 'LIMIT']);
    const f = s.exports.f as Extract<typeof s.exports[string], { kind: 'function' }>;
    assert.deepEqual(f.sig.params.map((p) => `${p.name}:${p.pass ?? p.variadic}:${p.optional}`), ['a:positional:false', 'b:positional:true', 'c:either:true', 'args:rest:true', 'd:keyword:false', 'e:keyword:true', 'kw:keywords:true']);
    assert.deepEqual(f.sig.returns, ['x', 'y']);
    const m = s.exports.Model as Extract<typeof s.exports[string], { kind: 'class' }>;
    assert.deepEqual(m.ctor?.params.map((p) => `${p.name}:${p.optional}`), ['name:false', 'size:true']);
    assert.deepEqual(Object.keys(m.methods), ['save']);
    assert.equal((s.exports.g as { sig: { async: boolean } }).sig.async, true);
    assert.deepEqual(s.all?.names, ['f', 'Model']);
  });

  it('Python: the same surface from web-tree-sitter nodes and from the copied tree', () => {
    const tree = parsePython(PY)!;
    try {
      assert.deepEqual(JSON.parse(JSON.stringify(pySurface(copyTree(tree, PY).root, PY))), JSON.parse(JSON.stringify(surfaceOfText(PY, 'python', 'm.py'))));
    } finally {
      tree.delete();
    }
  });

  it('JS/TS: ES and CommonJS exports, defaults, rest, async, returned keys, classes, interfaces, enums', () => {
    const ts = surfaceOfText([
      'export async function load(path: string, opts?: { a: 1 }, ...rest: string[]) { return { data: 1, ok: true }; }',
      'export default class Client { constructor(url: string) {} get(p = "/") {} private x() {} #y() {} _z() {} }',
      'export interface Options { retries?: number; verbose: boolean }',
      'export enum Mode { Fast, Safe }',
      'const helper = () => 1;',
      'export { helper as util };',
      "export { other } from './other';",
    ].join('\n'), 'typescript', 'a.ts')!;
    assert.deepEqual(Object.keys(ts.exports), ['load', 'default', 'Options', 'Mode', 'util', 'other']);
    const load = ts.exports.load as { sig: { async: boolean; returns?: string[]; params: Array<{ name: string; optional: boolean }> } };
    assert.deepEqual([load.sig.async, load.sig.returns, load.sig.params.map((p) => p.optional)], [true, ['data', 'ok'], [false, true, true]]);
    assert.deepEqual(Object.keys((ts.exports.default as { methods: object }).methods), ['get']);
    assert.equal((ts.exports.default as { local?: string }).local, 'Client');
    assert.deepEqual((ts.exports.Options as { members: Record<string, { optional: boolean }> }).members.verbose.optional, false);
    const cjs = surfaceOfText('function a(x, y = 1) {}\nmodule.exports = { a, b: (z) => z };\nexports.c = function (q) {};\n', 'javascript', 'm.js')!;
    assert.deepEqual(Object.keys(cjs.exports), ['a', 'b', 'c']);
  });
});
