// The settings shape and its defaults: what the engine, the scan and the server read. Core owns it so
// nothing below the wire format depends on the wire format; protocol.ts re-exports it for the client.
import type { Confidence, Severity } from './types';

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
  /**
   * Reviews: `sign` signs each review entry with the person's SSH key (`signingKey`, or git's
   * `user.signingkey` when ""), so "who signed off" is a signature; trusted workspaces only.
   */
  review: { sign: boolean; signingKey: string };
  /**
   * `vouch verdict` policy: severities that fail a change, whether unreviewed assisted code in the
   * change needs a review, and paths that always need one.
   */
  verdict: { failOn: Severity[]; unreviewedNeedsReview: boolean; alwaysReview: string[] };
  /** Milliseconds each detector may spend on one file. */
  detectorBudgetMs: number;
  /**
   * The data-flow layer (server/src/analysis): off, every rule that follows values reports nothing
   * (missing-input-validation, secrets passed to sinks) and the exposure rules keep their syntax checks.
   */
  flowAnalysis: boolean;
  /**
   * The team's own flow models (`rules/models/*.json` entries): sanitizers such as their own validator
   * helpers, extra sources, sinks, validators and propagators. Checked by `core/team-models.ts`.
   */
  models: TeamModels;
}

export interface TeamModels {
  sources?: Array<Record<string, unknown>>;
  sinks?: Array<Record<string, unknown>>;
  sanitizers?: Array<Record<string, unknown>>;
  validators?: Array<Record<string, unknown>>;
  propagators?: Array<Record<string, unknown>>;
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
  review: { sign: false, signingKey: '' },
  verdict: { failOn: ['error'], unreviewedNeedsReview: true, alwaysReview: [] },
  detectorBudgetMs: 250,
  flowAnalysis: true,
  models: {},
};

/** Workspace policy file, committed with the code; same keys as the settings without the prefix. */
export const CONFIG_FILE = '.vouch.json';
