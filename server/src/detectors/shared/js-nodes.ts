// One walk of a JS/TS file that every syntax rule shares: its nodes in source order (fact `js-nodes`),
// so the rules loop over an array instead of each walking the whole tree (a walk per rule was most of
// the fast tier's syntax time on a dense file). The exposure rules read a subset (`js-exposure-nodes`).
import { ts } from '../../core/ts';
import type { DetectorContext, Fact } from '../../core/types';

export interface JsNodes {
  /** Every node below the source file, in the order a recursive `forEachChild` walk visits them. */
  readonly nodes: readonly ts.Node[];
  /** `after[i]`: the index just past node i's subtree (where a walk that skips its children goes on). */
  readonly after: readonly number[];
  /** The nodes of these kinds, in source order (listed once per set of kinds). */
  of(kinds: readonly ts.SyntaxKind[]): readonly ts.Node[];
}

export const jsNodes: Fact<JsNodes | undefined> = {
  id: 'js-nodes',
  compute(ctx) {
    const sf = ctx.js();
    if (!sf) return undefined;
    const nodes: ts.Node[] = [];
    const after: number[] = [];
    const visit = (node: ts.Node): void => {
      // The clock is read once every 64 nodes.
      const i = nodes.length;
      if ((i & 63) === 0) ctx.checkBudget();
      nodes.push(node);
      after.push(0);
      ts.forEachChild(node, visit);
      after[i] = nodes.length;
    };
    ts.forEachChild(sf, visit);
    // Positions of each kind, listed when a rule first asks for kinds (one pass over the nodes).
    let byKind: Map<ts.SyntaxKind, number[]> | undefined;
    const sets = new Map<string, readonly ts.Node[]>();
    const of = (kinds: readonly ts.SyntaxKind[]): readonly ts.Node[] => {
      const key = kinds.join(',');
      let out = sets.get(key);
      if (out) return out;
      if (!byKind) {
        byKind = new Map();
        for (let i = 0; i < nodes.length; i++) {
          const k = nodes[i].kind;
          const at = byKind.get(k);
          if (at) at.push(i);
          else byKind.set(k, [i]);
        }
      }
      const at = kinds.flatMap((k) => byKind!.get(k) ?? []);
      if (kinds.length > 1) at.sort((a, b) => a - b);
      sets.set(key, (out = at.map((i) => nodes[i])));
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
 * `visit` on the nodes of `kinds` only, in source order (nothing is skipped), from the shared index:
 * for rules that look at a few kinds of node, the others cost them nothing. Declares `js-nodes` too.
 */
export function walkJsKinds(ctx: DetectorContext, kinds: readonly ts.SyntaxKind[], visit: (node: ts.Node) => void): void {
  const nodes = ctx.get(jsNodes)?.of(kinds) ?? [];
  for (let i = 0; i < nodes.length; i++) {
    if ((i & 63) === 0) ctx.checkBudget();
    visit(nodes[i]);
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
