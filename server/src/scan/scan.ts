// Scans files with the engine: the one code path shared by the CLI and the report command.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Engine } from '../core/engine';
import { languageOf } from '../core/languages';
import { decodeUtf8, DEFAULT_LIMITS } from '../core/text';
import type { Finding, LanguageId, Notice } from '../core/types';
import type { VouchSettings } from '../protocol';
import { listFiles, toRelative } from './walk';

export interface ScannedFile {
  path: string;
  language: LanguageId;
  findings: Finding[];
  /** Parse errors, detector errors and timeouts on this file. */
  notices: Notice[];
  /** Lines of source, for snippets in reports. */
  text?: string;
}

export interface ScanResult {
  root: string;
  /** Files with findings or notices. */
  files: ScannedFile[];
  /** Files analysed (skipped ones not counted). */
  fileCount: number;
  skipped: Array<{ path: string; reason: string }>;
  durationMs: number;
  /** Run-level problems (e.g. a parser that could not load), set by the caller. */
  warnings?: string[];
}

export interface ScanOptions {
  root: string;
  paths?: string[];
  settings: VouchSettings;
  engine: Engine;
  keepText?: boolean;
  onProgress?: (done: number, total: number, path: string) => void;
}

const MAX_BYTES = DEFAULT_LIMITS.maxChars * 2;

export function scanFiles(opts: ScanOptions): ScanResult {
  const started = performance.now();
  const root = resolve(opts.root);
  const result: ScanResult = { root, files: [], fileCount: 0, skipped: [], durationMs: 0 };
  const onSkip = (abs: string, reason: string): void => {
    result.skipped.push({ path: toRelative(root, abs), reason });
  };
  const starts = opts.paths?.length ? opts.paths.map((p) => resolve(p)) : [root];
  const files = [...new Set(starts.flatMap((s) => listFiles(root, s, opts.settings, onSkip)))];
  const analyzeOptions = {
    rules: opts.settings.rules,
    minimumConfidence: opts.settings.minimumConfidence,
    budgetMs: opts.settings.detectorBudgetMs,
  };
  files.forEach((abs, i) => {
    const rel = toRelative(root, abs);
    opts.onProgress?.(i, files.length, rel);
    const skip = (reason: string): void => {
      result.skipped.push({ path: rel, reason });
    };
    const language = languageOf(abs);
    if (!language) return skip('not a language Vouch analyses');
    let bytes: Uint8Array;
    try {
      const st = statSync(abs);
      if (!st.isFile()) return skip('not a regular file');
      if (st.size > MAX_BYTES) return skip(`file is ${(st.size / 1e6).toFixed(1)} MB, above the ${MAX_BYTES / 1e6} MB limit`);
      bytes = readFileSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      return skip(code === 'ENOENT' ? 'file disappeared during the scan' : `file could not be read (${code})`);
    }
    const decoded = decodeUtf8(bytes);
    if ('skip' in decoded) return skip(decoded.skip);
    let r;
    try {
      r = opts.engine.analyze({ text: decoded.text, languageId: language, path: rel }, analyzeOptions);
    } catch (e) {
      // The engine guards each detector; this catches what is left so one file never ends the scan.
      return skip(`internal error while analysing: ${(e as Error)?.message ?? String(e)}`);
    }
    if (r.skipped) return skip(r.skipped);
    result.fileCount++;
    const notices = r.notices.filter((n) => n.kind !== 'skipped');
    if (r.findings.length || notices.length) {
      result.files.push({ path: rel, language, findings: r.findings, notices, text: opts.keepText ? decoded.text : undefined });
    }
  });
  opts.onProgress?.(files.length, files.length, '');
  result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.durationMs = Math.round(performance.now() - started);
  return result;
}
