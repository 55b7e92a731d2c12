// Policy by provenance, pure: which regions are reviewed, which findings lie in unreviewed assisted
// code, and how those findings change (message suffix, one severity level up unless the region is of
// low confidence, assisted-only rules).
// Shared by the language server and `vouch scan`.
import { clampLines } from '../core/region-bounds';
import { regionHash } from '../core/region-hash';
import { SEVERITIES, type Finding, type Range, type Severity } from '../core/types';
import type { FindingProvenance, ProvenanceRegion, ReviewState } from '../core/provenance-types';
import type { VouchSettings } from '../core/settings';
import type { LedgerEntry } from './ledger';

export type { FindingProvenance };

export interface EvaluatedRegion {
  region: ProvenanceRegion;
  state: ReviewState;
  /** The entry that makes the region reviewed (or the latest one for it when stale). */
  review?: LedgerEntry;
  /** 1-based first and last line. */
  lines: [number, number];
  /** regionHash of the region's current text. */
  currentHash: string;
}

/** Ledger entries of one file, indexed for review-state look-ups. */
export interface FileLedger {
  byHash: Map<string, LedgerEntry>;
  byRegion: Map<string, LedgerEntry>;
}

export function indexLedger(entries: readonly LedgerEntry[], file: string): FileLedger {
  const byHash = new Map<string, LedgerEntry>();
  const byRegion = new Map<string, LedgerEntry>();
  // Later entries win: the newest review of a text is the one shown.
  for (const e of entries) {
    if (e.file !== file) continue;
    byHash.set(e.hash, e);
    byRegion.set(e.regionId, e);
  }
  return { byHash, byRegion };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Text of an LSP range (clamped to the text). */
export function rangeText(text: string, range: Range, starts = lineStarts(text)): string {
  const offset = (p: Range['start']): number => {
    if (p.line >= starts.length) return text.length;
    const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    return Math.min(lineEnd, starts[p.line] + Math.max(0, p.character));
  };
  return text.slice(offset(range.start), Math.max(offset(range.start), offset(range.end)));
}

/** 1-based first and last line; a range ending at column 0 of a later line stops on the line before. */
export function regionLines(range: Range): [number, number] {
  const end = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  return [range.start.line + 1, Math.max(range.start.line + 1, end)];
}

export function lineCount(range: Range): number {
  const [a, b] = regionLines(range);
  return b - a + 1;
}

/** Review state of each region against the ledger entries of its file. */
export function evaluateRegions(text: string, regions: readonly ProvenanceRegion[], ledger: FileLedger): EvaluatedRegion[] {
  const starts = lineStarts(text);
  // Lines as an editor counts them: a final newline does not start another line.
  const lines = text.endsWith('\n') ? starts.length - 1 : starts.length;
  return regions.map((region) => {
    const currentHash = regionHash(rangeText(text, region.range, starts));
    const reviewed = ledger.byHash.get(currentHash);
    const earlier = ledger.byRegion.get(region.id);
    const state: ReviewState = reviewed ? 'reviewed' : earlier ? 'stale' : 'unreviewed';
    // Lines clamped to the text: a committed region may claim lines the file does not have.
    return { region, state, review: reviewed ?? earlier, lines: clampLines(regionLines(region.range), lines), currentHash };
  });
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** The region a finding's start lies in (start inclusive, end exclusive); the smallest when nested. */
export function regionOf<T extends { region: ProvenanceRegion }>(f: { range: Range }, regions: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const r of regions) {
    const { start, end } = r.region.range;
    if (before(f.range.start, start) || !before(f.range.start, end)) continue;
    if (!best || lineCount(r.region.range) < lineCount(best.region.range)) best = r;
  }
  return best;
}

export function raise(severity: Severity): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(severity) - 1)];
}

export interface PolicyResult {
  /** The finding as shown: same id, possibly raised severity and suffixed message. */
  finding: Finding;
  /** The finding as the engine reported it. */
  original: Finding;
  /** The region the finding lies in, whatever its state. */
  region?: EvaluatedRegion;
  /** Set when the region is unreviewed or stale. */
  provenance?: FindingProvenance;
}

export function isUnreviewed(state: ReviewState): boolean {
  return state !== 'reviewed';
}

/**
 * Applies the provenance policy to findings. Findings of `assistedOnlyRules` (rule or family ids)
 * outside every assisted region are dropped; the others come back in order.
 */
export function applyPolicy(findings: readonly Finding[], regions: readonly EvaluatedRegion[], settings: Pick<VouchSettings, 'provenance'>): PolicyResult[] {
  const assistedOnly = new Set(settings.provenance.assistedOnlyRules);
  const out: PolicyResult[] = [];
  for (const f of findings) {
    const region = regionOf(f, regions);
    if (!region && (assistedOnly.has(f.ruleId) || assistedOnly.has(f.family))) continue;
    if (!region || !isUnreviewed(region.state)) {
      out.push({ finding: f, original: f, region });
      continue;
    }
    const provenance: FindingProvenance = { regionId: region.region.id, source: region.region.source, state: region.state };
    // A low-confidence region is one capture could not tell from a human gesture (a multi-line quick
    // fix, a generator run): it is shown and counted, but it does not make findings stricter.
    const sure = region.region.confidence !== 'low';
    const finding: Finding = {
      ...f,
      severity: settings.provenance.raiseSeverity && sure ? raise(f.severity) : f.severity,
      message: `${f.message} (in unreviewed ${sure ? '' : 'possibly '}${region.region.source} code)`,
    };
    out.push({ finding, original: f, region, provenance });
  }
  return out;
}
