// What a scan produces, in one place: the file walk and engine runs (scan.ts) fill it, the provenance
// step (provenance.ts) returns it annotated, the reports (report/) read it.
import type { FindingProvenance } from '../core/provenance-types';
import type { Finding, LanguageId, Notice } from '../core/types';

export interface ProvenanceSummary {
  assistedLines: number;
  unreviewedLines: number;
  reviewedLines: number;
  regions: number;
  /** Reviewed share of assisted lines, 0..1 (1 when there is no assisted code). */
  reviewCoverage: number;
  /** Lines of the file (per-file summaries only), for its trust score in reports. */
  lines?: number;
}

export interface ScanProvenance {
  total: ProvenanceSummary;
  /** Per workspace-relative path, for files with regions. */
  files: Record<string, ProvenanceSummary>;
  /** Problems reading provenance.json or the ledger, and notices about them. */
  warnings: string[];
  /** Whether the review record holds (review/verify.ts): when not, CI must not trust the coverage. */
  record: ReviewRecordState;
}

export interface ReviewRecordState {
  holds: boolean;
  /** What does not hold; reviews after a chain break already do not count in the coverage. */
  problems: string[];
  /** The ledger's head (hash of the last line of its intact chain), '' when empty. */
  head: string;
}

export interface ScannedFile {
  path: string;
  language: LanguageId;
  findings: Finding[];
  /** Parse errors, detector errors and timeouts on this file. */
  notices: Notice[];
  /** Lines of source, for snippets in reports. */
  text?: string;
  /** Number of lines (as an editor counts them), for the file's trust score in reports. */
  lines?: number;
  /** Review coverage of the file's assisted code (set by annotateProvenance). */
  provenance?: ProvenanceSummary;
  /** Region of each finding (by finding id) that lies in assisted code. */
  findingProvenance?: Record<string, FindingProvenance>;
}

export interface ScanResult {
  root: string;
  /** Files with findings or notices. */
  files: ScannedFile[];
  /** Files analysed (skipped ones not counted). */
  fileCount: number;
  /**
   * Files and folders left out, with the reason. `unanalysed` marks a source file whose content (or part
   * of it) was not analysed — what `--fail-on` fails on unless `--allow-skipped`; links and folders the
   * walk did not follow are listed without it.
   */
  skipped: Array<{ path: string; reason: string; unanalysed?: true }>;
  durationMs: number;
  /** Files whose results were reused from an earlier run because nothing they depend on changed (the editor's report). */
  reused?: number;
  /** Run-level problems (e.g. a parser that could not load, an unreadable ledger). */
  warnings?: string[];
  /** Provenance and review coverage, when the caller asked for it (annotateProvenance). */
  provenance?: ScanProvenance;
  /** A diff-aware scan (`--changed-since`): the baseline it compared with, and which lines count. */
  changedSince?: { baseline: string; lines: 'changed' | 'all' };
  /** The editor's report: the change since the baseline (HEAD), whose findings carry `inChange` (active ones counted, with their files); nothing is dropped. */
  change?: { baseline: string; files: number; findings: number };
  /** `k/n` when the run scanned one shard of the files (`--shard`). */
  shard?: string;
}

/** A scan after annotateProvenance: coverage is always present. */
export interface AnnotatedScan extends ScanResult {
  provenance: ScanProvenance;
}
