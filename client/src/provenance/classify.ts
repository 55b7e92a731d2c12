// Decides where one document change came from, from a plain description of the event (no 'vscode'
// import, so the heuristics are unit-tested). The stable API has no "inline suggestion accepted"
// event; this reads the edit's shape and what the editor did around it, and says how sure it is.
import type { Confidence } from '../../../server/src/core/types';

export type ChangeKind = 'completion' | 'paste' | 'agent' | 'typed' | 'ignore';

/** How the selection change that followed the edit was caused; 'none' = no selection change came. */
export type SelectionKind = 'keyboard' | 'mouse' | 'command' | 'other' | 'none';

export interface ChangeFact {
  /** Text that replaced the range (already narrowed: the common prefix/suffix with the old text removed). */
  text: string;
  /** The replaced text was non-empty (IntelliSense replaces the typed word; ghost text usually inserts). */
  replacedLength: number;
  /** The cursor (before the edit) was inside or at the edges of the changed range. */
  atCursor: boolean;
}

export interface ChangeDescription {
  changes: ChangeFact[];
  reason?: 'undo' | 'redo';
  /** Vouch applied this edit itself (quick fix, suppression, review command), or save participants
   *  (format on save, fix-all on save) ran. */
  ownEdit?: boolean;
  selectionKind: SelectionKind;
  /** After the edit: the selection is empty and sits at the end of the inserted text. */
  cursorAtInsertEnd?: boolean;
  /** Clipboard text read right after the edit, when it could be read. */
  clipboard?: string;
  /** A paste into this document was announced by the paste edit provider. */
  pasteHint?: boolean;
  /** The clipboard text was copied from a workspace document in this editor (a move, not new code). */
  copiedInEditor?: boolean;
  /** The document was reloaded from disk (changed by a tool outside the editor). */
  fromDisk?: boolean;
  /** Many files changed at once (branch switch, formatter run): not attributed to an agent. */
  bulk?: boolean;
  /** The edit arrived while Vouch's own Tab binding ran VS Code's accept command (precise mode). */
  preciseAccept?: boolean;
}

export interface Classification { kind: ChangeKind; confidence?: Confidence }

/** A completion must add at least this many non-whitespace characters… */
export const MIN_COMPLETION_CHARS = 12;
/** …or span two lines with at least this many (`\n  return x;` counts; Enter plus indent does not). */
export const MIN_MULTILINE_CHARS = 4;
/** Agent/external edits must add this much in total: one-line quick fixes (an import) stay typed. */
export const MIN_AGENT_CHARS = 24;
export const MIN_AGENT_LINES = 2;

/** One identifier or member path, optionally with empty parentheses: what IntelliSense inserts. */
const SINGLE_IDENTIFIER = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)*(?:\(\))?$/;

export function nonWhitespace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i])) n++;
  return n;
}

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

function nonBlankLines(text: string): number {
  return text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').length;
}

/** Big enough to be worth a review: a block, not a word. */
export function isSubstantial(text: string): boolean {
  const chars = nonWhitespace(text);
  if (chars >= MIN_COMPLETION_CHARS) return !SINGLE_IDENTIFIER.test(text.trim());
  return lineCount(text) >= 2 && chars >= MIN_MULTILINE_CHARS;
}

const stripIndent = (t: string) => t.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).join('\n').trim();

/** The inserted text is the clipboard (modulo re-indentation on paste and line endings). */
export function matchesClipboard(changes: ChangeFact[], clipboard: string | undefined): boolean {
  if (!clipboard || clipboard.trim() === '') return false;
  const clip = stripIndent(clipboard);
  if (changes.some((c) => stripIndent(c.text) === clip)) return true;
  // Multi-cursor paste distributes the clipboard's lines over the cursors.
  return changes.length > 1 && stripIndent(changes.map((c) => c.text).join('\n')) === clip;
}

export function classify(d: ChangeDescription): Classification {
  if (d.reason) return { kind: 'ignore' }; // undo/redo: tracked, never captured
  if (d.ownEdit) return { kind: 'ignore' };
  const inserted = d.changes.filter((c) => c.text !== '');
  if (inserted.length === 0) return { kind: 'typed' };
  const all = inserted.map((c) => c.text).join('\n');
  if (d.preciseAccept) {
    // Any size counts: partial accepts insert one word at a time and merge into one region.
    const user = d.selectionKind === 'keyboard' || d.selectionKind === 'mouse';
    return !user && nonWhitespace(all) > 0 ? { kind: 'completion', confidence: 'high' } : { kind: 'typed' };
  }

  if (d.pasteHint || matchesClipboard(inserted, d.clipboard)) {
    if (d.copiedInEditor) return { kind: 'typed' }; // moving code around the workspace is not new code
    return isSubstantial(all) ? { kind: 'paste', confidence: d.pasteHint ? 'high' : 'medium' } : { kind: 'typed' };
  }
  if (d.selectionKind === 'keyboard' || d.selectionKind === 'mouse') return { kind: 'typed' };
  if (nonWhitespace(all) === 0) return { kind: 'typed' }; // formatting

  if (d.fromDisk) return agentSized(all) && !d.bulk ? { kind: 'agent', confidence: 'medium' } : { kind: 'typed' };

  if (inserted.length >= 2) {
    // Rename and replace-all write one word many times; that is not new code.
    const same = inserted.every((c) => c.text === inserted[0].text) && !/[\r\n]/.test(inserted[0].text);
    // A formatter or a fix-all touches many places with tiny edits; an agent writes at least one block.
    const block = inserted.some((c) => isSubstantial(c.text));
    return !same && block && agentSized(all) ? { kind: 'agent', confidence: 'medium' } : { kind: 'typed' };
  }

  const [c] = inserted;
  if (!isSubstantial(c.text)) return { kind: 'typed' };
  if (c.atCursor && d.selectionKind !== 'none') {
    // Ghost text leaves an empty selection after what it inserted; a snippet selects a placeholder.
    return d.cursorAtInsertEnd === false ? { kind: 'typed' } : { kind: 'completion', confidence: 'medium' };
  }
  return agentSized(c.text) ? { kind: 'agent', confidence: 'medium' } : { kind: 'typed' };
}

function agentSized(text: string): boolean {
  return nonWhitespace(text) >= MIN_AGENT_CHARS || (nonBlankLines(text) >= MIN_AGENT_LINES && nonWhitespace(text) >= MIN_MULTILINE_CHARS * 2);
}

/** Lengths of the common prefix and suffix of the replaced and the inserted text (never overlapping). */
export function commonEnds(oldText: string, newText: string): { prefix: number; suffix: number } {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText[prefix] === newText[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}
