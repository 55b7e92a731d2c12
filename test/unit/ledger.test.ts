import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendEntries, chainEntries, EMPTY_LEDGER, lineHash, parseLedger, readLedger, type NewEntry } from '../../server/src/review/ledger';

function entry(i: number, extra: Partial<NewEntry> = {}): NewEntry {
  return {
    file: 'src/a.ts', regionId: `r${i}`, lines: [i, i + 2], hash: 'h'.repeat(64), source: 'completion',
    reviewer: { name: 'Ada', email: 'ada@example.com' }, time: '2025-01-02T03:04:05.000Z',
    findings: [{ ruleId: 'aws-access-key-id', findingId: `f${i}`, status: 'accepted' }], ...extra,
  };
}

describe('review ledger', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-ledger-'));
    file = join(dir, '.vouch', 'reviews.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a missing file as an empty ledger', () => {
    assert.deepEqual(readLedger(file), { ...EMPTY_LEDGER });
  });

  it('reads an empty or blank file as an empty ledger', () => {
    assert.deepEqual(parseLedger(''), { ...EMPTY_LEDGER });
    assert.deepEqual(parseLedger('\n\n').entries, []);
    assert.deepEqual(parseLedger('\n\n').warnings, []);
  });

  it('round-trips appended entries with a valid chain (folder created on first append)', () => {
    appendEntries(file, [entry(1), entry(2, { note: 'looked at the retry loop' })]);
    appendEntries(file, [entry(3)]);
    const read = readLedger(file);
    assert.deepEqual(read.warnings, []);
    assert.equal(read.entries.length, 3);
    assert.deepEqual(read.entries.map((e) => e.regionId), ['r1', 'r2', 'r3']);
    assert.equal(read.entries[0].prev, '');
    assert.equal(read.entries[0].v, 1);
    assert.equal(read.entries[1].note, 'looked at the retry loop');
    assert.equal(read.entries[0].note, undefined);
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.length, 4, 'one line per entry and a final newline');
    assert.equal(read.entries[1].prev, lineHash(lines[0]));
    assert.equal(read.entries[2].prev, lineHash(lines[1]));
    assert.equal(read.lastHash, lineHash(lines[2]));
    assert.equal(read.head, read.lastHash, 'an intact ledger: the head is its last line');
    assert.deepEqual(read.chain.map((l) => l.line), [1, 2, 3]);
    assert.deepEqual(read.entries[2], { v: 1, ...entry(3), prev: lineHash(lines[1]) });
  });

  it('appends after a file without a final newline and still chains', () => {
    writeFileSync(join(dir, 'l.jsonl'), chainEntries('', [entry(1)])[0]);
    appendEntries(join(dir, 'l.jsonl'), [entry(2)]);
    const read = readLedger(join(dir, 'l.jsonl'));
    assert.deepEqual(read.warnings, []);
    assert.equal(read.entries.length, 2);
  });

  it('a hand-edited middle line breaks the chain: it and every later entry stop counting', () => {
    const lines = chainEntries('', [entry(1), entry(2), entry(3), entry(4)]);
    lines[1] = lines[1].replace('"Ada"', '"Mallory"');
    const read = parseLedger(lines.join('\n') + '\n');
    // Line 2 itself chains to line 1; the edit shows at line 3, whose `prev` names the original line 2.
    assert.deepEqual(read.entries.map((e) => e.regionId), ['r1', 'r2']);
    assert.deepEqual(read.broken, { line: 3, uncounted: 2, reason: 'reviews.jsonl line 3 does not chain to line 2: the ledger was edited by hand' });
    assert.deepEqual(read.warnings, ['reviews.jsonl line 3 does not chain to line 2: the ledger was edited by hand; the 2 lines from there on do not count (restore the ledger from version control and review again)']);
    assert.equal(read.head, lineHash(lines[1]));
    assert.equal(read.lastHash, lineHash(lines[3]), 'appends still go after the last line');
  });

  it('a forged line appended with a broken chain does not count', () => {
    const lines = chainEntries('', [entry(1)]);
    const forged = chainEntries('0'.repeat(64), [entry(2, { regionId: 'forged', reviewer: { name: 'Mallory' } })])[0];
    const read = parseLedger([...lines, forged].join('\n') + '\n');
    assert.deepEqual(read.entries.map((e) => e.regionId), ['r1']);
    assert.equal(read.broken?.line, 2);
    assert.match(read.warnings[0], /line 2 does not chain to line 1.*that line does not count/);
  });

  it('reports a removed line; entries after it do not count', () => {
    const lines = chainEntries('', [entry(1), entry(2), entry(3)]);
    const read = parseLedger([lines[0], lines[2]].join('\n'));
    assert.deepEqual(read.entries.map((e) => e.regionId), ['r1']);
    assert.equal(read.warnings.length, 1);
    assert.match(read.warnings[0], /line 2 does not chain to line 1/);
  });

  it('lines removed from the start: nothing counts', () => {
    const lines = chainEntries('', [entry(1), entry(2)]);
    const read = parseLedger(lines[1]);
    assert.deepEqual(read.entries, []);
    assert.equal(read.head, '');
    assert.match(read.warnings[0], /line 1 should start the chain/);
  });

  it('a malformed JSON line breaks the chain', () => {
    const lines = chainEntries('', [entry(1), entry(2)]);
    const text = [lines[0], '{"v":1, "file": oops', lines[1]].join('\n');
    const read = parseLedger(text);
    assert.deepEqual(read.entries.map((e) => e.regionId), ['r1']);
    assert.equal(read.warnings.length, 1);
    assert.match(read.warnings[0], /line 2 is not valid JSON.*the 2 lines from there on do not count/);
  });

  it('JSON that is not a ledger entry breaks the chain', () => {
    const read = parseLedger('[1,2]\n{"v":1}\n');
    assert.equal(read.entries.length, 0);
    assert.equal(read.warnings.length, 1);
    assert.match(read.warnings[0], /line 1 is not a JSON object/);
    assert.match(parseLedger('{"v":1,"prev":""}\n').warnings[0], /line 1 has no "file" string/);
  });

  it('skips a chained entry of a kind a newer Vouch writes, keeping the chain', () => {
    const [first] = chainEntries('', [entry(1)]);
    const future = JSON.stringify({ v: 3, kind: 'signature', prev: lineHash(first) });
    const [after] = chainEntries(lineHash(future), [entry(2)]);
    const read = parseLedger([first, future, after].join('\n'));
    assert.deepEqual(read.entries.map((e) => e.regionId), ['r1', 'r2']);
    assert.equal(read.broken, undefined);
    assert.deepEqual(read.warnings, ['reviews.jsonl line 2 is an entry of kind "signature" v3, written by a newer Vouch: skipped']);
    assert.equal(read.chain.length, 3);
  });

  it('accepts CRLF line endings (git autocrlf) without breaking the chain', () => {
    const lines = chainEntries('', [entry(1), entry(2)]);
    const read = parseLedger(lines.join('\r\n') + '\r\n');
    assert.deepEqual(read.warnings, []);
    assert.equal(read.entries.length, 2);
  });

  it('never evaluates anything it reads', () => {
    const read = parseLedger('{"__proto__": {"polluted": true}, "toString": "x"}\n');
    assert.equal(read.entries.length, 0);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
