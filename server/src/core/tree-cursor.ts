// A tree-sitter cursor for walks that read every node (copying a Python tree into plain objects).
//
// web-tree-sitter's TreeCursor keeps its state in JavaScript and, on every read or move, writes it
// into the WASM module's transfer buffer, calls the C function, and reads it back: about 30 heap
// reads and writes per node for a walk that reads type, span and field. The C functions read and
// write that buffer themselves, so a walk that makes no other tree-sitter call in between can load
// the state once, call them directly, and store it back at the end: the same walk, ~3x faster.
//
// Rules:
// - `load()` before the first read and `store()` after the last, with no other tree-sitter call in
//   between (any of them may overwrite the transfer buffer); a walk that calls out (a budget tick
//   does not) stores first and loads again.
// - The direct path needs the module web-tree-sitter was initialised with (`bindTreeSitter`) and
//   the exports it calls; without them every call goes through the TreeCursor as before.
import type { Tree, TreeCursor } from 'web-tree-sitter';

/** The WASM exports the direct path calls (web-tree-sitter 0.25's binding; each takes the tree pointer). */
interface Binding {
  _ts_init(): number;
  getValue(ptr: number, type: 'i32'): number;
  setValue(ptr: number, value: number, type: 'i32'): void;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
}

const NEEDED: Array<keyof Binding> = [
  '_ts_init', 'getValue', 'setValue', '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm', '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm', '_ts_tree_cursor_goto_parent_wasm',
];

let binding: Binding | undefined;
let transfer = 0;

/**
 * Called with the options object given to `Parser.init`: emscripten fills that object with the
 * module's exports. Ignored when it lacks any export the direct path needs (another version).
 */
export function bindTreeSitter(module: Record<string, unknown>): void {
  if (!NEEDED.every((k) => typeof module[k] === 'function')) return;
  binding = module as unknown as Binding;
  transfer = binding._ts_init();
}

/** Cursor moves and reads over one tree. */
export interface Cursor {
  readonly typeId: number;
  readonly fieldId: number;
  readonly startIndex: number;
  readonly endIndex: number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  /** Puts the cursor's state where the calls read it (before a walk). */
  load(): void;
  /** Takes the state back (after a walk, before any other tree-sitter call). */
  store(): void;
  delete(): void;
}

type Handles = TreeCursor & { [i: number]: number; tree: Tree & { [i: number]: number } };

/** Whether cursors call the WASM exports directly (web-tree-sitter was initialised by `initPython`). */
export function directCursors(): boolean {
  return binding !== undefined;
}

/** A cursor at the root of `tree`; `direct: false` goes through web-tree-sitter's TreeCursor (tests compare the two). */
export function cursorOf(tree: Tree, direct = true): Cursor {
  const c = tree.walk() as Handles;
  const b = direct ? binding : undefined;
  if (!b) return viaTreeCursor(c);
  const t = c.tree[0];
  return {
    get typeId() { return b._ts_tree_cursor_current_node_type_id_wasm(t); },
    get fieldId() { return b._ts_tree_cursor_current_field_id_wasm(t); },
    get startIndex() { return b._ts_tree_cursor_start_index_wasm(t); },
    get endIndex() { return b._ts_tree_cursor_end_index_wasm(t); },
    gotoFirstChild: () => b._ts_tree_cursor_goto_first_child_wasm(t) === 1,
    gotoNextSibling: () => b._ts_tree_cursor_goto_next_sibling_wasm(t) === 1,
    gotoParent: () => b._ts_tree_cursor_goto_parent_wasm(t) === 1,
    load() { for (let i = 0; i < 4; i++) b.setValue(transfer + 4 * i, c[i], 'i32'); },
    store() { for (let i = 0; i < 4; i++) c[i] = b.getValue(transfer + 4 * i, 'i32'); },
    delete: () => c.delete(),
  };
}

function viaTreeCursor(c: TreeCursor): Cursor {
  return {
    get typeId() { return c.nodeTypeId; },
    get fieldId() { return c.currentFieldId; },
    get startIndex() { return c.startIndex; },
    get endIndex() { return c.endIndex; },
    gotoFirstChild: () => c.gotoFirstChild(),
    gotoNextSibling: () => c.gotoNextSibling(),
    gotoParent: () => c.gotoParent(),
    load() {},
    store() {},
    delete: () => c.delete(),
  };
}
