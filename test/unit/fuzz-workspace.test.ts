// Fuzz (issue 7, "Keep it that way"): hostile workspace layouts — special files where Vouch reads, links
// out of the root and in loops, deep or huge .vouch.json, absurd provenance ranges, forged ledger lines
// — through the scan pipeline (in a child process, many layouts) and through the built CLI (a few
// layouts, each `vouch scan` and `vouch verify` in its own process with a kill timer and a heap cap).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { REPORT_FORMATS } from '../../server/src/report';
import { readWorkspaceConfig } from '../../server/src/scan/config-file';
import { runs, SEED } from '../fuzz/arbitraries';
import { check } from '../fuzz/engine-property';
import { layout, materialize } from '../fuzz/layouts';
import { ensureBuilt } from './cli.test';
import { inChild } from './safe-read.test';

const CLI = join(resolve(__dirname, '..', '..'), 'cli', 'out', 'vouch.js');
/** What a crash looks like on stderr: the CLI's own last resort, or Node's. */
const CRASH = /internal error|Please report|Uncaught|Unhandled|FATAL ERROR|heap out of memory|Maximum call stack/i;

function vouch(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=512' },
  });
  if (r.signal) throw new Error(`vouch ${args.join(' ')} was killed (${r.signal}): it hung or ran out of memory\n${r.stderr.slice(-2000)}`);
  if (CRASH.test(r.stderr)) throw new Error(`vouch ${args.join(' ')} crashed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
  if (r.status === null || ![0, 1, 2].includes(r.status)) throw new Error(`vouch ${args.join(' ')} exited ${r.status}:\n${r.stderr.slice(-2000)}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('fuzz: hostile workspace layouts', function () {
  this.timeout(120_000);
  before(function () {
    if (process.platform === 'win32') this.skip();
  });

  it('the scan pipeline, policy reader, vouch verify and every report format: no crash, no hang, a reason for every file passed over', () => {
    const verdict = inChild(`
      const { fuzzWorkspace } = load('test/fuzz/workspace-property.ts');
      return await fuzzWorkspace({ runs: ${runs(40)} });
    `, 90_000) as { ok: boolean; message?: string; cases: number };
    assert.ok(verdict.ok, verdict.message);
  });

  it('the built CLI: exit 0, 1 or 2 with a message, never a crash, a hang or a runaway heap', async () => {
    ensureBuilt();
    const base = mkdtempSync(join(tmpdir(), 'vouch-fuzz-cli-'));
    let n = 0;
    try {
      await check(fc.asyncProperty(layout, fc.constantFrom(...REPORT_FORMATS), async (l, format) => {
        const root = join(base, `ws${n}`);
        materialize(root, join(base, `outside${n++}`), l);
        const scan = vouch(['scan', '.', '--offline', '--quiet', '--fail-on-unreviewed', '--format', format], root);
        if (scan.code === 2) {
          // Only a policy file the CLI must refuse stops it; the message names the file.
          const policy = readWorkspaceConfig(root);
          if (!policy.error) throw new Error(`exit 2 without a policy problem:\n${scan.stderr}`);
          if (!/\.vouch\.json/.test(scan.stderr)) throw new Error(`exit 2 without naming .vouch.json:\n${scan.stderr}`);
        } else if (format === 'json') {
          const report = JSON.parse(scan.stdout) as { skipped: Array<{ reason: string }> };
          if (!Array.isArray(report.skipped)) throw new Error('no skipped list in the report');
        }
        vouch(['verify', '--root', '.'], root);
      }), SEED + 3, runs(6));
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
