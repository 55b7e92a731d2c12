// Does the review record hold? The ledger's chain must be intact (entries after a break do not
// count), a head pinned outside the repository must still be in the chain (else lines were removed
// from the end or history was rewritten before it), and `.vouch/provenance.json` must match the
// ledger's region records. Pure: `vouch verify` and `vouch scan` read the files and call it.
import type { ProvenanceRegion } from '../core/provenance-types';
import type { LedgerRead, RegionRecord } from './ledger';
import { checkProvenance } from './provenance-record';

export interface Verification {
  holds: boolean;
  /** What does not hold, one sentence each. */
  problems: string[];
  /** What is worth knowing but not wrong (older files, changes since the pinned head). */
  notices: string[];
  /** Hash of the last line of the intact chain ('' for an empty ledger). */
  head: string;
  reviews: number;
  records: number;
}

/** A head as given on a command line: 64 hex digits, case-insensitive. */
export const isHead = (s: string): boolean => /^[0-9a-f]{64}$/i.test(s);

function sinceHead(ledger: LedgerRead, at: number): string[] {
  const later = ledger.chain.slice(at + 1);
  if (!later.length) return [];
  const state = new Map<string, RegionRecord>();
  for (const l of ledger.chain.slice(0, at + 1)) if (l.record) state.set(l.record.file, l.record);
  const dropped: string[] = [];
  for (const l of later) {
    if (!l.record) continue;
    const before = state.get(l.record.file);
    const now = new Set(l.record.regions);
    const gone = before?.regions.filter((id) => !now.has(id)) ?? [];
    if (gone.length) dropped.push(`${l.record.file} (${gone.join(', ')}; line ${l.line})`);
    state.set(l.record.file, l.record);
  }
  const reviews = later.filter((l) => l.review).length;
  const records = later.filter((l) => l.record).length;
  const out = [`since the pinned head: ${reviews} review${reviews === 1 ? '' : 's'} and ${records} region record${records === 1 ? '' : 's'} added`];
  // Regions leave legitimately (their code was deleted), but a reviewer of the change should see it.
  if (dropped.length) out.push(`regions dropped since the pinned head: ${dropped.join('; ')}`);
  return out;
}

/**
 * Verifies a read ledger against the regions of provenance.json (and the problems reading it).
 * `pinned` is a head recorded earlier (e.g. the target branch's); it must be in the intact chain.
 */
export function verify(ledger: LedgerRead, provenance: { files: Readonly<Record<string, readonly ProvenanceRegion[]>>; warnings: readonly string[] }, pinned?: string): Verification {
  const problems: string[] = [];
  const notices: string[] = [];
  // A break's warning comes first; an unreadable ledger has only that one.
  if (ledger.broken || ledger.unreadable) problems.push(ledger.warnings[0]);
  notices.push(...ledger.warnings.filter((w) => !problems.includes(w)));
  if (pinned) {
    const at = ledger.chain.findIndex((l) => l.hash === pinned.toLowerCase());
    if (at === -1) {
      problems.push(`the pinned head ${pinned.slice(0, 12)}… is not in the ledger's intact chain: lines were removed from its end, or the ledger was rewritten or broken before it`);
    } else {
      notices.push(...sinceHead(ledger, at));
    }
  }
  // A provenance file that cannot be read hides every region: that does not hold either.
  problems.push(...provenance.warnings);
  const check = checkProvenance(provenance.files, ledger);
  problems.push(...check.problems);
  notices.push(...check.notices);
  return { holds: problems.length === 0, problems, notices, head: ledger.head, reviews: ledger.entries.length, records: ledger.records.length };
}
