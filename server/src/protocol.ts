// Everything the client and the server share: settings shape and defaults, custom requests and
// notifications, command ids. Flat constants, `vouch/camelCase` method names.
import type { Confidence, Family, Severity } from './core/types';

export type RuleSetting = Severity | 'off';

export interface VouchSettings {
  enable: boolean;
  /** Analyse as you type, or only when a file is saved. */
  run: 'onType' | 'onSave';
  /** Severity override per rule id or family id. */
  rules: Record<string, RuleSetting>;
  /** Globs (relative to the workspace folder); when non-empty, only matching files are analysed. */
  include: string[];
  /** Globs skipped in addition to the built-in generated/vendored/minified excludes. */
  exclude: string[];
  minimumConfidence: Confidence;
  /**
   * Package-name look-ups against the configured registry (only package names leave the machine).
   * `npmUrl` / `pypiUrl` override the registry read from npm/pip configuration ("" = use that).
   */
  registry: { enabled: boolean; npmUrl?: string; pypiUrl?: string };
  /** Dependency checks: a package first published fewer than `newPackageDays` days ago is suspicious. */
  dependencies: { newPackageDays: number };
  /**
   * How assisted code is recognised and treated: `captureMode` 'inferred' (edit shape) or 'precise'
   * (Vouch's own Tab binding); `raiseSeverity` lifts findings in unreviewed assisted code one level;
   * `assistedOnlyRules` run only inside assisted regions (for noisier rules).
   */
  provenance: { captureMode: 'inferred' | 'precise'; raiseSeverity: boolean; assistedOnlyRules: string[] };
  respectGitignore: boolean;
  /** Milliseconds each detector may spend on one file. */
  detectorBudgetMs: number;
}

export const DEFAULT_SETTINGS: VouchSettings = {
  enable: true,
  run: 'onType',
  rules: {},
  include: [],
  exclude: [],
  minimumConfidence: 'low',
  registry: { enabled: true, npmUrl: '', pypiUrl: '' },
  dependencies: { newPackageDays: 30 },
  provenance: { captureMode: 'inferred', raiseSeverity: true, assistedOnlyRules: [] },
  respectGitignore: true,
  detectorBudgetMs: 250,
};

/** Workspace policy file, committed with the code; same keys as the settings without the prefix. */
export const CONFIG_FILE = '.vouch.json';

/** `data` attached to every diagnostic Vouch publishes. */
export interface DiagnosticData {
  ruleId: string;
  family: Family;
  findingId: string;
  /** Set when the finding lies in assisted code that no one has reviewed yet. */
  provenance?: { regionId: string; source: ProvenanceSource; state: ReviewState };
}

// Provenance: where inserted code came from, tracked by the client through later edits.
export type ProvenanceSource = 'completion' | 'paste' | 'agent';
export type ReviewState = 'unreviewed' | 'reviewed' | 'stale';

export interface ProvenanceRegion {
  /** Stable id for the life of the region (survives edits and reloads). */
  id: string;
  source: ProvenanceSource;
  confidence: Confidence;
  /** ISO time the code was inserted. */
  time: string;
  /** Current range in the document (0-based, LSP semantics). */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** sha256 (hex) of the region text at insertion, normalised: LF line ends, trailing spaces trimmed. */
  hash: string;
}

/** client → server: the complete region list of a document, sent after every change to it. */
export const ProvenanceNotification = 'vouch/provenance';
export interface ProvenanceParams {
  uri: string;
  /** Document version the ranges refer to. */
  version: number;
  regions: ProvenanceRegion[];
}

/** Committed per workspace: `.vouch/provenance.json` maps workspace-relative paths to regions as saved. */
export const PROVENANCE_FILE = '.vouch/provenance.json';
/** Committed per workspace: one JSON review entry a line, hash-chained. */
export const LEDGER_FILE = '.vouch/reviews.jsonl';

export interface RegionTrust extends ProvenanceRegion {
  lines: number;
  state: ReviewState;
  review?: { reviewer: string; time: string; note?: string };
  /** Ids of the findings inside the region. */
  findingIds: string[];
}

export interface TrustFinding {
  findingId: string;
  ruleId: string;
  family: Family;
  severity: Severity;
  message: string;
  range: ProvenanceRegion['range'];
  regionId?: string;
}

/** client → server: trust data of one document for the panel, status bar and CodeLens. */
export const FileTrustRequest = 'vouch/fileTrust';
export interface FileTrustParams { uri: string }
export interface FileTrust {
  uri: string;
  /** 0–100; see `trustScore` in server/src/core/trust.ts for the formula. */
  score: number;
  totalLines: number;
  assistedLines: number;
  unreviewedLines: number;
  regions: RegionTrust[];
  findings: TrustFinding[];
  /** Problems reading the ledger (malformed line, broken hash chain) — shown, never fatal. */
  ledgerWarnings: string[];
}

/** client → server: record a review of regions in the ledger. */
export const MarkReviewedRequest = 'vouch/markReviewed';
export interface MarkReviewedParams {
  uri: string;
  /** Region ids, or 'all' for every unreviewed or stale region of the document. */
  regionIds: string[] | 'all';
  note?: string;
}
export interface MarkReviewedResult { reviewed: number; ledger: string }

/** server → client: trust data of a document changed (findings, reviews); refresh views. */
export const TrustChangedNotification = 'vouch/trustChanged';
export interface TrustChangedParams { uri: string }

// Requests and notifications
export const ScanWorkspaceRequest = 'vouch/scanWorkspace';
export interface ScanWorkspaceParams {
  format: 'html' | 'markdown' | 'sarif' | 'json';
  /** Absolute file system path of the report to write. */
  output: string;
}
export interface ScanWorkspaceResult {
  files: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  output: string;
  durationMs: number;
}

export const RuleDocRequest = 'vouch/ruleDoc';
export interface RuleDocParams { ruleId: string }
export interface RuleDocResult { ruleId: string; title: string; markdown: string }

export const StatusNotification = 'vouch/status';
export interface StatusParams {
  uri: string;
  /** Notices for this document: skipped, detector errors or time-outs. */
  notices: string[];
  findings: number;
}

/** Settings the server pulls per resource. */
export const SETTINGS_SECTION = 'vouch';

// Command ids (contributed in package.json)
export const Commands = {
  showRuleDoc: 'vouch.showRuleDoc',
  generateReport: 'vouch.generateReport',
  restartServer: 'vouch.restartServer',
  showOutput: 'vouch.showOutput',
  markReviewed: 'vouch.markReviewed',
  markAllReviewed: 'vouch.markAllReviewed',
  showTrustPanel: 'vouch.showTrustPanel',
  /** Server-side command that appends lines to files (e.g. `.env.example`) after a fix. */
  applyAppends: 'vouch.applyAppends',
} as const;
