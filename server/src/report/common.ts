// What every human-readable report shares: counts, findings grouped by file, redacted code snippets.
import { FAMILIES, SEVERITIES, type Finding, type Family, type Severity } from '../core/types';
import type { ScanResult } from '../scan/result';

/** Looks up rules/docs/<rule-id>.md text; reports stay pure by receiving it as a function. */
export type RuleDocs = (ruleId: string) => string | undefined;

export const DOCS_BASE_URL = 'https://github.com/vouch-dev/vouch/blob/main/rules/docs/';
export const INFORMATION_URI = 'https://github.com/vouch-dev/vouch';

export interface ReportSummary {
  active: number;
  suppressed: number;
  bySeverity: Record<Severity, number>;
  byFamily: Array<[Family, number]>;
}

export interface FileGroup {
  path: string;
  text?: string;
  findings: Finding[];
}

const bySeverityThenPosition = (a: Finding, b: Finding): number =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character ||
  SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

export function summarizeScan(scan: ScanResult): ReportSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const families = new Map<Family, number>();
  let active = 0;
  let suppressed = 0;
  for (const file of scan.files) {
    for (const f of file.findings) {
      if (f.suppressed) {
        suppressed++;
        continue;
      }
      active++;
      bySeverity[f.severity]++;
      families.set(f.family, (families.get(f.family) ?? 0) + 1);
    }
  }
  const byFamily = [...families].sort((a, b) => b[1] - a[1] || FAMILIES.indexOf(a[0]) - FAMILIES.indexOf(b[0]));
  return { active, suppressed, bySeverity, byFamily };
}

/**
 * Files with at least one finding (suppressed ones included when asked), findings in position order.
 * The text has every flagged secret of the file masked, so no snippet (not even another finding's
 * context lines) can carry a secret into a report artifact.
 */
export function groupByFile(scan: ScanResult, withSuppressed: boolean): FileGroup[] {
  return scan.files
    .map((f) => ({
      path: f.path,
      text: f.text === undefined ? undefined : maskSecrets(f.text, f.findings),
      findings: f.findings.filter((x) => withSuppressed || !x.suppressed).sort(bySeverityThenPosition),
    }))
    .filter((g) => g.findings.length > 0)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Same-length masking keeps every other finding's line and column valid. */
export function maskSecrets(text: string, findings: readonly Finding[]): string {
  const secrets = findings.filter((f) => REDACTED_FAMILIES.has(f.family));
  if (!secrets.length) return text;
  const starts = lineStarts(text);
  const offset = (p: { line: number; character: number }): number =>
    Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  const chars = [...text.split('')];
  for (const f of secrets) {
    const s = offset(f.range.start);
    const e = offset(f.range.end);
    const keepHead = e - s > 12 ? 4 : 0;
    const keepTail = e - s > 12 ? 2 : 0;
    for (let i = s + keepHead; i < e - keepTail; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = '•';
  }
  return chars.join('');
}

export interface SnippetLine {
  /** 1-based line number */
  number: number;
  text: string;
  /** Flagged part of this line, as offsets into `text`, when the finding covers it. */
  mark?: [number, number];
}

const MAX_LINE = 160;
/** Secrets must not travel into report artifacts, so the flagged text of these is masked. */
const REDACTED_FAMILIES: ReadonlySet<Family> = new Set(['hardcoded-secret']);

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const startsCache = new WeakMap<FileGroup, number[]>();

/** Lines around a finding, long lines cut to a window around the flagged text, secrets masked. */
export function snippet(group: FileGroup, f: Finding, context = 1): SnippetLine[] {
  const text = group.text;
  if (text === undefined) return [];
  let starts = startsCache.get(group);
  if (!starts) {
    starts = lineStarts(text);
    startsCache.set(group, starts);
  }
  const lineAt = (n: number): string => {
    const end = n + 1 < starts!.length ? starts![n + 1] : text.length;
    return text.slice(starts![n], end).replace(/\r?\n$/, '');
  };
  // A final newline does not start another line worth showing.
  const lines = starts.length > 1 && starts[starts.length - 1] === text.length ? starts.length - 1 : starts.length;
  const first = Math.max(0, f.range.start.line - context);
  const last = Math.min(lines - 1, f.range.end.line + context, f.range.start.line + context + 4);
  const out: SnippetLine[] = [];
  for (let n = first; n <= last; n++) {
    const line = lineAt(n);
    let mark: [number, number] | undefined;
    if (n >= f.range.start.line && n <= f.range.end.line) {
      const s = n === f.range.start.line ? f.range.start.character : 0;
      const e = n === f.range.end.line ? f.range.end.character : line.length;
      mark = [Math.min(s, line.length), Math.min(Math.max(e, s), line.length)];
    }
    const cut = window(line, mark);
    out.push({ number: n + 1, text: cut.text, mark: cut.mark });
  }
  return out;
}

function window(line: string, mark: [number, number] | undefined): { text: string; mark?: [number, number] } {
  if (line.length <= MAX_LINE) return { text: line, mark };
  const from = mark ? Math.max(0, Math.min(mark[0] - 40, line.length - MAX_LINE)) : 0;
  const to = Math.min(line.length, from + MAX_LINE);
  const head = from > 0 ? '…' : '';
  const text = head + line.slice(from, to) + (to < line.length ? '…' : '');
  if (!mark) return { text };
  const shift = head.length - from;
  return { text, mark: [Math.max(head.length, mark[0] + shift), Math.min(to + shift, mark[1] + shift)] };
}

/** First paragraph of prose under the docs' first heading (or the whole text when it has none). */
export function docsSummary(markdown: string | undefined): string | undefined {
  if (!markdown) return undefined;
  const paragraphs = markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/).map((p) => p.trim());
  const prose = paragraphs.find((p) => p && !p.startsWith('#') && !p.startsWith('```') && !p.startsWith('|'));
  return prose?.replace(/\s*\n\s*/g, ' ');
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${encodeURIComponent(ruleId)}.md`;
}

/** A relative path as a URI reference: each segment percent-encoded (`#`, `?`, spaces included). */
export function uriPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** One line of review coverage, e.g. "75% of 40 assisted lines reviewed (10 unreviewed, 3 regions)". */
export function coverageText(p: { assistedLines: number; unreviewedLines: number; regions: number; reviewCoverage: number }): string {
  if (!p.assistedLines) return 'no assisted code recorded';
  return `${Math.round(p.reviewCoverage * 100)}% of ${plural(p.assistedLines, 'assisted line')} reviewed (${p.unreviewedLines} unreviewed, ${plural(p.regions, 'region')})`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
