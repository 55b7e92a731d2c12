// Trust score of one file: how much of it came from an assistant, how much of that no one has
// reviewed, and what the detectors found. Pure; the server feeds it, the panel and status bar show it.
import type { Severity } from './types';

/** Points a finding costs, by severity; a finding inside unreviewed assisted code counts double. */
export const FINDING_WEIGHT: Record<Severity, number> = { error: 15, warning: 5, info: 1, hint: 0 };
/** Findings can cost at most this many points, so provenance still moves a file full of findings. */
export const MAX_FINDING_PENALTY = 45;

export interface TrustInput {
  totalLines: number;
  assistedLines: number;
  /** Assisted lines whose region is unreviewed or stale. */
  unreviewedLines: number;
  findings: ReadonlyArray<{ severity: Severity; unreviewed: boolean }>;
}

/**
 * score = 100 − 40·unreviewedShare − 15·assistedShare
 *             − min(45, Σ weight(severity) × (2 if in unreviewed assisted code else 1))
 * with shares of the file's lines (0..1), weights error 15, warning 5, info 1, hint 0;
 * rounded and clamped to 0–100. A file with no assisted code and no findings scores 100;
 * a fully assisted, unreviewed file without findings scores 45; reviewing it lifts it to 85.
 */
export function trustScore(input: TrustInput): number {
  const total = Math.max(1, input.totalLines);
  const share = (n: number) => Math.min(1, Math.max(0, n / total));
  let penalty = 0;
  for (const f of input.findings) penalty += FINDING_WEIGHT[f.severity] * (f.unreviewed ? 2 : 1);
  const score = 100 - 40 * share(input.unreviewedLines) - 15 * share(input.assistedLines) - Math.min(MAX_FINDING_PENALTY, penalty);
  return Math.max(0, Math.min(100, Math.round(score)));
}

/** The formula as one line of text, for docs and tooltips. */
export const TRUST_FORMULA =
  'score = 100 − 40 × unreviewed share − 15 × assisted share − min(45, 15 × errors + 5 × warnings + 1 × infos), ' +
  'findings in unreviewed assisted code counted twice; clamped to 0–100';
