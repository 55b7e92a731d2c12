// The git baseline read without running git (server/src/vcs): revisions, files at a commit, what
// changed since, on real repositories made by the git CLI — loose objects, after `git gc` (packs and
// packed refs), and a linked worktree — and nothing in the repository is ever written.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitBaseline } from '../../server/src/vcs/baseline';
import { readOnlyGitFs } from '../../server/src/vcs/git-fs';
import { blobId, Repository, VcsError } from '../../server/src/vcs/repository';
import { git, tempRepo, type TempRepo } from '../fixtures/git-repo';

/** Every file under the git folder with its size and modification time: what "nothing written" compares. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = statSync(p);
        out[p] = `${st.size}:${st.mtimeMs}`;
      }
    }
  };
  walk(dir);
  return out;
}

describe('vcs: reading the baseline from the object store', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  let first: string;
  let second: string;
  beforeEach(() => {
    repo = tempRepo({ 'src/a.ts': 'export const a = 1;\n', 'src/b.py': 'def b():\n    return 1\n', 'README.md': '# r\n' });
    first = repo.git('rev-parse', 'HEAD');
    repo.git('tag', 'v1');
    repo.git('tag', '-a', 'v1-annotated', '-m', 'release');
    second = repo.commit({ 'src/a.ts': 'export const a = 2;\n' }, 'two');
  });
  afterEach(() => repo.remove());

  it('resolves HEAD, branches, tags (annotated ones peeled), full and short ids, ~n and ^', async () => {
    const r = Repository.open(join(repo.dir, 'src'));
    assert.equal(r.workdir, repo.dir);
    assert.equal((await r.resolve('HEAD')).oid, second);
    assert.equal((await r.resolve('main')).oid, second);
    assert.equal((await r.resolve('v1')).oid, first);
    assert.equal((await r.resolve('v1-annotated')).oid, first);
    assert.equal((await r.resolve(first)).oid, first);
    assert.equal((await r.resolve(first.slice(0, 7))).oid, first);
    assert.equal((await r.resolve('HEAD~1')).oid, first);
    assert.equal((await r.resolve('HEAD^')).oid, first);
    assert.equal((await r.resolve('main~1')).oid, first);
  });

  it('a branch names its merge-base with HEAD; a tag or commit names itself', async () => {
    repo.git('checkout', '-q', '-b', 'feature');
    const mine = repo.commit({ 'src/c.ts': 'export const c = 3;\n' }, 'feature work');
    repo.git('checkout', '-q', 'main');
    repo.commit({ 'src/d.ts': 'export const d = 4;\n' }, 'main moves on');
    repo.git('checkout', '-q', 'feature');
    const r = Repository.open(repo.dir);
    const base = await r.resolve('main');
    assert.equal(base.oid, second, 'the merge-base, not main\'s tip');
    assert.match(base.label, /^main \(merge-base [0-9a-f]{7}\)$/);
    assert.equal((await r.resolve('HEAD')).oid, mine);
    assert.equal((await r.resolve('v1')).label, 'v1');
  });

  it('says clearly when there is no repository or the revision is unknown', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'vouch-nogit-'));
    try {
      assert.throws(() => Repository.open(outside), (e: unknown) => e instanceof VcsError && e.kind === 'not-a-repository' && /not a git repository/.test(e.message));
      await assert.rejects(GitBaseline.open(outside, 'HEAD'), /not a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    const r = Repository.open(repo.dir);
    for (const rev of ['nope', 'deadbeef', 'HEAD~5', 'main..HEAD', '../../etc/passwd', '-x']) {
      await assert.rejects(r.resolve(rev), (e: unknown) => e instanceof VcsError && e.kind === 'unknown-revision' && e.message.startsWith(`unknown revision ${rev}`), rev);
    }
    const empty = tempRepo();
    try {
      await assert.rejects(Repository.open(empty.dir).resolve('HEAD'), /no commits yet/);
      assert.equal(await GitBaseline.follow(empty.dir)!.read('a.ts'), undefined, 'no commits: no baseline');
    } finally {
      empty.remove();
    }
  });

  it('reads a file at a commit; lists its files with their blob ids', async () => {
    const r = Repository.open(repo.dir);
    assert.deepEqual(await r.fileAt(first, 'src/a.ts'), { oid: repo.git('rev-parse', `${first}:src/a.ts`), text: 'export const a = 1;\n' });
    assert.equal(await r.fileAt(first, 'src/missing.ts'), null);
    const tree = await r.tree(second);
    assert.deepEqual([...tree.keys()].sort(), ['README.md', 'src/a.ts', 'src/b.py']);
    assert.equal(tree.get('src/b.py'), repo.git('rev-parse', 'HEAD:src/b.py'));
    assert.equal(blobId(Buffer.from('export const a = 2;\n')), tree.get('src/a.ts'));
  });

  it('after git gc: packed objects and packed refs', async () => {
    repo.git('gc', '-q', '--aggressive', '--prune=now');
    assert.ok(readdirSync(join(repo.dir, '.git', 'objects', 'pack')).some((f) => f.endsWith('.pack')));
    assert.ok(statSync(join(repo.dir, '.git', 'packed-refs')).size > 0);
    const r = Repository.open(repo.dir);
    assert.equal((await r.resolve('v1-annotated')).oid, first);
    assert.equal((await r.resolve('main')).oid, second);
    assert.equal((await r.fileAt((await r.resolve('HEAD~1')).oid, 'src/a.ts'))?.text, 'export const a = 1;\n');
    assert.deepEqual(await r.changes(second), []);
  });

  it('after git gc --aggressive: deltified objects read back exactly as git shows them', async () => {
    const big = (n: number) => Array.from({ length: 400 }, (_, i) => `export const v${i} = ${i === n ? 'changed' : i};`).join('\n') + '\n';
    const commits = [0, 1, 2, 3].map((n) => repo.commit({ 'src/big.ts': big(n * 100) }, `big ${n}`));
    repo.git('gc', '-q', '--aggressive', '--prune=now');
    const r = Repository.open(repo.dir);
    for (const c of commits) assert.equal((await r.fileAt(c, 'src/big.ts'))?.text, repo.git('show', `${c}:src/big.ts`) + '\n');
    assert.equal((await r.tree(commits[3])).size, 4);
  });

  it('in a linked worktree: its own HEAD and index, the shared objects and refs', async () => {
    const wt = join(repo.dir, '..', 'wt');
    repo.git('worktree', 'add', '-q', wt, '-b', 'side', 'v1');
    git(wt, 'gc', '-q');
    const r = Repository.open(wt);
    assert.equal(r.workdir, wt);
    assert.equal((await r.resolve('HEAD')).oid, first);
    assert.equal((await r.resolve('main')).oid, first, 'merge-base of side (at v1) with main');
    const b = await GitBaseline.open(wt, 'HEAD');
    assert.equal((await b.read('src/a.ts'))?.text, 'export const a = 1;\n');
    const main = await GitBaseline.open(repo.dir, 'HEAD');
    assert.equal((await main.read('src/a.ts'))?.text, 'export const a = 2;\n');
  });

  it('lists committed, staged, working-tree, untracked and deleted changes since a revision', async () => {
    repo.commit({ 'src/committed.ts': 'export const x = 1;\n' }, 'three');
    repo.write({ 'src/staged.ts': 'export const s = 1;\n' });
    repo.git('add', 'src/staged.ts');
    repo.write({ 'src/b.py': 'def b():\n    return 2\n', 'src/new.ts': 'export {};\n', 'README.md': null });
    const r = Repository.open(repo.dir);
    const changes = await r.changes((await r.resolve('HEAD~1')).oid, ['src/new.ts']);
    assert.deepEqual(changes, [
      { path: 'README.md', status: 'deleted' },
      { path: 'src/b.py', status: 'modified' },
      { path: 'src/committed.ts', status: 'added' },
      { path: 'src/new.ts', status: 'added' },
      { path: 'src/staged.ts', status: 'added' },
    ]);
    // Staged, then reverted in the working tree: the commit would still carry it.
    repo.write({ 'src/a.ts': 'export const a = 99;\n' });
    repo.git('add', 'src/a.ts');
    repo.write({ 'src/a.ts': 'export const a = 2;\n' });
    assert.ok((await r.changes(second)).some((c) => c.path === 'src/a.ts' && c.status === 'modified'));
  });

  it('CRLF working files match an LF baseline (autocrlf checks in LF; no filters run)', async () => {
    repo.write({ 'src/a.ts': 'export const a = 2;\r\n' });
    assert.deepEqual(await Repository.open(repo.dir).changes(second), []);
  });

  it('never writes to the repository, whatever it reads', async () => {
    repo.write({ 'src/a.ts': 'export const a = 3;\n' });
    // A modified file is stat-dirty: what makes isomorphic-git's own status write the index back.
    const before = snapshot(join(repo.dir, '.git'));
    const r = Repository.open(repo.dir);
    await r.changes((await r.resolve('v1')).oid, ['src/a.ts']);
    await r.index();
    const b = await GitBaseline.open(repo.dir, 'main');
    await b.read('src/a.ts');
    assert.deepEqual(snapshot(join(repo.dir, '.git')), before);
  });

  it('the file system isomorphic-git gets refuses writes, and loose objects that inflate past the limit', async () => {
    const gitdir = join(repo.dir, '.git');
    const fs = readOnlyGitFs(gitdir, gitdir, 1000).promises as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await assert.rejects(fs.writeFile(join(gitdir, 'index'), 'x'), { code: 'EROFS' });
    await assert.rejects(fs.unlink(join(gitdir, 'HEAD')), { code: 'EROFS' });
    const bomb = join(gitdir, 'objects', 'ab', 'c'.repeat(38));
    mkdirSync(join(bomb, '..'), { recursive: true });
    writeFileSync(bomb, deflateSync(Buffer.concat([Buffer.from('blob 5000\0'), Buffer.alloc(5000)])));
    await assert.rejects(fs.readFile(bomb), { code: 'EFBIG' });
    assert.equal(await fs.readFile(join(gitdir, 'HEAD'), 'utf8'), 'ref: refs/heads/main\n');
  });

  it('maps workspace paths when the workspace folder is below the repository root', async () => {
    mkdirSync(join(repo.dir, 'packages', 'p'), { recursive: true });
    repo.commit({ 'packages/p/index.ts': 'export const p = 1;\n' });
    const b = await GitBaseline.open(join(repo.dir, 'packages', 'p'), 'HEAD');
    assert.equal((await b.read('index.ts'))?.text, 'export const p = 1;\n');
    assert.equal(b.workspacePath('src/a.ts'), undefined);
    assert.equal(b.workspacePath('packages/p/index.ts'), 'index.ts');
  });

  it('the editor baseline follows HEAD as commits move it; derived values are memoised per blob id', async () => {
    const b = GitBaseline.follow(repo.dir)!;
    const one = (await b.read('src/a.ts'))!;
    assert.equal(one.label, 'HEAD');
    let computed = 0;
    const key = {};
    const derive = (t: string) => (computed++, t.length);
    assert.equal(b.derived(one, key, derive), 20);
    assert.equal(b.derived({ ...one }, key, derive), 20);
    assert.equal(computed, 1);
    repo.commit({ 'src/a.ts': 'export const a = 33;\n' });
    await new Promise((r) => setTimeout(r, 1100));
    const two = (await b.read('src/a.ts'))!;
    assert.equal(two.text, 'export const a = 33;\n');
    b.derived(two, key, derive);
    assert.equal(computed, 2);
  });
});
