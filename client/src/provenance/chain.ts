// A suggestion taken in parts (word by word, line by line) arrives as small pieces, each continuing
// the last and each leaving the cursor at its end without a key moving it. The pieces of a document
// are held as one chain, classified together and committed as one region. Pure (no 'vscode').
//
// Positions kept while an edit waits for its facts (the selection change, the clipboard) go stale
// when the document changes meanwhile: an accept command adding an import above the suggestion
// lands before the suggestion is judged. So nothing here keeps a position from the time of an edit:
// the chain's pieces are pending regions that RegionSet moves through every change, and the chain's
// end and each waiting insert move through the same changes (`moved`, `LiveRanges`).
import { classify, type ChangeDescription, type Classification } from './classify';
import { comparePos, transformPosition, type ContentChange, type Position, type Range, type RegionSet } from './regions';

/** Pieces of a suggestion taken in parts continue each other within this time… */
export const CHAIN_GAP_MS = 5000;
/** …and a chain starts with an insert of at least this many non-blank characters. */
export const CHAIN_MIN_CHARS = 2;

/** `end`: where the last piece's text ended (its region leaves trailing blanks out), moved through later changes. */
interface Chain { ids: string[]; text: string; end: Position; at: number }

/** Ranges of edits waiting to be judged, moved through every later change of their document. */
export class LiveRanges {
  private readonly byUri = new Map<string, Set<Range>>();

  /** Tracks a copy of `range` from now on; read it back from the returned object. */
  hold(uri: string, range: Range): Range {
    const live: Range = { start: { ...range.start }, end: { ...range.end } };
    let set = this.byUri.get(uri);
    if (!set) this.byUri.set(uri, set = new Set());
    set.add(live);
    return live;
  }

  release(uri: string, range: Range | undefined): void {
    const set = range && this.byUri.get(uri);
    if (!set) return;
    set.delete(range!);
    if (set.size === 0) this.byUri.delete(uri);
  }

  /** One content change of the document: text inserted at a range's start lands before it, at its end after it. */
  moved(uri: string, change: ContentChange): void {
    for (const r of this.byUri.get(uri) ?? []) {
      r.start = transformPosition(r.start, change, 'right');
      r.end = transformPosition(r.end, change, 'left');
    }
  }

  forget(uri: string): void { this.byUri.delete(uri); }
}


export class PartialAccepts {
  private readonly chains = new Map<string, Chain>();

  constructor(private readonly now: () => number = Date.now) {}

  has(uri: string): boolean { return this.chains.has(uri); }

  /** The pending region `id` is a piece held by the document's chain. */
  holds(uri: string, id: string | undefined): boolean {
    return id !== undefined && !!this.chains.get(uri)?.ids.includes(id);
  }

  /** An insert starting at `start` continues the document's chain. */
  continues(uri: string, start: Position): boolean {
    const chain = this.chains.get(uri);
    return !!chain && comparePos(chain.end, start) === 0;
  }

  /** One content change of the document: the chain's end moves with it (the next piece lands after it). */
  moved(uri: string, change: ContentChange): void {
    const chain = this.chains.get(uri);
    if (chain) chain.end = transformPosition(chain.end, change, 'left');
  }

  /** The document is closed: forget its chain. */
  forget(uri: string): void { this.chains.delete(uri); }

  /** Ends the document's chain; pieces not yet committed are dropped. */
  break(uri: string, regions: RegionSet): void {
    const chain = this.chains.get(uri);
    if (!chain) return;
    this.chains.delete(uri);
    for (const id of chain.ids) if (regions.get(id)?.pending) regions.discard(id);
  }

  /**
   * One edit, classified alone as `result`: when it is an accept-shaped piece, it joins (or starts)
   * the chain and the chain's verdict is returned; anything else ends the chain.
   */
  step(uri: string, regions: RegionSet, ids: string[], d: ChangeDescription, insert: Range | undefined, result: Classification): Classification | undefined {
    const accepted = !d.fromDisk && !d.preciseAccept && ids.length === 1 && d.changes.length === 1 && insert !== undefined
      && d.cursorAtInsertEnd === true && (d.selectionKind === 'other' || d.selectionKind === 'command')
      && d.changes[0].replacedLength === 0 && !d.pasteHint;
    const chain = this.chains.get(uri);
    if (!accepted || result.kind === 'paste' || result.kind === 'agent') {
      if (chain) this.break(uri, regions);
      return undefined;
    }
    const fresh = !chain || comparePos(chain.end, insert!.start) !== 0 || this.now() - chain.at > CHAIN_GAP_MS;
    if (fresh && chain) this.break(uri, regions);
    const next: Chain = fresh ? { ids: [], text: '', end: insert!.start, at: 0 } : chain!;
    next.ids.push(...ids);
    next.text += d.changes[0].text;
    next.end = insert!.end;
    next.at = this.now();
    this.chains.set(uri, next);
    if (result.kind === 'completion') return result;
    return classify({ ...d, changes: [{ text: next.text, replacedLength: 0, atCursor: true }], chained: true });
  }

  /**
   * The chain's pieces as one pending region, to commit: one region for the whole suggestion, from
   * the first piece's start to the last one's end as they are now (the blanks between pieces, which
   * each piece's range leaves out, included). The chain lives on, empty, for the pieces still to come.
   */
  join(uri: string, regions: RegionSet): string[] {
    const chain = this.chains.get(uri);
    if (!chain) return [];
    const pieces = chain.ids.map((id) => regions.get(id)?.range).filter((r): r is Range => !!r);
    for (const id of chain.ids) regions.discard(id);
    chain.ids = [];
    if (pieces.length === 0) return [];
    const start = pieces.reduce((a, r) => (comparePos(r.start, a) < 0 ? r.start : a), pieces[0].start);
    const end = pieces.reduce((a, r) => (comparePos(r.end, a) > 0 ? r.end : a), pieces[0].end);
    return [regions.addPending({ start, end })];
  }
}
