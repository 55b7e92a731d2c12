// What the HTML report and the editor's report view show above the table: a headline in plain words,
// the data of the three charts (findings by family, riskiest files, review coverage per folder) and
// the table's order (severity first, then file, then position). Pure: scan result in, data out.
import { posix } from 'node:path';
import { trustScore } from '../core/trust';
import { SEVERITIES, type Finding, type Severity } from '../core/types';
import { isUnreviewed } from '../review/policy';
import type { ScanResult, ScannedFile } from '../scan/result';
import { maskSecrets, plural, type ReportSummary } from './common';

/** One sentence per fact, for a first-time reader: nothing here needs the docs to be understood. */
export interface Headline {
  files: string;
  findings: string;
  assisted: string;
  time: string;
  /** Findings in the change since the baseline, when the scan marked them (the editor's report). */
  change?: string;
}

const SEVERITY_WORDS: Record<Severity, [string, string]> = {
  error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['info', 'infos'], hint: ['hint', 'hints'],
};

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export function headline(scan: ScanResult, sum: ReportSummary): Headline {
  const parts = SEVERITIES.filter((s) => sum.bySeverity[s] > 0).map((s) => `${sum.bySeverity[s]} ${SEVERITY_WORDS[s][sum.bySeverity[s] === 1 ? 0 : 1]}`);
  const findings = sum.active
    ? `${plural(sum.active, 'finding')}: ${parts.join(', ')}${sum.suppressed ? ` (and ${sum.suppressed} suppressed with a reason)` : ''}.`
    : `No findings${sum.suppressed ? ` (${sum.suppressed} suppressed with a reason)` : ''}.`;
  const skipped = scan.skipped.filter((s) => s.unanalysed).length;
  const p = scan.provenance?.total;
  let assisted: string;
  if (!p) assisted = 'Assisted code was not looked at in this run.';
  else if (!p.assistedLines) assisted = 'No code is recorded as written by an assistant (an accepted completion, a paste or an agent edit), so there is nothing to review.';
  else {
    const pct = Math.round(p.reviewCoverage * 100);
    assisted = `${plural(p.assistedLines, 'line')} came from an assistant (accepted completions, pastes or agent edits); ` +
      (p.unreviewedLines
        ? `a person has reviewed ${p.reviewedLines} of them (${pct}%), ${p.unreviewedLines} still ${p.unreviewedLines === 1 ? 'needs' : 'need'} a review.`
        : 'a person has reviewed all of them.');
  }
  return {
    files: `${plural(scan.fileCount, 'file')} scanned${skipped ? `, ${skipped} could not be analysed` : ''}${scan.reused ? ` (${scan.reused} unchanged since the last run, not analysed again)` : ''}.`,
    findings,
    assisted,
    time: `Took ${seconds(scan.durationMs)}.`,
    ...(scan.change ? { change: changeText(scan.change) } : {}),
  };
}

function changeText(c: NonNullable<ScanResult['change']>): string {
  return c.findings
    ? `${plural(c.findings, 'finding')} ${c.findings === 1 ? 'is' : 'are'} in your change since ${c.baseline} (on lines it touched, in ${plural(c.files, 'file')}).`
    : `None of the findings is in your change since ${c.baseline}.`;
}

export interface FileRisk {
  path: string;
  score: number;
  findings: number;
  unreviewedLines: number;
}

/**
 * Trust score per file (core/trust.ts, the formula the trust panel shows) for every file with findings
 * or assisted code, lowest first; files at 100 are left out. Suppressed findings do not count.
 */
export function riskiestFiles(scan: ScanResult, limit = 10): FileRisk[] {
  const byPath = new Map<string, ScannedFile>(scan.files.map((f) => [f.path, f]));
  const paths = new Set([...byPath.keys(), ...Object.keys(scan.provenance?.files ?? {})]);
  const out: FileRisk[] = [];
  for (const path of paths) {
    const file = byPath.get(path);
    const prov = scan.provenance?.files[path];
    const active = (file?.findings ?? []).filter((f) => !f.suppressed);
    const totalLines = Math.max(file?.lines ?? 0, prov?.lines ?? 0, prov?.assistedLines ?? 0);
    const score = trustScore({
      totalLines,
      assistedLines: prov?.assistedLines ?? 0,
      unreviewedLines: prov?.unreviewedLines ?? 0,
      findings: active.map((f) => {
        const mark = file?.findingProvenance?.[f.id];
        return { severity: f.severity, unreviewed: !!mark && isUnreviewed(mark.state) };
      }),
    });
    if (score < 100) out.push({ path, score, findings: active.length, unreviewedLines: prov?.unreviewedLines ?? 0 });
  }
  return out.sort((a, b) => a.score - b.score || b.findings - a.findings || (a.path < b.path ? -1 : 1)).slice(0, limit);
}

export interface FolderCoverage {
  folder: string;
  assistedLines: number;
  reviewedLines: number;
}

/** Assisted and reviewed lines per folder (a file's directory), most assisted code first. */
export function coverageByFolder(scan: ScanResult, limit = 10): FolderCoverage[] {
  const folders = new Map<string, FolderCoverage>();
  for (const [path, p] of Object.entries(scan.provenance?.files ?? {})) {
    if (!p.assistedLines) continue;
    const folder = posix.dirname(path) === '.' ? '(root)' : `${posix.dirname(path)}/`;
    const f = folders.get(folder) ?? { folder, assistedLines: 0, reviewedLines: 0 };
    f.assistedLines += p.assistedLines;
    f.reviewedLines += p.reviewedLines;
    folders.set(folder, f);
  }
  return [...folders.values()].sort((a, b) => b.assistedLines - a.assistedLines || (a.folder < b.folder ? -1 : 1)).slice(0, limit);
}

export interface SeverityGroup {
  severity: Severity;
  files: Array<{ path: string; text?: string; findings: Finding[] }>;
}

const byPosition = (a: Finding, b: Finding): number =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/**
 * The findings table's order: severity first (errors on top), then file, then position. Suppressed
 * findings are included when asked (the page hides them until the reader ticks "suppressed"). Texts
 * have every flagged secret masked, as in common.ts's groupByFile.
 */
export function groupBySeverity(scan: ScanResult, withSuppressed: boolean): SeverityGroup[] {
  const files = [...scan.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const texts = new Map<string, string | undefined>();
  const textOf = (f: ScannedFile): string | undefined => {
    if (!texts.has(f.path)) texts.set(f.path, f.text === undefined ? undefined : maskSecrets(f.text, f.findings));
    return texts.get(f.path);
  };
  return SEVERITIES.map((severity) => ({
    severity,
    files: files
      .map((f) => ({ f, findings: f.findings.filter((x) => x.severity === severity && (withSuppressed || !x.suppressed)).sort(byPosition) }))
      .filter((x) => x.findings.length > 0)
      .map(({ f, findings }) => ({ path: f.path, text: textOf(f), findings })),
  })).filter((g) => g.files.length > 0);
}
