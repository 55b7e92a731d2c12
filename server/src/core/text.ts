// Offset <-> position conversion and the input guards that keep bad files away from detectors.
import type { Position } from './types';

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
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
  /** Text longer than this (UTF-16 code units) is not analysed in one piece (the scan cuts it into windows). */
  maxChars: number;
  /** Average length of code lines (comments and blank lines left out) above which a file counts as minified. */
  minifiedAvgLine: number;
}

/** The one size limit: the engine's, the scan's windows and every message about it. */
export const MAX_TEXT_CHARS = 2_000_000;
export const DEFAULT_LIMITS: InputLimits = { maxChars: MAX_TEXT_CHARS, minifiedAvgLine: 500 };

/** `2.0 MB` — sizes in messages, one spelling everywhere. */
export const megabytes = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

export function sizeLimitReason(size: number, limit: number = MAX_TEXT_CHARS): string {
  return `file is ${megabytes(size)}, above the ${megabytes(limit)} limit`;
}

/** A line that is only a comment, by its first characters (any language Vouch reads). */

/**
 * Minified or generated: the code itself is made of very long lines. Comment lines and blank lines
 * do not count, so one long comment (a licence, a data URL, padding) does not hide a file.
 */
export function looksMinified(text: string, avgLine: number = DEFAULT_LIMITS.minifiedAvgLine): boolean {
  if (text.length <= 20_000) return false;
  let codeChars = 0;
  let codeLines = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const len = end - start;
    // Only the line's first 64 characters are looked at (a 2 MB line costs nothing here), in place:
    // a scan meets every line of every large file.
    if (len && isCodeLine(text, start, start + Math.min(len, 64))) {
      codeChars += len;
      codeLines++;
    }
    start = end + 1;
  }
  return codeLines > 0 && codeChars / codeLines > avgLine;
}

/** Whether text[start, end) holds something other than white space that does not open a comment. */
function isCodeLine(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  if (i === end) return false;
  COMMENT_START.lastIndex = i;
  const m = COMMENT_START.exec(text);
  return !m || i + m[0].length > end;
}

/** What `\s` (and `trim`) treat as white space. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && SPACE.test(String.fromCharCode(c)));
}

const SPACE = /\s/;
const COMMENT_START = /\/\/|\/\*|\*|#|<!--|--/y;

/** Share of control characters (not tab, CR, LF, FF, ESC) in the first 8000 units above which text is binary. */
const BINARY_SHARE = 0.1;

function controlShare(units: ArrayLike<number>): number {
  const n = Math.min(units.length, 8000);
  if (!n) return 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = units[i];
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) control++;
  }
  // A handful of stray control bytes in a short file is text with a typo, not a binary.
  return control < 8 ? 0 : control / n;
}

/** Leading banner comments, a BOM, a shebang and `"use strict"` before the first code of a file. */
const PREAMBLE = /^\ufeff?(?:#![^\n]*\n)?(?:\s|\/\/[^\n]*|\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/|(['"])use strict\1;?)*/;

/** The runtime a bundler writes at the top of its output (the module loader, its helpers). */
const BUNDLER_PROLOGUE: ReadonlyArray<[string, RegExp]> = [
  ['webpack', /^(?:\(\(\) => \{ \/\/ webpackBootstrap|\(function\(modules\) \{ \/\/ webpackBootstrap|(?:var|let|const) __webpack_(?:modules|require)__ |\((?:self|window|this|globalThis)\[["']webpack(?:Chunk|Jsonp))/],
  // esbuild's helpers may follow a banner of its own (`import { createRequire } …` for ESM output).
  ['esbuild', /^var __(?:create|defProp|getOwnPropNames) = Object\.(?:create|defineProperty|getOwnPropertyNames);\r?\nvar __/m],
  ['rollup', /^\(function \(global, factory\) \{\r?\n[ \t]*typeof exports === 'object' && typeof module !== 'undefined'/],
  ['browserify', /^(?:require=)?\((?:function\(\)\{function r\(e,n,t\)|function e\(t,n,r\)\{)/],
  ['parcel', /^(?:(?:var )?parcelRequire\b|(?:var|function) \$parcel\$)/],
];

/**
 * esbuild writes the same helpers when it only transpiles one module (nocobase's and colyseus's `lib/`,
 * one output file per source file): a bundle also marks where each bundled module begins
 * (`// node_modules/x/index.js`, `// src/a.ts`) or wraps them (`__commonJS({`, `__esm({`).
 */
const ESBUILD_MODULES = /^\/\/ (?:node_modules\/|[\w@.-]+\/[^\s]*\.[cm]?[jt]sx?$)|\b__(?:commonJS|esm)\(\{/m;

/** The bundler whose loader code opens `text` (after banner comments), if any: a bundle is output, not source. */
export function bundlerOf(text: string): string | undefined {
  const head = text.slice(0, 4096);
  const code = head.slice(PREAMBLE.exec(head)?.[0].length ?? 0);
  const found = BUNDLER_PROLOGUE.find(([, re]) => re.test(re.multiline ? head : code))?.[0];
  return found === 'esbuild' && !ESBUILD_MODULES.test(text.length > 200_000 ? text.slice(0, 200_000) : text) ? undefined : found;
}

/** Why a file must not be analysed, or undefined when it is fine. Cheap: one pass at most. */
export function skipReason(text: string, limits: InputLimits = DEFAULT_LIMITS): string | undefined {
  if (text.length > limits.maxChars) return sizeLimitReason(text.length, limits.maxChars);
  const probe = text.length > 8000 ? text.slice(0, 8000) : text;
  if (probe.indexOf('\u0000') !== -1 && controlShare(Array.from(probe, (c) => c.charCodeAt(0))) > BINARY_SHARE) {
    return 'file looks binary (mostly control bytes)';
  }
  if (looksMinified(text, limits.minifiedAvgLine)) return 'file looks minified or generated (very long lines of code)';
  const bundler = bundlerOf(text);
  if (bundler) return `file is a generated ${bundler} bundle (the bundler's loader code opens it)`;
  return undefined;
}

/** NUL characters become U+FFFD (same length, so offsets hold): parsers stop at NUL, runtimes do not. */
export function withoutNul(text: string): string {
  return text.indexOf('\u0000') === -1 ? text : text.replace(/\u0000/g, '\ufffd');
}

export type Decoded = { text: string; notes: string[] } | { skip: string };

/**
 * Bytes of a source file as text, the way a runtime would still read them: UTF-8 (or UTF-16 with a
 * byte-order mark), invalid bytes as U+FFFD, a stray NUL as U+FFFD, each with a note. Only content
 * that is mostly control bytes is refused as binary.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const notes: string[] = [];
  let text: string;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    notes.push(`decoded as UTF-16 (${bytes[0] === 0xff ? 'little' : 'big'}-endian, from its byte-order mark)`);
  } else {
    if (controlShare(bytes) > BINARY_SHARE) return { skip: 'file looks binary (mostly control bytes)' };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('utf-8').decode(bytes);
      let bad = 0;
      for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) bad++;
      notes.push(`contains bytes that are not valid UTF-8 (${bad} read as U+FFFD); the rest was analysed`);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.indexOf('\u0000') !== -1) {
    text = withoutNul(text);
    notes.push('contains NUL characters (read as U+FFFD); the rest was analysed');
  }
  return { text, notes };
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

/** Lines of a text as an editor counts them (a final newline does not start another line). */
export function countLines(text: string): number {
  if (!text) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** The shared text around an edit: `prefix` characters at the start, `suffix` at the end, `delta` the change in length. */
export interface Edit {
  readonly prefix: number;
  readonly suffix: number;
  readonly delta: number;
}

export function editBetween(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { prefix, suffix, delta: after.length - before.length };
}
