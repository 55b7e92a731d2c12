// core/tree-cursor.ts: the direct cursor reads the same nodes as web-tree-sitter's TreeCursor, keeps
// its state across other tree-sitter calls between walks, and can be deleted after a walk cut short.
import assert from 'node:assert/strict';
import type { Tree } from 'web-tree-sitter';
import { copyModule, copyTree, type PyNode } from '../../server/src/analysis/py-tree';
import { parsePython } from '../../server/src/core/parsers';
import { cursorOf, directCursors, type Cursor } from '../../server/src/core/tree-cursor';
import { testEngine } from '../engine';

const SOURCES = {
  module: 'import os\nfrom a.b import c as d\n\n@app.route("/x")\ndef view(request, *args, k=1, **kw):\n    """Doc."""\n    x = f"{request.GET[\'q\']!r}" % 2\n    return [i for i in x if i]\n\nclass A(B, metaclass=M):\n    async def m(self):\n        try:\n            await g()\n        except (E, F) as e:\n            raise\n',
  broken: 'def f(:\n    x = (1,\n  if y\n\tclass\nreturn "unterminated\n',
  nested: 'x = ' + '['.repeat(200) + ']'.repeat(200) + '\n',
  empty: '',
};

/** Every node in document order: type id, field id and span, read through `c`. */
function visit(c: Cursor): string[] {
  const out: string[] = [];
  c.load();
  try {
    const rec = () => {
      out.push(`${c.typeId}:${c.fieldId}:${c.startIndex}-${c.endIndex}`);
      if (c.gotoFirstChild()) {
        do rec(); while (c.gotoNextSibling());
        c.gotoParent();
      }
    };
    rec();
  } finally {
    c.store();
  }
  return out;
}

const shape = (n: PyNode): unknown => [n.type, n.startIndex, n.endIndex, n.field, n.children.map(shape)];

async function parse(code: string): Promise<Tree> {
  await testEngine();
  return parsePython(code)!;
}

describe('tree-sitter cursor', () => {
  before(testEngine);

  it('calls the WASM exports directly once the Python parser is initialised', () => {
    assert.equal(directCursors(), true);
  });

  for (const [name, code] of Object.entries(SOURCES)) {
    it(`reads the same nodes as web-tree-sitter's TreeCursor (${name})`, async () => {
      const tree = await parse(code);
      const direct = cursorOf(tree);
      const wrapped = cursorOf(tree, false);
      try {
        const a = visit(direct);
        assert.ok(a.length >= 1);
        assert.deepEqual(a, visit(wrapped));
      } finally {
        direct.delete();
        wrapped.delete();
        tree.delete();
      }
    });
  }

  it('takes its state back with store() and puts it back with load(), whatever ran in between', async () => {
    const tree = await parse(SOURCES.module);
    const c = cursorOf(tree);
    try {
      c.load();
      // Down to the first leaf (module → import_statement → `import`), then on to its sibling.
      let depth = 0;
      while (c.gotoFirstChild()) depth++;
      assert.ok(depth >= 2 && c.gotoNextSibling());
      const deep = [c.typeId, c.startIndex, c.endIndex];
      c.store();
      // Other tree-sitter calls overwrite the transfer buffer the direct calls read.
      assert.ok(tree.rootNode.descendantsOfType('call').length > 0);
      c.load();
      assert.deepEqual([c.typeId, c.startIndex, c.endIndex], deep);
      for (let i = 0; i < depth; i++) assert.ok(c.gotoParent());
      assert.deepEqual([c.startIndex, c.endIndex], [0, SOURCES.module.length]);
      c.store();
    } finally {
      c.delete();
      tree.delete();
    }
  });

  it('keeps its place across other tree-sitter calls between walks (a passed-over statement copied later)', async () => {
    const code = SOURCES.module;
    const tree = await parse(code);
    const whole = copyTree(tree, code).root;
    const mod = copyModule(tree, code, () => {}, (top) => top.type === 'function_definition' || top.type === 'class_definition');
    try {
      // Other reads in between use the same transfer buffer.
      assert.ok(tree.rootNode.descendantsOfType('identifier').length > 5);
      for (const top of mod.tops) mod.copy(top);
      assert.deepEqual(mod.tops.map((t) => shape(t.node!)), whole.children.map(shape));
    } finally {
      mod.done();
      tree.delete();
    }
  });

  it('stores its state when a walk is cut short, so deleting it and walking again is safe', async () => {
    const code = Array.from({ length: 400 }, (_, i) => `def f${i}(a):\n    return [a.b(c) for c in range(${i})]\n`).join('');
    const tree = await parse(code);
    try {
      let ticks = 0;
      assert.throws(() => copyModule(tree, code, () => {
        if (++ticks === 3) throw new Error('out of time');
      }), /out of time/);
      // The copy above dropped its cursor without `done()`; a fresh walk still reads the whole tree.
      const again = copyTree(tree, code);
      assert.equal(again.root.children.length, 400);
      assert.equal(again.errors, 0);
    } finally {
      tree.delete();
    }
  });
});
