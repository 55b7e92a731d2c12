#!/usr/bin/env node
// `npm run test:e2e`: installs the e2e toolchain (cached), packages the extension, then runs the
// e2e suites with mocha against a real VS Code host (code-server + chromium).
//   node test/e2e/run.mjs [--skip-package] [--grep <pattern>] [file.test.mjs ...]
// Env: VOUCH_E2E_CACHE (toolchain cache), VOUCH_E2E_VSIX (use this .vsix, skip packaging),
//      VOUCH_E2E_KEEP=1 (keep temp folders), VOUCH_E2E_TIMEOUT_MS (one UI expectation),
//      VOUCH_E2E_LOG (the host's log level), VOUCH_E2E_SCREENSHOTS=1 (refresh media/screenshots/).
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import { CACHE, E2E_DIR, ROOT } from './helpers.mjs';

const { values: opts, positionals } = parseArgs({
  options: { 'skip-package': { type: 'boolean' }, grep: { type: 'string' } },
  allowPositionals: true,
});

const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function step(label, cmd, args) {
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  const ok = res.status === 0;
  console.log(`[e2e] ${label}: ${ok ? 'ok' : `failed (${res.error?.message ?? `exit ${res.status ?? res.signal}`})`} in ${secs(Date.now() - t0)}`);
  return ok;
}

/** A step that fails before any test ran still has to show up as a failure in the closing line. */
function bail(what) {
  console.error(`[e2e] ${what}; no e2e test ran`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (!step('setup (test/e2e/setup.sh)', 'bash', [join(E2E_DIR, 'setup.sh')])) bail('setup failed');
if (!opts['skip-package'] && !process.env.VOUCH_E2E_VSIX) {
  if (!step('npm run package', 'npm', ['run', '--silent', 'package'])) bail('packaging the extension failed');
}

// Failure screenshots of this run only (see ui.test.mjs).
rmSync(join(CACHE, 'artifacts'), { recursive: true, force: true });

const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 120_000, color: process.stdout.isTTY, grep: opts.grep });
// Every suite, the gesture matrix included (gestures.test.mjs: its configurations are listed there).
const files = positionals.length
  ? positionals
  : readdirSync(E2E_DIR).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(E2E_DIR, f));
for (const f of files) mocha.addFile(f);
await mocha.loadFilesAsync();

const t0 = Date.now();
const runner = mocha.run();
runner.on('end', () => {
  const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
  console.log(`[e2e] tests ${secs(Date.now() - t0)}, total ${secs(Date.now() - started)}`);
  // Closing line read by CI: "N passed, N failed" alone on the line.
  console.log(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exitCode = failures || !passes ? 1 : 0;
});
