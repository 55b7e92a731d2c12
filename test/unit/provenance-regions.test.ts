import assert from 'node:assert/strict';
import { lineDiff } from '../../client/src/provenance/external';
import { MERGE_WINDOW_MS, RegionSet, contentRange, textEnd, type ContentChange, type Range } from '../../client/src/provenance/regions';

const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const ins = (line: number, character: number, text: string): ContentChange => ({ range: r(line, character, line, character), text });
const del = (range: Range): ContentChange => ({ range, text: '' });
const hashOf = () => 'h';

function setup(range: Range = r(2, 4, 4, 10), now = { t: 1_000_000 }) {
  let n = 0;
  const set = new RegionSet([], { newId: () => `r${++n}`, now: () => now.t });
  const id = set.add(range, { source: 'completion', confidence: 'medium' }, hashOf)!;
  return { set, id, now, range: () => set.get(id)?.range };
}

describe('provenance/regions: tracking through edits', () => {
  it('computes the end of inserted text over lines and CRLF', () => {
    assert.deepEqual(textEnd({ line: 1, character: 3 }, 'abc'), { line: 1, character: 6 });
    assert.deepEqual(textEnd({ line: 1, character: 3 }, 'a\nbc'), { line: 2, character: 2 });
    assert.deepEqual(textEnd({ line: 1, character: 3 }, 'a\r\nbc\r\n'), { line: 3, character: 0 });
  });

  it('leaves a region alone for an insertion after it', () => {
    const s = setup();
    assert.equal(s.set.apply([ins(5, 0, 'x\ny\n')]), false);
    assert.deepEqual(s.range(), r(2, 4, 4, 10));
    s.set.apply([ins(4, 10, 'tail')]); // exactly at the end: stays outside
    assert.deepEqual(s.range(), r(2, 4, 4, 10));
  });

  it('shifts a region for an insertion before it (same line and earlier lines)', () => {
    const s = setup();
    assert.equal(s.set.apply([ins(2, 0, 'ab')]), true);
    assert.deepEqual(s.range(), r(2, 6, 4, 10));
    s.set.apply([ins(0, 0, 'one\ntwo\n')]);
    assert.deepEqual(s.range(), r(4, 6, 6, 10));
    s.set.apply([ins(4, 6, 'typed ')]); // exactly at the start: stays outside
    assert.deepEqual(s.range(), r(4, 12, 6, 10));
  });

  it('grows a region for an insertion inside it', () => {
    const s = setup();
    s.set.apply([ins(3, 2, 'new\nline ')]);
    assert.deepEqual(s.range(), r(2, 4, 5, 10));
    s.set.apply([ins(5, 0, 'xy')]); // on the last line, before the end
    assert.deepEqual(s.range(), r(2, 4, 5, 12));
  });

  it('shrinks a region for a deletion overlapping its start or its end', () => {
    const s = setup();
    s.set.apply([del(r(1, 0, 2, 6))]); // deletes a line before and 2 chars of the region
    assert.deepEqual(s.range(), r(1, 0, 3, 10));
    s.set.apply([del(r(3, 5, 7, 0))]); // deletes the region's tail and beyond
    assert.deepEqual(s.range(), r(1, 0, 3, 5));
  });

  it('keeps one shrunk region for a deletion in the middle', () => {
    const s = setup();
    s.set.apply([del(r(3, 0, 4, 0))]);
    assert.equal(s.set.size, 1);
    assert.deepEqual(s.range(), r(2, 4, 3, 10));
  });

  it('removes a region deleted completely, or by a deletion spanning it', () => {
    const a = setup();
    assert.equal(a.set.apply([del(r(2, 4, 4, 10))]), true);
    assert.equal(a.set.size, 0);
    const b = setup();
    b.set.apply([del(r(0, 0, 9, 0))]);
    assert.equal(b.set.size, 0);
  });

  it('removes a region whose text is replaced as a whole', () => {
    const s = setup();
    s.set.apply([{ range: r(2, 0, 5, 0), text: 'x\n' }]);
    assert.equal(s.set.size, 0);
  });

  it('keeps a region whose inner text is replaced (grows with the new text)', () => {
    const s = setup();
    s.set.apply([{ range: r(3, 0, 3, 4), text: 'replaced\nwith two lines' }]);
    assert.deepEqual(s.range(), r(2, 4, 5, 10));
  });

  it('applies the changes of one event in order (VS Code sends them in descending document order)', () => {
    const s = setup(r(2, 4, 2, 20));
    // A rename of two occurrences: one after the region, one inside, one before — ranges relative to the
    // document left by the previous change, which for descending order equals the original document.
    s.set.apply([
      { range: r(6, 0, 6, 3), text: 'renamed' },
      { range: r(2, 8, 2, 11), text: 'renamed' },
      { range: r(1, 0, 1, 3), text: 'a\nb' },
    ]);
    assert.deepEqual(s.range(), r(3, 4, 3, 24));
  });

  it('treats undo as the inverse change: an undone insertion removes its region, an undone deletion regrows it', () => {
    const s = setup(r(0, 0, 0, 1));
    const pendingId = s.set.addPending(contentRange({ line: 1, character: 0 }, 'const x = compute();\n')!);
    s.set.commit(pendingId, { source: 'completion', confidence: 'medium' }, hashOf);
    assert.equal(s.set.size, 2);
    s.set.apply([del(r(1, 0, 2, 0))]); // undo of the insertion of 'const x = compute();\n'
    assert.equal(s.set.size, 1);
    const t = setup();
    t.set.apply([del(r(3, 0, 3, 5))]);
    t.set.apply([ins(3, 0, 'hello')]); // undo re-inserts inside
    assert.deepEqual(t.range(), r(2, 4, 4, 10));
  });

  it('splits a region when assisted code of another source lands inside it', () => {
    const s = setup();
    s.set.apply([ins(3, 0, 'pasted line\n')]);
    const pasted = s.set.add(r(3, 0, 3, 11), { source: 'paste', confidence: 'medium' }, hashOf)!;
    const regions = s.set.regions;
    assert.deepEqual(regions.map((x) => [x.source, x.range]), [
      ['completion', r(2, 4, 3, 0)],
      ['paste', r(3, 0, 3, 11)],
      ['completion', r(3, 11, 5, 10)],
    ]);
    assert.equal(regions[0].id, s.id, 'the first part keeps the id');
    assert.notEqual(regions[2].id, s.id);
    assert.equal(regions[1].id, pasted);
  });

  it('merges adjacent same-source inserts within the window (partial accepts)', () => {
    const s = setup(r(1, 0, 1, 5));
    s.now.t += 800;
    s.set.apply([ins(1, 5, ' world')]);
    const id = s.set.add(r(1, 5, 1, 11), { source: 'completion', confidence: 'high' }, hashOf);
    assert.equal(id, s.id);
    assert.equal(s.set.size, 1);
    assert.deepEqual(s.range(), r(1, 0, 1, 11));
    assert.equal(s.set.get(s.id)!.confidence, 'medium', 'merged confidence is the lower one');
    s.now.t += MERGE_WINDOW_MS + 1;
    s.set.apply([ins(1, 11, ' again')]);
    s.set.add(r(1, 11, 1, 17), { source: 'completion', confidence: 'high' }, hashOf);
    assert.equal(s.set.size, 2, 'outside the window: a new region');
  });

  it('merges pieces of a suggestion taken word by word across the blanks between them, never across typed text', () => {
    const text = ['const retryDelays = [100, 200];', 'x'];
    const blank = (range: Range) => text[range.start.line].slice(range.start.character, range.end.line === range.start.line ? range.end.character : undefined).trim() === '';
    const s = setup(r(0, 6, 0, 17)); // retryDelays
    s.set.commit(s.set.addPending(r(0, 18, 0, 19)), { source: 'completion', confidence: 'high' }, hashOf, blank); // =
    s.set.commit(s.set.addPending(r(0, 20, 0, 25)), { source: 'completion', confidence: 'high' }, hashOf, blank); // [100,
    assert.equal(s.set.size, 1);
    assert.deepEqual(s.range(), r(0, 6, 0, 25));
    s.set.commit(s.set.addPending(r(0, 26, 0, 31)), { source: 'completion', confidence: 'high' }, hashOf, () => false);
    assert.equal(s.set.size, 2, 'typed text in between: separate regions');
  });

  it('does not merge a different source or a region that does not touch', () => {
    const s = setup(r(1, 0, 1, 5));
    s.set.add(r(1, 5, 1, 9), { source: 'paste', confidence: 'medium' }, hashOf);
    s.set.add(r(3, 0, 3, 9), { source: 'completion', confidence: 'medium' }, hashOf);
    assert.equal(s.set.size, 3);
  });

  it('tracks pending regions but hides them until committed; discard drops them', () => {
    const s = setup();
    const p = s.set.addPending(r(0, 0, 0, 5));
    assert.equal(s.set.size, 1);
    s.set.apply([ins(0, 0, '\n')]);
    assert.deepEqual(s.set.get(p)!.range, r(1, 0, 1, 5));
    s.set.discard(p);
    assert.equal(s.set.get(p), undefined);
  });

  it('narrows inserted text to its content', () => {
    assert.deepEqual(contentRange({ line: 2, character: 7 }, '\n    return x;\n'), r(3, 0, 3, 13));
    assert.equal(contentRange({ line: 0, character: 0 }, ' \n\t\n'), undefined);
  });

  it('round-trips through JSON and drops malformed entries', () => {
    const s = setup();
    const json = JSON.parse(JSON.stringify(s.set.toJSON()));
    const back = RegionSet.fromJSON([...json, { id: 'bad', source: 'robot' }, null]);
    assert.deepEqual(back.regions, s.set.regions);
    assert.equal(RegionSet.fromJSON('nope').size, 0);
  });

  it('drops regions out of bounds on re-validation', () => {
    const s = setup();
    s.set.add(r(8, 0, 9, 2), { source: 'agent', confidence: 'medium' }, hashOf);
    const lines = ['', '', 'abcdefgh', 'x', 'abcdefghijkl', '', '', '', 'ab'];
    s.set.validate(lines.length, (l) => lines[l].length);
    assert.deepEqual(s.set.regions.map((x) => x.source), ['completion']);
  });
});

describe('provenance/external: line diff of outside writes', () => {
  it('gives descending hunks relative to the old text and added ranges in the new text', () => {
    const before = 'a\nb\nc\nd\n';
    const after = 'a\nNEW1\nNEW2\nb\nd\nz\n';
    const d = lineDiff(before, after)!;
    assert.deepEqual(d.added.map((a) => a.range), [r(1, 0, 3, 0), r(5, 0, 6, 0)]);
    // Applying the hunks carries a region on 'd' (old line 3) to new line 4.
    const set = new RegionSet([{ id: 'x', source: 'agent', confidence: 'medium', time: '', hash: '', range: r(3, 0, 3, 1) }]);
    set.apply(d.changes);
    assert.deepEqual(set.regions[0].range, r(4, 0, 4, 1));
  });

  it('handles a last line without a newline and identical texts', () => {
    assert.deepEqual(lineDiff('same', 'same'), { changes: [], added: [] });
    const d = lineDiff('a\nb', 'a\nc')!;
    assert.deepEqual(d.changes, [{ range: r(1, 0, 1, 1), text: 'c' }]);
  });
});
