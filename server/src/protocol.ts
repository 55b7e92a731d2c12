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
}

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
  /** Server-side command that appends lines to files (e.g. `.env.example`) after a fix. */
  applyAppends: 'vouch.applyAppends',
} as const;
