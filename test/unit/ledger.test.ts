import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendEntries, chainEntries, lineHash, parseLedger, readLedger, type NewEntry } from '../../server/src/review/ledger';

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
    assert.deepEqual(readLedger(file), { entries: [], warnings: [], lastHash: '' });
  });

  it('reads an empty or blank file as an empty ledger', () => {
    assert.deepEqual(parseLedger(''), { entries: [], warnings: [], lastHash: '' });
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
    assert.deepEqual(read.entries[2], { v: 1, ...entry(3), prev: lineHash(lines[1]) });
  });

  it('appends after a file without a final newline and still chains', () => {
    writeFileSync(join(dir, 'l.jsonl'), chainEntries('', [entry(1)])[0]);
    appendEntries(join(dir, 'l.jsonl'), [entry(2)]);
    const read = readLedger(join(dir, 'l.jsonl'));
    assert.deepEqual(read.warnings, []);
    assert.equal(read.entries.length, 2);
  });

  it('reports a hand-edited middle line and keeps every entry', () => {
    const lines = chainEntries('', [entry(1), entry(2), entry(3), entry(4)]);
    lines[1] = lines[1].replace('"Ada"', '"Mallory"');
    const read = parseLedger(lines.join('\n') + '\n');
    assert.equal(read.entries.length, 4);
    assert.equal(read.entries[1].reviewer.name, 'Mallory');
    assert.deepEqual(read.warnings, ['reviews.jsonl line 3 does not chain to line 2: the ledger was edited by hand']);
  });

  it('reports a removed line', () => {
    const lines = chainEntries('', [entry(1), entry(2), entry(3)]);
    const read = parseLedger([lines[0], lines[2]].join('\n'));
    assert.equal(read.entries.length, 2);
    assert.equal(read.warnings.length, 1);
    assert.match(read.warnings[0], /line 2 does not chain to line 1/);
  });

  it('skips a malformed JSON line with a warning and keeps the others', () => {
    const lines = chainEntries('', [entry(1), entry(2)]);
    const text = [lines[0], '{"v":1, "file": oops', lines[1]].join('\n');
    const read = parseLedger(text);
    assert.deepEqual(read.entries.map((e) => e.regionId), ['r1', 'r2']);
    assert.equal(read.warnings.length, 2);
    assert.match(read.warnings[0], /line 2 is not valid JSON/);
    assert.match(read.warnings[1], /line 3 does not chain to line 2/);
  });

  it('skips JSON that is not a review entry', () => {
    const read = parseLedger('[1,2]\n{"v":1}\n');
    assert.equal(read.entries.length, 0);
    assert.equal(read.warnings.length, 2);
    assert.match(read.warnings[1], /line 2 has no "file" string/);
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
