import assert from 'node:assert/strict';
import { LiveRanges, PartialAccepts } from '../../client/src/provenance/chain';
import { classify, commonEnds, type ChangeDescription } from '../../client/src/provenance/classify';
import { contentRange, RegionSet, textEnd, type ContentChange, type Range } from '../../client/src/provenance/regions';

const URI = 'file:///w/g08a-autoimport.ts';
const hashOf = () => 'h';
const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

/** Capture's bookkeeping for one event, synchronously in event order (capture.ts `onChange`). */
class Replay {
  readonly regions = new RegionSet([], { now: () => this.clock });
  readonly chains = new PartialAccepts(() => this.clock);
  readonly live = new LiveRanges();
  clock = 1_000;

  /** One single-change event; returns what `decide` gets later: the pending id, the fact and the insert. */
  change(range: Range, text: string, replaced = '') {
    const c: ContentChange = { range, text };
    this.regions.apply([c]);
    this.chains.moved(URI, c);
    this.live.moved(URI, c);
    const { prefix, suffix } = commonEnds(replaced, text);
    const narrowed = text.slice(prefix, text.length - suffix);
    const pending = contentRange(textEnd(range.start, text.slice(0, prefix)), narrowed);
    const id = pending ? this.regions.addPending(pending) : undefined;
    const insert = this.live.hold(URI, { start: range.start, end: textEnd(range.start, text) });
    return { id, text: narrowed, replacedLength: replaced.length - prefix - suffix, insert };
  }

  /** `decide` once its selection change came: the cursor at the insert's end, moved by the editor. */
  decide(edit: ReturnType<Replay['change']>): void {
    const d: ChangeDescription = { changes: [{ text: edit.text, replacedLength: edit.replacedLength, atCursor: true }], selectionKind: 'other', cursorAtInsertEnd: true };
    let result = classify(d);
    result = this.chains.step(URI, this.regions, [edit.id!], d, edit.insert, result) ?? result;
    this.live.release(URI, edit.insert);
    if (result.kind !== 'completion') return;
    const ids = this.chains.holds(URI, edit.id) ? this.chains.join(URI, this.regions) : [edit.id!];
    for (const id of ids) this.regions.commit(id, { source: 'completion', confidence: 'medium' }, hashOf, () => true);
  }
}

describe('provenance/chain: a suggestion judged after later edits', () => {
  // Row 08a of the gesture matrix, as the host delivered it: "const " typed on line 3, Tab replaces
  // it with the two-line suggestion (one change, 92 characters, 6 replaced); the suggestion's accept
  // command inserts an import at the top (one change, 40 characters) before the suggestion's
  // selection change has been waited for, so the suggestion is judged after the import moved it.
  const BODY = "const settings = readFileSync('settings.json', 'utf8');\nconst parsed = JSON.parse(settings);";
  const IMPORT = "import { readFileSync } from 'node:fs';\n";

  it('an accept whose command adds an import above: the region covers both lines where they are now', () => {
    const t = new Replay();
    const body = t.change(r(3, 0, 3, 6), BODY, 'const ');
    t.change(r(0, 0, 0, 0), IMPORT);
    t.decide(body);
    assert.deepEqual(t.regions.regions.map((x) => [x.source, x.range]), [['completion', r(4, 6, 5, 36)]]);
  });

  it('the same when the import lands after the decision', () => {
    const t = new Replay();
    const body = t.change(r(3, 0, 3, 6), BODY, 'const ');
    t.decide(body);
    t.change(r(0, 0, 0, 0), IMPORT);
    assert.deepEqual(t.regions.regions.map((x) => [x.source, x.range]), [['completion', r(4, 6, 5, 36)]]);
  });

  it('word by word with a line inserted above between two words: one region over every word', () => {
    const t = new Replay();
    const a = t.change(r(2, 0, 2, 0), 'const ');
    t.decide(a);
    const b = t.change(r(2, 6, 2, 6), 'settings ');
    t.change(r(0, 0, 0, 0), IMPORT); // lands while "settings " waits for its selection change
    t.decide(b);
    t.clock += 100;
    const c = t.change(r(3, 15, 3, 15), "= readFileSync('settings.json');");
    t.decide(c);
    assert.deepEqual(t.regions.regions.map((x) => [x.source, x.range]), [['completion', r(3, 0, 3, 47)]]);
  });
});
