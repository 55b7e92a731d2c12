// One walk of a Python file that every syntax rule shares (fact `py-nodes`), like js-nodes.ts for
// JS/TS. tree-sitter walks its tree in WASM quickly, but each `descendantsOfType` walks it whole
// again and every node it returns crosses into JavaScript: a dozen rules each asking for the calls
// was most of the fast tier's time on a Python file. Here the nodes of every type the rules read
// cross once, in source order, and each rule filters them by type. String literals are not among them (a
// quarter of a file's nodes): the one rule about them finds the few it needs from the text.
import type { Node } from 'web-tree-sitter';
import type { DetectorContext, Fact } from '../../core/types';

/** Every node type a Python syntax rule asks for (one list, so one walk serves them all). */
const TYPES = [
  'call', 'assignment', 'attribute', 'pair', 'keyword_argument', 'default_parameter',
  'typed_default_parameter', 'return_statement', 'except_clause', 'comparison_operator', 'import_from_statement',
] as const;
export type PyNodeType = (typeof TYPES)[number];

export interface PyNodes {
  /** The nodes of `types`, in source order (as `descendantsOfType(types)` of the root gives them). */
  of(...types: PyNodeType[]): readonly Node[];
  /** A call's callee as written (`requests.get`), read once for every rule. */
  callee(call: Node): string;
}

export const pyNodes: Fact<PyNodes | undefined> = {
  id: 'py-nodes',
  compute(ctx) {
    const tree = ctx.python();
    if (!tree) return undefined;
    const all = tree.rootNode.descendantsOfType([...TYPES]).filter((n): n is Node => n !== null);
    // `type` crosses into WASM on every read (the node is marshalled, then a call): once per node here, and
    // kept on the node as its own property, so the rules' own `node.type` of these nodes (half of every such
    // read in a Python file's fast tier) is a field load. A node's type never changes.
    const typeOf = all.map((n) => n.type);
    for (let i = 0; i < all.length; i++) Object.defineProperty(all[i], 'type', { value: typeOf[i] });
    ctx.checkBudget();
    const byKey = new Map<string, readonly Node[]>();
    const callees = new Map<number, string>();
    return {
      of(...types) {
        const key = types.join(',');
        let nodes = byKey.get(key);
        if (!nodes) {
          const want = new Set<string>(types);
          nodes = all.filter((_, i) => want.has(typeOf[i]));
          byKey.set(key, nodes);
        }
        return nodes;
      },
      callee(call) {
        let name = callees.get(call.id);
        if (name === undefined) callees.set(call.id, (name = call.childForFieldName('function')?.text ?? ''));
        return name;
      },
    };
  },
};

/** The nodes of `types` from the shared walk; the asking detector declares `py-nodes` in `meta.needs`. */
export function pyNodesOf(ctx: DetectorContext, ...types: PyNodeType[]): readonly Node[] {
  return ctx.get(pyNodes)?.of(...types) ?? [];
}

/** A call's callee text from the shared walk (`''` when there is none). */
export function pyCallee(ctx: DetectorContext, call: Node): string {
  return ctx.get(pyNodes)?.callee(call) ?? call.childForFieldName('function')?.text ?? '';
}

/** A call's arguments: the others in order (splats included), and the keyword ones by name. */
export function pyArgs(call: Node): { positional: Node[]; keywords: Map<string, Node> } {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!a) continue;
    if (a.type !== 'keyword_argument') {
      positional.push(a);
      continue;
    }
    const name = a.childForFieldName('name')?.text;
    const value = a.childForFieldName('value');
    if (name && value && !keywords.has(name)) keywords.set(name, value);
  }
  return { positional, keywords };
}

/**
 * Whether the text a node starts with, up to its first `=` (a binding's target or a keyword's name as written,
 * and more), can match `re` (unanchored, so text that holds the name matches whenever the name does). Read
 * from the file's text at the node's start, which costs no WASM call (`startIndex` comes with the node); with
 * no `=` in reach (a dict pair) the answer is yes.
 */
export function headMay(text: string, start: number, re: RegExp): boolean {
  const head = text.slice(start, start + 200);
  const eq = head.indexOf('=');
  if (eq < 0) return true;
  const name = head.slice(0, eq);
  // An `=` inside a quoted key (`d['a=b'] = …`) is not the binding's: the key may go on past it.
  return re.test(name) || (name.match(/['"]/g)?.length ?? 0) % 2 === 1;
}
