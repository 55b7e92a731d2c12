// `vouch scan --jobs N` through the built CLI: the bundle is its own scan worker (no extra file ships),
// and the report is the same byte for byte whatever N is, timings aside.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt } from './cli.test';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');

function vouch(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, VOUCH_TEST_FAULTS: '' } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
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
    // Enough files (the detector fixtures, ~130) that two workers start.
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

  it('refuses a --jobs that is not a whole number of at least 1 (exit 2)', () => {
    for (const bad of ['0', '1.5', 'many']) {
      const r = vouch(['scan', '.', '--offline', '--jobs', bad], dir);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--jobs must be a whole number/);
    }
  });
});
