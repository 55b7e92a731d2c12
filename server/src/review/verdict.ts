// One verdict per change: pass, needs review, or fail — from the findings on changed lines, the
// unreviewed assisted regions the change touches, and the team's policy (`verdict` in .vouch.json).
// Pure: the caller brings the scan of the changed files, their changed lines and the review record.
//
// Rules: a finding counts when it starts on a changed line (or anywhere in a file given as wholly
// changed, e.g. a new file); a region counts when it overlaps a changed line. `fail` beats
// `needs-review` beats `pass`. Reasons name the files and lines, so the summary says why.
import { minimatch } from 'minimatch';
import type { EvaluatedRegion } from './policy';
import { isUnreviewed } from './policy';
import type { Finding, Severity } from '../core/types';
import type { VerdictKind } from './attest';

export interface VerdictPolicy {
  /** Findings of these severities on changed lines fail the change (default: error). */
  failOn: Severity[];
  /** Unreviewed assisted code in the change needs a review before it passes (default: true). */
  unreviewedNeedsReview: boolean;
  /** Paths (minimatch globs) that always need a review when they change, e.g. `infra/**`. */
  alwaysReview: string[];
}

export const DEFAULT_VERDICT_POLICY: VerdictPolicy = { failOn: ['error'], unreviewedNeedsReview: true, alwaysReview: [] };

export interface ChangedFile {
  path: string;
  /** 1-based changed lines; 'all' for a file that is new or wholly rewritten. */
  lines: 'all' | ReadonlySet<number>;
  findings: readonly Finding[];
  regions: readonly EvaluatedRegion[];
  /** A review entry in the ledger covers this file's change (for alwaysReview paths). */
  reviewed?: boolean;
}

/** A finding on a changed line; 1-based line and column. */
export interface VerdictFinding {
  path: string;
  line: number;
  column: number;
  ruleId: string;
  severity: Severity;
  message: string;
  /** Places in other files the finding reaches (a breaking change's broken callers). */
  reach?: Array<{ path: string; line: number; message: string }>;
}

export interface VerdictResult {
  verdict: VerdictKind;
  reasons: string[];
  findings: VerdictFinding[];
  unreviewed: Array<{ path: string; lines: [number, number]; source: string }>;
  findingsByRule: Record<string, number>;
}

const touches = (lines: ChangedFile['lines'], from: number, to: number): boolean => {
  if (lines === 'all') return true;
  for (const l of lines) if (l >= from && l <= to) return true;
  return false;
};

export function decideVerdict(files: readonly ChangedFile[], policy: VerdictPolicy = DEFAULT_VERDICT_POLICY): VerdictResult {
  const findings: VerdictResult['findings'] = [];
  const unreviewed: VerdictResult['unreviewed'] = [];
  const findingsByRule: Record<string, number> = {};
  const fail: string[] = [];
  const review: string[] = [];
  for (const file of files) {
    for (const f of file.findings) {
      if (f.suppressed) continue;
      const line = f.range.start.line + 1;
      if (!touches(file.lines, line, line)) continue;
      const reach = (f.related ?? []).flatMap((r) => (r.file !== undefined ? [{ path: r.file, line: r.range.start.line + 1, message: r.message }] : []));
      findings.push({ path: file.path, line, column: f.range.start.character + 1, ruleId: f.ruleId, severity: f.severity, message: f.message, ...(reach.length ? { reach } : {}) });
      findingsByRule[f.ruleId] = (findingsByRule[f.ruleId] ?? 0) + 1;
      if (policy.failOn.includes(f.severity)) fail.push(`${file.path}:${line} ${f.severity} ${f.ruleId}`);
    }
    for (const r of file.regions) {
      if (!isUnreviewed(r.state) || !touches(file.lines, r.lines[0], r.lines[1])) continue;
      unreviewed.push({ path: file.path, lines: r.lines, source: r.region.source });
      if (policy.unreviewedNeedsReview) review.push(`${file.path}:${r.lines[0]}-${r.lines[1]} unreviewed ${r.region.source} code${r.state === 'stale' ? ' (changed since its review)' : ''}`);
    }
    const glob = policy.alwaysReview.find((g) => minimatch(file.path, g, { dot: true }));
    if (glob && !file.reviewed) review.push(`${file.path} changed and "${glob}" always needs a review`);
  }
  const verdict: VerdictKind = fail.length ? 'fail' : review.length ? 'needs-review' : 'pass';
  const reasons = [...fail.map((r) => `fails: ${r}`), ...review.map((r) => `needs review: ${r}`)];
  return { verdict, reasons, findings, unreviewed, findingsByRule };
}

/** The verdict as a short summary for people (the CLI prints it; the JSON carries the rest). */
export function verdictSummary(result: VerdictResult, files: number): string {
  const head = { pass: 'PASS', 'needs-review': 'NEEDS REVIEW', fail: 'FAIL' }[result.verdict];
  const lines = [`${head}: ${files} changed file${files === 1 ? '' : 's'}, ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} on changed lines, ${result.unreviewed.length} unreviewed assisted region${result.unreviewed.length === 1 ? '' : 's'} in the change`];
  for (const r of result.reasons.slice(0, 20)) lines.push(`  ${r}`);
  if (result.reasons.length > 20) lines.push(`  … and ${result.reasons.length - 20} more (see the JSON)`);
  return lines.join('\n');
}
