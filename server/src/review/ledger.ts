// The review ledger `.vouch/reviews.jsonl`: an append-only log, one JSON entry a line, each carrying
// the sha256 of the previous line's exact text (like a commit naming its parent), so the hash of the
// last line — the head — stands for the whole history. Entries after the first line that breaks the
// chain do not count; a head pinned outside the repository (CI, a pull request) makes truncation and
// rewrites before it visible. Besides reviews, the chain carries region records (`kind: "regions"`,
// review/provenance-record.ts) so `.vouch/provenance.json` is covered too. Reading is pure parsing.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { readTextSafe } from '../io/safe-read';
import { basename, dirname } from 'node:path';
import type { ProvenanceSource } from '../core/provenance-types';
import { withFileLock } from './lock';

export type ReviewedFindingStatus = 'fixed' | 'suppressed' | 'accepted';

export interface LedgerEntry {
  v: 1;
  /** Workspace-relative path, forward slashes. */
  file: string;
  regionId: string;
  /** 1-based first and last line of the region at review time. */
  lines: [number, number];
  /** regionHash of the region text at review time. */
  hash: string;
  source: ProvenanceSource;
  reviewer: { name: string; email?: string };
  /** ISO time of the review. */
  time: string;
  findings: Array<{ ruleId: string; findingId: string; status: ReviewedFindingStatus }>;
  note?: string;
  /** sha256 (hex) of the previous line's exact text; '' for the first line. */
  prev: string;
  /**
   * SSH signature (`ssh-keygen -Y sign`, namespace `vouch-review`, armored) over the entry's line
   * without this field (`prev` included, so a signed entry cannot be moved in the chain).
   */
  sig?: string;
}

export type NewEntry = Omit<LedgerEntry, 'v' | 'prev' | 'sig'>;
/** Signs the exact bytes of an unsigned entry line; returns the armored signature. */
export type EntrySigner = (line: string) => string;

/** The regions `.vouch/provenance.json` holds for one file, as the editor last wrote them. */
export interface RegionRecord {
  v: 2;
  kind: 'regions';
  file: string;
  /** Region ids, sorted. */
  regions: string[];
  /** regionsDigest of the file's regions (ids, sources, ranges, hashes). */
  digest: string;
  time: string;
  prev: string;
}

export type NewRegionRecord = Omit<RegionRecord, 'v' | 'prev'>;
export type NewItem = NewEntry | NewRegionRecord;

/** One line of the intact chain. */
export interface ChainLink {
  /** lineHash of the line: the head when it is the last link. */
  hash: string;
  /** 1-based line number in the file. */
  line: number;
  review?: LedgerEntry;
  record?: RegionRecord;
}

export interface LedgerRead {
  /** Reviews that count: those in the intact chain, before any break. */
  entries: LedgerEntry[];
  /** Region records in the intact chain. */
  records: RegionRecord[];
  /** Breaks, malformed lines and skipped entries, one sentence each. */
  warnings: string[];
  /** Set when the file exists but could not be read: nothing counts. */
  unreadable?: true;
  /** The first line that breaks the chain; nothing from it on counts. */
  broken?: { line: number; uncounted: number; reason: string };
  /** The intact chain, first line first. */
  chain: ChainLink[];
  /** Hash of the last line of the intact chain ('' when empty): what CI pins. */
  head: string;
  /** Hash of the last non-blank line ('' when there is none): the next entry's `prev`. */
  lastHash: string;
}

export const EMPTY_LEDGER: LedgerRead = Object.freeze({ entries: [], records: [], warnings: [], chain: [], head: '', lastHash: '' }) as LedgerRead;

export function lineHash(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

const SOURCES: ReadonlySet<string> = new Set(['completion', 'paste', 'agent']);
const STATUSES: ReadonlySet<string> = new Set(['fixed', 'suppressed', 'accepted']);

/** Why a parsed value is not a review entry, or undefined when it is one. */
function reviewProblem(e: Record<string, unknown>): string | undefined {
  for (const k of ['file', 'regionId', 'hash', 'time', 'prev'] as const) if (typeof e[k] !== 'string') return `has no "${k}" string`;
  if (typeof e.source !== 'string' || !SOURCES.has(e.source)) return 'has an unknown "source"';
  if (!Array.isArray(e.lines) || e.lines.length !== 2 || !e.lines.every((n) => Number.isInteger(n))) return 'has no "lines" pair';
  const r = e.reviewer as Record<string, unknown> | undefined;
  if (!r || typeof r !== 'object' || typeof r.name !== 'string') return 'has no "reviewer" name';
  if (!Array.isArray(e.findings) || !e.findings.every((f) => f && typeof f === 'object' && typeof f.ruleId === 'string' && typeof f.findingId === 'string' && STATUSES.has(f.status))) return 'has malformed "findings"';
  return undefined;
}

function recordProblem(e: Record<string, unknown>): string | undefined {
  for (const k of ['file', 'digest', 'time'] as const) if (typeof e[k] !== 'string') return `has no "${k}" string`;
  if (!Array.isArray(e.regions) || !e.regions.every((id) => typeof id === 'string')) return 'has no "regions" list';
  return undefined;
}

type Classified = { review: LedgerEntry } | { record: RegionRecord } | { unknown: string } | { problem: string };

function classify(o: unknown): Classified {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { problem: 'is not a JSON object' };
  const e = o as Record<string, unknown>;
  if (typeof e.prev !== 'string') return { problem: 'has no "prev" string' };
  if (e.kind === undefined && (e.v === 1 || e.v === undefined)) {
    const problem = reviewProblem(e);
    return problem ? { problem } : { review: o as LedgerEntry };
  }
  if (e.kind === 'regions' && e.v === 2) {
    const problem = recordProblem(e);
    return problem ? { problem } : { record: o as RegionRecord };
  }
  // A kind a newer Vouch writes: chained, so it keeps the chain, but nothing here can use it.
  return { unknown: `"${String(e.kind ?? 'review')}" v${String(e.v)}` };
}

/** Parses ledger text; `name` is how warnings refer to the file. */
export function parseLedger(text: string, name = 'reviews.jsonl'): LedgerRead {
  const read: LedgerRead = { entries: [], records: [], warnings: [], chain: [], head: '', lastHash: '' };
  // CRLF checkouts (git autocrlf) must not break the chain: hashes cover the line without its ending.
  const lines = text.split(/\r?\n/);
  let prevHash = '';
  let prevNumber = 0;
  let uncounted = 0;
  const breakAt = (number: number, reason: string) => {
    read.broken = { line: number, uncounted: 0, reason };
  };
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const number = i + 1;
    const hash = lineHash(line);
    const last = prevHash;
    prevHash = hash;
    const lastNumber = prevNumber;
    prevNumber = number;
    if (read.broken) {
      uncounted++;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      breakAt(number, `${name} line ${number} is not valid JSON: the ledger was edited by hand or a write was cut short`);
      uncounted++;
      return;
    }
    const c = classify(parsed);
    if ('problem' in c) {
      breakAt(number, `${name} line ${number} ${c.problem}: it is not a ledger entry`);
    } else if ((parsed as { prev: string }).prev !== last) {
      breakAt(number, lastNumber
        ? `${name} line ${number} does not chain to line ${lastNumber}: the ledger was edited by hand`
        : `${name} line ${number} should start the chain but names a previous entry: lines were removed from the start of the ledger`);
    }
    if (read.broken) {
      uncounted++;
      return;
    }
    const link: ChainLink = { hash, line: number };
    if ('review' in c) read.entries.push((link.review = c.review));
    else if ('record' in c) read.records.push((link.record = c.record));
    else if ('unknown' in c) read.warnings.push(`${name} line ${number} is an entry of kind ${c.unknown}, written by a newer Vouch: skipped`);
    read.chain.push(link);
  });
  if (read.broken) {
    read.broken.uncounted = uncounted;
    read.warnings.unshift(`${read.broken.reason}; ${uncounted === 1 ? 'that line does' : `the ${uncounted} lines from there on do`} not count (restore the ledger from version control and review again)`);
  }
  read.head = read.chain.length ? read.chain[read.chain.length - 1].hash : '';
  read.lastHash = prevHash;
  return read;
}

/** Ledgers grow by a few hundred bytes per review; a bigger file is not one. */
export const MAX_LEDGER_BYTES = 64_000_000;

/** Reads and verifies the ledger; a missing file is an empty ledger. */
export function readLedger(file: string): LedgerRead {
  const read = readTextSafe(file, MAX_LEDGER_BYTES);
  if (!read.ok) return read.kind === 'missing' ? { ...EMPTY_LEDGER, warnings: [] } : { ...EMPTY_LEDGER, unreadable: true, warnings: [`${basename(file)} ${read.reason}; no review counts`] };
  return parseLedger(read.text, basename(file));
}

function serialise(item: NewItem, prev: string, signer?: EntrySigner): string {
  // Fixed key order keeps lines readable and diffs stable.
  if ('kind' in item) {
    const full: RegionRecord = { v: 2, kind: 'regions', file: item.file, regions: item.regions, digest: item.digest, time: item.time, prev };
    return JSON.stringify(full);
  }
  const e = item;
  const full: LedgerEntry = {
    v: 1, file: e.file, regionId: e.regionId, lines: e.lines, hash: e.hash, source: e.source,
    reviewer: e.reviewer, time: e.time, findings: e.findings, ...(e.note ? { note: e.note } : {}), prev,
  };
  const line = JSON.stringify(full);
  return signer ? JSON.stringify({ ...full, sig: signer(line) }) : line;
}

/** The line a review entry's signature covers: the entry as written, without `sig`. */
export function signedPayload(entry: LedgerEntry): string {
  const { sig: _sig, ...unsigned } = entry;
  return JSON.stringify(unsigned);
}

/** Serialises entries chained after `lastHash`; returns the lines (no trailing newline each). */
export function chainEntries(lastHash: string, entries: readonly NewItem[], signer?: EntrySigner): string[] {
  const out: string[] = [];
  let prev = lastHash;
  for (const e of entries) {
    const line = serialise(e, prev, signer);
    out.push(line);
    prev = lineHash(line);
  }
  return out;
}

/**
 * Appends what `build` returns for the ledger as it is now, under the ledger's lock: another window,
 * the CLI or a teammate's merge may have written since we last read, and two appenders reading the
 * same tail would both name it as `prev`, breaking the chain. Returns the lines written.
 */
export function updateLedger(file: string, build: (current: LedgerRead) => readonly NewItem[], signer?: EntrySigner): string[] {
  mkdirSync(dirname(file), { recursive: true });
  return withFileLock(file, () => {
    const read = readTextSafe(file, MAX_LEDGER_BYTES);
    // Appending to a FIFO or a device would hang or vanish: refuse with the reason.
    if (!read.ok && read.kind !== 'missing') throw new Error(`${basename(file)} ${read.reason}; the review was not recorded`);
    const text = read.ok ? read.text : '';
    const items = build(parseLedger(text, basename(file)));
    if (!items.length) return [];
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    const out = chainEntries(lines.length ? lineHash(lines[lines.length - 1]) : '', items, signer);
    const lead = text && !text.endsWith('\n') ? '\n' : '';
    appendFileSync(file, lead + out.join('\n') + '\n');
    return out;
  });
}

/** Appends review entries (see updateLedger). */
export function appendEntries(file: string, entries: readonly NewEntry[], signer?: EntrySigner): LedgerEntry[] {
  if (!entries.length) return [];
  return updateLedger(file, () => entries, signer).map((l) => JSON.parse(l) as LedgerEntry);
}
