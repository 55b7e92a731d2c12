// The open-document store, with a size cap: every edit rebuilds the document's text, so a 20 MB
// document cost O(size) per keystroke (11 s for 200 edits; issue 7). Past the cap the server keeps
// only the document's version (its text is empty here) and says once that it is not analysed; a
// full-text change back under the cap (or reopening) brings it back.
import type { TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** Characters of one open document the server keeps and analyses (the engine skips past 2 MB anyway). */
export const MAX_DOCUMENT_CHARS = 4_000_000;

/** Documents over the cap → their size when the text was dropped. */
const oversized = new WeakMap<TextDocument, number>();

/** The size of a document whose text was dropped for the cap, or undefined for a normal one. */
export function oversizedChars(doc: TextDocument): number | undefined {
  return oversized.get(doc);
}

function capped(doc: TextDocument): TextDocument {
  const size = doc.getText().length;
  if (size <= MAX_DOCUMENT_CHARS) return doc;
  const empty = TextDocument.create(doc.uri, doc.languageId, doc.version, '');
  oversized.set(empty, size);
  return empty;
}

function isFull(change: TextDocumentContentChangeEvent): boolean {
  return !('range' in change) || change.range === undefined;
}

export const cappedDocuments: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => capped(TextDocument.create(uri, languageId, version, content)),
  update(doc, changes, version) {
    if (!oversized.has(doc)) return capped(TextDocument.update(doc, changes, version));
    // Incremental edits of a dropped text cannot be applied: only a full text starts over.
    const full = changes.map(isFull).lastIndexOf(true);
    if (full < 0) {
      TextDocument.update(doc, [], version);
      return doc;
    }
    const restart = TextDocument.create(doc.uri, doc.languageId, version, changes[full].text);
    return capped(TextDocument.update(restart, changes.slice(full + 1), version));
  },
};
