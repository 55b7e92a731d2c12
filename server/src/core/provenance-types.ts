// Provenance shapes shared by the review policy, the scan and the server: where inserted code came
// from (tracked by the client through later edits) and the committed files that record it.
// protocol.ts re-exports them for the client.
import type { Confidence } from './types';

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

/** The assisted region a finding lies in, as diagnostics and reports carry it. */
export interface FindingProvenance {
  regionId: string;
  source: ProvenanceSource;
  state: ReviewState;
}

/** Committed per workspace: `.vouch/provenance.json` maps workspace-relative paths to regions as saved. */
export const PROVENANCE_FILE = '.vouch/provenance.json';
/** Committed per workspace: one JSON review entry a line, hash-chained. */
export const LEDGER_FILE = '.vouch/reviews.jsonl';
