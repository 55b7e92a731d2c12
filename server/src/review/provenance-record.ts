// Region records: `.vouch/provenance.json` is a plain file anyone can edit, and removing a region
// from it would make its code unassisted, so nothing would ask for a review. Each time the editor
// writes a file's regions, it appends a record of them (ids and a digest) to the review ledger, so
// they sit in the same hash chain as the reviews; checkProvenance compares the file to the last
// record per path. Pure except recordRegions, which appends under the ledger's lock.
import { createHash } from 'node:crypto';
import type { ProvenanceRegion } from '../core/provenance-types';
import { updateLedger, type LedgerRead, type RegionRecord } from './ledger';

/** sha256 over what makes a region: id, source, confidence, time, range and insertion hash; order-free. */
export function regionsDigest(regions: readonly ProvenanceRegion[]): string {
  const canonical = regions
    .map((r) => [r.id, r.source, r.confidence ?? null, r.time ?? null, r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character, r.hash ?? null])
    .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(canonical), 'utf8').digest('hex');
}

/** The last record per path in the intact chain. */
export function lastRecords(ledger: Pick<LedgerRead, 'records'>): Map<string, RegionRecord> {
  const out = new Map<string, RegionRecord>();
  for (const r of ledger.records) out.set(r.file, r);
  return out;
}

/**
 * Appends a record of `path`'s regions unless the ledger's last record for it says the same;
 * returns whether it wrote. `path` is workspace-relative with forward slashes.
 */
export function recordRegions(ledgerFile: string, path: string, regions: readonly ProvenanceRegion[], time = new Date().toISOString()): boolean {
  const digest = regionsDigest(regions);
  const lines = updateLedger(ledgerFile, (current) => {
    const last = lastRecords(current).get(path);
    if (last ? last.digest === digest : regions.length === 0) return [];
    return [{ kind: 'regions', file: path, regions: regions.map((r) => r.id).sort(), digest, time }];
  });
  return lines.length > 0;
}

export interface ProvenanceCheck {
  /** What does not hold: regions removed or changed outside Vouch. */
  problems: string[];
  /** What cannot be checked (files written by an older Vouch), one sentence each. */
  notices: string[];
}

const list = (ids: readonly string[]): string => ids.slice(0, 5).join(', ') + (ids.length > 5 ? `, … (${ids.length} in all)` : '');

/** Compares the regions of `.vouch/provenance.json` with the ledger's last record for each path. */
export function checkProvenance(files: Readonly<Record<string, readonly ProvenanceRegion[]>>, ledger: Pick<LedgerRead, 'records'>, name = '.vouch/provenance.json'): ProvenanceCheck {
  const records = lastRecords(ledger);
  const problems: string[] = [];
  const unrecorded: string[] = [];
  for (const [path, record] of records) {
    const regions = files[path] ?? [];
    if (regionsDigest(regions) === record.digest) continue;
    const now = new Set(regions.map((r) => r.id));
    const removed = record.regions.filter((id) => !now.has(id));
    if (!files[path] && record.regions.length) problems.push(`${name} no longer lists ${path}, whose regions the ledger records (${list(record.regions)}): assisted code would go unreviewed`);
    else if (removed.length) problems.push(`${name} lacks ${removed.length === 1 ? 'region' : 'regions'} ${list(removed)} of ${path} that the ledger records: assisted code would go unreviewed`);
    else problems.push(`${name} differs from the ledger's record of ${path} (a region was added, moved or shrunk outside Vouch)`);
  }
  for (const [path, regions] of Object.entries(files)) if (regions.length && !records.has(path)) unrecorded.push(path);
  const notices = unrecorded.length
    ? [`${name} has regions the ledger does not record (${list(unrecorded)}): written by an older Vouch or by hand; their removal cannot be detected until the editor saves those files again`]
    : [];
  return { problems, notices };
}
