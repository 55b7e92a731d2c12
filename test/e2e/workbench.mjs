// Workbench helpers: what a person does (keys, Quick Open, quick fixes) and sees (editor text,
// Problems, status bar) in the VS Code web workbench. Every wait polls; nothing sleeps.
import { DEFAULT_TIMEOUT, waitFor } from './helpers.mjs';

const isMac = process.platform === 'darwin';
export const mod = isMac ? 'Meta' : 'Control';

/** Text of a locator with non-breaking spaces (Monaco renders spaces as U+00A0) made plain. */
async function text(locator) {
  return ((await locator.textContent({ timeout: 1_000 })) ?? '').replace(/\u00a0/g, ' ');
}

/** Quick Open (Ctrl+P) a workspace-relative file and wait until its editor tab is active. */
export async function quickOpen(page, relPath) {
  const name = relPath.split('/').pop();
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // The picker fills in two steps (recent editors, then file search); Enter on a stale focused row
  // opens the wrong file, so wait for the focused row to be ours and retry the whole gesture if needed.
  const focusedRow = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name });
  await waitFor(
    async () => {
      if ((await activeTabName(page)) === name && !(await input.isVisible())) return true;
      if (!(await input.isVisible())) await page.keyboard.press(`${mod}+P`);
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(relPath);
      await focusedRow.waitFor({ state: 'visible', timeout: 5_000 });
      await page.keyboard.press('Enter');
      await waitFor(async () => (await activeTabName(page)) === name && !(await input.isVisible()), { what: `editor for ${relPath}`, timeout: 5_000 });
      return true;
    },
    { what: `Quick Open of ${relPath}`, interval: 250 },
  );
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

export async function activeTabName(page) {
  // The tab label splits name and suffix into spans; the attribute holds the whole file name.
  const tab = page.locator('.editor-group-container.active .tab.active').first();
  return (await tab.count()) ? ((await tab.getAttribute('data-resource-name', { timeout: 1_000 })) ?? '') : '';
}

/** The text of the active editor as rendered (small files only: Monaco renders visible lines). */
export async function editorText(page) {
  const lines = await page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').evaluateAll((els) =>
    els.map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent ?? '' })),
  );
  return lines
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text.replace(/\u00a0/g, ' '))
    .join('\n');
}

export async function waitForEditorText(page, predicate, what) {
  let last = '';
  try {
    return await waitFor(async () => predicate((last = await editorText(page))), { what });
  } catch (err) {
    err.message += `\n--- editor text ---\n${last}`;
    throw err;
  }
}

/** Go to line:column with Ctrl+G (1-based), and focus the editor there. */
export async function goToLine(page, line, column = 1) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  await waitFor(
    async () => {
      if (!(await input.isVisible())) await page.keyboard.press(`${mod}+G`);
      return input.isVisible();
    },
    { what: 'Go to Line', interval: 500 },
  );
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await waitFor(async () => !(await input.isVisible()), { what: 'Go to Line to close' });
  await waitFor(async () => {
    const status = await page.locator('.statusbar-item[id="status.editor.selection"]').first();
    return (await text(status)).includes(`Ln ${line}, Col ${column}`);
  }, { what: `cursor at Ln ${line}, Col ${column}` });
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its locator. */
export async function openProblems(page) {
  const panel = page.locator('.markers-panel');
  await waitFor(
    async () => {
      if (!(await panel.isVisible())) await page.keyboard.press(`${mod}+Shift+M`);
      return panel.isVisible();
    },
    { what: 'Problems panel', interval: 1_000 },
  );
  return panel;
}

export async function problemsText(page) {
  // innerText, not textContent: the panel holds <style> elements, and rendered text is what a person reads.
  const texts = await page.evaluate(() => [...document.querySelectorAll('.markers-panel')].map((e) => e.innerText));
  return texts.join('\n').replace(/\u00a0/g, ' ');
}

/**
 * Matches a Problems row's source and code: VS Code renders `vouch(rule-id)`, with the brackets
 * drawn by CSS, so the text has `vouch` then the rule id.
 */
export function problemRow(ruleId) {
  return new RegExp(`\\bvouch\\s*\\(?\\s*${ruleId.replace(/[-]/g, '\\-')}\\b`);
}

/** Waits until the Problems panel text satisfies `predicate`; the panel text goes into the error. */
export async function waitForProblems(page, predicate, what, timeout = DEFAULT_TIMEOUT) {
  let last = '';
  try {
    return await waitFor(async () => predicate((last = await problemsText(page))), { what, timeout });
  } catch (err) {
    err.message += `\n--- Problems panel ---\n${last}`;
    throw err;
  }
}

/**
 * Opens the quick-fix menu (Ctrl+.) at the cursor and picks the action whose title contains `title`
 * (a string) or satisfies `title` (a function given the offered titles, returning the one to pick).
 * Returns the offered titles and the picked one, for error messages and assertions.
 */
export async function applyCodeAction(page, title) {
  const pick = typeof title === 'function' ? title : (offered) => offered.find((t) => t.includes(title));
  let picked;
  const rows = page.locator('.action-widget .monaco-list-row');
  let offered = [];
  await waitFor(
    async () => {
      if (!(await rows.first().isVisible())) {
        await page.keyboard.press(`${mod}+.`);
        await rows.first().waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
      }
      offered = (await rows.allTextContents()).map((t) => t.replace(/\u00a0/g, ' ').trim());
      picked = offered.length ? pick(offered) : undefined;
      if (picked) return true;
      // The server may not have computed its actions yet: close the menu and ask again.
      if (offered.length) await page.keyboard.press('Escape');
      return false;
    },
    { what: `code action ${typeof title === 'function' ? '(by predicate)' : `"${title}"`}`, interval: 500 },
  ).catch((err) => {
    err.message += `\noffered: ${JSON.stringify(offered)}`;
    throw err;
  });
  await rows.filter({ hasText: picked }).first().click();
  await waitFor(async () => !(await rows.first().isVisible()), { what: 'quick-fix menu to close' });
  return { offered, picked };
}

/** Closes whatever menu, widget or Quick Open a failed step may have left open. */
export async function dismissWidgets(page) {
  const open = page.locator('.action-widget .monaco-list-row, .quick-input-widget .quick-input-box input, .context-view .monaco-menu');
  await waitFor(
    async () => {
      if (!(await open.first().isVisible())) return true;
      await page.keyboard.press('Escape');
      return false;
    },
    { what: 'open widgets to close', interval: 200, timeout: 10_000 },
  ).catch(() => {});
}

/** The status bar entry the extension contributes (its text includes "Vouch"). */
export function vouchStatusItem(page) {
  return page.locator('.part.statusbar .statusbar-item', { hasText: 'Vouch' }).first();
}

/**
 * Runs a command through the Command Palette (F1), as a person would. The palette lists an extension's
 * commands only once the extension host has registered its contributions: until the command shows up,
 * close the palette and open it again.
 */
export async function runCommand(page, label) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await waitFor(
    async () => {
      if (!(await input.isVisible())) await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${label}`);
      if (await row.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) return true;
      await page.keyboard.press('Escape');
      return false;
    },
    { what: `"${label}" in the Command Palette`, interval: 500 },
  );
  await page.keyboard.press('Enter');
}

/** Line (1-based) and column (1-based) of the first occurrence of `needle` in `source`. */
export function positionOf(source, needle) {
  const idx = source.indexOf(needle);
  if (idx < 0) throw new Error(`fixture does not contain ${needle}`);
  const before = source.slice(0, idx).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
