// Turns a change written from outside (a tool rewrote the file on disk, an editor reload) into
// line hunks: the edits that carry the regions across, and the added ranges to attribute.
// Pure (npm `diff`, no 'vscode').
import { diffLines } from 'diff';
import { textEnd, type ContentChange, type Range } from './regions';

export interface ExternalDiff {
  /** Hunks in descending document order, ranges relative to the old text (apply in order). */
  changes: ContentChange[];
  /** Added text of each hunk, in the new text's coordinates. */
  added: Array<{ range: Range; text: string }>;
}

/** Above this many characters a diff is skipped (regions are dropped by bounds checks instead). */
export const MAX_DIFF_CHARS = 2_000_000;

export function lineDiff(oldText: string, newText: string): ExternalDiff | undefined {
  if (oldText === newText) return { changes: [], added: [] };
  if (oldText.length + newText.length > MAX_DIFF_CHARS) return undefined;
  const parts = diffLines(oldText, newText);
  const changes: ContentChange[] = [];
  const added: ExternalDiff['added'] = [];
  let oldLine = 0;
  let newLine = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part.added && !part.removed) {
      oldLine = textEnd({ line: oldLine, character: 0 }, part.value).line;
      newLine = textEnd({ line: newLine, character: 0 }, part.value).line;
      continue;
    }
    // A hunk is a run of removed and/or added parts.
    let removedText = '';
    let addedText = '';
    while (i < parts.length && (parts[i].added || parts[i].removed)) {
      if (parts[i].removed) removedText += parts[i].value;
      else addedText += parts[i].value;
      i++;
    }
    i--;
    const oldStart = { line: oldLine, character: 0 };
    const newStart = { line: newLine, character: 0 };
    changes.push({ range: { start: oldStart, end: textEnd(oldStart, removedText) }, text: addedText });
    if (addedText !== '') added.push({ range: { start: newStart, end: textEnd(newStart, addedText) }, text: addedText });
    oldLine = textEnd(oldStart, removedText).line;
    newLine = textEnd(newStart, addedText).line;
  }
  changes.reverse();
  return { changes, added };
}
