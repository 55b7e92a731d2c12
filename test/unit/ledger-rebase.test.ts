// Two branches that both recorded reviews meet in a merge: the second branch's first line names the
// old tail, so the chain breaks and its reviews stop counting. Rebasing onto the target's ledger mends
// it while keeping the target's head in the chain.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainEntries, lineHash, parseLedger, readLedger, type NewEntry } from '../../server/src/review/ledger';
import { rebaseLedger, rebaseLedgerFile } from '../../server/src/review/rebase';
import { verify } from '../../server/src/review/verify';

const review = (id: string): NewEntry => ({
  file: 'a.ts', regionId: id, lines: [1, 1], hash: 'h'.repeat(64), source: 'paste', reviewer: { name: 'Ada' }, time: '2025-01-01T00:00:00.000Z', findings: [],
});
const text = (lines: string[]) => lines.join('\n') + '\n';

describe('review ledger: rebase after a merge', () => {
  const common = chainEntries('', [review('c1'), review('c2')]);
  const tail = lineHash(common[1]);
  const main = [...common, ...chainEntries(tail, [review('m1')])];
  const branch = chainEntries(tail, [review('b1'), review('b2')]);
  // What resolving the merge conflict by keeping both sides gives.
  const merged = text([...main, ...branch]);

  it('the merged ledger breaks where the branches meet', () => {
    const read = parseLedger(merged);
    assert.deepEqual(read.entries.map((e) => e.regionId), ['c1', 'c2', 'm1']);
    assert.equal(read.broken?.line, 4);
  });

  it('rebased, every entry counts and the target head is still in the chain', () => {
    const r = rebaseLedger(text(main), merged);
    assert.equal(r.moved, 2);
    const read = parseLedger(r.text);
    assert.equal(read.broken, undefined);
    assert.deepEqual(read.entries.map((e) => e.regionId), ['c1', 'c2', 'm1', 'b1', 'b2']);
    assert.equal(verify(read, { files: {}, warnings: [] }, parseLedger(text(main)).head).holds, true);
  });

  it('the branch side first (merging main into the branch) rebases the same way', () => {
    const r = rebaseLedger(text(main), text([...common, ...branch, ...main.slice(2)]));
    assert.deepEqual(parseLedger(r.text).entries.map((e) => e.regionId), ['c1', 'c2', 'm1', 'b1', 'b2']);
  });

  it('nothing to do when the ledger already follows the target', () => {
    assert.deepEqual(rebaseLedger(text(main), text(main)), { text: '', moved: 0, problems: [] });
  });

  it('refuses while a line is not JSON, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-rebase-'));
    try {
      const file = join(dir, 'reviews.jsonl');
      writeFileSync(file, merged + '{oops\n');
      const r = rebaseLedgerFile(file, text(main));
      assert.deepEqual(r.problems, ['line 6 is not a JSON object; remove or fix it first']);
      assert.equal(readFileSync(file, 'utf8'), merged + '{oops\n');
      writeFileSync(file, merged);
      assert.equal(rebaseLedgerFile(file, text(main)).moved, 2);
      assert.equal(readLedger(file).entries.length, 5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
