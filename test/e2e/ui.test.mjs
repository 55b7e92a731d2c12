// UI tier: what a person sees in VS Code (code-server + chromium) with the packaged .vsix installed.
// The tests share one workbench and run in order; each opens the fixture file it needs.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CACHE,
  FIXTURE_WORKSPACE,
  ROOT,
  applyCodeAction,
  copyWorkspace,
  createSandbox,
  goToLine,
  installVsix,
  openProblems,
  openWorkbench,
  positionOf,
  quickOpen,
  startCodeServer,
  vouchStatusItem,
  waitFor,
  waitForEditorText,
  waitForProblems,
} from './helpers.mjs';

const fixture = (name) => readFileSync(join(FIXTURE_WORKSPACE, name), 'utf8');
const ARTIFACTS = join(CACHE, 'artifacts');

/** Puts the cursor inside `needle` (a flagged token) in the active editor. */
async function cursorOn(page, file, needle) {
  const { line, column } = positionOf(fixture(file), needle);
  await goToLine(page, line, column + 2);
}

describe('Vouch in the workbench (UI)', function () {
  this.timeout(120_000);
  let sandbox, server, workbench, page;

  before(async function () {
    this.timeout(240_000);
    sandbox = createSandbox('vouch-e2e-ui');
    await installVsix(sandbox);
    const workspace = copyWorkspace(sandbox);
    server = await startCodeServer(sandbox, { workspace });
    workbench = await openWorkbench(server, workspace);
    page = workbench.page;
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !page) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${this.currentTest.title.replace(/[^\w-]+/g, '_').slice(0, 80)}.png`);
    await page.screenshot({ path: file }).catch(() => {});
    console.log(`      screenshot of the failure: ${file}`);
  });

  after(async function () {
    this.timeout(30_000);
    await workbench?.close();
    await server?.stop();
    if (process.env.VOUCH_E2E_KEEP) console.log(`      kept ${sandbox?.root}`);
    else sandbox?.dispose();
  });

  it('activates: the Vouch status bar item appears when a JavaScript file opens', async () => {
    await quickOpen(page, 'config.js');
    await vouchStatusItem(page).waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('shows the hardcoded OpenAI key in Problems as vouch(openai-api-key)', async () => {
    await quickOpen(page, 'config.js');
    await openProblems(page);
    await waitForProblems(page, (t) => /vouch\s*\(\s*openai-api-key\s*\)/.test(t), 'vouch(openai-api-key) in Problems');
    // The status bar counts the findings of the active file once the server has answered.
    await waitFor(async () => /Vouch\s*[1-9]/.test(await vouchStatusItem(page).textContent()), { what: 'a finding count in the status bar' });
    // Screenshot for the README: editor with the squiggle and the Problems panel with the finding.
    await page.mouse.move(1, 1);
    await page.screenshot({ path: join(ROOT, 'media/screenshots/problems.png') });
  });

  it('quick fix: "Enable TLS certificate verification" rewrites rejectUnauthorized', async () => {
    await quickOpen(page, 'request.js');
    await waitForProblems(page, (t) => /vouch\s*\(\s*tls-verification-disabled\s*\)/.test(t), 'vouch(tls-verification-disabled) in Problems');
    await cursorOn(page, 'request.js', 'rejectUnauthorized');
    await applyCodeAction(page, 'Vouch: Enable TLS certificate verification');
    await waitForEditorText(page, (t) => !t.includes('rejectUnauthorized: false'), 'the fix to change rejectUnauthorized: false');
    await waitForProblems(page, (t) => !t.includes('tls-verification-disabled'), 'tls-verification-disabled to leave Problems');
  });

  it('quick fix: "Move secret to an environment variable" replaces the key with process.env', async () => {
    await quickOpen(page, 'config.js');
    await waitForProblems(page, (t) => t.includes('openai-api-key'), 'openai-api-key in Problems');
    await cursorOn(page, 'config.js', 'sk-proj-');
    const offered = await applyCodeAction(page, 'Vouch: Move secret to an environment variable');
    // The fix comes first, then the suppressions, then the documentation link.
    const order = [
      'Vouch: Move secret to an environment variable',
      'Vouch: Suppress openai-api-key on this line',
      'Vouch: Suppress openai-api-key in this file',
      'Vouch: Show documentation for openai-api-key',
    ].map((title) => offered.findIndex((o) => o.includes(title)));
    assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), `code actions out of order: ${JSON.stringify(offered)}`);
    const text = await waitForEditorText(page, (t) => t.includes('process.env.') && !t.includes('sk-proj-') && t, 'process.env.… instead of the key');
    assert.match(text, /apiKey:\s*process\.env\.[A-Z][A-Z0-9_]*/);
    await waitForProblems(page, (t) => !t.includes('openai-api-key'), 'openai-api-key to leave Problems');
  });

  it('suppression: "Suppress … on this line" inserts vouch-ignore-next-line and clears the finding', async () => {
    await quickOpen(page, 'legacy.js');
    await waitForProblems(page, (t) => /vouch\s*\(\s*aws-access-key-id\s*\)/.test(t), 'vouch(aws-access-key-id) in Problems');
    await cursorOn(page, 'legacy.js', 'AKIA');
    await applyCodeAction(page, 'Vouch: Suppress aws-access-key-id on this line');
    const text = await waitForEditorText(page, (t) => t.includes('vouch-ignore-next-line') && t, 'the suppression comment');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('vouch-ignore-next-line'));
    assert.match(lines[at + 1] ?? '', /AKIA/, `the comment is not right above the key:\n${text}`);
    assert.match(lines[at], /aws-access-key-id/, 'the comment names the rule it suppresses');
    await waitForProblems(page, (t) => !t.includes('aws-access-key-id'), 'aws-access-key-id to leave Problems');
  });
});
