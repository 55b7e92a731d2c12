// Undo and redo bring regions back. Any change that removes whole committed regions (an undo of an
// accept, a deletion of assisted lines) remembers them with the removed text; an undo or redo that
// puts exactly that text back at the same place restores them as they were (id, source, time,
// review hash), so "accept, undo, redo" ends where "accept" did. Typing the same text again by
// hand restores nothing: only undo/redo events are matched. Pure (no 'vscode').
//
// Rules: entries are per document, newest first, at most MAX_ENTRIES; an entry is used once; an
// entry is matched only by an undo/redo change that starts where the removal started and inserts the
// removed text unchanged.
import type { ProvenanceRegion } from '../../../server/src/core/provenance-types';
import { comparePos, textEnd, type Position, type Range } from './regions';

export const MAX_ENTRIES = 100;

interface Removed {
  at: Position;
  text: string;
  /** Regions with ranges relative to `at` (line 0 = the line of `at`). */
  regions: ProvenanceRegion[];
}

/** `p` relative to `origin` (which must not be after it). */
export function relative(p: Position, origin: Position): Position {
  return p.line === origin.line ? { line: 0, character: p.character - origin.character } : { line: p.line - origin.line, character: p.character };
}

/** Inverse of `relative`. */
export function absolute(p: Position, origin: Position): Position {
  return p.line === 0 ? { line: origin.line, character: origin.character + p.character } : { line: origin.line + p.line, character: p.character };
}

export class RegionHistory {
  private readonly entries: Removed[] = [];

  /**
   * A change replaced `removedText` starting at `at`, and these committed regions (ranges in the
   * document before the change) went with it.
   */
  removed(at: Position, removedText: string, regions: readonly ProvenanceRegion[]): void {
    const end = textEnd(at, removedText);
    const inside = regions.filter((r) => comparePos(at, r.range.start) <= 0 && comparePos(r.range.end, end) <= 0);
    if (inside.length === 0 || removedText === '') return;
    this.entries.unshift({
      at: { line: at.line, character: at.character },
      text: removedText,
      regions: inside.map((r) => ({ ...r, range: { start: relative(r.range.start, at), end: relative(r.range.end, at) } })),
    });
    if (this.entries.length > MAX_ENTRIES) this.entries.length = MAX_ENTRIES;
  }

  /** An undo/redo inserted `text` at `at`: the regions it brings back (absolute ranges), if any. */
  reinserted(at: Position, text: string): ProvenanceRegion[] {
    const i = this.entries.findIndex((e) => e.text === text && comparePos(e.at, at) === 0);
    if (i < 0) return [];
    const [entry] = this.entries.splice(i, 1);
    return entry.regions.map((r) => ({ ...r, range: { start: absolute(r.range.start, at), end: absolute(r.range.end, at) } as Range }));
  }

  get size(): number { return this.entries.length; }
}
