// Version control is told from agents by git's own state, read without running git. These tests
// run real git in temporary repositories (git is a test dependency, never the product's).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VcsActivity, WINDOW_MS, findGitDir, parseReflog, readTail, rewritingOperation } from '../../client/src/provenance/vcs';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
}

describe('provenance/vcs: a checkout, pull or stash is not an agent', () => {
  let root: string;
  let repo: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'vouch-vcs-'));
    repo = join(root, 'repo');
    mkdirSync(join(repo, 'src'), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'src', 'a.ts'), 'export const a = 1;\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the git directory from a file, stopping at the workspace folder; follows a worktree .git file', () => {
    assert.equal(findGitDir(join(repo, 'src', 'a.ts'), repo), join(repo, '.git'));
    assert.equal(findGitDir(join(repo, 'src', 'a.ts'), join(repo, 'src')), undefined, 'above the workspace folder is not looked at');
    git(repo, 'worktree', 'add', '-q', join(root, 'wt'), '-b', 'side');
    const gitDir = findGitDir(join(root, 'wt', 'src', 'a.ts'), join(root, 'wt'));
    assert.ok(gitDir && gitDir.includes(join('.git', 'worktrees')), String(gitDir));
  });

  it('explains a branch switch (and a pull or reset) just now; not a commit, not an old checkout', () => {
    const vcs = new VcsActivity();
    const gitDir = join(repo, '.git');
    vcs.watch(gitDir);
    git(repo, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(repo, 'src', 'a.ts'), 'export const a = 2;\n');
    git(repo, 'commit', '-q', '-am', 'two');
    const afterCommit = Date.now();
    assert.equal(vcs.explain(gitDir, afterCommit + WINDOW_MS + 5000, afterCommit + WINDOW_MS + 5000), undefined, 'the checkout was long before');
    git(repo, 'checkout', '-q', 'main');
    assert.equal(vcs.explain(gitDir, Date.now()), 'checkout');
    git(repo, 'reset', '-q', '--hard', 'feature');
    assert.equal(vcs.explain(gitDir, Date.now()), 'reset');
    // A commit records files; it does not write them.
    const log = parseReflog(readTail(join(gitDir, 'logs', 'HEAD')));
    assert.equal(rewritingOperation([{ at: Date.now(), message: 'commit: two' }], Date.now(), Date.now()), undefined);
    assert.ok(log.length >= 4, JSON.stringify(log));
  });

  it('explains a stash push and a stash pop (the pop of the last entry deletes the ref)', () => {
    const vcs = new VcsActivity();
    const gitDir = join(repo, '.git');
    vcs.watch(gitDir);
    appendFileSync(join(repo, 'src', 'a.ts'), 'export const b = 2;\n');
    git(repo, 'stash', '-q');
    assert.equal(vcs.explain(gitDir, Date.now()), 'stash');
    const later = Date.now() + WINDOW_MS + 2000;
    assert.equal(vcs.explain(gitDir, later, later), undefined, 'seen once: a later write is not the stash (nor its reset entry)');
    git(repo, 'stash', 'pop', '-q');
    assert.equal(vcs.explain(gitDir, Date.now()), 'stash');
  });

  it('explains a stash pop in a repository first seen when one of its files was opened, for every file it wrote', () => {
    // A repository nested in the workspace folder, its stash made before the editor saw it (gesture matrix row 17c).
    appendFileSync(join(repo, 'src', 'a.ts'), 'export const b = 2;\n');
    writeFileSync(join(repo, 'src', 'c.ts'), 'export const c = 1;\n');
    git(repo, 'add', 'src/c.ts');
    git(repo, 'stash', '-q');
    const vcs = new VcsActivity();
    assert.equal(vcs.watchFile(join(repo, 'src', 'a.ts'), root), join(repo, '.git'), 'opening a file watches its repository');
    const later = Date.now() + WINDOW_MS * 3;
    git(repo, 'stash', 'pop', '-q');
    const gitDir = join(repo, '.git');
    // Seen well after the stash push (its reset entry in HEAD's reflog is out of the window).
    assert.equal(vcs.explain(gitDir, later, later), 'stash', 'the open file, reloaded');
    assert.equal(vcs.explain(gitDir, later + 300, later + 1800), 'stash', 'the closed file written by the same pop');
    assert.equal(vcs.explain(gitDir, later + WINDOW_MS + 2000, later + WINDOW_MS + 2000), undefined, 'a write after the window is not the pop');
    assert.equal(new VcsActivity().explain(gitDir, later, later), undefined, 'a repository never seen before the pop cannot tell it');
  });

  it('does not explain an outside write with no git operation', () => {
    const vcs = new VcsActivity();
    const gitDir = join(repo, '.git');
    vcs.watch(gitDir);
    writeFileSync(join(repo, 'src', 'a.ts'), 'export const a = 3;\nexport function f() {\n  return a;\n}\n');
    assert.equal(vcs.explain(gitDir, Date.now() + WINDOW_MS * 3, Date.now() + WINDOW_MS * 3), undefined);
  });

  it('parses reflog lines and skips malformed ones', () => {
    const text = [
      '0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 A U Thor <a@example.com> 1764900000 +0100\tcommit (initial): one',
      'garbage line',
      '1111111111111111111111111111111111111111 2222222222222222222222222222222222222222 A U Thor <a@example.com> 1764900005 -0500\tcheckout: moving from main to feature',
      '',
    ].join('\n');
    assert.deepEqual(parseReflog(text), [
      { at: 1764900000000, message: 'commit (initial): one' },
      { at: 1764900005000, message: 'checkout: moving from main to feature' },
    ]);
    assert.equal(rewritingOperation(parseReflog(text), 1764900006000, 1764900007000), 'checkout');
    assert.equal(readTail(join(repo, 'missing')), '');
  });
});
