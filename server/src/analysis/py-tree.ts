// tree-sitter's Python tree copied once into plain objects. Every property read on a web-tree-sitter
// node marshals it out of WASM memory, and the lowering reads each node several times; one cursor
// walk that copies type, span, field name and children is cheaper than those reads (~2x here).
import type { Tree } from 'web-tree-sitter';
import { cursorOf } from '../core/tree-cursor';

/**
 * Shared by every leaf, and by every node none of whose children is named: child lists are never
 * changed after the copy (a tree's nodes live until its file is analysed; one array less per leaf
 * is a fifth less to allocate and to carry through the young generation).
 */
const NONE: PyNode[] = [];

export class PyNode {
  constructor(
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly isNamed: boolean,
    readonly field: string | null,
    private readonly source: string,
    /** Comments and punctuation are not copied (`SKIPPED`). */
    readonly children: PyNode[] = NONE,
    /** The named ones among `children`: the same array when all are. */
    readonly namedChildren: PyNode[] = NONE,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  childForFieldName(name: string): PyNode | null {
    return this.children.find((c) => c.field === name) ?? null;
  }

  childrenForFieldName(name: string): PyNode[] {
    return this.children.filter((c) => c.field === name);
  }
}

/** Never read by the lowering, so not copied: punctuation, and comments. */
const SKIPPED = new Set(['(', ')', ',', ':', '[', ']', '{', '}', '.', ';', '=', '->', '@', '"', "'", '\\', 'comment']);
/** Read whole (`.text`): their children (escape sequences) are not copied. */
const LEAVES = new Set(['string_content']);

/** A top-level node of the module: copied, or only located (a statement the caller takes from an earlier lowering). */
export interface TopNode {
  readonly type: string;
  readonly isNamed: boolean;
  readonly start: number;
  readonly end: number;
  /** Absent for a node the caller chose not to copy (`copy` copies it later if needed). */
  node?: PyNode;
  /** ERROR nodes inside it (when copied). */
  errors: number;
}

export interface CopiedModule {
  readonly start: number;
  readonly end: number;
  readonly tops: TopNode[];
  /** Copies a top-level node that was passed over. */
  copy(top: TopNode): void;
  /** Whether the parser recovered from anything (missing tokens are not ERROR nodes). */
  hasError(): boolean;
  /** Frees the cursor. */
  done(): void;
}

type Lang = { types: string[]; fields: Array<string | null>; nodeTypeIsNamed(id: number): boolean };

/**
 * The module's top-level nodes as plain objects; `skip(top)` passes over the ones the caller already
 * has (their type and span are read, nothing inside them).
 */
export function copyModule(tree: Tree, source: string, tick: () => void = () => {}, skip?: (top: TopNode) => boolean): CopiedModule {
  const cursor = cursorOf(tree);
  // Numeric ids cost one WASM call each; their names come from the language's tables.
  const lang = tree.language as unknown as Lang;
  const named = new Map<number, boolean>();
  const isNamedId = (id: number): boolean => {
    let v = named.get(id);
    if (v === undefined) named.set(id, (v = lang.nodeTypeIsNamed(id)));
    return v;
  };
  let errors = 0;
  let visited = 0;
  // Every cursor read is a call into WASM (core/tree-cursor.ts): each node's type id is read once, by its parent's loop.
  const build = (id: number): PyNode => {
    if ((++visited & 1023) === 0) tick();
    const type = lang.types[id] ?? 'ERROR';
    if (type === 'ERROR') errors++;
    const fieldId = cursor.fieldId;
    const startIndex = cursor.startIndex;
    const endIndex = cursor.endIndex;
    let children = NONE;
    let named = NONE;
    if (!LEAVES.has(type) && cursor.gotoFirstChild()) {
      let unnamed = 0;
      do {
        // Skipped nodes are passed over without asking for their spans.
        const child = cursor.typeId;
        const t = lang.types[child];
        if (t !== undefined && SKIPPED.has(t)) continue;
        const node = build(child);
        if (children === NONE) children = [];
        children.push(node);
        if (!node.isNamed) unnamed++;
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
      named = unnamed === 0 ? children : unnamed === children.length ? NONE : children.filter((c) => c.isNamed);
    }
    return new PyNode(type, startIndex, endIndex, isNamedId(id), fieldId ? lang.fields[fieldId] ?? null : null, source, children, named);
  };
  /** Position among the root's children, for copying a passed-over node later. */
  const positions = new Map<TopNode, number>();
  const copyHere = (top: TopNode, id: number) => {
    const before = errors;
    top.node = build(id);
    top.errors = errors - before;
  };
  // The cursor's state is loaded once for the whole walk and stored back even when the budget runs
  // out: its handles move with it, and deleting it with stale ones would free the wrong memory.
  const walk = <T>(f: () => T): T => {
    cursor.load();
    try {
      return f();
    } finally {
      cursor.store();
    }
  };
  const tops: TopNode[] = [];
  let start = 0;
  let end = 0;
  const walkTops = () => {
    start = cursor.startIndex;
    end = cursor.endIndex;
    if (!cursor.gotoFirstChild()) return;
    let i = 0;
    do {
      const id = cursor.typeId;
      const type = lang.types[id] ?? 'ERROR';
      if (!SKIPPED.has(type)) {
        const top: TopNode = { type, isNamed: isNamedId(id), start: cursor.startIndex, end: cursor.endIndex, errors: 0 };
        tops.push(top);
        positions.set(top, i);
        if (!skip?.(top)) copyHere(top, id);
      }
      i++;
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  };
  try {
    walk(walkTops);
  } catch (e) {
    // Nothing to hand back: the caller never gets the cursor to free.
    cursor.delete();
    throw e;
  }
  return {
    start, end, tops,
    copy(top) {
      const at = positions.get(top);
      if (top.node || at === undefined) return;
      walk(() => {
        if (!cursor.gotoFirstChild()) return;
        for (let i = 0; i < at; i++) cursor.gotoNextSibling();
        copyHere(top, cursor.typeId);
        cursor.gotoParent();
      });
    },
    hasError: () => tree.rootNode.hasError,
    done: () => cursor.delete(),
  };
}

/** The whole module as one plain tree (the public-surface readers), and how many ERROR nodes the parser recovered from. */
export function copyTree(tree: Tree, source: string, tick: () => void = () => {}): { root: PyNode; errors: number } {
  const module = copyModule(tree, source, tick);
  try {
    const children: PyNode[] = [];
    let errors = 0;
    for (const top of module.tops) {
      if (top.node) children.push(top.node);
      errors += top.errors;
    }
    const root = new PyNode(tree.rootNode.type, module.start, module.end, true, null, source, children, children.filter((c) => c.isNamed));
    // Missing tokens are not ERROR nodes; the tree still knows it has an error.
    return { root, errors: errors || (module.hasError() ? 1 : 0) };
  } finally {
    module.done();
  }
}
