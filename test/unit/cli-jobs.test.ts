// `vouch scan --jobs N` through the built CLI: the bundle is its own scan worker (no extra file ships),
// and the report is the same byte for byte whatever N is, timings aside.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ensureBuilt } from './cli.test';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');

function vouch(args: string[], cwd: string, faults = '') {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, VOUCH_TEST_FAULTS: faults } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function writeIn(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}
const untimed = (text: string) => text.replace(/"durationMs": ?\d+/g, '"durationMs": 0');

describe('cli: vouch scan --jobs', function () {
  this.timeout(300_000);
  let dir: string;
  let out: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vouch-jobs-'));
    out = mkdtempSync(join(tmpdir(), 'vouch-jobs-out-'));
    // The detector fixtures and the demo (~145 files, every family), and enough small files besides
    // that two workers start (one per 200 files).
    for (let i = 0; i < 280; i++) writeIn(dir, `filler/m${i}.js`, `export const v${i} = ${i};\n`);
    cpSync(join(REPO, 'test', 'detectors'), join(dir, 'detectors'), { recursive: true });
    cpSync(join(REPO, 'demo'), join(dir, 'demo'), { recursive: true });
    // No detector budget to run out of: a time-out on a busy machine would differ between any two runs.
    writeFileSync(join(dir, '.vouch.json'), JSON.stringify({ detectorBudgetMs: 60_000 }));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  for (const format of ['json', 'sarif']) {
    it(`--jobs 2 writes the ${format} report --jobs 1 writes`, () => {
      const runs = [1, 2].map((jobs) => {
        // Written outside the scanned folder: the second run must not see the first one's report.
        const report = join(out, `r${jobs}.${format}`);
        const r = vouch(['scan', '.', '--offline', '--fail-on', 'never', '--quiet', '--format', format, '--output', report, '--jobs', String(jobs)], dir);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, '');
        return untimed(readFileSync(report, 'utf8'));
      });
      assert.ok(runs[0].includes('aws-access-key-id'), 'the fixtures have findings');
      assert.equal(runs[1], runs[0]);
    });
  }

  it('the workers are the bundle itself: a file that kills its worker is reported, the rest scanned', () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-jobs-crash-'));
    try {
      for (let i = 0; i < 420; i++) writeIn(root, `m${String(i).padStart(3, '0')}.js`, i === 7 ? '// __vouch_exit__\n' : `export const v${i} = ${i};\n`);
      const r = vouch(['scan', '.', '--offline', '--quiet', '--jobs', '2', '--format', 'json'], root, '1');
      assert.equal(r.code, 1, r.stderr); // a file left unanalysed fails --fail-on
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.skipped.map((s: { path: string }) => s.path), ['m007.js']);
      assert.match(report.skipped[0].reason, /analysis worker stopped \(exit code 70\)/);
      assert.equal(report.files, 419);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('--jobs auto is accepted (the available cores), and the report is the one --jobs 1 writes', () => {
    const runs = ['1', 'auto'].map((jobs) => {
      const r = vouch(['scan', '.', '--offline', '--fail-on', 'never', '--quiet', '--format', 'json', '--jobs', jobs], dir);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout);
      delete j.durationMs;
      return JSON.stringify(j.findings);
    });
    assert.equal(runs[1], runs[0]);
  });

  it('refuses a --jobs that is not a whole number of at least 1 (exit 2)', () => {
    for (const bad of ['0', '1.5', 'many']) {
      const r = vouch(['scan', '.', '--offline', '--jobs', bad], dir);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--jobs must be a whole number/);
    }
  });
});
