// Assisted regions of one document, tracked through edits in line/character space (no text needed).
// Pure: no 'vscode' import, so the tracking rules are unit-tested in-process.
//
// Rules: an insertion before a region shifts it; one strictly inside grows it; one exactly at its
// start or end stays outside; a deletion shrinks it; an edit that replaces the whole region removes
// it. A deletion in the middle keeps ONE region with a shrunk range: a region is a review unit (one
// suggestion, one CodeLens, one ledger entry) and deleting lines from a suggestion still leaves one
// suggestion to review. Regions split only when new assisted code of another origin lands inside one,
// so that every character has a single source.
import { randomUUID } from 'node:crypto';
import { rangeProblem } from '../../../server/src/core/region-bounds';
import type { Confidence } from '../../../server/src/core/types';
import type { ProvenanceRegion, ProvenanceSource } from '../../../server/src/protocol';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
/** One content change: `range` refers to the document as left by the previous change of the same event. */
export interface ContentChange { range: Range; text: string }

/** Same-source inserts that touch within this window merge (a completion taken in several partial accepts). */
export const MERGE_WINDOW_MS = 5000;

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Position after inserting `text` at `start`. */
export function textEnd(start: Position, text: string): Position {
  let lines = 0;
  let lastBreak = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) { lines++; lastBreak = i; }
  }
  return lines === 0
    ? { line: start.line, character: start.character + text.length }
    : { line: start.line + lines, character: text.length - lastBreak - 1 };
}

/**
 * Where `p` lands after `change`. `gravity` decides the ambiguous spots: 'right' (a region start)
 * moves past an insertion at `p` and past the new text of a replacement that swallowed it;
 * 'left' (a region end) stays before both.
 */
export function transformPosition(p: Position, change: ContentChange, gravity: 'left' | 'right'): Position {
  const { start: s, end: e } = change.range;
  const cs = comparePos(p, s);
  if (cs < 0) return p;
  const pureInsert = comparePos(s, e) === 0;
  const newEnd = textEnd(s, change.text);
  if (cs === 0) {
    if (pureInsert) return gravity === 'right' ? newEnd : p;
    return p; // a replacement starting at p: the new text takes the replaced text's place
  }
  const ce = comparePos(p, e);
  if (ce < 0) return gravity === 'right' ? newEnd : s; // inside the deleted span
  if (ce === 0) return newEnd;
  if (p.line === e.line) return { line: newEnd.line, character: newEnd.character + (p.character - e.character) };
  return { line: p.line + (newEnd.line - e.line), character: p.character };
}

/** Narrows an inserted text to its content: no leading blank lines, no trailing whitespace. */
export function contentRange(start: Position, text: string): Range | undefined {
  const lead = /^(?:[ \t]*(?:\r\n|\r|\n))*/.exec(text)![0].length;
  const trail = /\s*$/.exec(text)![0].length;
  if (lead + trail >= text.length) return undefined;
  return { start: textEnd(start, text.slice(0, lead)), end: textEnd(start, text.slice(0, text.length - trail)) };
}

export interface TrackedRegion extends ProvenanceRegion {
  /** ms of the last insert that created or extended the region (merge window); 0 after a reload. */
  updated: number;
  /** Inserted, not yet classified: tracked through edits but neither sent nor persisted. */
  pending?: boolean;
}

export interface CommitInfo { source: ProvenanceSource; confidence: Confidence; time?: string }
export type HashOf = (range: Range) => string;
/** Is the document text in this range blank (spaces, tabs, line breaks)? */
export type BlankBetween = (range: Range) => boolean;

export interface RegionSetOptions { newId?: () => string; now?: () => number }

export class RegionSet {
  private items: TrackedRegion[] = [];
  private readonly newId: () => string;
  private readonly now: () => number;

  constructor(regions: readonly ProvenanceRegion[] = [], options: RegionSetOptions = {}) {
    this.newId = options.newId ?? (() => randomUUID());
    this.now = options.now ?? Date.now;
    for (const r of regions) this.items.push({ ...r, range: cloneRange(r.range), updated: 0 });
    this.sort();
  }

  /** Committed regions in document order (what is sent and saved). */
  get regions(): ProvenanceRegion[] {
    return this.items.filter((r) => !r.pending).map(strip);
  }

  get size(): number { return this.items.filter((r) => !r.pending).length; }

  get(id: string): TrackedRegion | undefined { return this.items.find((r) => r.id === id); }

  /**
   * Applies the changes of one event in the order given; true when a committed region moved or
   * vanished. Committed regions removed as a whole are pushed to `removed` (ranges as they were).
   */
  apply(changes: readonly ContentChange[], removed?: ProvenanceRegion[]): boolean {
    let touched = false;
    for (const change of changes) {
      const { start: s, end: e } = change.range;
      const deletes = comparePos(s, e) < 0;
      const next: TrackedRegion[] = [];
      for (const r of this.items) {
        if (comparePos(r.range.end, s) < 0) { next.push(r); continue; } // wholly before: untouched
        if (deletes && comparePos(s, r.range.start) <= 0 && comparePos(r.range.end, e) <= 0) {
          touched ||= !r.pending; // replaced or deleted as a whole
          if (!r.pending && removed) removed.push(strip(r));
          continue;
        }
        const start = transformPosition(r.range.start, change, 'right');
        const end = transformPosition(r.range.end, change, 'left');
        if (comparePos(start, end) >= 0) {
          // Collapsed: a replacement swallowed it (an undo putting back what the text replaced).
          touched ||= !r.pending;
          if (!r.pending && removed) removed.push(strip(r));
          continue;
        }
        if (!r.pending && (comparePos(start, r.range.start) !== 0 || comparePos(end, r.range.end) !== 0)) touched = true;
        next.push({ ...r, range: { start, end } });
      }
      this.items = next;
    }
    return touched;
  }

  /** Starts tracking freshly inserted text before it is classified. */
  addPending(range: Range): string {
    const id = this.newId();
    this.items.push({ id, source: 'completion', confidence: 'low', time: '', range: cloneRange(range), hash: '', updated: 0, pending: true });
    this.sort();
    return id;
  }

  discard(id: string): void {
    this.items = this.items.filter((r) => r.id !== id);
  }

  /**
   * Classifies a pending region: merges it into a touching same-source region inserted within
   * MERGE_WINDOW_MS (or one only blank text apart, when `blank` can tell: a suggestion accepted word
   * by word leaves the spaces between its words out of each piece), or splits a region it landed
   * inside. Returns the id it lives on under, or undefined when it vanished meanwhile.
   */
  commit(id: string, info: CommitInfo, hashOf: HashOf, blank?: BlankBetween): string | undefined {
    const region = this.get(id);
    if (!region || !region.pending) return region?.id;
    const now = this.now();
    region.pending = false;
    region.source = info.source;
    region.confidence = info.confidence;
    region.time = info.time ?? new Date(now).toISOString();
    region.updated = now;
    const others = () => this.items.filter((o) => o !== region && !o.pending);

    const near = (o: TrackedRegion) => touches(o.range, region.range) || (blank !== undefined && blankApart(o.range, region.range, blank));
    const mergeWith = others().find((o) => o.source === region.source && now - o.updated <= MERGE_WINDOW_MS && near(o));
    let result: TrackedRegion = region;
    if (mergeWith) {
      mergeWith.range = union(mergeWith.range, region.range);
      mergeWith.confidence = CONFIDENCE_RANK[region.confidence] < CONFIDENCE_RANK[mergeWith.confidence] ? region.confidence : mergeWith.confidence;
      mergeWith.updated = now;
      this.discard(region.id);
      result = mergeWith;
    }
    // Carve the (possibly merged) region out of any region it overlaps.
    const carved: TrackedRegion[] = [];
    for (const o of this.items) {
      if (o === result || o.pending || !overlaps(o.range, result.range)) { carved.push(o); continue; }
      const before: Range = { start: o.range.start, end: minPos(o.range.end, result.range.start) };
      const after: Range = { start: maxPos(o.range.start, result.range.end), end: o.range.end };
      let keptId = false;
      for (const part of [before, after]) {
        if (comparePos(part.start, part.end) >= 0) continue;
        const piece: TrackedRegion = { ...o, id: keptId ? this.newId() : o.id, range: part };
        piece.hash = hashOf(part);
        keptId = true;
        carved.push(piece);
      }
    }
    this.items = carved;
    result.hash = hashOf(result.range);
    this.sort();
    return result.id;
  }

  /**
   * Puts back a region exactly as it was (undo/redo of its text): id, source, time and hash kept.
   * Refused when it would overlap a committed region; true when restored.
   */
  restore(region: ProvenanceRegion): boolean {
    if (this.items.some((o) => o.id === region.id || (!o.pending && overlaps(o.range, region.range)))) return false;
    this.items.push({ ...region, range: cloneRange(region.range), updated: 0 });
    this.sort();
    return true;
  }

  /** Adds an already classified region (tests, external hunks). */
  add(range: Range, info: CommitInfo, hashOf: HashOf): string | undefined {
    return this.commit(this.addPending(range), info, hashOf);
  }

  remove(id: string): boolean {
    const before = this.items.length;
    this.discard(id);
    return this.items.length !== before;
  }

  /** Drops regions that do not fit the text (reopened after an edit outside VS Code); true if any dropped. */
  validate(lineCount: number, lineLength: (line: number) => number): boolean {
    const fits = (p: Position) => p.line >= 0 && p.character >= 0 && p.line < lineCount && p.character <= lineLength(p.line);
    const before = this.items.length;
    this.items = this.items.filter((r) => fits(r.range.start) && fits(r.range.end) && comparePos(r.range.start, r.range.end) < 0);
    return this.items.length !== before;
  }

  toJSON(): ProvenanceRegion[] { return this.regions; }

  /** Reads regions back, skipping malformed entries (the file is committed and hand-editable). */
  static fromJSON(data: unknown, options?: RegionSetOptions): RegionSet {
    return new RegionSet(Array.isArray(data) ? data.filter(isRegion) : [], options);
  }

  private sort(): void {
    this.items.sort((a, b) => comparePos(a.range.start, b.range.start) || comparePos(a.range.end, b.range.end));
  }
}

const SOURCES = new Set(['completion', 'paste', 'agent']);
const CONFIDENCES = new Set(['low', 'medium', 'high']);

function isPos(p: unknown): p is Position {
  const o = p as Position | null;
  return !!o && Number.isInteger(o.line) && Number.isInteger(o.character) && o.line >= 0 && o.character >= 0;
}

export function isRegion(r: unknown): r is ProvenanceRegion {
  const o = r as ProvenanceRegion | null;
  return !!o && typeof o.id === 'string' && o.id !== '' && SOURCES.has(o.source) && CONFIDENCES.has(o.confidence)
    && typeof o.time === 'string' && typeof o.hash === 'string' && !!o.range && isPos(o.range.start) && isPos(o.range.end)
    && comparePos(o.range.start, o.range.end) < 0 && !rangeProblem(o.range);
}

function strip({ updated: _u, pending: _p, ...r }: TrackedRegion): ProvenanceRegion {
  return { ...r, range: cloneRange(r.range) };
}
function cloneRange(r: Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}
function minPos(a: Position, b: Position): Position { return comparePos(a, b) <= 0 ? a : b; }
function maxPos(a: Position, b: Position): Position { return comparePos(a, b) >= 0 ? a : b; }
function union(a: Range, b: Range): Range { return { start: minPos(a.start, b.start), end: maxPos(a.end, b.end) }; }
function overlaps(a: Range, b: Range): boolean { return comparePos(a.start, b.end) < 0 && comparePos(b.start, a.end) < 0; }
function touches(a: Range, b: Range): boolean { return comparePos(a.start, b.end) <= 0 && comparePos(b.start, a.end) <= 0; }
/** Only blank text lies between the two (disjoint) ranges. */
function blankApart(a: Range, b: Range, blank: BlankBetween): boolean {
  const [first, second] = comparePos(a.end, b.start) <= 0 ? [a, b] : [b, a];
  return comparePos(first.end, second.start) <= 0 && blank({ start: first.end, end: second.start });
}
