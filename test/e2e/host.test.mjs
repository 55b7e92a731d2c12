// Extension-host tier: runs test/e2e/host-tests/index.js inside VS Code's extension host (the
// extensionTestsPath contract of @vscode/test-electron) through code-server's smoke-test driver,
// and reports each test that ran in there as a test here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import {
  E2E_DIR,
  copyWorkspace,
  createSandbox,
  installVsix,
  openWorkbench,
  remoteUri,
  startCodeServer,
  waitFor,
} from './helpers.mjs';

function readResult(file) {
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return r.done ? r : undefined;
  } catch {
    return undefined; // being written
  }
}

describe('Vouch in the extension host (extensionTestsPath)', function () {
  this.timeout(240_000);
  let sandbox, server, workbench, result;

  before(async function () {
    const started = Date.now();
    sandbox = createSandbox('vouch-e2e-host');
    // The .vsix's content is what gets tested, loaded as the development extension: move it out of
    // the extensions folder so that exactly one copy of vouch-dev.vouch exists in the host.
    const installed = await installVsix(sandbox);
    const extension = join(sandbox.root, 'vouch-under-test');
    renameSync(installed, extension);
    rmSync(join(sandbox.extensions, 'extensions.json'), { force: true });
    const workspace = copyWorkspace(sandbox);
    const resultFile = join(sandbox.root, 'host-result.json');
    server = await startCodeServer(sandbox, { workspace, smokeTestDriver: true, env: { VOUCH_E2E_RESULT: resultFile } });
    workbench = await openWorkbench(server, workspace, {
      payload: [
        ['extensionDevelopmentPath', remoteUri(server, extension)],
        ['extensionTestsPath', remoteUri(server, join(E2E_DIR, 'host-tests', 'index.js'))],
      ],
    });
    const fallback = join(workspace, '.vouch-e2e-result.json');
    result = await waitFor(() => readResult(resultFile) ?? readResult(fallback), {
      timeout: 180_000,
      interval: 250,
      what: 'the extension-host tests to write their result',
    }).catch((err) => {
      err.message += `\n--- code-server log (tail) ---\n${server.log.slice(-4000)}`;
      throw err;
    });
    console.log(`      extension-host suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const note of result.notes ?? []) console.log(`      ${note}`);
    // One test here per test that ran in the host, so the counts say what was checked.
    for (const t of result.tests ?? []) {
      this.test.parent.addTest(
        new Mocha.Test(`host: ${t.title}`, () => {
          if (t.state !== 'passed') throw new Error(t.error ?? `${t.title}: ${t.state}`);
        }),
      );
    }
  });

  after(async function () {
    this.timeout(30_000);
    await workbench?.close();
    await server?.stop();
    if (process.env.VOUCH_E2E_KEEP) console.log(`      kept ${sandbox?.root}`);
    else sandbox?.dispose();
  });

  it('runs the extensionTestsPath module to completion', () => {
    assert.equal(result.error, undefined, result.error);
    assert.ok(result.tests.length > 0, 'the host ran no test');
  });
});
