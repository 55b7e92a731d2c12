#!/usr/bin/env node
// The extension-host tests (host-tests/) in desktop VS Code through @vscode/test-electron, for
// machines with internet: it downloads VS Code on first run (cached in .vscode-test/). CI here has no
// such download and runs the same tests module through code-server instead (host.test.mjs).
//   npm run build && node test/e2e/electron.mjs        (Linux without a display: xvfb-run -a node …)
// Env: VSCODE_VERSION (default "stable").
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { E2E_DIR, FIXTURE_WORKSPACE, ROOT } from './helpers.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'vouch-e2e-electron-'));
const workspace = join(scratch, 'workspace');
cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
const resultFile = join(scratch, 'host-result.json');

let exitCode = 1;
try {
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(E2E_DIR, 'host-tests', 'index.js'),
    extensionTestsEnv: { VOUCH_E2E_RESULT: resultFile },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${join(scratch, 'user-data')}`,
      `--extensions-dir=${join(scratch, 'extensions')}`,
    ],
  });
  exitCode = 0;
} catch (err) {
  console.error(`[e2e electron] ${err?.message ?? err}`);
}

const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : { tests: [] };
const passed = result.tests.filter((t) => t.state === 'passed').length;
const failed = result.tests.length - passed + (result.tests.length ? 0 : 1);
rmSync(scratch, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode || failed ? 1 : 0);
