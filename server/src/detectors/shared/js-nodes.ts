// One walk of a JS/TS file that every syntax rule shares: its nodes in source order (fact `js-nodes`),
// so the rules loop over an array instead of each walking the whole tree (a walk per rule was most of
// the fast tier's syntax time on a dense file). The exposure rules read a subset (`js-exposure-nodes`).
import { ts } from '../../core/ts';
import type { DetectorContext, Fact } from '../../core/types';
import { indexByKind, listFile } from './js-node-lists';

export interface JsNodes {
  /** Every node below the source file, in the order a recursive `forEachChild` walk visits them. */
  readonly nodes: readonly ts.Node[];
  /** `after[i]`: the index just past node i's subtree (where a walk that skips its children goes on). */
  readonly after: ArrayLike<number>;
  /** The nodes of these kinds, in source order (listed once per set of kinds). */
  of(kinds: readonly ts.SyntaxKind[]): readonly ts.Node[];
}

export const jsNodes: Fact<JsNodes | undefined> = {
  id: 'js-nodes',
  compute(ctx) {
    const sf = ctx.js();
    if (!sf) return undefined;
    const { nodes, after } = listFile(sf, ctx.checkBudget);
    // Positions of each kind, listed when a rule first asks for kinds (two passes over the nodes: count, then fill).
    let byKind: (Int32Array | undefined)[] | undefined;
    const sets = new Map<string, readonly ts.Node[]>();
    const of = (kinds: readonly ts.SyntaxKind[]): readonly ts.Node[] => {
      const key = kinds.join(',');
      let out = sets.get(key);
      if (out) return out;
      byKind ??= indexByKind(nodes);
      const lists = kinds.map((k) => byKind![k]).filter((x): x is Int32Array => !!x);
      let at: Int32Array;
      if (lists.length === 1) at = lists[0];
      else {
        at = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
        let n = 0;
        for (const l of lists) {
          at.set(l, n);
          n += l.length;
        }
        at.sort();
      }
      out = new Array<ts.Node>(at.length);
      for (let i = 0; i < at.length; i++) (out as ts.Node[])[i] = nodes[at[i]];
      sets.set(key, out);
      return out;
    };
    return { nodes, after, of };
  },
};

/** Returned by a `walkJs` visitor to pass over the node's children. */
export const SKIP_CHILDREN = 1;

/**
 * `visit` on every node of the file in a recursive walk's order (the source file itself excepted),
 * from the shared index; a visitor returning SKIP_CHILDREN is not called on that node's descendants.
 * The asking detector declares `js-nodes` in `meta.needs`.
 */
export function walkJs(ctx: DetectorContext, visit: (node: ts.Node) => typeof SKIP_CHILDREN | void): void {
  const index = ctx.get(jsNodes);
  if (!index) return;
  const { nodes, after } = index;
  for (let i = 0; i < nodes.length; i++) {
    if ((i & 63) === 0) ctx.checkBudget();
    if (visit(nodes[i]) === SKIP_CHILDREN) i = after[i] - 1;
  }
}

/**
 * `visit` on the nodes of `kinds` only, in source order, from the shared index: for rules that look at a
 * few kinds of node, the others cost them nothing. A visitor returning SKIP_CHILDREN is not called on the
 * listed nodes inside that node (those that start before it ends). Declares `js-nodes` too.
 */
export function walkJsKinds(ctx: DetectorContext, kinds: readonly ts.SyntaxKind[], visit: (node: ts.Node) => typeof SKIP_CHILDREN | void): void {
  const nodes = ctx.get(jsNodes)?.of(kinds) ?? [];
  let skipTo = -1;
  for (let i = 0; i < nodes.length; i++) {
    if ((i & 63) === 0) ctx.checkBudget();
    const node = nodes[i];
    if (node.pos < skipTo) continue;
    if (visit(node) === SKIP_CHILDREN) skipTo = node.end;
  }
}

/**
 * What the exposure rules' JS/TS syntax looks at (error details and records in responses, secrets in
 * logs): calls, `new`, plain assignments and variable declarations with a value, in source order.
 */
export const jsExposureNodes: Fact<readonly ts.Node[] | undefined> = {
  id: 'js-exposure-nodes',
  compute(ctx) {
    const index = ctx.get(jsNodes);
    if (!index) return undefined;
    const { CallExpression: CALL, NewExpression: NEW, BinaryExpression: BINARY, EqualsToken: EQUALS, VariableDeclaration: DECLARATION } = ts.SyntaxKind;
    return index.nodes.filter((node) => {
      const kind = node.kind;
      return kind === CALL || kind === NEW || (kind === BINARY && (node as ts.BinaryExpression).operatorToken.kind === EQUALS)
        || (kind === DECLARATION && !!(node as ts.VariableDeclaration).initializer);
    });
  },
};
