// Scans files with the engine: the one code path shared by the CLI and the report command.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Engine } from '../core/engine';
import { languageOf } from '../core/languages';
import { decodeUtf8, DEFAULT_LIMITS } from '../core/text';
import type { Finding, LanguageId } from '../core/types';
import type { VouchSettings } from '../protocol';
import { listFiles, toRelative } from './walk';

export interface ScannedFile {
  path: string;
  language: LanguageId;
  findings: Finding[];
  notices: string[];
  /** Lines of source, for snippets in reports. */
  text?: string;
}

export interface ScanResult {
  root: string;
  files: ScannedFile[];
  fileCount: number;
  skipped: Array<{ path: string; reason: string }>;
  durationMs: number;
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
  const starts = opts.paths?.length ? opts.paths.map((p) => resolve(p)) : [root];
  const files = [...new Set(starts.flatMap((s) => listFiles(root, s, opts.settings)))];
  const result: ScanResult = { root, files: [], fileCount: 0, skipped: [], durationMs: 0 };
  const analyzeOptions = {
    rules: opts.settings.rules,
    minimumConfidence: opts.settings.minimumConfidence,
    budgetMs: opts.settings.detectorBudgetMs,
  };
  files.forEach((abs, i) => {
    const rel = toRelative(root, abs);
    opts.onProgress?.(i, files.length, rel);
    const language = languageOf(rel)!;
    let bytes: Uint8Array;
    try {
      if (statSync(abs).size > MAX_BYTES) {
        result.skipped.push({ path: rel, reason: `larger than ${MAX_BYTES / 1e6} MB` });
        return;
      }
      bytes = readFileSync(abs);
    } catch (e) {
      result.skipped.push({ path: rel, reason: `could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); it may have been deleted during the scan` });
      return;
    }
    result.fileCount++;
    const decoded = decodeUtf8(bytes);
    if ('skip' in decoded) {
      result.skipped.push({ path: rel, reason: decoded.skip });
      return;
    }
    const r = opts.engine.analyze({ text: decoded.text, languageId: language, path: rel }, analyzeOptions);
    if (r.skipped) result.skipped.push({ path: rel, reason: r.skipped });
    const notices = r.notices.filter((n) => n.kind !== 'skipped').map((n) => n.message);
    if (r.findings.length || notices.length) {
      result.files.push({ path: rel, language, findings: r.findings, notices, text: opts.keepText ? decoded.text : undefined });
    }
  });
  opts.onProgress?.(files.length, files.length, '');
  result.durationMs = Math.round(performance.now() - started);
  return result;
}
