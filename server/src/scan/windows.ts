// Files above the engine's size limit are not skipped: padding a file past the limit must not hide
// the code after the padding. The scan cuts such a file into windows of whole lines, each within the
// limit, analyses each and puts the findings back at their lines in the whole file.
import type { AnalyzeResult } from '../core/session';
import { bundlerOf, megabytes, MAX_TEXT_CHARS } from '../core/text';
import type { Finding, Range } from '../core/types';

/** Files above this many bytes are skipped even by the windowed scan. */
export const MAX_SCAN_BYTES = 8 * MAX_TEXT_CHARS;

export interface TextWindow {
  text: string;
  /** 0-based line of the window's first line in the whole text. */
  line: number;
}

/**
 * Consecutive windows of whole lines of at most `max` characters (a longer line is cut). A bundle
 * (its loader code opens the file) is one window: the engine skips it whole, as it does a smaller
 * one, instead of analysing the later windows, whose tops no longer show the loader.
 */
export function splitWindows(text: string, max: number = MAX_TEXT_CHARS): TextWindow[] {
  if (text.length <= max) return [{ text, line: 0 }];
  if (bundlerOf(text)) return [{ text: text.slice(0, max), line: 0 }];
  const out: TextWindow[] = [];
  let line = 0;
  for (let pos = 0; pos < text.length; ) {
    let end = Math.min(text.length, pos + max);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end - 1);
      if (nl >= pos) end = nl + 1;
    }
    const chunk = text.slice(pos, end);
    out.push({ text: chunk, line });
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) line++;
    pos = end;
  }
  return out;
}

const shift = (r: Range, by: number): Range => ({
  start: { line: r.start.line + by, character: r.start.character },
  end: { line: r.end.line + by, character: r.end.character },
});

/**
 * One result for the whole file from the windows' results: findings moved to their lines (their
 * fixes dropped, since the edits were computed on one window), notices prefixed with the lines.
 */
export function mergeWindows(windows: readonly TextWindow[], results: readonly AnalyzeResult[], size: number): AnalyzeResult {
  if (windows.length === 1) return results[0];
  const findings: Finding[] = [];
  const ids = new Set<string>();
  const notices: AnalyzeResult['notices'] = [{
    kind: 'input',
    message: `file is ${megabytes(size)}, above the ${megabytes(MAX_TEXT_CHARS)} limit: analysed in ${windows.length} windows of whole lines; flows across a window's edge are not followed and fixes are not offered`,
  }];
  const timings: Record<string, number> = {};
  results.forEach((r, i) => {
    const w = windows[i];
    const last = i + 1 < windows.length ? windows[i + 1].line : undefined;
    const where = `lines ${w.line + 1}–${last ?? 'end'}`;
    if (r.skipped) notices.push({ kind: 'skipped', message: `${where} skipped: ${r.skipped}` });
    for (const n of r.notices) if (n.kind !== 'skipped') notices.push({ ...n, message: `${where}: ${n.message}` });
    for (const [k, v] of Object.entries(r.timings)) timings[k] = (timings[k] ?? 0) + v;
    for (const f of r.findings) {
      const { fix: _fix, ...rest } = f;
      let id = f.id;
      for (let n = 2; ids.has(id); n++) id = `${f.id}-${n}`;
      ids.add(id);
      findings.push({ ...rest, id, range: shift(f.range, w.line), ...(f.related ? { related: f.related.map((x) => (x.file !== undefined ? x : { ...x, range: shift(x.range, w.line) })) } : {}) });
    }
  });
  return { findings, notices, timings, ...(results.every((r) => r.skipped) ? { skipped: results[0].skipped } : {}) };
}
