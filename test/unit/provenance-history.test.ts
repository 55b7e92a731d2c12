import assert from 'node:assert/strict';
import { RegionHistory, MAX_ENTRIES, absolute, relative } from '../../client/src/provenance/history';
import { RegionSet, textEnd, type ContentChange, type Range } from '../../client/src/provenance/regions';

const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const hashOf = () => 'h';
const BLOCK = 'if (!user) {\n  throw new NotFound(id);\n}';

/** Replays one change the way Capture does: move regions, remember what went, bring back what returns. */
function change(set: RegionSet, history: RegionHistory, c: ContentChange, removedText: string, reason?: 'undo' | 'redo'): void {
  const removed: Parameters<RegionSet['apply']>[1] = [];
  set.apply([c], removed);
  if (removed!.length) history.removed(c.range.start, removedText, removed!);
  if (reason && c.text) for (const region of history.reinserted(c.range.start, c.text)) set.restore(region);
}

describe('provenance/history: undo and redo bring regions back', () => {
  it('accept, undo, redo: the region returns with its id, source, time and hash', () => {
    const set = new RegionSet([], { newId: () => 'r1' });
    const history = new RegionHistory();
    const at = { line: 3, character: 2 };
    const end = textEnd(at, BLOCK);
    set.add({ start: at, end }, { source: 'completion', confidence: 'medium', time: '2026-12-05T00:00:00.000Z' }, () => 'hash1');
    const accepted = set.regions;
    change(set, history, { range: { start: at, end }, text: '' }, BLOCK, 'undo');
    assert.deepEqual(set.regions, []);
    change(set, history, { range: { start: at, end: at }, text: BLOCK }, '', 'redo');
    assert.deepEqual(set.regions, accepted);
    // and again
    change(set, history, { range: { start: at, end }, text: '' }, BLOCK, 'undo');
    change(set, history, { range: { start: at, end: at }, text: BLOCK }, '', 'redo');
    assert.deepEqual(set.regions, accepted);
  });

  it('accept over typed text, undo (puts the typed text back), redo: the region returns', () => {
    const set = new RegionSet([], { newId: () => 'r3' });
    const history = new RegionHistory();
    // "con" was typed; the suggestion replaced it with the whole block (ghost text rewriting the word).
    const at = { line: 2, character: 0 };
    const full = 'const total = items.reduce((s, i) => s + i.price, 0);\nreturn total;';
    set.add({ start: { line: 2, character: 3 }, end: textEnd(at, full) }, { source: 'completion', confidence: 'medium', time: 't' }, hashOf);
    const accepted = set.regions;
    change(set, history, { range: { start: at, end: textEnd(at, full) }, text: 'con' }, full, 'undo');
    assert.deepEqual(set.regions, []);
    change(set, history, { range: { start: at, end: { line: 2, character: 3 } }, text: full }, 'con', 'redo');
    assert.deepEqual(set.regions, accepted);
  });

  it('an undo of a deletion of assisted lines brings the region back; typing the same text by hand does not', () => {
    const set = new RegionSet([], { newId: () => 'r2' });
    const history = new RegionHistory();
    const at = { line: 0, character: 0 };
    set.add({ start: at, end: textEnd(at, BLOCK) }, { source: 'agent', confidence: 'medium', time: 't' }, hashOf);
    const before = set.regions;
    change(set, history, { range: { start: at, end: textEnd(at, BLOCK) }, text: '' }, BLOCK);
    change(set, history, { range: { start: at, end: at }, text: BLOCK }, '');
    assert.deepEqual(set.regions, [], 'typed (or pasted) again: no undo/redo, nothing restored');
    change(set, history, { range: { start: at, end: textEnd(at, BLOCK) }, text: '' }, BLOCK);
    change(set, history, { range: { start: at, end: at }, text: BLOCK }, '', 'undo');
    assert.deepEqual(set.regions, before);
  });

  it('does not restore at another place or with other text, and keeps regions inside a larger removal relative to it', () => {
    const history = new RegionHistory();
    const region = { id: 'x', source: 'paste' as const, confidence: 'high' as const, time: 't', hash: 'h', range: r(5, 4, 7, 1) };
    history.removed({ line: 4, character: 0 }, 'a\n    ' + BLOCK + '\nb', [region, { ...region, id: 'outside', range: r(20, 0, 21, 0) }]);
    assert.deepEqual(history.reinserted({ line: 9, character: 0 }, 'a\n    ' + BLOCK + '\nb'), [], 'another place');
    assert.deepEqual(history.reinserted({ line: 4, character: 0 }, 'other'), [], 'other text');
    const back = history.reinserted({ line: 4, character: 0 }, 'a\n    ' + BLOCK + '\nb');
    assert.deepEqual(back.map((x) => [x.id, x.range]), [['x', r(5, 4, 7, 1)]]);
    assert.deepEqual(history.reinserted({ line: 4, character: 0 }, 'a\n    ' + BLOCK + '\nb'), [], 'used once');
  });

  it('is bounded', () => {
    const history = new RegionHistory();
    const region = { id: 'x', source: 'paste' as const, confidence: 'high' as const, time: 't', hash: 'h', range: r(0, 0, 0, 3) };
    for (let i = 0; i < MAX_ENTRIES + 50; i++) history.removed({ line: 0, character: 0 }, `abc${i}`, [region]);
    assert.equal(history.size, MAX_ENTRIES);
  });

  it('converts positions relative to an origin and back', () => {
    const origin = { line: 4, character: 6 };
    for (const p of [{ line: 4, character: 6 }, { line: 4, character: 9 }, { line: 5, character: 0 }, { line: 8, character: 3 }]) {
      assert.deepEqual(absolute(relative(p, origin), origin), p);
    }
  });

  it('RegionSet.restore refuses a region that would overlap a committed one or reuse an id', () => {
    const set = new RegionSet([], { newId: () => 'a' });
    set.add(r(1, 0, 3, 0), { source: 'completion', confidence: 'medium' }, hashOf);
    const base = { source: 'agent' as const, confidence: 'low' as const, time: 't', hash: 'h' };
    assert.equal(set.restore({ ...base, id: 'b', range: r(2, 0, 4, 0) }), false);
    assert.equal(set.restore({ ...base, id: 'a', range: r(8, 0, 9, 0) }), false);
    assert.equal(set.restore({ ...base, id: 'c', range: r(5, 0, 6, 0) }), true);
    assert.deepEqual(set.regions.map((x) => x.id), ['a', 'c']);
  });
});
