// Report formats by name; each formatter is pure (scan result + rule catalogue + docs look-up in, text out).
import type { RuleInfo } from '../core/engine';
import type { ScanResult } from '../scan/result';
import type { RuleDocs } from './common';
import { toHtml } from './html';
import { toJson } from './json';
import { toMarkdown } from './markdown';
import { toSarif } from './sarif';

export type { RuleDocs } from './common';
export type ReportFormat = 'json' | 'sarif' | 'markdown' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'sarif', 'markdown', 'html'];

export type Formatter = (scan: ScanResult, rules: readonly RuleInfo[], docs: RuleDocs) => string;

const FORMATTERS: Record<ReportFormat, Formatter> = {
  json: (scan) => toJson(scan),
  sarif: toSarif,
  markdown: toMarkdown,
  html: toHtml,
};

/** Formats that show code snippets, so the scan must keep file text. */
export function needsText(format: ReportFormat): boolean {
  return format === 'html' || format === 'markdown';
}

export function formatReport(format: ReportFormat, scan: ScanResult, rules: readonly RuleInfo[], docs: RuleDocs = () => undefined): string {
  return FORMATTERS[format](scan, rules, docs);
}
