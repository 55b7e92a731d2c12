// The shared JS/TS walk (detectors/shared/js-nodes.ts): `walkJsKinds` visits exactly the nodes of the
// asked kinds, in the order a recursive walk meets them, whatever order the kinds are listed in, and
// passes over the listed nodes inside one whose children its visitor skips, as the full walk does.
import assert from 'node:assert/strict';
import { Engine } from '../../server/src/core/engine';
import type { Detector } from '../../server/src/core/types';
import { ts } from '../../server/src/core/ts';
import { jsNodes, SKIP_CHILDREN, walkJs, walkJsKinds } from '../../server/src/detectors/shared/js-nodes';

const meta = { title: 'Walker', family: 'insecure-default', severity: 'warning', confidence: 'high', needs: ['js-nodes'] } satisfies Detector['meta'];
const code = "const a = f(1);\nclass C { m() { return new D(g(a)); } }\nh({ k: 'v' }, i());\n";

async function seen(visit: (ctx: Parameters<Detector['run'] & {}>[0], out: string[]) => void, text = code): Promise<string[]> {
  const out: string[] = [];
  const detector: Detector = { id: 'walker', meta, languages: ['javascript'], run: (ctx) => visit(ctx, out) };
  const r = await new Engine([detector]).analyzeTiers({ text, languageId: 'javascript', path: 'a.js' }, {});
  assert.deepEqual(r.notices, []);
  return out;
}

describe('detectors/shared/js-nodes: walkJsKinds', () => {
  it('visits the nodes of the asked kinds in source order, as the full walk meets them', async () => {
    const K = ts.SyntaxKind;
    const kinds = [K.NewExpression, K.CallExpression, K.ObjectLiteralExpression];
    const text = (n: ts.Node) => `${K[n.kind]} ${n.getText()}`;
    const full = await seen((ctx, out) => walkJs(ctx, (n) => void (kinds.includes(n.kind) && out.push(text(n)))));
    const indexed = await seen((ctx, out) => walkJsKinds(ctx, kinds, (n) => void out.push(text(n))));
    assert.deepEqual(indexed, full);
    assert.deepEqual(indexed, ['CallExpression f(1)', 'NewExpression new D(g(a))', 'CallExpression g(a)', "CallExpression h({ k: 'v' }, i())", "ObjectLiteralExpression { k: 'v' }", 'CallExpression i()']);
    // One kind, and a kind the file does not have.
    assert.deepEqual(await seen((ctx, out) => walkJsKinds(ctx, [K.NewExpression], (n) => void out.push(text(n)))), ['NewExpression new D(g(a))']);
    assert.deepEqual(await seen((ctx, out) => walkJsKinds(ctx, [K.WhileStatement], (n) => void out.push(text(n)))), []);
  });

  it('skips a subtree where the visitor asks, past more nodes than the index first made room for', async () => {
    const K = ts.SyntaxKind;
    // Two characters a node: more nodes than the index's first guess from the text's length, with a subtree skipped
    // before the index grows and one after.
    const text = `f(g(b), [${'a,'.repeat(3000)}]);\nh(c);\n`;
    const skip = (n: ts.Node) => n.kind === K.ArrayLiteralExpression || (n.kind === K.CallExpression && (n as ts.CallExpression).expression.getText() === 'g');
    const expected: string[] = [];
    const sf = ts.createSourceFile('a.js', text, ts.ScriptTarget.Latest, true);
    const walk = (n: ts.Node): void => {
      expected.push(K[n.kind]);
      if (!skip(n)) ts.forEachChild(n, walk);
    };
    ts.forEachChild(sf, walk);
    const walked = await seen((ctx, out) => walkJs(ctx, (n) => (out.push(K[n.kind]), skip(n) ? SKIP_CHILDREN : undefined)), text);
    assert.deepEqual(walked, expected);
    assert.deepEqual(walked, ['ExpressionStatement', 'CallExpression', 'Identifier', 'CallExpression', 'ArrayLiteralExpression', 'ExpressionStatement', 'CallExpression', 'Identifier', 'Identifier', 'EndOfFileToken']);
    // The same kinds through the index, all 3,000 of them.
    assert.equal((await seen((ctx, out) => walkJsKinds(ctx, [K.Identifier], (n) => void out.push(n.getText())), text)).length, 3005);
  });
  it('passes over the asked nodes inside a node whose children the visitor skips, and no others', async () => {
    const K = ts.SyntaxKind;
    // The skipped call's arguments hold calls (nested two deep); the calls after it, and a sibling that starts
    // right where it ends, are still visited.
    const text = "a(b(c()), d());e(f());\ng();\n";
    const kinds = [K.CallExpression];
    const skip = (n: ts.Node) => (n as ts.CallExpression).expression.getText() === 'a' || (n as ts.CallExpression).expression.getText() === 'e';
    const name = (n: ts.Node) => (n as ts.CallExpression).expression.getText();
    const full = await seen((ctx, out) => walkJs(ctx, (n) => (n.kind === K.CallExpression ? (out.push(name(n)), skip(n) ? SKIP_CHILDREN : undefined) : undefined)), text);
    const indexed = await seen((ctx, out) => walkJsKinds(ctx, kinds, (n) => (out.push(name(n)), skip(n) ? SKIP_CHILDREN : undefined)), text);
    assert.deepEqual(indexed, full);
    assert.deepEqual(indexed, ['a', 'e', 'g']);
    // Without the skip every call is visited.
    assert.deepEqual(await seen((ctx, out) => walkJsKinds(ctx, kinds, (n) => void out.push(name(n))), text), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });
});

describe('detectors/shared/js-nodes: the index of an edited file', () => {
  // Each version's index, as a plain list: kind, span and subtree end of every node.
  const shape = (nodes: readonly ts.Node[], after: ArrayLike<number>) => nodes.map((n, i) => `${ts.SyntaxKind[n.kind]} ${n.pos}-${n.end} ${after[i]}`);
  const fresh = (text: string) => {
    const nodes: ts.Node[] = [];
    const after: number[] = [];
    const walk = (n: ts.Node): void => {
      const i = nodes.length;
      nodes.push(n);
      ts.forEachChild(n, walk);
      after[i] = nodes.length;
    };
    ts.forEachChild(ts.createSourceFile('a.js', text, ts.ScriptTarget.Latest, true), walk);
    return shape(nodes, after);
  };

  it('equals a fresh walk along edits that an incremental reparse mostly reuses', async () => {
    const got: Array<{ nodes: readonly ts.Node[]; shape: string[] }> = [];
    const detector: Detector = {
      id: 'walker', meta, languages: ['javascript'],
      run: (ctx) => { const x = ctx.get(jsNodes)!; got.push({ nodes: x.nodes, shape: shape(x.nodes, x.after) }); },
    };
    const engine = new Engine([detector]);
    let text = "const a = f(1);\nfunction g(x) { return x + 1; }\napp.get('/', (req, res) => res.send(g(2)));\nh({ k: 'v' });\n";
    const edits: Array<(t: string) => string> = [
      (t) => t.replace('x + 1', 'x + 2 * y'), // inside one statement
      (t) => t.replace("h({ k: 'v' });", "h({ k: 'v' });\nconst z = [1, 2];"), // a new statement at the end
      (t) => `// head\n${t}`, // every statement moves
      (t) => t.replace('function g(x) {', 'function g(x) { if (!x) {'), // broken
      (t) => t.replace('if (!x) {', 'if (!x) {}'), // mended
      (t) => t.replace('const a = f(1);\n', ''), // a statement removed
    ];
    const versions: Array<readonly ts.Node[]> = [];
    for (let i = 0; i <= edits.length; i++) {
      if (i > 0) text = edits[i - 1](text);
      engine.analyze({ text, languageId: 'javascript', path: 'a.js' }, { incremental: true });
      assert.deepEqual(got[got.length - 1].shape, fresh(text), `after edit ${i}`);
      versions.push(got[got.length - 1].nodes);
    }
    // The untouched statements' nodes are the last version's objects (their lists were copied, not walked).
    const [before, after] = [versions[0], versions[1]];
    const call = (list: readonly ts.Node[]) => list.find((n) => ts.isCallExpression(n) && n.expression.getText() === 'h');
    assert.ok(call(before) && call(before) === call(after), 'a reused statement keeps its nodes');
  });
});
