// Parsers the engine hands to detectors lazily: TypeScript for JS/TS, tree-sitter for Python, yaml.
import { ts } from './ts';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { parseAllDocuments, type Document } from 'yaml';
import type { LanguageId } from './types';

function scriptKind(lang: LanguageId): ts.ScriptKind {
  switch (lang) {
    case 'javascript': return ts.ScriptKind.JS;
    case 'javascriptreact': return ts.ScriptKind.JSX;
    case 'typescriptreact': return ts.ScriptKind.TSX;
    default: return ts.ScriptKind.TS;
  }
}

export function parseJs(text: string, path: string, lang: LanguageId): ts.SourceFile {
  return ts.createSourceFile(path || 'file.ts', text, ts.ScriptTarget.Latest, true, scriptKind(lang));
}

let pythonParser: Parser | undefined;

/**
 * Load the Python grammar once. tree-sitter's WASM build needs no native compilation, parses
 * incrementally and tolerates broken code, which matters for half-typed completions.
 */
export async function initPython(grammarWasm: Uint8Array, runtimeWasmPath?: string): Promise<void> {
  if (pythonParser) return;
  await Parser.init(runtimeWasmPath ? { locateFile: () => runtimeWasmPath } : undefined);
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

export function parseYaml(text: string): Document[] {
  return parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false }) as Document[];
}
