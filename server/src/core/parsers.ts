// Parsers the engine hands to detectors lazily: TypeScript for JS/TS, tree-sitter for Python, yaml.
import { ts } from './ts';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { parseAllDocuments, type Document } from 'yaml';
import { editBetween } from './text';
import type { KeptTree } from './trees';
import { bindTreeSitter } from './tree-cursor';
import type { LanguageId } from './types';

function scriptKind(lang: LanguageId): ts.ScriptKind {
  switch (lang) {
    case 'javascript': return ts.ScriptKind.JS;
    case 'javascriptreact': return ts.ScriptKind.JSX;
    case 'typescriptreact': return ts.ScriptKind.TSX;
    default: return ts.ScriptKind.TS;
  }
}

/**
 * A JS/TS file's tree with parent links and without JSDoc: no rule reads a JSDoc comment as code (the type
 * checker parses its own files, JSDoc types included), and JSDoc was a tenth of what a scan's parses
 * allocated (200 MB of 2.2 GB on the bench's 3.8k files). Incremental reparses keep the mode.
 */
export function parseJs(text: string, path: string, lang: LanguageId): ts.SourceFile {
  const sf = ts.createSourceFile(path || 'file.ts', text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKind(lang));
  setParents(sf);
  return sf;
}

/**
 * Sets every node's `parent`, as `createSourceFile(…, setParentNodes: true)` does, without its cost:
 * TypeScript's walk gathers each node's children into a new array through a new closure (`unshift`, one
 * at a time), 550 MB of the 2.2 GB a scan's parses allocated. One stack here, one callback; iterative,
 * so deeply nested code cannot overflow the call stack. Incremental reparses keep TypeScript's own.
 */
function setParents(root: ts.SourceFile): void {
  const stack: ts.Node[] = [root];
  let parent: ts.Node = root;
  const visit = (child: ts.Node): undefined => {
    (child as { parent: ts.Node }).parent = parent;
    stack.push(child);
    return undefined; // a truthy answer would end forEachChild's walk of the node
  };
  while (stack.length) {
    parent = stack.pop()!;
    ts.forEachChild(parent, visit);
  }
}

/**
 * How many incremental reparses a TypeScript tree takes before the next parse starts afresh. A reused
 * node keeps the strings the scanner cut from the text of the version that made it (V8 slices: the
 * whole text stays alive), so a tree carried through many edits holds many old texts: 10 MB over
 * 1,000 edits of a 1,000-line file (bench/memory.mjs). A full parse now and then drops them; about
 * 8 MB of texts at most per file, one full parse per 200 edits of a 1,000-line file.
 */
export function reparsesBeforeFresh(textLength: number): number {
  return Math.max(8, Math.min(200, Math.floor(8_000_000 / Math.max(1, textLength))));
}

/**
 * The next version of a file parsed from the tree of an earlier one (see trees.ts: the old tree is
 * consumed, its nodes now belong to the new one). The same text gives the same tree back.
 */
export function reparseJs(prev: KeptTree<ts.SourceFile>, text: string): ts.SourceFile {
  if (prev.text === text) return prev.tree;
  const { prefix, suffix } = editBetween(prev.text, text);
  const span = { start: prefix, length: prev.text.length - suffix - prefix };
  return ts.updateSourceFile(prev.tree, text, { span, newLength: text.length - suffix - prefix });
}

let pythonParser: Parser | undefined;

/**
 * Load the Python grammar once. tree-sitter's WASM build needs no native compilation, parses
 * incrementally and tolerates broken code, which matters for half-typed completions.
 */
export async function initPython(grammarWasm: Uint8Array, runtimeWasmPath?: string): Promise<void> {
  if (pythonParser) return;
  // emscripten fills the options object with the module's exports: tree-cursor.ts calls them directly.
  const module: Record<string, unknown> = runtimeWasmPath ? { locateFile: () => runtimeWasmPath } : {};
  await Parser.init(module);
  bindTreeSitter(module);
  const lang = await Language.load(grammarWasm);
  const parser = new Parser();
  parser.setLanguage(lang);
  pythonParser = parser;
}

export function pythonReady(): boolean {
  return pythonParser !== undefined;
}

export function parsePython(text: string): Tree | undefined {
  return pythonParser?.parse(text) ?? undefined;
}

/** Row and column (UTF-16 code units, as web-tree-sitter counts them) of offset `at` in `text`. */
function pointAt(text: string, at: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: at - lineStart };
}

/** As `reparseJs`, for Python: the old tree is edited, reused by the parse, then deleted (the caller owned it). */
export function reparsePython(prev: KeptTree<Tree>, text: string): Tree | undefined {
  if (prev.text === text) return prev.tree;
  try {
    const { prefix, suffix } = editBetween(prev.text, text);
    const oldEnd = prev.text.length - suffix;
    const newEnd = text.length - suffix;
    prev.tree.edit({
      startIndex: prefix, oldEndIndex: oldEnd, newEndIndex: newEnd,
      startPosition: pointAt(text, prefix), oldEndPosition: pointAt(prev.text, oldEnd), newEndPosition: pointAt(text, newEnd),
    });
    return pythonParser?.parse(text, prev.tree) ?? undefined;
  } finally {
    prev.tree.delete();
  }
}

export function parseYaml(text: string): Document[] {
  return parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false }) as Document[];
}
