// `vouch scan --changed-since REV` on real repositories: only changed files, only changed lines
// (unless --all-lines), exit 2 outside a repository or for an unknown revision, and the README's
// pre-commit hook and pull-request recipe run exactly as written there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt } from './cli.test';
import { tempRepo, type TempRepo } from '../fixtures/git-repo';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');
const KEY = (n: number) => `const key${n} = "AKIAZ3MSJV2KD7QX4N5${'PQRSTU'[n]}";\n`;

function vouch(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 90_000, env: { ...process.env, VOUCH_TEST_FAULTS: '' } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a shell command from the README with `npx vouch` standing for the built CLI. */
function runRecipe(command: string, cwd: string, vars: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  let line = command.replace(/^exec /, '');
  for (const [k, v] of Object.entries(vars)) line = line.split(`\${{ ${k} }}`).join(v);
  assert.match(line, /^npx vouch /);
  const args = line.slice('npx vouch '.length).split(/\s+/);
  return vouch(args, cwd);
}

const findings = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ file: string; line: number; ruleId: string }> }).findings.map((f) => `${f.file}:${f.line}`);

describe('cli: vouch scan --changed-since', function () {
  this.timeout(180_000);
  let repo: TempRepo;
  before(() => ensureBuilt());
  beforeEach(() => {
    repo = tempRepo({ 'src/old.js': `// old\n${KEY(0)}`, 'src/touched.js': `// a\n${KEY(1)}// b\n`, 'lib/untouched.py': 'x = 1\n' });
  });
  afterEach(() => repo.remove());

  it('scans only changed files and reports only findings on changed lines; --all-lines keeps the rest of those files', () => {
    repo.write({ 'src/touched.js': `// a\n${KEY(1)}// b\n${KEY(2)}`, 'src/new.js': KEY(3) });
    const r = vouch(['scan', '--changed-since', 'HEAD', '--fail-on', 'never'], repo.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(findings(r.stdout).sort(), ['src/new.js:1', 'src/touched.js:4']);
    assert.deepEqual(JSON.parse(r.stdout).changedSince, { baseline: 'HEAD', lines: 'changed' });
    assert.equal(JSON.parse(r.stdout).files, 2, 'the unchanged files are not scanned');
    const all = vouch(['scan', '--changed-since', 'HEAD', '--all-lines', '--fail-on', 'never'], repo.dir);
    assert.deepEqual(findings(all.stdout).sort(), ['src/new.js:1', 'src/touched.js:2', 'src/touched.js:4']);
  });

  it('counts committed and staged changes since a branch (its merge-base), and a removed line as a change where it was', () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit({ 'src/old.js': `// old, edited\n${KEY(0)}` }, 'edit a comment');
    repo.write({ 'lib/untouched.py': 'x = 2\n' });
    repo.git('add', 'lib/untouched.py');
    const r = vouch(['scan', '--changed-since', 'main', '--summary', '--fail-on', 'never'], repo.dir);
    assert.deepEqual(findings(r.stdout), [], 'the key on an unchanged line is not in the change');
    assert.equal(JSON.parse(r.stdout).files, 2);
    assert.match(r.stderr, /changed since main \(changed lines only\)/);
    repo.write({ 'src/touched.js': `${KEY(1)}// b\n` });
    assert.deepEqual(findings(vouch(['scan', '--changed-since', 'main', '--fail-on', 'never'], repo.dir).stdout), ['src/touched.js:1']);
  });

  it('exit 2 outside a repository, for an unknown revision, and --all-lines alone', () => {
    const outside = mkdtempSync(join(tmpdir(), 'vouch-nogit-'));
    try {
      const r = vouch(['scan', '--changed-since', 'HEAD'], outside);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /vouch: error: not a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    const unknown = vouch(['scan', '--changed-since', 'no-such-branch'], repo.dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /vouch: error: unknown revision no-such-branch/);
    assert.equal(vouch(['scan', '--baseline', 'nope'], repo.dir).code, 2);
    const alone = vouch(['scan', '--all-lines'], repo.dir);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--all-lines needs --changed-since/);
  });

  it('breaking-change compares with HEAD by default and with --baseline REV; its broken callers are JSON `related`', () => {
    repo.commit({ 'src/date.js': "export function formatDate(d) {\n  return d;\n}\n", 'src/use.js': "import { formatDate } from './date.js';\nformatDate(1);\n" }, 'date');
    repo.git('tag', 'v1');
    repo.commit({ 'src/other.js': 'export const x = 1;\n' }, 'other');
    repo.write({ 'src/date.js': "export function formatDate(d, locale) {\n  return d + locale;\n}\n" });
    const bc = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ ruleId: string; line: number; related?: Array<{ file: string; line: number }> }> }).findings.filter((f) => f.ruleId === 'breaking-change');
    const plain = bc(vouch(['scan', '--fail-on', 'never'], repo.dir).stdout);
    assert.deepEqual(plain.map((f) => [f.line, f.related?.map((r) => `${r.file}:${r.line}`)]), [[1, ['src/use.js:2']]]);
    assert.equal(bc(vouch(['scan', '--baseline', 'v1', '--changed-since', 'HEAD', '--fail-on', 'never'], repo.dir).stdout).length, 1);
    // The baseline is the working tree's own content: nothing changed, nothing broken.
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'locale');
    assert.deepEqual(bc(vouch(['scan', '--fail-on', 'never'], repo.dir).stdout), []);
    assert.equal(bc(vouch(['scan', '--baseline', 'v1', '--fail-on', 'never'], repo.dir).stdout).length, 1);
  });

  describe("the README's recipes, as written", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const hook = /```sh\n#!\/bin\/sh\n(exec npx vouch scan --changed-since[^\n]*)\n```/.exec(readme)?.[1];
    const ci = /- run: (npx vouch scan --changed-since [^\n]*)/.exec(readme)?.[1];

    it('the pre-commit hook blocks a commit that adds an error-level finding, and passes once it is gone', () => {
      assert.ok(hook, 'README has the pre-commit hook');
      repo.write({ 'src/touched.js': `// a\n${KEY(1)}// b\n${KEY(4)}` });
      repo.git('add', '-A');
      const blocked = runRecipe(hook, repo.dir);
      assert.equal(blocked.code, 1, blocked.stderr);
      assert.match(blocked.stderr, /1 findings \(1 error/);
      repo.write({ 'src/touched.js': '// a\n// b\n' });
      repo.git('add', '-A');
      assert.equal(runRecipe(hook, repo.dir).code, 0);
    });

    it('the pull-request check writes SARIF for the findings in the change only', () => {
      assert.ok(ci, 'README has the CI recipe');
      repo.git('update-ref', 'refs/remotes/origin/main', 'main');
      repo.git('checkout', '-q', '-b', 'feature');
      repo.commit({ 'src/feature.js': KEY(5) }, 'feature');
      repo.git('checkout', '-q', 'main');
      repo.commit({ 'src/main-only.js': KEY(4) }, 'main moves on');
      repo.git('update-ref', 'refs/remotes/origin/main', 'main');
      repo.git('checkout', '-q', 'feature');
      const r = runRecipe(ci, repo.dir, { 'github.base_ref': 'main' });
      assert.equal(r.code, 1, r.stderr);
      const sarif = JSON.parse(readFileSync(join(repo.dir, 'vouch.sarif'), 'utf8'));
      const uris = sarif.runs[0].results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0].physicalLocation.artifactLocation.uri);
      assert.deepEqual(uris, ['src/feature.js']);
      assert.match(sarif.runs[0].properties.changedSince.baseline, /^origin\/main \(merge-base [0-9a-f]{7}\)$/);
    });
  });
});
