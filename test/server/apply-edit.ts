// A tiny WorkspaceEdit applier for tests: TextEdits by URI (`changes`) and `documentChanges`
// (TextDocumentEdit, CreateFile). Files are a Map uri -> text; a missing file is an error unless created.
import type { CreateFile, Position, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

function offsetAt(text: string, p: Position): number {
  let line = 0;
  let i = 0;
  while (line < p.line) {
    const nl = text.indexOf('\n', i);
    if (nl === -1) throw new Error(`line ${p.line} is past the end of the text`);
    i = nl + 1;
    line++;
  }
  const lineEnd = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
  if (i + p.character > lineEnd) throw new Error(`character ${p.character} is past the end of line ${p.line}`);
  return i + p.character;
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].end > spans[i - 1].start) throw new Error('overlapping edits');
  }
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** Applies `edit` to a copy of `files`; returns the new contents. */
export function applyWorkspaceEdit(edit: WorkspaceEdit, files: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(files);
  const apply = (uri: string, edits: readonly TextEdit[]): void => {
    const text = out.get(uri);
    if (text === undefined) throw new Error(`edit to a file that does not exist: ${uri}`);
    out.set(uri, applyTextEdits(text, edits));
  };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unsupported resource operation ${change.kind}`);
      const c = change as CreateFile;
      if (out.has(c.uri) && !c.options?.overwrite) {
        if (!c.options?.ignoreIfExists) throw new Error(`create of an existing file: ${c.uri}`);
        continue;
      }
      out.set(c.uri, '');
    } else {
      const d = change as TextDocumentEdit;
      apply(d.textDocument.uri, d.edits as TextEdit[]);
    }
  }
  return out;
}
