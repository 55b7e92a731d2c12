// Decides where one document change came from, from a plain description of the event (no 'vscode'
// import, so the heuristics are unit-tested). The stable API has no "inline suggestion accepted"
// event; this reads the edit's shape and what the editor did around it, and says how sure it is.
import type { Confidence } from '../../../server/src/core/types';
import { transformPosition, type ContentChange } from './regions';

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
  /** The document was reloaded from disk: its new text is the file's (changed by a tool outside the editor). */
  fromDisk?: boolean;
  /** Many files changed on disk at once (a generator, a terminal agent, a formatter run). */
  bulk?: boolean;
  /** The file on disk is older than the reload: a revert, not a fresh write. */
  revert?: boolean;
  /** A version-control operation (checkout, pull, merge, stash…) explains the write from disk. */
  vcs?: string;
  /** The document's text is unchanged modulo whitespace, quotes, semicolons and commas (a formatter). */
  formatting?: boolean;
  /** Every non-blank line of the new text was already a line of the old one (organize imports, sorting, moving lines). */
  linesOnlyMoved?: boolean;
  /** The edit arrived while Vouch's own Tab binding ran VS Code's accept command (precise mode). */
  preciseAccept?: boolean;
  /** Small accept-shaped inserts that continued each other (a suggestion taken word by word), joined. */
  chained?: boolean;
  /** Everything the event inserted, it also removed elsewhere: text moved by drag and drop. */
  movedInEvent?: boolean;
  /** Everything the event inserted is text the person had selected, still in place: a copy (drag with Ctrl). */
  copiesSelection?: boolean;
  /** The insert is the IntelliSense item focused in the suggest widget (its range and text). */
  suggestAccept?: boolean;
  /** The event's edits are exactly the edits of a quick fix a code-action provider offered for the document as it was. */
  offeredFix?: boolean;
}

export interface Classification {
  kind: ChangeKind;
  confidence?: Confidence;
  /** Why, for the debug log (never the text). */
  why?: string;
  /** Only these changes (indexes into `changes`) are the assisted code; the rest is not recorded. */
  only?: number[];
}

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

/**
 * Order matters: signals the editor gives (undo/redo, Vouch's own edits, the precise accept, the
 * paste provider, a reload whose text is the file's) decide before the edit's shape; shapes decide
 * before nothing. Human gestures that cannot be told from assisted ones by shape (a multi-line quick
 * fix, a generator run) are labelled with low confidence.
 */
export function classify(d: ChangeDescription): Classification {
  if (d.reason) return { kind: 'ignore', why: d.reason }; // undo/redo: tracked, restored by history, never captured
  if (d.ownEdit) return { kind: 'ignore', why: 'own edit or save participant' };
  const inserted = d.changes.filter((c) => c.text !== '');
  if (inserted.length === 0) return { kind: 'typed', why: 'deletion' };
  const all = inserted.map((c) => c.text).join('\n');
  if (d.preciseAccept) {
    // Any size counts: partial accepts insert one word at a time and merge into one region.
    const user = d.selectionKind === 'keyboard' || d.selectionKind === 'mouse';
    return !user && nonWhitespace(all) > 0 ? { kind: 'completion', confidence: 'high', why: 'precise accept' } : { kind: 'typed' };
  }

  if (d.pasteHint || matchesClipboard(inserted, d.clipboard)) {
    if (d.copiedInEditor) return { kind: 'typed', why: 'code moved inside the editor' };
    return isSubstantial(all) ? { kind: 'paste', confidence: d.pasteHint ? 'high' : 'medium' } : { kind: 'typed', why: 'short paste' };
  }
  if (d.suggestAccept) return { kind: 'typed', why: 'IntelliSense item accepted' };
  if (d.offeredFix) return { kind: 'typed', why: 'a quick fix offered for this version of the document' };
  if (d.movedInEvent) return { kind: 'typed', why: 'text moved within the document (drag and drop)' };
  if (d.copiesSelection) return { kind: 'typed', why: 'a copy of the selected text (drag and drop with Ctrl)' };
  if (nonWhitespace(all) === 0 || d.formatting) return { kind: 'typed', why: 'formatting' };
  if (d.linesOnlyMoved) return { kind: 'typed', why: 'lines moved, sorted or removed' };

  if (d.fromDisk) {
    if (d.vcs) return { kind: 'ignore', why: `version control (${d.vcs})` };
    if (d.revert) return { kind: 'typed', why: 'revert' };
    if (!agentSized(all)) return { kind: 'typed', why: 'small outside write' };
    // A burst over many files is a generator, a formatter or a terminal agent: assisted, but say so softly.
    return { kind: 'agent', confidence: d.bulk ? 'low' : 'medium', why: d.bulk ? 'bulk write on disk' : 'write on disk' };
  }
  if (d.selectionKind === 'keyboard' || d.selectionKind === 'mouse') return { kind: 'typed', why: 'user moved the cursor' };

  if (inserted.length >= 2) {
    // An accepted suggestion with extra one-line edits (an auto-import): the block at the cursor, where
    // the cursor was left, is the suggestion; the extra lines are the editor's.
    const main = d.changes.findIndex((c) => c.atCursor && isSubstantial(c.text));
    if (main >= 0 && d.selectionKind !== 'none' && d.cursorAtInsertEnd === true
      && d.changes.every((c, i) => i === main || nonBlankLines(c.text) <= 1)) {
      return { kind: 'completion', confidence: 'medium', why: 'accept with one-line extra edits', only: [main] };
    }
    // Rename and replace-all write one word many times; multi-cursor typing, a regex replace-all and
    // a fix-all touch many lines with one-line edits. An agent's edit carries at least one block.
    const same = inserted.every((c) => c.text === inserted[0].text) && !/[\r\n]/.test(inserted[0].text);
    const block = inserted.some((c) => nonBlankLines(c.text) >= MIN_AGENT_LINES && isSubstantial(c.text));
    return !same && block && agentSized(all) ? { kind: 'agent', confidence: 'low', why: 'multi-hunk edit with a block' } : { kind: 'typed', why: 'one-line edits in many places' };
  }

  const [c] = inserted;
  if (!isSubstantial(c.text)) return { kind: 'typed', why: d.chained ? 'chain too small' : 'small' };
  // Ghost text and next-edit suggestions leave an empty selection at the end of what they inserted,
  // moved by the editor (not by a key or the mouse); a snippet selects its first placeholder.
  if (d.selectionKind !== 'none' && d.cursorAtInsertEnd === true) return { kind: 'completion', confidence: 'medium', why: d.chained ? 'accepted in parts' : 'cursor at insert end' };
  if (d.selectionKind !== 'none' && d.cursorAtInsertEnd === false && c.atCursor) return { kind: 'typed', why: 'snippet (cursor left inside)' };
  // A block written away from the cursor, the cursor left alone: an agent applying an edit, or a
  // multi-line quick fix. One line (an import, a fix) is never counted.
  if (!c.atCursor && nonBlankLines(c.text) >= MIN_AGENT_LINES && agentSized(c.text)) return { kind: 'agent', confidence: 'low', why: 'block away from the cursor' };
  return { kind: 'typed', why: 'no accept signal' };
}

/**
 * Each inserted text (non-blank) is one of the texts the same event removed: a drag and drop of a
 * selection deletes it and inserts it elsewhere in one edit. Counted with multiplicity.
 */
export function movedInEvent(inserted: readonly string[], removed: readonly string[]): boolean {
  const left = [...removed];
  let any = false;
  for (const text of inserted) {
    if (nonWhitespace(text) === 0) continue;
    const i = left.indexOf(text);
    if (i < 0) return false;
    left.splice(i, 1);
    any = true;
  }
  return any;
}

/** Each inserted text (non-blank) is the text of one of the selections before the edit, modulo surrounding blanks. */
export function copiesSelection(inserted: readonly string[], selected: readonly string[]): boolean {
  const norm = (t: string) => t.replace(/\r\n?/g, '\n').trim();
  const sel = new Set(selected.map(norm).filter((t) => t !== ''));
  const texts = inserted.map(norm).filter((t) => t !== '');
  return texts.length > 0 && texts.every((t) => sel.has(t));
}

/** The text of `range` in `text` (positions as the editor gives them: a CRLF is one line break). */
export function textInRange(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0 && starts.length <= range.end.line; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

/** A paste announcement counts for the next change within this time, whatever that change is… */
export const PASTE_HINT_TTL_MS = 2000;
/** …and for a change inserting the announced text within this time (TypeScript's paste provider can hold a paste for seconds). */
export const PASTE_HINT_TEXT_TTL_MS = 30_000;

/** Does a paste announcement (made at `at`, of `text` when known) explain a change inserting `changes`? */
export function pasteHintApplies(hint: { at: number; text?: string }, changes: ChangeFact[], now: number): boolean {
  if (now - hint.at <= PASTE_HINT_TTL_MS) return true;
  return now - hint.at <= PASTE_HINT_TEXT_TTL_MS && matchesClipboard(changes, hint.text);
}

/** The IntelliSense item focused in the suggest widget (told to inline-completion providers), and when. */
export interface SelectedItem { start: { line: number; character: number }; text: string; at: number }
/** The focused item is the one accepted when the insert comes within this time. */
export const SELECTED_TTL_MS = 60_000;

/**
 * Is this change event the accept of the focused item? If not, where the item's range starts after
 * it: VS Code applies an item's additional edits (an auto-import above) before the item itself.
 */
export function matchSelectedItem(selected: SelectedItem, changes: readonly ContentChange[], now: number): { hit: true } | { hit: false; next: SelectedItem } {
  if (changes.length === 1 && isSelectedItem(selected, changes[0].range.start, changes[0].text, now)) return { hit: true };
  let start = selected.start;
  for (const c of changes) start = transformPosition(start, c, 'left');
  return { hit: false, next: { ...selected, start } };
}

/** The insert starts where the focused item's range starts and is the item's text. */
export function isSelectedItem(selected: SelectedItem | undefined, start: { line: number; character: number }, text: string, now: number): boolean {
  if (!selected || now - selected.at > SELECTED_TTL_MS || text === '') return false;
  return selected.start.line === start.line && selected.start.character === start.character
    && selected.text.replace(/\r\n/g, '\n') === text.replace(/\r\n/g, '\n');
}

/** The quick fixes code-action providers offered for one version of a document: each action's edits to it. */
export interface OfferedFixes { version: number; actions: ContentChange[][] }

/**
 * Is this change event (made to `versionBefore`) one offered quick fix, applied: the same edits,
 * ranges and texts, as one action offered for that very version? Exact by design: a bulk edit
 * applies a fix's edits as they were offered, and anything else keeps the label its shape gives.
 */
export function isOfferedFix(offers: OfferedFixes | undefined, versionBefore: number, changes: readonly ContentChange[]): boolean {
  if (!offers || offers.version !== versionBefore || changes.length === 0) return false;
  const key = (c: ContentChange) => `${c.range.start.line}:${c.range.start.character}-${c.range.end.line}:${c.range.end.character}=${c.text.replace(/\r\n/g, '\n')}`;
  const keys = (cs: readonly ContentChange[]) => cs.map(key).sort().join('\u0000');
  const got = keys(changes);
  return offers.actions.some((a) => a.length === changes.length && keys(a) === got);
}

/** Every non-blank line of `after` (trimmed) is a line of `before`, counted with multiplicity. */
export function linesOnlyMoved(before: string, after: string): boolean {
  const counts = new Map<string, number>();
  for (const line of before.split(/\r\n|\r|\n/)) {
    const t = line.trim();
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  for (const line of after.split(/\r\n|\r|\n/)) {
    const t = line.trim();
    if (!t) continue;
    const n = counts.get(t) ?? 0;
    if (n === 0) return false;
    counts.set(t, n - 1);
  }
  return true;
}

/** Equal modulo whitespace, quote style, semicolons and commas: what formatters change. */
export function sameModuloFormatting(before: string, after: string): boolean {
  if (before === after) return true;
  const norm = (t: string) => t.replace(/[\s;,]+/g, '').replace(/['`]/g, '"');
  return norm(before) === norm(after);
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
