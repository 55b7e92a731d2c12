// The review ledger `.vouch/reviews.jsonl`: one JSON entry a line, each carrying the sha256 of the
// previous line's exact text, so hand edits are detectable. Reading is pure parsing (nothing runs);
// a bad line costs that line's trust, never the other entries.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { readTextSafe } from '../io/safe-read';
import { basename, dirname } from 'node:path';
import type { ProvenanceSource } from '../core/provenance-types';

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
}

export type NewEntry = Omit<LedgerEntry, 'v' | 'prev'>;

export interface LedgerRead {
  entries: LedgerEntry[];
  /** Malformed lines and broken links, one sentence each. */
  warnings: string[];
  /** Hash of the last non-blank line ('' when there is none): the next entry's `prev`. */
  lastHash: string;
}

export function lineHash(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

const SOURCES: ReadonlySet<string> = new Set(['completion', 'paste', 'agent']);
const STATUSES: ReadonlySet<string> = new Set(['fixed', 'suppressed', 'accepted']);

/** Why a parsed value is not a ledger entry, or undefined when it is one. */
function shapeProblem(o: unknown): string | undefined {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return 'is not a JSON object';
  const e = o as Record<string, unknown>;
  for (const k of ['file', 'regionId', 'hash', 'time', 'prev'] as const) if (typeof e[k] !== 'string') return `has no "${k}" string`;
  if (typeof e.source !== 'string' || !SOURCES.has(e.source)) return 'has an unknown "source"';
  if (!Array.isArray(e.lines) || e.lines.length !== 2 || !e.lines.every((n) => Number.isInteger(n))) return 'has no "lines" pair';
  const r = e.reviewer as Record<string, unknown> | undefined;
  if (!r || typeof r !== 'object' || typeof r.name !== 'string') return 'has no "reviewer" name';
  if (!Array.isArray(e.findings) || !e.findings.every((f) => f && typeof f === 'object' && typeof f.ruleId === 'string' && typeof f.findingId === 'string' && STATUSES.has(f.status))) return 'has malformed "findings"';
  return undefined;
}

/** Parses ledger text; `name` is how warnings refer to the file. */
export function parseLedger(text: string, name = 'reviews.jsonl'): LedgerRead {
  const entries: LedgerEntry[] = [];
  const warnings: string[] = [];
  // CRLF checkouts (git autocrlf) must not break the chain: hashes cover the line without its ending.
  const lines = text.split(/\r?\n/);
  let prevHash = '';
  let prevNumber = 0;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const number = i + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      warnings.push(`${name} line ${number} is not valid JSON and was skipped: the ledger was edited by hand or a write was cut short`);
    }
    if (parsed !== undefined) {
      const problem = shapeProblem(parsed);
      if (problem) {
        warnings.push(`${name} line ${number} ${problem} and was skipped: it is not a review entry`);
      } else {
        const entry = parsed as LedgerEntry;
        if (entry.prev !== prevHash) {
          warnings.push(prevNumber
            ? `${name} line ${number} does not chain to line ${prevNumber}: the ledger was edited by hand`
            : `${name} line ${number} should start the chain but names a previous entry: lines were removed from the start of the ledger`);
        }
        entries.push(entry);
      }
    }
    prevHash = lineHash(line);
    prevNumber = number;
  });
  return { entries, warnings, lastHash: prevHash };
}

/** Ledgers grow by a few hundred bytes per review; a bigger file is not one. */
export const MAX_LEDGER_BYTES = 64_000_000;

/** Reads and verifies the ledger; a missing file is an empty ledger. */
export function readLedger(file: string): LedgerRead {
  const read = readTextSafe(file, MAX_LEDGER_BYTES);
  if (!read.ok) return { entries: [], warnings: read.kind === 'missing' ? [] : [`${basename(file)} ${read.reason}; no review counts`], lastHash: '' };
  return parseLedger(read.text, basename(file));
}

/** Serialises entries chained after `lastHash`; returns the lines (no trailing newline each). */
export function chainEntries(lastHash: string, entries: readonly NewEntry[]): string[] {
  const out: string[] = [];
  let prev = lastHash;
  for (const e of entries) {
    // Fixed key order keeps lines readable and diffs stable.
    const full: LedgerEntry = {
      v: 1, file: e.file, regionId: e.regionId, lines: e.lines, hash: e.hash, source: e.source,
      reviewer: e.reviewer, time: e.time, findings: e.findings, ...(e.note ? { note: e.note } : {}), prev,
    };
    const line = JSON.stringify(full);
    out.push(line);
    prev = lineHash(line);
  }
  return out;
}

/**
 * Appends entries after re-reading the current tail (another window or a teammate's merge may have
 * written since we last read), with one append call so concurrent writers cannot interleave lines.
 */
export function appendEntries(file: string, entries: readonly NewEntry[]): LedgerEntry[] {
  if (!entries.length) return [];
  mkdirSync(dirname(file), { recursive: true });
  const read = readTextSafe(file, MAX_LEDGER_BYTES);
  // Appending to a FIFO or a device would hang or vanish: refuse with the reason.
  if (!read.ok && read.kind !== 'missing') throw new Error(`${basename(file)} ${read.reason}; the review was not recorded`);
  const text = read.ok ? read.text : '';
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const last = lines.length ? lineHash(lines[lines.length - 1]) : '';
  const out = chainEntries(last, entries);
  const lead = text && !text.endsWith('\n') ? '\n' : '';
  appendFileSync(file, lead + out.join('\n') + '\n');
  return out.map((l) => JSON.parse(l) as LedgerEntry);
}
