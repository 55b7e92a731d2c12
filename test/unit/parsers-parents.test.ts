// parseJs sets parent links itself (core/parsers.ts setParents): the same links TypeScript's own
// `setParentNodes` makes, on every node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from '../../server/src/core/ts';
import { parseJs } from '../../server/src/core/parsers';

/** Every node in walk order, with its parent's position in that order (-1: the root). */
function links(sf: ts.SourceFile): Array<[ts.SyntaxKind, number, number]> {
  const order = new Map<ts.Node, number>();
  const out: Array<[ts.SyntaxKind, number, number]> = [];
  const visit = (n: ts.Node): void => {
    order.set(n, out.length);
    out.push([n.kind, n.pos, n.parent ? order.get(n.parent) ?? -2 : -1]);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('core/parsers: parseJs parent links', () => {
  const samples: Array<[string, string, 'javascript' | 'typescript' | 'typescriptreact']> = [
    ['a.ts', readFileSync(join(__dirname, '..', '..', 'server', 'src', 'analysis', 'interpret.ts'), 'utf8'), 'typescript'],
    ['b.js', 'const { a, b: [c, ...d] = [] } = require("x");\nclass K extends B { @dec m(p = 1) { return p?.q ?? `t${p}`; } }\nlabel: for (const x of y) { if (x) continue label; }\n', 'javascript'],
    ['c.tsx', 'export default function C<T>({ n }: { n: T }) { return <div a={n as any} {...rest}>{n}<br /></div>; }\n', 'typescriptreact'],
    ['d.ts', 'function broken( {\n  const x = [1, 2\n  if (x', 'typescript'],
  ];
  for (const [path, text, lang] of samples) {
    it(`links every node to the parent TypeScript links it to (${path})`, () => {
      const own = parseJs(text, path, lang);
      const theirs = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, lang === 'javascript' ? ts.ScriptKind.JS : lang === 'typescriptreact' ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      const a = links(own);
      assert.ok(a.length > 10, `${a.length} nodes`);
      assert.deepEqual(a, links(theirs));
      assert.ok(a.slice(1).every(([, , p]) => p >= 0), 'every node but the root has its parent');
    });
  }

  it('links a deeply nested expression up to the file', () => {
    const depth = 400;
    const sf = parseJs(`x = ${'['.repeat(depth)}1${']'.repeat(depth)};`, 'deep.js', 'javascript');
    let innermost: ts.Node = sf;
    const down = (n: ts.Node): void => {
      innermost = n;
      ts.forEachChild(n, down);
    };
    down(sf);
    assert.equal(innermost.kind, ts.SyntaxKind.EndOfFileToken);
    let literal: ts.Node | undefined;
    const find = (n: ts.Node): void => {
      if (ts.isNumericLiteral(n)) literal = n;
      else ts.forEachChild(n, find);
    };
    find(sf);
    let up = 0;
    for (let p: ts.Node | undefined = literal; p; p = p.parent) up++;
    assert.ok(up > depth, `${up} links up from the innermost literal`);
    assert.equal(literal!.getSourceFile(), sf);
  });
});
