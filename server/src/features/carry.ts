// Slow-tier findings carried across edits, so they do not blink out while the slow tier waits for a
// pause in typing. Pure: the text a finding was computed on, the text now, the findings → the findings
// that still stand, moved with the text.
//
// Rules:
// - The edit is the span between the longest common prefix and the longest common suffix of the two
//   texts (an edit is one place almost always; several edits between two analyses become one span).
// - A finding wholly before the edit keeps its range; wholly after it moves by the edit's change in
//   lines (and, on the edit's last line, in characters).
// - A finding that touches the edit (overlaps it, or borders it on either side) is dropped: its text
//   changed, and only the slow tier can say whether it still holds.
// - Carried findings lose their fix (its offsets are the old text's) and their related places in the
//   same file keep their ranges only when they too are untouched; otherwise the finding is dropped.
// - Identical texts carry everything unchanged; no finding is ever invented or widened.
import type { Finding, Range } from '../core/types';

interface Span {
  /** Offsets in the old text: [start, oldEnd) was replaced by [start, newEnd) of the new text. */
  start: number;
  oldEnd: number;
  newEnd: number;
}

function editSpan(before: string, after: string): Span | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, oldEnd: before.length - s, newEnd: after.length - s };
}

/** Line starts of a text, for offset ↔ position. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

const offsetOf = (starts: number[], p: { line: number; character: number }): number =>
  p.line >= starts.length ? Infinity : starts[p.line] + p.character;

function positionOf(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/** The findings of `before` that still stand in `after`, moved with the text. */
export function carryFindings(before: string, after: string, findings: readonly Finding[]): Finding[] {
  const span = editSpan(before, after);
  if (!span) return findings.map((f) => ({ ...f }));
  const oldStarts = lineStarts(before);
  const newStarts = lineStarts(after);
  const delta = span.newEnd - span.oldEnd;
  /** The range in the new text, or undefined when the edit touches it. */
  const move = (r: Range): Range | undefined => {
    const a = offsetOf(oldStarts, r.start);
    const b = offsetOf(oldStarts, r.end);
    if (!Number.isFinite(a) || !Number.isFinite(b) || b > before.length) return undefined;
    if (b < span.start) return r;
    if (a > span.oldEnd) return { start: positionOf(newStarts, a + delta), end: positionOf(newStarts, b + delta) };
    return undefined;
  };
  const out: Finding[] = [];
  for (const f of findings) {
    const range = move(f.range);
    if (!range) continue;
    let related = f.related;
    if (related?.length) {
      const moved = related.map((r) => (r.file ? r : { ...r, range: move(r.range) }));
      if (moved.some((r) => !r.range)) continue;
      related = moved as NonNullable<Finding['related']>;
    }
    const { fix: _fix, ...rest } = f;
    out.push({ ...rest, range, ...(related ? { related } : {}) });
  }
  return out;
}
