// Provenance regions come from a committed, hand-editable file: a region may name any line. Lines are
// clamped to the file and counted with arithmetic (never one entry per line), and ranges no source
// file can have are refused with a reason, so a region "ending at line 2e9" costs nothing.
import type { Range } from './types';

/** No file Vouch reads has this many lines (the scan reads at most 16 MB); past it a range is refused. */
export const MAX_REGION_LINE = 50_000_000;

const sane = (p: { line: number; character: number }): boolean =>
  Number.isSafeInteger(p.line) && Number.isSafeInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line <= MAX_REGION_LINE && p.character <= MAX_REGION_LINE;

/** Why a region's range is absurd (negative, not an integer, past any file), or undefined when it may be real. */
export function rangeProblem(range: Range): string | undefined {
  if (!sane(range.start) || !sane(range.end)) {
    const worst = Math.max(range.start.line, range.end.line);
    return Number.isFinite(worst) && worst > MAX_REGION_LINE
      ? `reaches line ${worst + 1}, past any file Vouch reads (limit ${MAX_REGION_LINE})`
      : 'has a negative or non-integer position';
  }
  return undefined;
}

/** 1-based first and last line clamped to a text of `lineCount` lines (at least line 1). */
export function clampLines(lines: readonly [number, number], lineCount: number): [number, number] {
  const last = Math.max(1, lineCount);
  const a = Math.min(Math.max(1, lines[0]), last);
  return [a, Math.min(Math.max(a, lines[1]), last)];
}

/** Distinct lines covered by 1-based inclusive spans (overlaps count once): sort and merge. */
export function coveredLineCount(spans: Iterable<readonly [number, number]>): number {
  const sorted = [...spans].filter(([a, b]) => b >= a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of sorted) {
    if (b <= end) continue;
    total += b - Math.max(a, end + 1) + 1;
    end = b;
  }
  return total;
}
