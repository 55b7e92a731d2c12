// Appends from several processes (two editor windows, an editor and the CLI) must not break the chain:
// each append reads the tail and writes under `<ledger>.lock` (O_EXCL), and stale locks are broken.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendEntries, readLedger, type NewEntry } from '../../server/src/review/ledger';
import { withFileLock } from '../../server/src/review/lock';

const APPENDER = join(__dirname, 'ledger-appender.ts');

function run(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', APPENDER, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

const review = (id: string): NewEntry => ({
  file: 'a.ts', regionId: id, lines: [1, 1], hash: 'h'.repeat(64), source: 'paste', reviewer: { name: 'Ada' }, time: '2025-01-01T00:00:00.000Z', findings: [],
});

describe('review ledger: appends under a lock', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-lock-'));
    file = join(dir, '.vouch', 'reviews.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('four processes appending at once leave one intact chain with every entry', async () => {
    const writers = 4;
    const each = 40;
    // Far enough ahead that every child has loaded before it.
    const start = String(Date.now() + 2500);
    const codes = await Promise.all(Array.from({ length: writers }, (_, w) => run([file, `w${w}`, String(each), start])));
    assert.deepEqual(codes, Array(writers).fill(0));
    const read = readLedger(file);
    assert.deepEqual(read.warnings, [], 'no false "edited by hand" warning');
    assert.equal(read.entries.length, writers * each);
    assert.equal(new Set(read.entries.map((e) => e.regionId)).size, writers * each);
    assert.equal(existsSync(`${file}.lock`), false, 'the lock is released');
  });

  it('breaks a lock whose owner on this host is gone', () => {
    appendEntries(file, [review('a')]);
    writeFileSync(`${file}.lock`, `999999999\n${hostname()}\n2025-01-01T00:00:00.000Z\n`);
    appendEntries(file, [review('b')]);
    assert.equal(readLedger(file).entries.length, 2);
    assert.equal(existsSync(`${file}.lock`), false);
  });

  it('breaks a lock older than any append could hold it (another host, a hung process)', () => {
    appendEntries(file, [review('a')]);
    writeFileSync(`${file}.lock`, `1\nother-host\n2025-01-01T00:00:00.000Z\n`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    appendEntries(file, [review('b')]);
    assert.equal(readLedger(file).entries.length, 2);
  });

  it('waits for a live holder and gives up with a clear error', () => {
    const lock = join(dir, 'x');
    writeFileSync(`${lock}.lock`, `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`);
    assert.throws(() => withFileLock(lock, () => 1, 100), /x\.lock is held by another process/);
    assert.equal(existsSync(`${lock}.lock`), true, 'a live holder keeps its lock');
  });
});
