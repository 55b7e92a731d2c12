// Offset <-> position conversion and the input guards that keep bad files away from detectors.
import type { Position } from './types';

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }
  get lineCount(): number {
    return this.starts.length;
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, p.line)];
    const next = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, p.character), next);
  }
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
  lineText(line: number): string {
    const s = this.lineStart(line);
    const e = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$/, '');
  }
}

export interface InputLimits {
  /** Files larger than this (UTF-16 code units) are skipped. */
  maxChars: number;
  /** Average line length above which a file counts as minified. */
  minifiedAvgLine: number;
}

export const DEFAULT_LIMITS: InputLimits = { maxChars: 2_000_000, minifiedAvgLine: 500 };

/** Why a file must not be analysed, or undefined when it is fine. Cheap: one pass at most. */
export function skipReason(text: string, limits: InputLimits = DEFAULT_LIMITS): string | undefined {
  if (text.length > limits.maxChars) {
    return `file is ${(text.length / 1e6).toFixed(1)} MB, above the ${(limits.maxChars / 1e6).toFixed(1)} MB limit`;
  }
  if (text.indexOf('\u0000') !== -1) return 'file looks binary (contains NUL bytes)';
  if (text.length > 20_000) {
    let lines = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
    if (text.length / lines > limits.minifiedAvgLine) return 'file looks minified or generated (very long lines)';
  }
  return undefined;
}

/** Decode bytes as UTF-8, refusing binary and invalid encodings with a reason. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { skip: string } {
  const probe = bytes.subarray(0, 8000);
  if (probe.indexOf(0) !== -1) return { skip: 'file looks binary (contains NUL bytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { skip: 'file is not valid UTF-8' };
  }
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
