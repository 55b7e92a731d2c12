// The review record against the attacks of issue 7: a forged line, a broken chain, a truncated tail,
// a re-chained forgery (each checked against a pinned head) and a region removed from provenance.json.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProvenanceRegion } from '../../server/src/core/provenance-types';
import { appendEntries, chainEntries, lineHash, parseLedger, readLedger, type NewEntry } from '../../server/src/review/ledger';
import { recordRegions, regionsDigest } from '../../server/src/review/provenance-record';
import { verify } from '../../server/src/review/verify';

const review = (i: number, extra: Partial<NewEntry> = {}): NewEntry => ({
  file: 'src/a.ts', regionId: `r${i}`, lines: [i, i], hash: String(i).repeat(64).slice(0, 64), source: 'completion',
  reviewer: { name: 'Ada' }, time: '2025-01-02T00:00:00.000Z', findings: [], ...extra,
});

const region = (id: string, line: number): ProvenanceRegion => ({
  id, source: 'agent', confidence: 'high', time: '2025-01-01T00:00:00.000Z',
  range: { start: { line, character: 0 }, end: { line: line + 2, character: 0 } }, hash: 'a'.repeat(64),
});

const noProvenance = { files: {}, warnings: [] };

describe('review record: verify', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-verify-'));
    file = join(dir, '.vouch', 'reviews.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const text = () => readFileSync(file, 'utf8');
  const lines = () => text().split('\n').filter(Boolean);

  it('an intact ledger holds; its head is the hash of its last line, and pinning it holds', () => {
    appendEntries(file, [review(1), review(2)]);
    const v = verify(readLedger(file), noProvenance);
    assert.deepEqual(v.problems, []);
    assert.equal(v.holds, true);
    assert.equal(v.head, lineHash(lines()[1]));
    assert.equal(verify(readLedger(file), noProvenance, v.head).holds, true);
  });

  it('a forged line with a broken chain does not hold and does not count', () => {
    appendEntries(file, [review(1)]);
    writeFileSync(file, text() + chainEntries('f'.repeat(64), [review(9, { regionId: 'forged' })])[0] + '\n');
    const ledger = readLedger(file);
    assert.deepEqual(ledger.entries.map((e) => e.regionId), ['r1']);
    const v = verify(ledger, noProvenance);
    assert.equal(v.holds, false);
    assert.match(v.problems[0], /line 2 does not chain to line 1/);
  });

  it('a truncated tail holds on its own (nothing to compare) but not against the pinned head', () => {
    appendEntries(file, [review(1), review(2), review(3)]);
    const pinned = verify(readLedger(file), noProvenance).head;
    writeFileSync(file, lines().slice(0, 2).join('\n') + '\n');
    assert.equal(verify(readLedger(file), noProvenance).holds, true);
    const v = verify(readLedger(file), noProvenance, pinned);
    assert.equal(v.holds, false);
    assert.match(v.problems[0], /pinned head .* is not in the ledger's intact chain: lines were removed from its end/);
  });

  it('a ledger emptied entirely does not hold against the pinned head', () => {
    appendEntries(file, [review(1)]);
    const pinned = readLedger(file).head;
    writeFileSync(file, '');
    assert.equal(verify(readLedger(file), noProvenance, pinned).holds, false);
  });

  it('a re-chained forgery (an old line edited, every later line re-hashed) does not hold against the pinned head', () => {
    appendEntries(file, [review(1), review(2), review(3)]);
    const pinned = readLedger(file).head;
    const parsed = readLedger(file).entries.map(({ v: _v, prev: _p, ...rest }) => rest);
    parsed[1] = { ...parsed[1], hash: 'e'.repeat(64), reviewer: { name: 'Mallory' } };
    writeFileSync(file, chainEntries('', [...parsed, review(4)]).join('\n') + '\n');
    const ledger = readLedger(file);
    assert.equal(ledger.broken, undefined, 'the forgery chains on its own');
    assert.equal(verify(ledger, noProvenance).holds, true);
    const v = verify(ledger, noProvenance, pinned);
    assert.equal(v.holds, false);
    assert.match(v.problems[0], /is not in the ledger's intact chain/);
  });

  it('entries appended after the pinned head hold, and are listed for whoever reviews the change', () => {
    appendEntries(file, [review(1)]);
    const pinned = readLedger(file).head;
    appendEntries(file, [review(2), review(3)]);
    const v = verify(readLedger(file), noProvenance, pinned);
    assert.equal(v.holds, true);
    assert.deepEqual(v.notices, ['since the pinned head: 2 reviews and 0 region records added']);
  });

  it('a region removed from provenance.json does not hold when the ledger records it', () => {
    recordRegions(file, 'src/a.ts', [region('k1', 0), region('k2', 5)]);
    const files = { 'src/a.ts': [region('k1', 0), region('k2', 5)] };
    assert.deepEqual(verify(readLedger(file), { files, warnings: [] }).problems, []);
    const v = verify(readLedger(file), { files: { 'src/a.ts': [region('k1', 0)] }, warnings: [] });
    assert.equal(v.holds, false);
    assert.match(v.problems[0], /lacks region k2 of src\/a\.ts that the ledger records/);
    const gone = verify(readLedger(file), { files: {}, warnings: [] });
    assert.match(gone.problems[0], /no longer lists src\/a\.ts/);
  });

  it('a region shrunk in provenance.json does not hold either', () => {
    recordRegions(file, 'src/a.ts', [region('k1', 0)]);
    const shrunk = { ...region('k1', 0), range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } };
    const v = verify(readLedger(file), { files: { 'src/a.ts': [shrunk] }, warnings: [] });
    assert.match(v.problems[0], /differs from the ledger's record of src\/a\.ts/);
  });

  it('a region removal recorded by the editor holds, and shows against a pinned head', () => {
    recordRegions(file, 'src/a.ts', [region('k1', 0), region('k2', 5)]);
    const pinned = readLedger(file).head;
    assert.equal(recordRegions(file, 'src/a.ts', [region('k1', 0)]), true);
    const v = verify(readLedger(file), { files: { 'src/a.ts': [region('k1', 0)] }, warnings: [] }, pinned);
    assert.equal(v.holds, true);
    assert.match(v.notices[1], /regions dropped since the pinned head: src\/a\.ts \(k2; line 2\)/);
  });

  it('records only changes: the same regions twice append one record; a path never recorded with none appends nothing', () => {
    assert.equal(recordRegions(file, 'src/a.ts', [region('k1', 0)]), true);
    assert.equal(recordRegions(file, 'src/a.ts', [region('k1', 0)]), false);
    assert.equal(recordRegions(file, 'src/b.ts', []), false);
    assert.equal(recordRegions(file, 'src/a.ts', []), true);
    const ledger = readLedger(file);
    assert.deepEqual(ledger.records.map((r) => [r.file, r.regions]), [['src/a.ts', ['k1']], ['src/a.ts', []]]);
    assert.equal(ledger.records[1].digest, regionsDigest([]));
    assert.equal(verify(ledger, noProvenance).holds, true, 'a file whose regions all went may leave provenance.json');
  });

  it('the digest ignores region order and key order', () => {
    const a = region('k1', 0);
    const b = region('k2', 4);
    const reordered = JSON.parse(JSON.stringify({ hash: a.hash, range: a.range, time: a.time, confidence: a.confidence, source: a.source, id: a.id }));
    assert.equal(regionsDigest([a, b]), regionsDigest([b, reordered]));
  });

  it('an older ledger without region records holds, with a notice that removals cannot be detected', () => {
    appendEntries(file, [review(1)]);
    const v = verify(readLedger(file), { files: { 'src/a.ts': [region('k1', 0)] }, warnings: [] });
    assert.equal(v.holds, true);
    assert.match(v.notices[0], /has regions the ledger does not record \(src\/a\.ts\): written by an older Vouch/);
  });

  it('an unreadable provenance.json does not hold', () => {
    const v = verify(parseLedger(''), { files: {}, warnings: ['.vouch/provenance.json is not valid JSON (x); provenance is not reported'] });
    assert.equal(v.holds, false);
  });
});
