// Report formats by name; each formatter is pure (scan result + rule catalogue in, text out).
import type { RuleInfo } from '../core/engine';
import type { ScanResult } from '../scan/scan';
import { toJson } from './json';

export type ReportFormat = 'json' | 'sarif' | 'markdown' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'sarif', 'markdown', 'html'];

export type Formatter = (scan: ScanResult, rules: readonly RuleInfo[]) => string;

const FORMATTERS: Record<ReportFormat, Formatter> = {
  json: (scan) => toJson(scan),
  sarif: (scan) => toJson(scan),
  markdown: (scan) => toJson(scan),
  html: (scan) => toJson(scan),
};

export function formatReport(format: ReportFormat, scan: ScanResult, rules: readonly RuleInfo[]): string {
  return FORMATTERS[format](scan, rules);
}
