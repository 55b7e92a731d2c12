// The public surface of a file: what other files can import from it and how they call it. The
// breaking-change rule compares the surface at the baseline with the current one. Pure data, made
// once per file content (the baseline's per blob id): spans are offsets in the text it was made from.
import { ts } from '../core/ts';
import { parsePython } from '../core/parsers';
import type { LanguageId } from '../core/types';
import type { Limits } from './limits';
import { jsSurface } from './surface-js';
import { pySurface, type PyNode } from './surface-python';

export interface Param {
  name: string;
  /** Callers may leave it out: a default, `?`, a rest parameter (`...xs`, `*args`, `**kwargs`). */
  optional: boolean;
  /** `...xs` / `*args` (`rest`), `**kwargs` (`keywords`). */
  variadic?: 'rest' | 'keywords';
  /** The default's source text, whitespace collapsed. */
  default?: string;
  /** Python: how it may be passed. */
  pass?: 'positional' | 'keyword' | 'either';
}

export interface Callable {
  params: Param[];
  async: boolean;
  /** Keys of the object literal every `return` gives (JS) or dict literal (Python); undefined when not all are literals. */
  returns?: string[];
}

interface Named {
  name: string;
  /** The declaration's own name when it differs (a default export's `View`), for messages. */
  local?: string;
  /** Offsets of the declaration's name (where findings go). */
  start: number;
  end: number;
}

export type Entry =
  | (Named & { kind: 'function'; sig: Callable })
  | (Named & { kind: 'class'; ctor?: Callable; methods: Record<string, Named & { sig: Callable }> })
  | (Named & { kind: 'shape'; members: Record<string, { optional: boolean; start: number; end: number }> })
  | (Named & { kind: 'enum'; members: string[] })
  /** A value: with the limits it sets (limits.ts), when it is or holds numbers named like limits. */
  | (Named & { kind: 'value'; limits?: Limits });

export interface Surface {
  /** Exported names (JS `default` included) → what they are. */
  exports: Record<string, Entry>;
  /** Python `__all__`, when the module lists it. */
  all?: { names: string[]; start: number; end: number };
}

export type SurfaceLanguage = 'js' | 'python';

export const surfaceLanguage = (id: LanguageId): SurfaceLanguage | undefined =>
  id === 'python' ? 'python' : id.startsWith('javascript') || id.startsWith('typescript') ? 'js' : undefined;

/** Default values compare by their text, whitespace aside. */
export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The surface of a text (parsed here: the baseline's text has no engine session); undefined when it does not parse. */
export function surfaceOfText(text: string, languageId: LanguageId, path: string): Surface | undefined {
  const lang = surfaceLanguage(languageId);
  if (lang === 'js') {
    // Only declarations are read: no parent links, no JSDoc (half the parse time of a full parse).
    const kind = languageId === 'javascript' ? ts.ScriptKind.JS : languageId === 'javascriptreact' ? ts.ScriptKind.JSX : languageId === 'typescriptreact' ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    return jsSurface(ts.createSourceFile(path || 'file.ts', text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, kind));
  }
  if (lang !== 'python') return undefined;
  const tree = parsePython(text);
  if (!tree) return undefined;
  try {
    return pySurface(tree.rootNode as unknown as PyNode, text, { packageInit: /(^|\/)__init__\.pyi?$/.test(path) });
  } finally {
    tree.delete();
  }
}
