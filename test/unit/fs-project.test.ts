// The file-system project: reads confined to the root, a text cache bounded by size (least recently used out),
// and `version`, the stat that memos of other files are keyed by instead of their texts.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsProject } from '../../server/src/project/fs-project';

describe('project/fs-project', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'vouch-fsp-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** Rewrites a file keeping its modification time, so only a cached text can still answer the old content. */
  const rewriteQuietly = (rel: string, text: string) => {
    const p = join(root, rel);
    const { atime, mtime } = statSync(p);
    writeFileSync(p, text);
    utimesSync(p, atime, mtime);
  };

  it('keeps recently read texts within its size, dropping the least recently used first', () => {
    writeFileSync(join(root, 'a.json'), 'aaaa');
    writeFileSync(join(root, 'b.json'), 'bbbb');
    writeFileSync(join(root, 'c.json'), 'cccc');
    const project = new FsProject(root, { statTtlMs: Infinity, cacheChars: 8 });
    assert.equal(project.readFile('a.json'), 'aaaa');
    assert.equal(project.readFile('b.json'), 'bbbb');
    assert.equal(project.readFile('a.json'), 'aaaa', 'a hit makes a.json the most recently used');
    assert.equal(project.readFile('c.json'), 'cccc', 'b.json goes to make room');
    for (const f of ['a', 'b', 'c']) rewriteQuietly(`${f}.json`, f.toUpperCase().repeat(4));
    assert.equal(project.readFile('a.json'), 'aaaa', 'still cached');
    assert.equal(project.readFile('c.json'), 'cccc', 'still cached');
    assert.equal(project.readFile('b.json'), 'BBBB', 'read again from disk');
  });

  it('reads a text larger than the whole cache, and keeps only it', () => {
    writeFileSync(join(root, 'small.json'), 'ss');
    writeFileSync(join(root, 'big.json'), 'x'.repeat(20));
    const project = new FsProject(root, { statTtlMs: Infinity, cacheChars: 8 });
    assert.equal(project.readFile('small.json'), 'ss');
    assert.equal(project.readFile('big.json'), 'x'.repeat(20));
    rewriteQuietly('small.json', 'SS');
    rewriteQuietly('big.json', 'y'.repeat(20));
    assert.equal(project.readFile('big.json'), 'x'.repeat(20));
    assert.equal(project.readFile('small.json'), 'SS');
  });

  it('versions a file by its stat without reading it; none for folders, missing files and paths outside the root', () => {
    writeFileSync(join(root, 'a.js'), 'one');
    mkdirSync(join(root, 'lib'));
    const project = new FsProject(root, { statTtlMs: 0 });
    const first = project.version('a.js');
    assert.equal(first?.size, 3);
    assert.deepEqual(project.version('a.js'), first, 'the same file, the same version');
    writeFileSync(join(root, 'a.js'), 'three');
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'a.js'), later, later);
    assert.notEqual(project.version('a.js')?.key, first?.key);
    assert.equal(project.version('a.js')?.size, 5);
    assert.equal(project.version('lib'), undefined);
    assert.equal(project.version('missing.js'), undefined);
    assert.equal(project.version('../outside.js'), undefined);
  });

  it("versions an open document by its text, which wins over the disk's", () => {
    writeFileSync(join(root, 'a.js'), 'on disk');
    const open = new Map([[join(root, 'a.js'), 'in the editor']]);
    const project = new FsProject(root, { overlay: (p) => open.get(p) });
    assert.deepEqual(project.version('a.js'), { key: 'in the editor', size: 13 });
    open.set(join(root, 'a.js'), 'edited');
    assert.equal(project.version('a.js')?.key, 'edited');
  });
});
