// Attribution other tools wrote (Agent Trace records, git-ai notes) is untrusted input: each format's
// parser turns what it can validate into claims ("these lines of this file came from an AI"), and
// placeClaims turns claims into Vouch regions against the working tree. A claim can only ever add an
// *unreviewed* region: review state comes from the ledger alone, never from an imported record.
// Pure: the texts come through the context, so the CLI (and tests) decide how files are read.
import { createHash } from 'node:crypto';
import type { ProvenanceRegion, ProvenanceSource } from '../core/provenance-types';
import { regionHash } from '../core/region-hash';
import type { Confidence } from '../core/types';
import { rangeText, regionLines } from '../review/policy';

export type FormatId = 'agent-trace' | 'git-ai';

/** One attributed span of lines read from a record, before it is placed in the working tree. */
export interface Claim {
  format: FormatId;
  /** Stable identity of the record the span came from (an Agent Trace record id; commit + git-ai key). */
  key: string;
  /** How messages name the record, e.g. `traces.jsonl line 3 (record 550e8400…)`. */
  where: string;
  /** The path as the record gives it: relative to the repository root. */
  path: string;
  /** 1-based first and last line, in the file as `revision` has it (the working tree when absent). */
  lines: [number, number];
  revision?: string;
  source: ProvenanceSource;
  confidence: Confidence;
  /** ISO time the code was written, as the record says. */
  time: string;
}

/** A record (or part of one) not imported, and why. */
export interface Skip {
  where: string;
  reason: string;
}

export interface Parsed {
  claims: Claim[];
  /** Malformed, unknown or unsafe: reported, never used. */
  skipped: Skip[];
  /** Well-formed but not assisted code (human-authored lines, origin unknown). */
  ignored: Skip[];
}

/** More claims than this in one import is not attribution but a flood; the rest are skipped. */
export const MAX_CLAIMS = 100_000;

/**
 * A record's path as a repository-relative path with forward slashes, or why it may not be used:
 * absolute, climbing out of the repository, naming `.git` or Vouch's own files.
 */
export function recordPath(raw: unknown): { path: string } | { reason: string } {
  if (typeof raw !== 'string' || raw === '') return { reason: 'is not a path' };
  if (raw.length > 4096) return { reason: `is ${raw.length} characters long: not a path` };
  if (/[\u0000-\u001f]/.test(raw)) return { reason: 'has control characters: not a path' };
  const p = raw.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return { reason: 'is an absolute path: record paths must be relative to the repository' };
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) return { reason: 'climbs out of the repository (..)' };
  if (!parts.length) return { reason: 'is not a path' };
  if (parts[0] === '.git') return { reason: 'is inside .git' };
  if (parts[0] === '.vouch') return { reason: "is one of Vouch's own record files" };
  return { path: parts.join('/') };
}

/** Lines of a text as an editor counts them (a final newline does not start a line), without `\r`. */
export function textLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Without trailing spaces and tabs; a loop, since `/[ \t]+$/` backtracks quadratically on long runs of spaces. */
function norm(l: string): string {
  let e = l.length;
  while (e > 0 && (l.charCodeAt(e - 1) === 0x20 || l.charCodeAt(e - 1) === 0x09)) e--;
  return e === l.length ? l : l.slice(0, e);
}
const blank = (l: string): boolean => l.trim() === '';

/** A 1-based span without its leading and trailing blank lines, or undefined when all are blank. */
function trimBlank(lines: readonly string[], [a, b]: readonly [number, number]): [number, number] | undefined {
  while (a <= b && blank(lines[a - 1])) a++;
  while (b >= a && blank(lines[b - 1])) b--;
  return a <= b ? [a, b] : undefined;
}

/** Line comparisons one relocation may make: a hostile file of identical lines must not cost minutes. */
export const RELOCATE_BUDGET = 4_000_000;

/** A text's lines prepared for relocation: normalised, and where each normalised line occurs. */
export class LineTable {
  readonly normed: string[];
  private index?: Map<string, number[]>;
  constructor(readonly lines: readonly string[]) {
    this.normed = lines.map(norm);
  }
  positions(line: string): readonly number[] {
    if (!this.index) {
      this.index = new Map();
      this.normed.forEach((l, i) => {
        const list = this.index!.get(l);
        if (list) list.push(i);
        else this.index!.set(l, [i]);
      });
    }
    return this.index.get(line) ?? [];
  }
}

/**
 * Where lines `a..b` of `base` are in `current`: the same place when they are still there, else the
 * nearest place with the same lines (trailing spaces aside), else undefined (the code changed, or
 * finding it would cost more than RELOCATE_BUDGET comparisons).
 */
export function relocate(base: LineTable, current: LineTable, [a, b]: readonly [number, number]): [number, number] | undefined {
  const want = base.normed.slice(a - 1, b);
  let budget = RELOCATE_BUDGET;
  const at = (i: number): boolean => {
    if (i < 0 || i + want.length > current.normed.length) return false;
    for (let k = 0; k < want.length; k++) {
      if (--budget < 0 || current.normed[i + k] !== want[k]) return false;
    }
    return true;
  };
  if (at(a - 1)) return [a, b];
  let best = -1;
  for (const i of current.positions(want[0])) {
    if (budget <= 0) return undefined;
    if (at(i) && (best === -1 || Math.abs(i - (a - 1)) < Math.abs(best - (a - 1)))) best = i;
  }
  return best === -1 ? undefined : [best + 1, best + want.length];
}

/** `span` minus the covered spans (1-based, inclusive), in order. */
function subtract(span: readonly [number, number], covered: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  let pieces: Array<[number, number]> = [[span[0], span[1]]];
  for (const [c0, c1] of covered) {
    pieces = pieces.flatMap(([p0, p1]): Array<[number, number]> => {
      if (c1 < p0 || c0 > p1) return [[p0, p1]];
      const out: Array<[number, number]> = [];
      if (c0 > p0) out.push([p0, c0 - 1]);
      if (c1 < p1) out.push([c1 + 1, p1]);
      return out;
    });
  }
  return pieces;
}

export type TextOrReason = { text: string } | { reason: string };

export interface PlaceContext {
  /** Regions `.vouch/provenance.json` holds now, per workspace path. */
  existing: Readonly<Record<string, readonly ProvenanceRegion[]>>;
  /** The workspace path of a repository path, or why it cannot take regions. */
  workspacePath(repoPath: string): { path: string } | { reason: string };
  /** The working-tree text of a workspace path, or why there is none. */
  current(path: string): Promise<TextOrReason> | TextOrReason;
  /** A repository path's text at a revision; undefined when that revision or file is not in the repository. */
  atRevision(revision: string, repoPath: string): Promise<string | undefined> | string | undefined;
  /** Why a workspace path's regions must not change now (the review record does not hold for it). */
  blocked?(path: string): string | undefined;
}

export interface Imported {
  path: string;
  region: ProvenanceRegion;
  where: string;
}

export interface Placement {
  /** New regions per workspace path, in the order they were placed. */
  added: Record<string, ProvenanceRegion[]>;
  imported: Imported[];
  /** Lines Vouch records already (its own regions, or an earlier import): nothing to do. */
  unchanged: Skip[];
  skipped: Skip[];
  ignored: Skip[];
}

const span = (l: readonly [number, number]): string => (l[0] === l[1] ? `line ${l[0]}` : `lines ${l[0]}-${l[1]}`);

/** Stable for the same record and lines, so importing twice finds the first import's regions. */
function regionId(claim: Claim, piece: readonly [number, number]): string {
  const digest = createHash('sha256').update(JSON.stringify([claim.format, claim.key, claim.path, claim.lines, piece]), 'utf8').digest('hex');
  return `${claim.format}-${digest.slice(0, 24)}`;
}

/**
 * Places claims in the working tree: the lines a record names (at its revision, found again in the
 * working tree when the file changed since), less blank lines at either end, less lines any region
 * already covers (Vouch's own regions win; an earlier import is never duplicated). Each piece becomes
 * an unreviewed region whose hash is the working tree's text of those lines.
 */
export async function placeClaims(claims: readonly Claim[], ctx: PlaceContext): Promise<Placement> {
  const out: Placement = { added: {}, imported: [], unchanged: [], skipped: [], ignored: [] };
  const texts = new Map<string, { text: string; table: LineTable } | { reason: string }>();
  const bases = new Map<string, LineTable | undefined>();
  const covered = new Map<string, Array<readonly [number, number]>>();
  const ids = new Map<string, Set<string>>();
  const coverOf = (path: string) => {
    let c = covered.get(path);
    if (!c) covered.set(path, (c = (ctx.existing[path] ?? []).map((r) => regionLines(r.range))));
    return c;
  };
  const idsOf = (path: string) => {
    let s = ids.get(path);
    if (!s) ids.set(path, (s = new Set((ctx.existing[path] ?? []).map((r) => r.id))));
    return s;
  };
  if (claims.length > MAX_CLAIMS) out.skipped.push({ where: claims[MAX_CLAIMS].where, reason: `${claims.length - MAX_CLAIMS} more attributed spans after the first ${MAX_CLAIMS} were not read` });
  // One file at a time (stable, so records keep their order within a file): only its texts are held.
  const byPath = claims.slice(0, MAX_CLAIMS).map((c, i) => [c, i] as const).sort((x, y) => (x[0].path < y[0].path ? -1 : x[0].path > y[0].path ? 1 : x[1] - y[1])).map(([c]) => c);
  let held: string | undefined;
  for (const claim of byPath) {
    if (claim.path !== held) {
      texts.clear();
      bases.clear();
      held = claim.path;
    }
    const skip = (reason: string) => out.skipped.push({ where: claim.where, reason });
    const located = ctx.workspacePath(claim.path);
    if ('reason' in located) {
      skip(`path ${JSON.stringify(claim.path.slice(0, 200))} ${located.reason}`);
      continue;
    }
    const path = located.path;
    const blocked = ctx.blocked?.(path);
    if (blocked) {
      skip(`${path}: ${blocked}`);
      continue;
    }
    let cur = texts.get(path);
    if (!cur) {
      const read = await ctx.current(path);
      texts.set(path, (cur = 'reason' in read ? read : { text: read.text, table: new LineTable(textLines(read.text)) }));
    }
    if ('reason' in cur) {
      skip(`${path} ${cur.reason}`);
      continue;
    }
    const current = cur.table;
    const curLines = current.lines;
    let baseTable = current;
    let at = '';
    if (claim.revision) {
      const key = `${claim.revision}\0${claim.path}`;
      if (!bases.has(key)) {
        const text = await ctx.atRevision(claim.revision, claim.path);
        bases.set(key, text === undefined ? undefined : new LineTable(textLines(text)));
      }
      const base = bases.get(key);
      if (base !== undefined) {
        baseTable = base;
        at = `commit ${claim.revision.slice(0, 12)}`;
      } else if (claim.format === 'git-ai') {
        // A git-ai note describes its commit's files; without them the lines mean nothing.
        skip(`${path} is not in commit ${claim.revision.slice(0, 12)}`);
        continue;
      }
    }
    const baseLines = baseTable.lines;
    if (claim.lines[1] > baseLines.length) {
      skip(`${span(claim.lines)} of ${path} ${claim.lines[0] === claim.lines[1] ? 'reaches' : 'reach'} past the end of the file (${baseLines.length} lines${at ? ` in ${at}` : ''})`);
      continue;
    }
    const trimmed = trimBlank(baseLines, claim.lines);
    if (!trimmed) {
      out.ignored.push({ where: claim.where, reason: `${span(claim.lines)} of ${path} ${claim.lines[0] === claim.lines[1] ? 'is' : 'are'} blank` });
      continue;
    }
    const found = baseTable === current ? trimmed : relocate(baseTable, current, trimmed);
    if (!found) {
      skip(`${path} changed since ${at || 'the record was written'}: ${span(trimmed)} ${trimmed[0] === trimmed[1] ? 'is' : 'are'} no longer there`);
      continue;
    }
    const cover = coverOf(path);
    const pieces = subtract(found, cover).map((p) => trimBlank(curLines, p)).filter((p): p is [number, number] => !!p);
    const known = idsOf(path);
    const fresh = pieces.filter((p) => !known.has(regionId(claim, p)));
    if (!fresh.length) {
      out.unchanged.push({ where: claim.where, reason: `${span(found)} of ${path} are recorded already` });
      continue;
    }
    for (const p of fresh) {
      const endLine = p[1] - 1;
      const range = { start: { line: p[0] - 1, character: 0 }, end: { line: endLine, character: curLines[endLine].length } };
      const region: ProvenanceRegion = {
        id: regionId(claim, p), source: claim.source, confidence: claim.confidence, time: claim.time, range,
        hash: regionHash(rangeText(cur.text, range)),
      };
      (out.added[path] ??= []).push(region);
      out.imported.push({ path, region, where: claim.where });
      cover.push(p);
      known.add(region.id);
    }
  }
  return out;
}
