import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsProject } from '../../server/src/project/fs-project';

// The project service caches what it reads by modification time; the cache of file texts is bounded, so a
// scan of a large monorepo (whose import resolution reads every imported file) keeps memory flat.
describe('FsProject', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-fsproject-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps at most its limit of text, least recently read going first, and reads an evicted file again', () => {
    for (let i = 0; i < 10; i++) writeFileSync(join(dir, `f${i}.js`), `// ${i}\n`.padEnd(100, 'x'));
    const p = new FsProject(dir, { textCacheChars: 350 });
    for (let i = 0; i < 10; i++) assert.equal(p.readFile(`f${i}.js`)?.length, 100);
    assert.equal(p.cachedTextChars, 300);
    // f0 went first; it reads again, right, and pushes out the least recently read (f7).
    assert.equal(p.readFile('f0.js')?.slice(0, 4), '// 0');
    assert.equal(p.cachedTextChars, 300);
    assert.equal(p.readFile('f9.js')?.slice(0, 4), '// 9');
    assert.equal(p.cachedTextChars, 300);
  });

  it('a read keeps a file recently used: reading it again does not grow the cache', () => {
    writeFileSync(join(dir, 'a.js'), 'a'.repeat(100));
    writeFileSync(join(dir, 'b.js'), 'b'.repeat(100));
    writeFileSync(join(dir, 'c.js'), 'c'.repeat(100));
    const p = new FsProject(dir, { textCacheChars: 250 });
    p.readFile('a.js');
    p.readFile('b.js');
    p.readFile('a.js');
    p.readFile('c.js');
    // b was the least recently read: it went, a stayed (a newer text of a is read again, not taken from the cache).
    assert.equal(p.cachedTextChars, 200);
  });

  it('a cached text is kept by modification time: a newer file is read again', () => {
    writeFileSync(join(dir, 'a.js'), 'old');
    const p = new FsProject(dir, { statTtlMs: 0 });
    assert.equal(p.readFile('a.js'), 'old');
    writeFileSync(join(dir, 'a.js'), 'changed');
    utimesSync(join(dir, 'a.js'), new Date(), new Date(Date.now() + 60_000));
    assert.equal(p.readFile('a.js'), 'changed');
    assert.equal(p.cachedTextChars, 'changed'.length);
  });

  it('a file larger than the whole limit is read but not kept', () => {
    writeFileSync(join(dir, 'big.js'), 'x'.repeat(1000));
    const p = new FsProject(dir, { textCacheChars: 500 });
    assert.equal(p.readFile('big.js')?.length, 1000);
    assert.equal(p.cachedTextChars, 0);
  });
});
