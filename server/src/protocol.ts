// Everything the client and the server share: custom requests and notifications, command ids, and
// (re-exported from core) the settings and provenance shapes. Flat constants, `vouch/camelCase` method
// names; requests and notifications are typed (RequestType / NotificationType), so `sendRequest`,
// `onRequest`, `sendNotification` and `onNotification` check params and results on both sides.
import { NotificationType, RequestType, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { Family, Severity } from './core/types';
import type { FindingProvenance, ProvenanceRegion, ReviewState } from './core/provenance-types';
import type { HtmlWebview } from './report/html';
import type { VerdictResult } from './review/verdict';

// Settings and provenance shapes are owned by core (the engine, scan and review read them); the client
// sees them here.
export type { HtmlWebview } from './report/html';
export { CONFIG_FILE, DEFAULT_SETTINGS, type RuleSetting, type VouchSettings } from './core/settings';
export {
  LEDGER_FILE, PROVENANCE_FILE, type FindingProvenance, type ProvenanceRegion, type ProvenanceSource, type ReviewState,
} from './core/provenance-types';

/** `data` attached to every diagnostic Vouch publishes. */
export interface DiagnosticData {
  ruleId: string;
  family: Family;
  findingId: string;
  /** Set when the finding lies in assisted code that no one has reviewed yet. */
  provenance?: FindingProvenance;
}

/** client → server: the complete region list of a document, sent after every change to it. */
export const ProvenanceNotification = new NotificationType<ProvenanceParams>('vouch/provenance');
export interface ProvenanceParams {
  uri: string;
  /** Document version the ranges refer to. */
  version: number;
  regions: ProvenanceRegion[];
}

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
  /** On a line that differs from the baseline (HEAD): "findings in my change". */
  inChange?: true;
}

/** client → server: trust data of one document for the panel, status bar and CodeLens. */
export const FileTrustRequest = new RequestType<FileTrustParams, FileTrust, void>('vouch/fileTrust');
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
  /** Set when Vouch does not analyse this document: why, as a phrase. The views then show no score. */
  notAnalysed?: string;
  /** In a git repository: the baseline the change is measured against and how many lines differ from it. */
  change?: { baseline: string; changedLines: number };
}

/** client → server: record a review of regions in the ledger. */
export const MarkReviewedRequest = new RequestType<MarkReviewedParams, MarkReviewedResult, void>('vouch/markReviewed');
export interface MarkReviewedParams {
  uri: string;
  /** Region ids, or 'all' for every unreviewed or stale region of the document. */
  regionIds: string[] | 'all';
  note?: string;
}
export interface MarkReviewedResult { reviewed: number; ledger: string }

/** server → client: trust data of a document changed (findings, reviews); refresh views. */
export const TrustChangedNotification = new NotificationType<TrustChangedParams>('vouch/trustChanged');
export interface TrustChangedParams { uri: string }

/**
 * client → server: scan every workspace folder (as `vouch scan` does) and keep the result for
 * `vouch/renderReport`; writes no file. Cancellable ($/cancelRequest stops it between files), with
 * work-done progress when the params carry a `workDoneToken`. Unchanged files reuse their last result.
 */
export const ScanWorkspaceRequest = new RequestType<ScanWorkspaceParams, ScanWorkspaceResult, void>('vouch/scanWorkspace');
export type ScanWorkspaceParams = WorkDoneProgressParams;
export interface ScanWorkspaceResult {
  /** Names this scan for `vouch/renderReport`; the server keeps only the latest. */
  scanId: number;
  /** file: URI of the folder the report's paths are relative to. */
  rootUri: string;
  files: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  durationMs: number;
  /** Files whose result was reused from an earlier run. */
  reused: number;
}

/** client → server: the kept scan as report text (the client shows it or writes it where the user chose). */
export const RenderReportRequest = new RequestType<RenderReportParams, RenderReportResult, void>('vouch/renderReport');
export interface RenderReportParams {
  scanId: number;
  format: 'html' | 'markdown' | 'sarif' | 'json';
  /** HTML for the editor's webview: its nonce-based CSP and local assets instead of the file's hashes. */
  webview?: HtmlWebview;
}
export interface RenderReportResult { text: string }

/** client → server: the documentation page of a rule; null for an unknown rule id. */
export const RuleDocRequest = new RequestType<RuleDocParams, RuleDocResult | null, void>('vouch/ruleDoc');
export interface RuleDocParams { ruleId: string }
export interface RuleDocResult { ruleId: string; title: string; markdown: string }

/** client → server: one of the agent tools (server/src/agent/tools.ts) for the editor's language-model tools. */
export const AgentToolRequest = new RequestType<AgentToolParams, AgentToolResult, void>('vouch/agentTool');
export const AGENT_TOOLS = ['check_code', 'check_packages', 'explain_rule', 'file_trust'] as const;
export type AgentToolName = (typeof AGENT_TOOLS)[number];
export interface AgentToolParams { tool: AgentToolName; input: Record<string, unknown> }
/** The answer as JSON text, or the message of a tool error the agent can act on. */
export interface AgentToolResult { text: string; isError?: boolean }

/**
 * client → server: the verdict of the working tree's change against git HEAD — the code of
 * `vouch verdict` (scan/verdict-run.ts), over saved files. Work-done progress with a `workDoneToken`;
 * cancellable ($/cancelRequest). Fails with a message when the folder is not in a git repository.
 */
export const VerdictRequest = new RequestType<VerdictParams, VerdictReport, void>('vouch/verdict');
export interface VerdictParams extends WorkDoneProgressParams {
  /** A file: URI in the workspace folder to judge (the active editor's); default: the first folder. */
  uri?: string;
}
export interface VerdictReport extends VerdictResult {
  /** file: URI of the folder the paths are relative to. */
  rootUri: string;
  /** The baseline as resolved, e.g. `HEAD (3f2a9c1d)`. */
  baseline: string;
  /** Changed files, relative to the folder. */
  files: string[];
  /** The same short summary `vouch verdict` prints. */
  summary: string;
}

/** server → client: after each publish, the document's notices and finding count (status bar). */
export const StatusNotification = new NotificationType<StatusParams>('vouch/status');
export interface StatusParams {
  uri: string;
  /** Notices for this document: skipped, detector errors or time-outs. */
  notices: string[];
  findings: number;
}

/**
 * server → client: how many package look-ups are in flight (registry or its cache), sent when that
 * number changes between zero and not zero. The status bar says "checking packages…" meanwhile.
 */
export const ActivityNotification = new NotificationType<ActivityParams>('vouch/activity');
export interface ActivityParams {
  lookups: number;
}

/** `initializationOptions` the client sends in `initialize`. */
export interface InitializationOptions {
  /** VS Code Workspace Trust; false → the server executes nothing from the workspace and makes no look-ups. */
  workspaceTrusted?: boolean;
  /** The extension's global storage folder: the registry cache lives there. */
  globalStoragePath?: string;
}

/** Settings the server pulls per resource. */
export const SETTINGS_SECTION = 'vouch';

// Command ids (contributed in package.json)
export const Commands = {
  showRuleDoc: 'vouch.showRuleDoc',
  generateReport: 'vouch.generateReport',
  exportReport: 'vouch.exportReport',
  restartServer: 'vouch.restartServer',
  showOutput: 'vouch.showOutput',
  markReviewed: 'vouch.markReviewed',
  markAllReviewed: 'vouch.markAllReviewed',
  showTrustPanel: 'vouch.showTrustPanel',
  verdict: 'vouch.verdict',
  /** Server-side command that appends lines to files (e.g. `.env.example`) after a fix. */
  applyAppends: 'vouch.applyAppends',
} as const;
