// The JS/TS node index's lists (js-nodes.ts): a file's nodes in walk order, built from each top-level
// statement's own list, and positions by kind.
import { ts } from '../../core/ts';

/** A top-level statement's nodes in walk order, and where each one's subtree ends (counted from the statement). */
interface Listed {
  readonly nodes: readonly ts.Node[];
  readonly after: Int32Array;
}

/**
 * Each top-level statement's list, kept with the statement node. An incremental reparse (parsers.ts
 * `reparseJs`) hands back the statements an edit did not touch as the same objects with the same
 * children (moved in place), so the next version's index copies their lists instead of walking them
 * again. Held weakly: a list goes with its statement.
 */
const listed = new WeakMap<ts.Node, Listed>();

function listStatement(statement: ts.Node, checkBudget: () => void): Listed {
  const nodes: ts.Node[] = [];
  // Positions are numbers in typed arrays: outside the JavaScript heap, never scanned or copied by the
  // garbage collector (a file's index lives while every rule runs; as arrays they were a tenth of a scan's allocation).
  let after = new Int32Array(16);
  const visit = (node: ts.Node): void => {
    // The clock is read once every 64 nodes.
    const i = nodes.length;
    if ((i & 63) === 0) checkBudget();
    nodes.push(node);
    if (i === after.length) {
      const grown = new Int32Array(after.length * 2);
      grown.set(after);
      after = grown;
    }
    ts.forEachChild(node, visit);
    after[i] = nodes.length;
  };
  visit(statement);
  return { nodes, after: after.slice(0, nodes.length) };
}

/** Every node below the source file in walk order, and where each one's subtree ends. */
export function listFile(sf: ts.SourceFile, checkBudget: () => void): { nodes: ts.Node[]; after: Int32Array } {
  const parts: Listed[] = [];
  let total = 0;
  ts.forEachChild(sf, (statement) => {
    let part = listed.get(statement);
    if (!part) listed.set(statement, (part = listStatement(statement, checkBudget)));
    parts.push(part);
    total += part.nodes.length;
  });
  const nodes = new Array<ts.Node>(total);
  const after = new Int32Array(total);
  let base = 0;
  for (const part of parts) {
    for (let i = 0; i < part.nodes.length; i++) {
      nodes[base + i] = part.nodes[i];
      after[base + i] = part.after[i] + base;
    }
    base += part.nodes.length;
  }
  return { nodes, after };
}

/** Each kind's positions among `nodes`, in order (indexed by kind: a map's look-ups per node were most of the index's cost). */
export function indexByKind(nodes: readonly ts.Node[]): (Int32Array | undefined)[] {
  const counts = new Int32Array(ts.SyntaxKind.Count + 1);
  for (let i = 0; i < nodes.length; i++) counts[nodes[i].kind]++;
  const byKind: (Int32Array | undefined)[] = new Array(counts.length).fill(undefined);
  for (let k = 0; k < counts.length; k++) if (counts[k]) byKind[k] = new Int32Array(counts[k]);
  counts.fill(0);
  for (let i = 0; i < nodes.length; i++) {
    const k = nodes[i].kind;
    byKind[k]![counts[k]++] = i;
  }
  return byKind;
}

