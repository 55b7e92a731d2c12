// UI tier: what a person sees in VS Code (code-server + chromium) with the packaged .vsix installed.
// The tests share one workbench and run in order; each opens the fixture file it needs.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FIXTURE_WORKSPACE, copyWorkspace, createSandbox, installVsix, openWorkbench, screenshotPath, startCodeServer, waitFor, workbenchHooks } from './helpers.mjs';
import {
  activeTabName,
  applyCodeAction,
  dismissWidgets,
  goToLine,
  openProblems,
  positionOf,
  problemRow,
  quickOpen,
  runCommand,
  vouchStatusItem,
  waitForEditorText,
  waitForProblems,
} from './workbench.mjs';

const fixture = (name) => readFileSync(join(FIXTURE_WORKSPACE, name), 'utf8');

/** The rule's own fix: the first Vouch action that is neither a suppression nor documentation. */
const vouchFix = (offered) => offered.find((t) => t.startsWith('Vouch: ') && !/^Vouch: (Suppress|Show documentation|Mark)\b/.test(t));

/** Contract: the fix first, then suppress on this line, suppress in this file, show documentation. */
function assertActionOrder(offered, ruleId, fix) {
  const order = [fix, `Vouch: Suppress ${ruleId} on this line`, `Vouch: Suppress ${ruleId} in this file`, `Vouch: Show documentation for ${ruleId}`].map(
    (title) => offered.findIndex((o) => o.includes(title)),
  );
  assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), `code actions missing or out of order: ${JSON.stringify(offered)}`);
}

/** The report view's page (the webview's active frame); the only webview these tests open. */
const reportView = (page) => page.frameLocator('iframe.webview').last().frameLocator('#active-frame');

/** Puts the cursor inside `needle` (a flagged token) in the active editor. */
async function cursorOn(page, file, needle) {
  const { line, column } = positionOf(fixture(file), needle);
  await goToLine(page, line, column + 2);
}

describe('Vouch in the workbench (UI)', function () {
  this.timeout(120_000);
  let sandbox, server, workbench, page, workspace;

  before(async function () {
    this.timeout(240_000);
    sandbox = createSandbox('vouch-e2e-ui');
    await installVsix(sandbox);
    workspace = copyWorkspace(sandbox);
    server = await startCodeServer(sandbox, { workspace });
    workbench = await openWorkbench(server, workspace);
    page = workbench.page;
  });

  beforeEach(async () => {
    if (page) await dismissWidgets(page);
  });

  workbenchHooks('', () => ({ page, workbench, server, sandbox }));

  it('activates: the Vouch status bar item appears when a JavaScript file opens', async () => {
    await quickOpen(page, 'config.js');
    await vouchStatusItem(page).waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('shows the hardcoded OpenAI key in Problems as vouch(openai-api-key)', async () => {
    await quickOpen(page, 'config.js');
    await openProblems(page);
    await waitForProblems(page, (t) => problemRow('openai-api-key').test(t), 'vouch(openai-api-key) in Problems');
    // The status bar counts the findings of the active file once the server has answered.
    await waitFor(async () => /Vouch\s*[1-9]/.test(await vouchStatusItem(page).textContent()), { what: 'a finding count in the status bar' });
  });

  it('screenshot: the editor and the Problems panel with Vouch findings in three files', async () => {
    for (const file of ['legacy.js', 'request.js', 'config.js']) await quickOpen(page, file);
    await openProblems(page);
    const rules = ['openai-api-key', 'tls-verification-disabled', 'aws-access-key-id'];
    await waitForProblems(page, (t) => rules.every((r) => problemRow(r).test(t)), rules.join(', '));
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor({ state: 'visible' });
    await page.mouse.move(1, 1);
    await page.screenshot({ path: screenshotPath('problems.png') });
  });

  it('workspace report: a view with the headline and charts, no file written, a click on a finding opens it', async () => {
    const before = readdirSync(workspace).sort();
    await quickOpen(page, 'config.js');
    await vouchStatusItem(page).waitFor({ state: 'visible', timeout: 60_000 });
    await runCommand(page, 'Vouch: Generate Workspace Report');
    const view = reportView(page);
    const files = view.locator('li[data-fact="files"]');
    await files.waitFor({ state: 'visible', timeout: 90_000 });
    assert.match(await files.textContent(), /^4 files scanned/);
    assert.match(await view.locator('li[data-fact="findings"]').textContent(), /^3 findings: 3 errors\./);
    assert.match(await view.locator('li[data-fact="time"]').textContent(), /^Took \d+(\.\d)? s\./);
    assert.equal(await view.locator('svg.bars').count(), 2, 'families and least trusted files (no assisted code: the coverage chart says so in words)');
    assert.deepEqual(readdirSync(workspace).sort(), before, 'the report wrote a file into the workspace');
    await page.mouse.move(1, 1);
    await page.screenshot({ path: screenshotPath('report.png') });
    // Severity first: the first row is an error; the tab shows the count.
    const row = view.locator('tr.finding').first();
    assert.equal(await row.getAttribute('data-sev'), '0');
    const path = await row.getAttribute('data-path');
    const [, , endLine, endCol] = (await row.getAttribute('data-range')).split(',').map(Number);
    await row.locator('button.open').click();
    await waitFor(async () => (await activeTabName(page)) === basename(path), { what: `${path} to open from the report` });
    // The finding's range is selected: the cursor sits at its end.
    const selection = page.locator('.statusbar-item[id="status.editor.selection"]').first();
    await waitFor(async () => {
      const t = ((await selection.textContent()) ?? '').replace(/\u00a0/g, ' ');
      return t.includes(`Ln ${endLine + 1}, Col ${endCol + 1}`) && /selected/.test(t);
    }, { what: `the finding's range selected in ${path}` });
    // Export: the save dialog proposes a file in the home folder, outside the workspace; accept it.
    await view.locator('button[data-export="json"]').click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    const name = `workspace-vouch-report-${new Date().toISOString().slice(0, 10)}.json`;
    const proposed = await waitFor(async () => {
      const v = await input.inputValue();
      return v.endsWith(name) && v;
    }, { what: `the save dialog to propose ${name}` });
    assert.ok(!proposed.includes(workspace), `proposed inside the workspace: ${proposed}`);
    await page.keyboard.press('Enter');
    const exported = join(sandbox.home, name);
    const json = await waitFor(() => existsSync(exported) && JSON.parse(readFileSync(exported, 'utf8')), { what: `${exported} to be written` });
    assert.equal(json.findings.length, 3);
    assert.deepEqual(readdirSync(workspace).sort(), before, 'the export wrote into the workspace');
    // The next tests work in a single editor group: a webview left open covers the editor it overlaps.
    await runCommand(page, 'View: Close All Editor Groups');
    await waitFor(async () => (await page.locator('iframe.webview').count()) === 0 || !(await page.locator('iframe.webview').first().isVisible()), { what: 'the report view to close' });
  });

  it('quick fix: the TLS fix sets rejectUnauthorized: true', async () => {
    await quickOpen(page, 'request.js');
    await waitForProblems(page, (t) => problemRow('tls-verification-disabled').test(t), 'vouch(tls-verification-disabled) in Problems');
    await cursorOn(page, 'request.js', 'rejectUnauthorized');
    const { offered, picked } = await applyCodeAction(page, vouchFix);
    assertActionOrder(offered, 'tls-verification-disabled', picked);
    const text = await waitForEditorText(page, (t) => !t.includes('rejectUnauthorized: false') && t, 'the fix to change rejectUnauthorized: false');
    assert.match(text, /rejectUnauthorized: true/, `the fix "${picked}" did not set rejectUnauthorized: true`);
    await waitForProblems(page, (t) => !t.includes('tls-verification-disabled'), 'tls-verification-disabled to leave Problems');
  });

  it('quick fix: "Move secret to an environment variable" replaces the key with process.env', async () => {
    await quickOpen(page, 'config.js');
    await waitForProblems(page, (t) => t.includes('openai-api-key'), 'openai-api-key in Problems');
    await cursorOn(page, 'config.js', 'sk-proj-');
    const { offered, picked } = await applyCodeAction(page, 'Vouch: Move secret to an environment variable');
    assertActionOrder(offered, 'openai-api-key', picked);
    const text = await waitForEditorText(page, (t) => t.includes('process.env.') && !t.includes('sk-proj-') && t, 'process.env.… instead of the key');
    assert.match(text, /apiKey:\s*process\.env\.[A-Z][A-Z0-9_]*/);
    await waitForProblems(page, (t) => !t.includes('openai-api-key'), 'openai-api-key to leave Problems');
  });

  it('suppression: "Suppress … on this line" inserts vouch-ignore-next-line and clears the finding', async () => {
    await quickOpen(page, 'legacy.js');
    await waitForProblems(page, (t) => problemRow('aws-access-key-id').test(t), 'vouch(aws-access-key-id) in Problems');
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
