// Parsing from the last version's tree (core/parsers.ts reparseJs/reparsePython, core/trees.ts) gives
// the tree a parse from scratch gives: along random edit sequences over real files (typing, deleting,
// pasting lines, non-ASCII text, broken and mended syntax), every node's kind and span are the same.
// And the kept trees follow their rules: one owner, bounded, disposed when dropped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import { parseJs, parsePython, reparseJs, reparsePython, reparsesBeforeFresh } from '../../server/src/core/parsers';
import { KeptTrees } from '../../server/src/core/trees';
import { ts } from '../../server/src/core/ts';
import { testEngine } from '../engine';
import { random } from '../random';

const HELDOUT = join(__dirname, '..', 'flows', 'heldout');
const read = (name: string) => readFileSync(join(HELDOUT, name), 'utf8');

const PIECES = ['x', ' ', '\n', '(', ')', '{', '}', '"', "'", '`', 'é', '🙂', 'const q = req.query.id;\n', '    return x\n', '# ', '// ', '/*', ':', 'def f(a):\n    pass\n'];

/** The next text: an insert, a deletion or a replacement at a random place. */
function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const kind = next();
  const piece = PIECES[Math.floor(next() * PIECES.length)];
  if (kind < 0.5) return text.slice(0, at) + piece + text.slice(at);
  const len = Math.min(text.length - at, 1 + Math.floor(next() * 40));
  // Never split a surrogate pair: editors never do.
  const cut = (i: number) => (i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]) ? i + 1 : i);
  const from = cut(at);
  const to = Math.max(from, cut(at + len));
  return text.slice(0, from) + (kind < 0.75 ? '' : piece) + text.slice(to);
}

function jsShape(sf: ts.SourceFile): string {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    out.push(`${n.kind}:${n.pos}-${n.end}`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out.join(' ');
}

function pyShape(tree: Tree): string {
  const out: string[] = [];
  const visit = (n: Node): void => {
    out.push(`${n.type}:${n.startIndex}-${n.endIndex}:${n.startPosition.row}.${n.startPosition.column}${n.isError ? '!' : ''}`);
    for (const c of n.children) if (c) visit(c);
  };
  visit(tree.rootNode);
  return out.join(' ');
}

describe('incremental parsing', function () {
  this.timeout(120_000);
  before(() => testEngine());

  for (const [file, languageId] of [['express.js', 'javascript'], ['nestjs.controller.ts', 'typescript']] as const) {
    it(`JS/TS (${file}): 150 random edits, each reparsed tree equals a fresh parse`, () => {
      for (const seed of [1, 2, 3]) {
        const next = random(seed);
        let text = read(file);
        let kept = { text, languageId, tree: parseJs(text, 'a.ts', languageId) };
        for (let i = 0; i < 50; i++) {
          text = edit(text, next);
          const tree = reparseJs(kept, text);
          assert.equal(tree.text, text);
          assert.equal(jsShape(tree), jsShape(parseJs(text, 'a.ts', languageId)), `seed ${seed}, edit ${i}`);
          kept = { text, languageId, tree };
        }
      }
    });
  }

  it('JS: the same text gives the same tree back, without parsing', () => {
    const text = read('express.js');
    const tree = parseJs(text, 'a.js', 'javascript');
    assert.equal(reparseJs({ text, languageId: 'javascript', tree }, text), tree);
  });

  it('JS: a tree carried through reparsesBeforeFresh edits is parsed afresh next (old texts let go), then carried again', async () => {
    const engine = await testEngine();
    const path = 'src/generations.js';
    let text = read('express.js');
    const limit = reparsesBeforeFresh(text.length);
    assert.ok(limit >= 8 && limit <= 200, `limit ${limit}`);
    engine.analyze({ text, languageId: 'javascript', path }, { incremental: true });
    const seen: Array<{ generation: number | undefined; first: ts.Statement }> = [];
    for (let i = 0; i < limit + 3; i++) {
      text += `// edit ${i}\n`;
      engine.analyze({ text, languageId: 'javascript', path }, { incremental: true });
      const kept = engine.trees.take<ts.SourceFile>(path, 'js', 'javascript')!;
      seen.push({ generation: kept.generation, first: kept.tree.statements[0] });
      engine.trees.put(path, 'js', kept);
    }
    engine.trees.delete(path);
    const generations = seen.map((s) => s.generation);
    assert.deepEqual(generations, [...Array.from({ length: limit }, (_, i) => i + 1), 0, 1, 2]);
    // Incremental reparses reuse the unedited first statement; the fresh parse makes a new one.
    const reused = seen.map((s, i) => i > 0 && s.first === seen[i - 1].first);
    assert.deepEqual(reused, [false, ...Array.from({ length: limit - 1 }, () => true), false, true, true]);
  });

  for (const file of ['flask_app.py', 'django_views.py']) {
    it(`Python (${file}): 150 random edits, each reparsed tree equals a fresh parse`, () => {
      for (const seed of [1, 2, 3]) {
        const next = random(seed);
        let text = read(file);
        let kept = { text, languageId: 'python' as const, tree: parsePython(text)! };
        for (let i = 0; i < 50; i++) {
          text = edit(text, next);
          const tree = reparsePython(kept, text)!;
          const fresh = parsePython(text)!;
          try {
            assert.equal(pyShape(tree), pyShape(fresh), `seed ${seed}, edit ${i}`);
          } finally {
            fresh.delete();
          }
          kept = { text, languageId: 'python', tree };
        }
        kept.tree.delete();
      }
    });
  }
});

describe('kept trees (core/trees.ts)', () => {
  const tree = (name: string, log: string[]) => ({ text: name, languageId: 'python' as const, tree: name, dispose: () => log.push(name) });

  it('take hands the tree over once: a second take finds nothing, nothing is disposed', () => {
    const log: string[] = [];
    const kept = new KeptTrees();
    kept.put('a.py', 'python', tree('t1', log));
    assert.equal(kept.take('a.py', 'python', 'python')?.tree, 't1');
    assert.equal(kept.take('a.py', 'python', 'python'), undefined);
    assert.deepEqual(log, []);
  });

  it('a newer tree replaces and disposes the older; another parser or path is another slot', () => {
    const log: string[] = [];
    const kept = new KeptTrees();
    kept.put('a.py', 'python', tree('t1', log));
    kept.put('a.py', 'js', tree('j1', log));
    kept.put('b.py', 'python', tree('b1', log));
    kept.put('a.py', 'python', tree('t2', log));
    assert.deepEqual(log, ['t1']);
    assert.equal(kept.size, 3);
    assert.equal(kept.take('a.py', 'python', 'python')?.tree, 't2');
  });

  it('a tree of another language is disposed, not handed over', () => {
    const log: string[] = [];
    const kept = new KeptTrees();
    kept.put('a.js', 'js', { ...tree('t1', log), languageId: 'javascript' });
    assert.equal(kept.take('a.js', 'js', 'typescript'), undefined);
    assert.deepEqual(log, ['t1']);
  });

  it('bounded: the least recently kept paths are disposed first; delete disposes a path\'s trees', () => {
    const log: string[] = [];
    const kept = new KeptTrees(2);
    kept.put('a', 'python', tree('a', log));
    kept.put('b', 'python', tree('b', log));
    kept.put('c', 'python', tree('c', log));
    assert.deepEqual(log, ['a']);
    kept.put('c', 'js', tree('cj', log));
    assert.deepEqual(log, ['a', 'b']);
    kept.delete('c');
    assert.deepEqual(log, ['a', 'b', 'c', 'cj']);
    assert.equal(kept.size, 0);
  });
});
