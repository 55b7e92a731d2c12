// Gesture matrix (issue 14, "Provenance people can trust"): everyday gestures performed with real
// key presses in the workbench, each on a fresh file, and after each one the regions Vouch recorded
// for that file compared with the label the gesture deserves (none / completion / paste / agent).
//
// The regions are read through the stand-in assistant's `vouchE2E.dumpProvenance` command (run from
// the Command Palette), which calls Vouch's hidden `vouch.debug.provenance` once classification has
// settled. Every gesture is verified before its regions are judged: the document text (as the
// extension host sees it, from the fixture's state files) must show that the gesture happened.
//
// A failing row is a Vouch result, not a harness problem: rows that could not perform their gesture
// fail with an error saying so, and the table marks them `error`. Do not weaken an expectation to
// make a row pass: fix capture (client/src/provenance) with a unit test. A row the stable API cannot
// get right carries `knownGap`: it runs, is reported as pending, and fails once it passes.
// Part of `npm test` (run.mjs runs every suite), so of CI.
//
//   node test/e2e/run.mjs --skip-package test/e2e/gestures.test.mjs
//   node test/e2e/run.mjs --skip-package test/e2e/gestures.test.mjs --grep 'autoSave: off\) 3a'
//   VOUCH_E2E_PRECISE=all …: every row in the captureMode 'precise' configurations too (see CONFIGS)
//   VOUCH_E2E_LOG=debug VOUCH_E2E_KEEP=1 …: Vouch's decisions for failing rows go into the output
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ARTIFACTS, E2E_DIR, ROOT, createSandbox, installVsix, openWorkbench, startCodeServer, waitFor, workbenchHooks } from './helpers.mjs';
import { dismissWidgets, goToLine, mod, quickOpen, runCommand, vouchStatusItem } from './workbench.mjs';

const PROVIDER_DIR = join(E2E_DIR, 'fixtures', 'completion-provider');
// Every row runs with files.autoSave off and after delay in the default capture mode. 'precise' differs
// from 'inferred' only while ghost text is showing (its Tab / Ctrl+Right bindings are active then and
// nowhere else, and nothing else reads the mode), so its configurations run the rows that show ghost
// text (`ghost: true`, checked by showGhost) unless VOUCH_E2E_PRECISE=all: the other rows take the
// same code path in both modes, and running them twice more would add ~15 minutes and prove nothing.
const PRECISE_ALL = process.env.VOUCH_E2E_PRECISE === 'all';
const CONFIGS = [
  { mode: 'inferred', autoSave: 'off' },
  { mode: 'inferred', autoSave: 'afterDelay' },
  { mode: 'precise', autoSave: 'off', ghostOnly: !PRECISE_ALL },
  { mode: 'precise', autoSave: 'afterDelay', ghostOnly: !PRECISE_ALL },
];
const configName = (c) => `captureMode: ${c.mode}, files.autoSave: ${c.autoSave}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Packages the stand-in assistant into the sandbox (a few KB, offline; not the shared cache, which other runs use). */
function providerVsix(sandbox) {
  const out = join(sandbox.root, 'completion-provider.vsix');
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  const res = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--out', out], { cwd: PROVIDER_DIR, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`packaging the stand-in provider failed:\n${res.stdout}\n${res.stderr}`);
  return out;
}

function addUserSettings(sandbox, extra) {
  const file = join(sandbox.userData, 'User', 'settings.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...extra }, null, 2));
}

function git(cwd, ...args) {
  return execFileSync('git', ['-c', 'user.name=Vouch E2E', '-c', 'user.email=e2e@vouch.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// --- fixture texts -----------------------------------------------------------------------------------

const TYPED_30 = Array.from({ length: 30 }, (_, k) => {
  const i = String(k + 1).padStart(2, '0');
  return [
    `const width${i} = ${k + 1} * 4;`,
    `let label${i} = 'item ${i}';`,
    `const total${i} = (${k + 1} + 2) * 3;`,
    `const flags${i} = [${k % 2 === 0}, ${k % 3 === 0}];`,
    `const ratio${i} = ${k + 1} / ${k + 2};`,
  ][k % 5];
});

const TYPED_PAUSED = [
  ['const retries = ', '3;'],
  ["const region = '", "eu-west';"],
  ['const timeoutMs = 15', '00 * retries;'],
  ['let attempts = ', '0;'],
  ['const enabled = retries ', '> 0;'],
];

/** The stand-in assistant's suggestions (test/e2e/fixtures/completion-provider/extension.js). */
const SUGGESTION = {
  multi: [
    'const report = buildReport({',
    "  title: 'Quarterly numbers',",
    "  rows: loadRows('q3.csv'),",
    "  columns: ['region', 'revenue', 'cost'],",
    '});',
    'for (const row of report.rows) {',
    '  row.margin = row.revenue - row.cost;',
    '}',
    'report.total = report.rows.reduce((sum, row) => sum + row.margin, 0);',
    'if (report.total < 0) {',
    "  console.warn('negative margin', report.total);",
    '}',
  ],
  words: ['const retryDelays = [100, 200, 400, 800];', 'const maxAttempts = retryDelays.length + 1;'],
  replace: [
    'const total = sum(items.map((item) => item.price * item.quantity));',
    'const average = total / Math.max(items.length, 1);',
    'console.log(`total ${total}, average ${average}`);',
  ],
  autoimport: ["const settings = readFileSync('settings.json', 'utf8');", 'const parsed = JSON.parse(settings);'],
  undo: ['const cache = new Map();', 'function remember(key, value) {', '  cache.set(key, value);', '  return value;', '}'],
};
/** Typed at the end of a file before gestures done "while editing". */
const EDITED = 'export const edited = 1;';

const IMPORT_INLINE = "import { readFileSync } from 'node:fs';";
const IMPORT_SUGGEST = "import { loadSettingsFile } from './settings-loader';";

const PASTE_10 = [
  'export function parseDuration(input: string): number {',
  '  const match = /^(\\d+)(ms|s|m|h)$/.exec(input.trim());',
  '  if (!match) throw new Error(`bad duration: ${input}`);',
  '  const value = Number(match[1]);',
  '  switch (match[2]) {',
  "    case 'ms': return value;",
  "    case 's': return value * 1000;",
  "    case 'm': return value * 60_000;",
  '    default: return value * 3_600_000;',
  '  }',
].join('\n');
const PASTE_1 = "const endpoint = 'https://api.example.com/v1/items?limit=50&sort=desc';";

const BAD_TS = [
  '// badly formatted',
  'function   area( width:number,height:number ){return width*height}',
  'const   items=[1,2,3].map( (n)=>n*2 )',
  'class Box{constructor(public w:number,public h:number){}',
  'size(){return area(this.w,this.h)}}',
  'export   {Box,items}',
  '',
].join('\n');
const BAD_JSON = '{"name":"vouch-e2e","version":"1.0.0","scripts":{"test":"mocha","build":"tsc -p ."},"files":["out","README.md"],"private":true}\n';
const BAD_JS = ['// badly formatted, formatted on save', 'function   volume( w,h,d ){return w*h*d}', 'const   sizes=[1,2,3].map( (n)=>volume(n,n,n) )', ''].join('\n');
const BAD_PY = ['def total(items,tax):', '    subtotal=sum(item.price for item in items)', '    return subtotal*(1+tax)', '', '', 'rates=[0.1,0.2,0.3]', 'names=("alpha","beta")', ''].join('\n');
const GOOD_PY = ['def total(items, tax):', '    subtotal = sum(item.price for item in items)', '    return subtotal*(1+tax)', '', '', 'rates = [0.1, 0.2, 0.3]', 'names = ("alpha", "beta")', ''].join('\n');

const RENAME_MATH = [
  'export function computeTotal(values: number[]): number {',
  '  return values.reduce((sum, v) => sum + v, 0);',
  '}',
  'export const double = (values: number[]) => computeTotal(values) * 2;',
  '',
].join('\n');
const RENAME_USE = [
  "import { computeTotal } from './g11-math';",
  'const a = computeTotal([1, 2, 3]);',
  'const b = computeTotal([4, 5]);',
  'console.log(a + b);',
  '',
].join('\n');

const REPLACE_PLAIN = [
  '// replace all, plain text',
  "const first = fetchUser('ada');",
  "const second = fetchUser('grace');",
  'const all = [fetchUser, fetchUser].length;',
  'export { first, second, all };',
  '',
].join('\n');
const REPLACE_REGEX = [
  '// replace all with a regular expression: require -> import',
  "var express = require('express');",
  "var path = require('path');",
  "var fs = require('fs');",
  "var util = require('util');",
  "var http = require('http');",
  '',
].join('\n');
const REGEX_FIND = "^var (\\w+) = require\\('([^']+)'\\);$";
const REGEX_REPLACE = "import $1 from '$2';";

const MULTI_CURSOR = ['// multi-cursor typing', ...Array.from({ length: 8 }, (_, k) => `const limit${k + 1} = ${(k + 1) * 10};`), ''].join('\n');
const MULTI_TYPED = ' // tuned by hand';

const AUTOCLOSE_TYPED = [
  ['const settings = {', 'Enter'],
  ["name: 'vouch',", 'Enter'],
  ['retries: [1, 2, 3],', 'Enter'],
  ['nested: { deep: "yes", list: ["a", "b"] },', 'Enter'],
  ['call: fn(1, (x) => x + 1),'],
];
const AUTOCLOSE_RESULT = [
  'const settings = {',
  "  name: 'vouch',",
  '  retries: [1, 2, 3],',
  '  nested: { deep: "yes", list: ["a", "b"] },',
  '  call: fn(1, (x) => x + 1),',
  '};',
].join('\n');

const AGENT_LINES = Array.from({ length: 15 }, (_, k) => `export const step${String(k + 1).padStart(2, '0')} = () => runStep(${k + 1}, { retries: ${k % 3} });`);

const SERVICE_MAIN = ['// service on main', 'export function serve(port: number) {', '  return { port };', '}', ''].join('\n');
const SERVICE_FEATURE_EXTRA = Array.from({ length: 15 }, (_, k) => `export const route${k + 1} = (req: { path: string }) => ({ path: req.path, handler: ${k + 1} });`);
const STASH_BASE = ['// stash target', 'export const version = 1;', ''].join('\n');
const STASH_EXTRA = Array.from({ length: 15 }, (_, k) => `export const feature${k + 1} = { enabled: ${k % 2 === 0}, owner: 'team-${k + 1}' };`);

const BULK_FILES = 20;
const bulkName = (k) => `bulk/b${String(k).padStart(2, '0')}.ts`;
const BULK_BEFORE = (k) => ['// bulk file ' + k, `var value${k} = ${k};`, `module.exports = { value${k} };`, ''].join('\n');
const BULK_AFTER = (k) => [
  '// bulk file ' + k + ' (rewritten by a terminal agent)',
  `export const value${k} = ${k};`,
  ...Array.from({ length: 15 }, (_, j) => `export const derived${k}_${j + 1} = value${k} * ${j + 2} + ${j};`),
  '',
].join('\n');

const QUICK_FIX_IMPORT = "import { readFileSync } from 'node:fs';";
const QUICK_FIX_STUB = ['function computeTax(amount: number, rate: number): number {', "  throw new Error('Function not implemented.');", '}'];
const QUICK_FIX_IMPORT_FILE = ['// 19a: a one-line quick fix from another extension (lightbulb)', "const data = readFileSync('data.json', 'utf8');", 'export { data };', ''].join('\n');
const QUICK_FIX_STUB_FILE = ['// 19b: a multi-line quick fix from another extension (lightbulb)', 'const price = 120;', 'export const total = price + computeTax(price, 0.2);', ''].join('\n');
/** What the stand-in's `vouchE2E.agentEdit` writes at the end of the active file (row 19c). */
const AGENT_EDIT = Array.from({ length: 12 }, (_, k) => `export const handler${k + 1} = (input: number) => input * ${k + 2} - ${k};`);

const DRAG_FILE = [
  '// 20: drag and drop of selected text',
  "const first = 'alpha';",
  'const second = first.length * 2;',
  'const third = second + first.length;',
  'export function summary() {',
  '  return [first, second, third].join(", ");',
  '}',
  '// drop here',
  '',
].join('\n');

const PULL_BASE = (name) => [`// ${name} before the pull`, `export const ${name.replace(/\W/g, '')} = 1;`, ''].join('\n');
const PULL_EXTRA = (name) => Array.from({ length: 12 }, (_, k) => `export const ${name.replace(/\W/g, '')}Step${k + 1} = (input: number) => input * ${k + 2} + ${k};`);

const ORGANIZE = [
  '// 22: Organize Imports',
  "import { writeFileSync } from 'node:fs';",
  "import { join } from 'node:path';",
  "import { readFileSync, existsSync } from 'node:fs';",
  "import { unusedHelper } from './nowhere';",
  "export const target = join('out', 'report.txt');",
  "export const previous = existsSync(target) ? readFileSync(target, 'utf8') : '';",
  "writeFileSync(target, previous + 'x');",
  '',
].join('\n');

// --- workbench gestures --------------------------------------------------------------------------

/** Format Document: Shift+Alt+F on Windows and macOS (Shift+Option+F), Ctrl+Shift+I on Linux. */
const FORMAT_DOCUMENT = process.platform === 'linux' ? 'Control+Shift+I' : 'Shift+Alt+F';

const editor = (page) => page.locator('.editor-group-container.active .monaco-editor').first();
const suggestWidget = (page) => page.locator('.editor-widget.suggest-widget');
const ghostText = async (page) => (await editor(page).locator('[class*="ghost-text"]').allTextContents()).join('').replace(/\u00a0/g, ' ');

/** Index (0-based) of the first line of `block` (an array of lines) in `text`, or -1. */
function lineIndexOf(text, block) {
  const lines = text.split('\n');
  for (let i = 0; i + block.length <= lines.length; i++) {
    if (block.every((l, j) => lines[i + j].trim() === l.trim())) return i;
  }
  return -1;
}

/**
 * One gesture row's tools: the sandbox paths, the fixture's state files (the document text and
 * selections as the extension host sees them), the dump of Vouch's regions, and the keys.
 */
class Gestures {
  constructor({ page, workspace, stateDir, dumpFile, trace }) {
    Object.assign(this, { page, workspace, stateDir, dumpFile, trace });
  }

  state(rel) {
    const file = join(this.stateDir, `${encodeURIComponent(rel)}.json`);
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return undefined;
    }
  }

  async waitText(rel, predicate, what, timeout) {
    let last;
    try {
      return await waitFor(() => {
        last = this.state(rel)?.text;
        return last !== undefined && predicate(last) ? last : undefined;
      }, { what: `${what} (${rel})`, interval: 100, timeout });
    } catch (err) {
      err.message = `GESTURE NOT PERFORMED: ${err.message}\n--- ${rel} ---\n${last}`;
      throw err;
    }
  }

  async waitState(rel, predicate, what) {
    let last;
    try {
      return await waitFor(() => {
        last = this.state(rel);
        return last && predicate(last) ? last : undefined;
      }, { what: `${what} (${rel})`, interval: 100 });
    } catch (err) {
      err.message = `GESTURE NOT PERFORMED: ${err.message}\n--- state ---\n${JSON.stringify(last)?.slice(0, 2000)}`;
      throw err;
    }
  }

  /** Opens a workspace file with Quick Open and waits until the extension host has it. */
  async open(rel) {
    await dismissWidgets(this.page);
    await quickOpen(this.page, rel);
    await this.waitState(rel, (s) => typeof s.text === 'string', 'the document to open in the extension host');
    this.current = rel;
  }

  /**
   * Ends the line `line` of the open file with Enter, again if needed: an IntelliSense widget that
   * opens late (under load) takes an Enter as the accept of its item, and the line never ends.
   */
  async endLine(line) {
    const ended = () => this.state(this.current)?.text.includes(`${line}\n`);
    await waitFor(async () => {
      if (ended()) return true;
      await this.enter();
      return waitFor(ended, { timeout: 2_000, interval: 100 }).catch(() => false);
    }, { what: `GESTURE NOT PERFORMED: a new line after "${line}" in ${this.current}`, interval: 100 });
  }

  /** Focuses the editor and puts the cursor at the end of the file. */
  async toEnd() {
    await editor(this.page).locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press(`${mod}+End`);
  }

  async press(...keys) {
    for (const k of keys) await this.page.keyboard.press(k);
  }

  async type(text) {
    await this.page.keyboard.type(text);
  }

  /** Enter, unless IntelliSense is open (a person would dismiss it first rather than accept by accident). */
  async enter() {
    const widget = suggestWidget(this.page);
    const closed = await waitFor(async () => !(await widget.isVisible()), { timeout: 1_500, interval: 50 }).catch(() => false);
    if (!closed) await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Enter');
  }

  /** The file is being edited (dirty) when the gesture comes: a line typed at its end. */
  async editFirst(rel) {
    await this.toEnd();
    await this.type(EDITED);
    await this.waitText(rel, (x) => x.endsWith(EDITED), 'the line typed before the gesture');
  }

  async typeLines(lines) {
    for (const l of lines) {
      await this.type(l);
      await this.enter();
    }
  }

  /**
   * Types the trigger comment on a new last line, then `prefix`, and waits for the stand-in
   * assistant's ghost text to show `marker` (see trust.test.mjs acceptSuggestion).
   */
  async showGhost(name, marker, prefix = 'const ') {
    // The precise configurations skip rows without `ghost: true`: a row showing ghost text must say so.
    assert.ok(this.row?.ghost, `row ${this.row?.id} shows ghost text: mark it \`ghost: true\` (the precise configurations run only those)`);
    const { page } = this;
    await this.toEnd();
    await page.keyboard.press('Enter');
    await page.keyboard.type(`// vouch-e2e: ${name}`);
    await this.endLine(`// vouch-e2e: ${name}`);
    await page.keyboard.type(prefix);
    let asked = Date.now();
    let patience = 3_000;
    await waitFor(async () => {
      if ((await ghostText(page)).includes(marker)) return true;
      // The provider may activate after the first keys (onStartupFinished): type the last key again.
      // Each time after a longer wait: a retype cancels the request in flight, and on a loaded
      // machine (load 18 on 2 cores) a round trip can outlast a fixed 3 s, every time.
      if (Date.now() - asked > patience) {
        await page.keyboard.press('Backspace');
        await page.keyboard.type(prefix.slice(-1));
        asked = Date.now();
        patience = Math.min(patience * 2, 12_000);
      }
      return false;
    }, { what: `GESTURE NOT PERFORMED: ghost text of "${name}"`, interval: 250 });
    await waitFor(async () => !(await suggestWidget(page).isVisible()), { what: 'the suggest widget to close' });
  }

  /** After a pause of `pauseMs` (the ghost text showing), Tab. */
  async tabAfter(pauseMs, marker) {
    if (pauseMs) await sleep(pauseMs);
    assert.ok((await ghostText(this.page)).includes(marker), `GESTURE NOT PERFORMED: the ghost text went away during the ${pauseMs} ms pause`);
    await waitFor(async () => !(await suggestWidget(this.page).isVisible()), { what: 'the suggest widget to close' });
    await this.page.keyboard.press('Tab');
  }

  /**
   * Opens IntelliSense (Ctrl+Space: the matrix turns quick suggestions off, so it never opens by
   * itself), waits for it to focus the item labelled `label` (of a snippet if asked), accepts it with Enter.
   */
  async acceptIntelliSense(label, { snippet = false } = {}) {
    const { page } = this;
    const widget = suggestWidget(page);
    let seen = '';
    let moves = 0;
    let asked = 0;
    await waitFor(async () => {
      if (!(await widget.isVisible())) {
        // Again only if the widget has not shown for a while: its providers may answer slowly under load.
        if (Date.now() - asked > 3_000) {
          await page.keyboard.press('Control+Space');
          asked = Date.now();
        }
        return false;
      }
      const focused = widget.locator('.monaco-list-row.focused').first();
      if (!(await focused.isVisible())) return false;
      const name = ((await focused.locator('.label-name').first().textContent({ timeout: 1_000 })) ?? '').replace(/\u00a0/g, ' ').trim();
      const isSnippet = (await focused.locator('.codicon-symbol-snippet').count()) > 0;
      seen = `${name}${isSnippet ? ' (snippet)' : ''}`;
      if (name === label && (!snippet || isSnippet)) return true;
      if (moves++ < 30) await page.keyboard.press('ArrowDown'); // another item is focused: walk down to ours
      return false;
    }, { what: `GESTURE NOT PERFORMED: IntelliSense to focus ${label}${snippet ? ' (snippet)' : ''}, focused: ${seen}`, interval: 300 });
    await page.keyboard.press('Enter');
  }

  /** Ctrl+V; notes how long the editor took to apply it (Vouch's paste announcement lives 2 s). */
  async paste(rel) {
    const pressed = Date.now();
    await this.page.keyboard.press(`${mod}+V`);
    const change = await waitFor(() => readTrace(this.trace).find((e) => e.ev === 'change' && e.file === rel && e.t >= pressed), { what: 'GESTURE NOT PERFORMED: the paste' });
    this.note = `the paste reached the extension host ${change.t - pressed} ms after Ctrl+V`;
  }

  async writeClipboard(text) {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    const back = await this.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(back, text, 'GESTURE NOT PERFORMED: the clipboard did not take the text');
  }

  /** Runs "Vouch E2E: Dump Provenance" from the Command Palette and returns its JSON (settled regions). */
  async dump() {
    rmSync(this.dumpFile, { force: true });
    await dismissWidgets(this.page);
    await runCommand(this.page, 'Vouch E2E: Dump Provenance');
    const result = await waitFor(() => {
      if (!existsSync(this.dumpFile)) return undefined;
      try {
        return JSON.parse(readFileSync(this.dumpFile, 'utf8'));
      } catch {
        return undefined;
      }
    }, { what: 'the provenance dump (vouchE2E.dumpProvenance)', timeout: 60_000, interval: 200 });
    assert.ok(result.settled, `the regions did not settle within ${result.waitedMs} ms: ${JSON.stringify(result.docs).slice(0, 1000)}`);
    return result;
  }

  write(rel, text) {
    writeFileSync(join(this.workspace, rel), text);
  }
}

// --- judging -------------------------------------------------------------------------------------

/**
 * A part of a row: lines [from, to] (0-based, inclusive; undefined = the whole file) of `file` in
 * `dump`, expected to be `expected` ('none' or a region source).
 */
function part(name, dump, file, expected, block) {
  const doc = dump.docs[file];
  if (!doc) throw new Error(`the dump has no document ${file} (open: ${Object.keys(dump.docs).join(', ')})`);
  let lines;
  if (block) {
    const at = lineIndexOf(doc.text, block);
    if (at < 0) throw new Error(`GESTURE NOT PERFORMED: ${file} does not contain the lines of "${name}":\n${block.join('\n')}\n--- text ---\n${doc.text}`);
    lines = [at, at + block.length - 1];
  }
  return judge(name, file, doc, expected, lines);
}

function judge(name, file, doc, expected, lines) {
  if (!Array.isArray(doc.regions)) throw new Error(`vouch.debug.provenance failed for ${file}: ${JSON.stringify(doc.regions)}`);
  const textLines = doc.text.split('\n');
  const [from, to] = lines ?? [0, textLines.length - 1];
  const inPart = doc.regions.filter((r) => r.range.start.line <= to && r.range.end.line >= from);
  const linesBySource = {};
  const covered = new Set();
  for (const r of inPart) {
    const lines = (linesBySource[r.source] ??= new Set());
    for (let l = Math.max(from, r.range.start.line); l <= Math.min(to, r.range.end.line); l++) {
      lines.add(l);
      if (r.source === expected) covered.add(l);
    }
  }
  const nonBlank = [];
  for (let l = from; l <= to; l++) if (textLines[l]?.trim()) nonBlank.push(l);
  let verdict;
  let note = '';
  if (expected === 'none') verdict = inPart.length ? 'mislabel' : 'correct';
  else if (!inPart.length) verdict = 'miss';
  else if (inPart.some((r) => r.source !== expected)) verdict = 'mislabel';
  else if (nonBlank.some((l) => !covered.has(l))) {
    verdict = 'miss';
    note = ` (partial: ${nonBlank.filter((l) => covered.has(l)).length}/${nonBlank.length} lines)`;
  } else verdict = 'correct';
  // "completion 12L [4-15:medium]": source, lines covered, then each region (1-based lines:confidence), repeats as ×n.
  const list = [];
  for (const r of inPart) {
    const label = `${r.range.start.line + 1}-${r.range.end.line + 1}:${r.confidence}`;
    if (list.length && list.at(-1).label === label) list.at(-1).n++;
    else list.push({ label, n: 1 });
  }
  const got = inPart.length
    ? Object.entries(linesBySource).map(([s, l]) => `${s} ${l.size}L`).join(' + ')
      + ` [${list.map((x) => (x.n > 1 ? `${x.label}×${x.n}` : x.label)).join(' ')}]${inPart.length > 1 ? ` ${inPart.length} regions` : ''}${note}`
    : '-';
  return { name, file, expected, got, verdict, lines: lines ? `${from + 1}-${to + 1}` : 'all' };
}

const RANK = { correct: 0, miss: 1, mislabel: 2, error: 3 };
const worst = (verdicts) => verdicts.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'correct');

// --- the rows --------------------------------------------------------------------------------------
// Each row: id, gesture, files it creates (workspace-relative → content), run(t) performing the
// gesture (verifying that it happened) and returning its judged parts.

const whole = (name, file, expected) => async (t) => [part(name, await t.dump(), file, expected)];

const ghostRow = (id, pauseMs) => ({
  id,
  ghost: true,
  gesture: `ghost text, ${SUGGESTION.multi.length} lines, Tab after ${pauseMs / 1000} s`,
  files: { [`g${id}-ghost-tab.ts`]: `// ${id}: multi-line ghost text accepted with Tab after ${pauseMs / 1000} s\n` },
  async run(t) {
    const file = `g${id}-ghost-tab.ts`;
    await t.open(file);
    await t.showGhost('multi', 'negative margin');
    await t.tabAfter(pauseMs, 'negative margin');
    await t.waitText(file, (x) => lineIndexOf(x, SUGGESTION.multi) >= 0, 'the accepted suggestion');
    return [part('suggestion', await t.dump(), file, 'completion', SUGGESTION.multi)];
  },
});

const pasteRow = (id, pauseMs) => ({
  id,
  gesture: `paste of 10 lines, ${pauseMs / 1000} s after typing`,
  files: { [`g${id}-paste.ts`]: `// ${id}: paste of 10 lines after ${pauseMs / 1000} s\n` },
  async run(t) {
    const file = `g${id}-paste.ts`;
    await t.open(file);
    await t.writeClipboard(PASTE_10);
    await t.toEnd();
    await t.type('const before = 1;');
    await t.press('Enter');
    if (pauseMs) await sleep(pauseMs);
    await t.paste(file);
    await t.waitText(file, (x) => x.includes(PASTE_10), 'the pasted lines');
    return [part('pasted', await t.dump(), file, 'paste', PASTE_10.split('\n'))];
  },
});

const formatRow = (id, gesture, file, bad, { before, after, check }) => ({
  id,
  gesture,
  files: { [file]: bad },
  async run(t) {
    await t.open(file);
    if (before) await before(t, file);
    await t.press(FORMAT_DOCUMENT);
    await t.waitText(file, check, 'Format Document to reformat the file');
    if (after) await after(t, file);
    return whole('file', file, 'none')(t);
  },
});

const multiCursorRow = (id, cursors, how) => ({
  id,
  gesture: `multi-cursor typing on ${cursors} lines (${how === 'keys' ? 'Shift+Alt+Down' : 'Alt+click'})`,
  files: { [`g${id}-multicursor.ts`]: MULTI_CURSOR },
  async run(t) {
    const file = `g${id}-multicursor.ts`;
    await t.open(file);
    const first = 3; // 1-based line of the first cursor
    if (how === 'keys') {
      await goToLine(t.page, first, 1);
      for (let k = 1; k < cursors; k++) await t.press('Shift+Alt+ArrowDown');
      await t.press('End');
    } else {
      const line = (n) => editor(t.page).locator('.view-line', { hasText: `const limit${n - 1} =` }).first();
      await line(first).click({ position: { x: 600, y: 5 } });
      for (let k = 1; k < cursors; k++) await line(first + k).click({ position: { x: 600, y: 5 }, modifiers: ['Alt'] });
    }
    await t.waitState(file, (s) => s.selections?.length === cursors, `${cursors} cursors`);
    await t.type(MULTI_TYPED);
    await t.press('Escape');
    const expected = MULTI_CURSOR.split('\n').map((l, i) => (i + 1 >= first && i + 1 < first + cursors ? l + MULTI_TYPED : l)).join('\n');
    await t.waitText(file, (x) => x === expected, `the text typed on ${cursors} lines`);
    return whole('file', file, 'none')(t);
  },
});

const ROWS = [
  {
    id: '01',
    gesture: '30 lines typed by hand',
    files: { 'g01-typed.ts': '// 01: typed by hand\n' },
    async run(t) {
      const file = 'g01-typed.ts';
      await t.open(file);
      await t.toEnd();
      await t.typeLines(TYPED_30);
      await t.waitText(file, (x) => x === `// 01: typed by hand\n${TYPED_30.join('\n')}\n`, 'the 30 typed lines');
      return whole('file', file, 'none')(t);
    },
  },
  {
    id: '02',
    gesture: '5 lines typed, 2 s pause inside each',
    files: { 'g02-typed-pauses.ts': '// 02: typed by hand with pauses\n' },
    async run(t) {
      const file = 'g02-typed-pauses.ts';
      await t.open(file);
      await t.toEnd();
      for (const [a, b] of TYPED_PAUSED) {
        await t.type(a);
        await sleep(2_000);
        await t.type(b);
        await t.enter();
      }
      await t.waitText(file, (x) => x === `// 02: typed by hand with pauses\n${TYPED_PAUSED.map(([a, b]) => a + b).join('\n')}\n`, 'the 5 typed lines');
      return whole('file', file, 'none')(t);
    },
  },
  ghostRow('03a', 0),
  ghostRow('03b', 2_000),
  ghostRow('03c', 12_000),
  {
    id: '04',
    ghost: true,
    gesture: 'ghost text accepted word by word (Ctrl+Right)',
    files: { 'g04-ghost-words.ts': '// 04: ghost text accepted word by word\n' },
    async run(t) {
      const file = 'g04-ghost-words.ts';
      await t.open(file);
      await t.showGhost('words', 'maxAttempts');
      const target = SUGGESTION.words[0];
      let presses = 0;
      for (;;) {
        const before = t.state(file)?.version;
        await t.press('Control+ArrowRight');
        presses++;
        await t.waitState(file, (s) => s.version !== before, `Ctrl+Right #${presses} to insert a word`);
        if (t.state(file).text.split('\n').some((l) => l === target)) break;
        assert.ok(presses < 40, 'GESTURE NOT PERFORMED: 40 Ctrl+Right presses did not accept the first line');
        await sleep(150); // a person reads the next word
      }
      await t.press('Escape');
      const dump = await t.dump();
      const p = part(`first line, ${presses} words`, dump, file, 'completion', [target]);
      return [p];
    },
  },
  {
    id: '05',
    ghost: true,
    gesture: 'inline completion replacing the line (range covers typed text and the auto-closed `)`)',
    files: { 'g05-ghost-replace.ts': '// 05: an inline completion that replaces text on the line\n' },
    async run(t) {
      const file = 'g05-ghost-replace.ts';
      await t.open(file);
      await t.showGhost('replace', 'item.quantity', 'const total = sum(');
      const line = t.state(file).text.split('\n').find((l) => l.startsWith('const total = sum('));
      assert.equal(line, 'const total = sum()', 'GESTURE NOT PERFORMED: the `)` was not auto-closed right of the cursor');
      await t.tabAfter(0, 'item.quantity');
      await t.waitText(file, (x) => lineIndexOf(x, SUGGESTION.replace) >= 0 && !x.includes('sum()'), 'the replacing suggestion');
      return [part('suggestion', await t.dump(), file, 'completion', SUGGESTION.replace)];
    },
  },
  {
    id: '06',
    gesture: 'IntelliSense member accepts (console.log, Math.max, …)',
    files: { 'g06-members.ts': '// 06: IntelliSense member accepts\n' },
    async run(t) {
      const file = 'g06-members.ts';
      const accepts = [
        ['console', 'lo', 'log', "('ready');"],
        ['Math', 'ma', 'max', '(1, 2);'],
        ['JSON', 'str', 'stringify', '({ a: 1 });'],
        ['Object', 'ke', 'keys', '({ b: 2 });'],
        ['Array', 'isA', 'isArray', '([]);'],
        ['Promise', 'resol', 'resolve', '(42);'],
      ];
      await t.open(file);
      await t.toEnd();
      for (const [obj, prefix, member, rest] of accepts) {
        await t.type(`${obj}.${prefix}`);
        await t.acceptIntelliSense(member);
        await t.type(rest);
        await t.enter();
      }
      const expected = accepts.map(([o, , m, r]) => `${o}.${m}${r}`);
      await t.waitText(file, (x) => lineIndexOf(x, expected) >= 0, 'the six accepted members');
      return whole('file', file, 'none')(t);
    },
  },
  {
    id: '07a',
    gesture: 'IntelliSense snippet `trycatch`',
    files: { 'g07a-snippet.ts': '// 07a: the built-in trycatch snippet\n' },
    async run(t) {
      const file = 'g07a-snippet.ts';
      await t.open(file);
      await t.toEnd();
      await t.type('trycatch');
      await t.acceptIntelliSense('trycatch', { snippet: true });
      await t.waitText(file, (x) => x.includes('try {') && /\} catch \(error\) \{/.test(x), 'the trycatch snippet');
      await t.press('Escape');
      return whole('file', file, 'none')(t);
    },
  },
  {
    id: '07b',
    gesture: 'IntelliSense snippet `for`',
    files: { 'g07b-snippet.ts': '// 07b: the built-in for snippet\n' },
    async run(t) {
      const file = 'g07b-snippet.ts';
      await t.open(file);
      await t.toEnd();
      await t.type('for');
      await t.acceptIntelliSense('for', { snippet: true });
      await t.waitText(file, (x) => x.includes('for (let index = 0; index < array.length; index++) {'), 'the for snippet');
      await t.press('Escape');
      return whole('file', file, 'none')(t);
    },
  },
  {
    id: '08a',
    ghost: true,
    gesture: 'ghost text whose command adds an import (auto-import)',
    files: { 'g08a-autoimport.ts': '// 08a: an inline completion with an auto-import\n' },
    async run(t) {
      const file = 'g08a-autoimport.ts';
      await t.open(file);
      await t.showGhost('autoimport', 'JSON.parse');
      await t.tabAfter(0, 'JSON.parse');
      await t.waitText(file, (x) => lineIndexOf(x, SUGGESTION.autoimport) >= 0 && x.startsWith(`${IMPORT_INLINE}\n`), 'the suggestion and its import');
      const dump = await t.dump();
      return [part('body', dump, file, 'completion', SUGGESTION.autoimport), part('import', dump, file, 'none', [IMPORT_INLINE])];
    },
  },
  {
    id: '08b',
    gesture: 'IntelliSense item with additionalTextEdits (auto-import)',
    files: { 'g08b-suggest-import.ts': '// 08b: an IntelliSense item with an auto-import\n' },
    async run(t) {
      const file = 'g08b-suggest-import.ts';
      await t.open(file);
      await t.toEnd();
      await t.press('Enter');
      await t.type('// vouch-e2e: suggest-import');
      await t.endLine('// vouch-e2e: suggest-import');
      await t.type('const cfg = loadSet');
      await t.acceptIntelliSense('loadSettingsFile');
      await t.type(';');
      const body = "const cfg = loadSettingsFile('settings.json');";
      await t.waitText(file, (x) => x.includes(body) && x.startsWith(`${IMPORT_SUGGEST}\n`), 'the accepted item and its import');
      const dump = await t.dump();
      return [part('body', dump, file, 'none', [body]), part('import', dump, file, 'none', [IMPORT_SUGGEST])];
    },
  },
  pasteRow('09a', 0),
  pasteRow('09b', 2_000),
  pasteRow('09c', 12_000),
  {
    id: '09d',
    gesture: 'paste of a single line',
    files: { 'g09d-paste-line.ts': '// 09d: paste of one line\n' },
    async run(t) {
      const file = 'g09d-paste-line.ts';
      await t.open(file);
      await t.writeClipboard(PASTE_1);
      await t.toEnd();
      await t.type('const before = 1;');
      await t.press('Enter');
      await t.paste(file);
      await t.waitText(file, (x) => x.includes(PASTE_1), 'the pasted line');
      return [part('pasted', await t.dump(), file, 'paste', [PASTE_1])];
    },
  },
  {
    id: '09e',
    gesture: 'paste as the first edit of a freshly opened clean file',
    files: { 'g09e-paste-first.ts': '// 09e: paste right after opening\nexport const ready = true;\n' },
    async run(t) {
      const file = 'g09e-paste-first.ts';
      await t.writeClipboard(PASTE_10);
      await t.open(file);
      assert.equal(t.state(file).isDirty, false, 'the file is clean before the paste');
      await t.press(`${mod}+End`);
      await t.paste(file);
      await t.waitText(file, (x) => x.includes(PASTE_10), 'the pasted lines');
      return [part('pasted', await t.dump(), file, 'paste', PASTE_10.split('\n'))];
    },
  },
  formatRow('10a', 'Format Document, TypeScript', 'g10a-format.ts', BAD_TS, {
    check: (x) => x.includes('function area(width: number, height: number) { return width * height; }') && x.includes('size() { return area(this.w, this.h); }'),
  }),
  formatRow('10b', 'Format Document, JSON', 'g10b-format.json', BAD_JSON, {
    check: (x) => x.startsWith('{\n') && x.includes('"scripts": {') && x.split('\n').length >= 10,
  }),
  formatRow('10c', 'save (Ctrl+S), then Format Document', 'g10c-save-format.ts', BAD_TS, {
    async before(t, file) {
      await t.toEnd();
      await t.type('export const touched = 1;');
      await t.press(`${mod}+S`);
      await t.waitState(file, (s) => !s.isDirty && s.text.includes('touched'), 'the save');
    },
    check: (x) => x.includes('function area(width: number, height: number) { return width * height; }'),
  }),
  {
    id: '10d',
    gesture: 'format on save (editor.formatOnSave, Ctrl+S)',
    files: { 'g10d-format-on-save.js': BAD_JS },
    async run(t) {
      const file = 'g10d-format-on-save.js';
      await t.open(file);
      await t.toEnd();
      await t.type('// touched');
      await t.press(`${mod}+S`);
      await t.waitText(file, (x) => x.includes('function volume(w, h, d) { return w * h * d; }') && x.includes('// touched'), 'format on save');
      await t.waitState(file, (s) => !s.isDirty, 'the save to finish');
      return whole('file', file, 'none')(t);
    },
  },
  formatRow('10e', 'Format Document, whole-file formatter (black/Prettier style: one edit)', 'g10e-format.py', BAD_PY, {
    check: (x) => x === GOOD_PY,
  }),
  formatRow('10f', 'Format Document, TypeScript, while editing', 'g10f-format-editing.ts', BAD_TS, {
    before: (t, file) => t.editFirst(file),
    check: (x) => x.includes('function area(width: number, height: number) { return width * height; }') && x.endsWith(EDITED),
  }),
  {
    id: '11',
    gesture: 'Rename Symbol (F2) across two files, while editing',
    files: {
      'rename/tsconfig.json': '{ "compilerOptions": { "target": "es2022", "module": "es2022", "strict": true }, "include": ["*.ts"] }\n',
      'rename/g11-math.ts': RENAME_MATH,
      'rename/g11-use.ts': RENAME_USE,
    },
    watch: ['rename/g11-math.ts', 'rename/g11-use.ts'],
    async run(t) {
      await t.open('rename/g11-use.ts');
      await t.open('rename/g11-math.ts');
      await t.editFirst('rename/g11-math.ts');
      await goToLine(t.page, 1, 20);
      const box = t.page.locator('.rename-box .rename-input').first();
      // F2 asks TypeScript first (seconds under load); pressing it again meanwhile cancels the
      // pending rename. And the box can show without the focus (the editor takes it back when Go to
      // Line's input closes late): the name typed then lands in the editor (runs 3 and 4). So: press
      // again only after 10 s, click into a box shown without the focus, type once it has it.
      let pressed = 0;
      await waitFor(async () => {
        if (await box.isVisible()) {
          if (await box.evaluate((el) => el === document.activeElement)) return true;
          await box.click();
          return false;
        }
        if (Date.now() - pressed > 10_000) {
          await t.press('F2');
          pressed = Date.now();
        }
        return false;
      }, { what: 'GESTURE NOT PERFORMED: the rename box (F2) with the focus', interval: 250, timeout: 90_000 });
      // Into the box itself (fill focuses it and replaces the proposed name), then Enter there.
      await box.fill('calculateGrandTotal');
      await waitFor(async () => (await box.inputValue({ timeout: 1_000 })) === 'calculateGrandTotal', { what: 'GESTURE NOT PERFORMED: the new name in the rename box' });
      await box.press('Enter');
      const renamed = (x) => x.includes('calculateGrandTotal') && !x.includes('computeTotal');
      await t.waitText('rename/g11-math.ts', renamed, 'the rename in the defining file');
      await t.waitText('rename/g11-use.ts', renamed, 'the rename in the other file');
      const dump = await t.dump();
      return [part('g11-math.ts', dump, 'rename/g11-math.ts', 'none'), part('g11-use.ts', dump, 'rename/g11-use.ts', 'none')];
    },
  },
  {
    id: '12a',
    gesture: 'Replace All (Ctrl+H), plain text, while editing',
    files: { 'g12a-replace.ts': REPLACE_PLAIN },
    async run(t) {
      const file = 'g12a-replace.ts';
      await t.open(file);
      await t.editFirst(file);
      await replaceAll(t, 'fetchUser', 'loadAccount', false);
      await t.waitText(file, (x) => x === REPLACE_PLAIN.replaceAll('fetchUser', 'loadAccount') + EDITED, 'Replace All');
      return whole('file', file, 'none')(t);
    },
  },
  {
    id: '12b',
    gesture: 'Replace All (Ctrl+H), regular expression rewriting 5 lines, while editing',
    files: { 'g12b-replace-regex.ts': REPLACE_REGEX },
    async run(t) {
      const file = 'g12b-replace-regex.ts';
      await t.open(file);
      await t.editFirst(file);
      await replaceAll(t, REGEX_FIND, REGEX_REPLACE, true);
      await t.waitText(file, (x) => x.includes("import express from 'express';") && x.includes("import http from 'http';") && !x.includes('require('), 'the regex Replace All');
      return whole('file', file, 'none')(t);
    },
  },
  multiCursorRow('13a', 3, 'keys'),
  multiCursorRow('13b', 5, 'alt-click'),
  {
    id: '14',
    gesture: 'object literal typed over several lines (auto-closed brackets and quotes)',
    files: { 'g14-autoclose.ts': '// 14: auto-closing brackets and quotes\n' },
    async run(t) {
      const file = 'g14-autoclose.ts';
      await t.open(file);
      await t.toEnd();
      for (const [text, key] of AUTOCLOSE_TYPED) {
        await t.type(text);
        if (key) await t.enter();
      }
      // The `}` was auto-closed on the line below: go there and finish the statement.
      await t.press('ArrowDown', 'End');
      await t.type(';');
      // Indentation follows the editor's tab size: compare the lines without it.
      await t.waitText(file, (x) => lineIndexOf(x, AUTOCLOSE_RESULT.split('\n')) >= 0, 'the object literal');
      return whole('file', file, 'none')(t);
    },
  },
  {
    id: '15',
    gesture: 'external write to the open file (fs.writeFileSync, 15 new lines)',
    files: { 'g15-agent-write.ts': '// 15: written by an agent tool while open\nexport const base = 1;\n' },
    async run(t) {
      const file = 'g15-agent-write.ts';
      await t.open(file);
      await t.waitState(file, (s) => !s.isDirty, 'a clean editor');
      t.write(file, `${t.state(file).text}${AGENT_LINES.join('\n')}\n`);
      await t.waitText(file, (x) => lineIndexOf(x, AGENT_LINES) >= 0, 'the editor to reload the file');
      return [part('15 new lines', await t.dump(), file, 'agent', AGENT_LINES)];
    },
  },
  {
    id: '16',
    ghost: true,
    gesture: 'accept a completion, Undo, Redo',
    files: { 'g16-undo-redo.ts': '// 16: accept, undo, redo\n' },
    async run(t) {
      const file = 'g16-undo-redo.ts';
      await t.open(file);
      await t.showGhost('undo', 'cache.set');
      await t.tabAfter(0, 'cache.set');
      await t.waitText(file, (x) => lineIndexOf(x, SUGGESTION.undo) >= 0, 'the accepted suggestion');
      const accepted = part('after accept', await t.dump(), file, 'completion', SUGGESTION.undo);
      await t.press(`${mod}+Z`);
      await t.waitText(file, (x) => !x.includes('function remember'), 'Undo to remove the suggestion');
      const undone = part('after undo', await t.dump(), file, 'none');
      await t.press(`${mod}+Shift+Z`);
      await t.waitText(file, (x) => lineIndexOf(x, SUGGESTION.undo) >= 0, 'Redo to bring the suggestion back');
      const redone = part('after redo', await t.dump(), file, 'completion', SUGGESTION.undo);
      return [accepted, undone, redone];
    },
  },
  {
    id: '17a',
    gesture: '`git checkout` of a branch changing the open file',
    files: {}, // the git repository is made in before()
    watch: ['repo/g17-service.ts'],
    async run(t) {
      const file = 'repo/g17-service.ts';
      await t.open(file);
      await t.waitState(file, (s) => !s.isDirty, 'a clean editor');
      git(join(t.workspace, 'repo'), 'checkout', '-q', 'feature');
      await t.waitText(file, (x) => lineIndexOf(x, SERVICE_FEATURE_EXTRA) >= 0, 'the editor to show the other branch');
      return [part('changed lines', await t.dump(), file, 'none', SERVICE_FEATURE_EXTRA)];
    },
  },
  {
    id: '17b',
    gesture: '`git stash pop` changing the open file',
    files: {},
    watch: ['repo/g17-stash.ts'],
    async run(t) {
      const file = 'repo/g17-stash.ts';
      await t.open(file);
      await t.waitState(file, (s) => !s.isDirty, 'a clean editor');
      git(join(t.workspace, 'repo'), 'stash', 'pop', '-q');
      await t.waitText(file, (x) => lineIndexOf(x, STASH_EXTRA) >= 0, 'the editor to show the popped stash');
      return [part('popped lines', await t.dump(), file, 'none', STASH_EXTRA)];
    },
  },
  {
    id: '17c',
    gesture: '`git stash pop` changing an open file, a closed file seen before, and a never-opened file',
    files: {}, // the repository is made in before()
    watch: ['stash/open.ts', 'stash/seen.ts', 'stash/never.ts'],
    async run(t) {
      const repo = join(t.workspace, 'stash');
      await openAndClose(t, 'stash/seen.ts');
      await t.open('stash/open.ts');
      await t.waitState('stash/open.ts', (s) => !s.isDirty, 'a clean editor');
      git(repo, 'stash', 'pop', '-q');
      await t.waitText('stash/open.ts', (x) => lineIndexOf(x, PULL_EXTRA('open')) >= 0, 'the editor to show the popped lines');
      for (const name of ['seen', 'never']) assert.ok(readFileSync(join(repo, `${name}.ts`), 'utf8').includes(PULL_EXTRA(name)[0]), `GESTURE NOT PERFORMED: stash/${name}.ts was not popped`);
      // As in row 21: the dump waits out the open file's reload, by when the closed-file watcher has decided.
      const dump = await t.dump();
      return [part('open.ts', dump, 'stash/open.ts', 'none', PULL_EXTRA('open')), closedFile(t, 'stash', 'seen'), closedFile(t, 'stash', 'never')];
    },
  },
  {
    id: '18',
    gesture: `terminal-agent bulk rewrite: ${BULK_FILES} files within a second, one open`,
    files: Object.fromEntries(Array.from({ length: BULK_FILES }, (_, k) => [bulkName(k), BULK_BEFORE(k)])),
    async run(t) {
      const file = bulkName(0);
      await t.open(file);
      await t.waitState(file, (s) => !s.isDirty, 'a clean editor');
      const started = Date.now();
      for (let k = 0; k < BULK_FILES; k++) {
        t.write(bulkName(k), BULK_AFTER(k));
        await sleep(40);
      }
      t.note = `wrote ${BULK_FILES} files in ${Date.now() - started} ms`;
      const added = BULK_AFTER(0).split('\n').slice(2, 17);
      await t.waitText(file, (x) => lineIndexOf(x, added) >= 0, 'the editor to reload the open file');
      const dump = await t.dump();
      // The closed files: what Vouch committed for them (.vouch/provenance.json).
      const committedFile = join(t.workspace, '.vouch', 'provenance.json');
      const committed = existsSync(committedFile) ? JSON.parse(readFileSync(committedFile, 'utf8')) : {};
      const closed = Array.from({ length: BULK_FILES - 1 }, (_, k) => committed[bulkName(k + 1)] ?? []);
      t.note += `; closed files with regions in .vouch/provenance.json: ${closed.filter((r) => r.length).length}/${BULK_FILES - 1}`;
      return [part('open file, new lines', dump, file, 'agent', added)];
    },
  },
  quickFixRow('19a', 'one-line quick fix of another extension (an import at the top), from the lightbulb', 'g19a-quickfix-import.ts', QUICK_FIX_IMPORT_FILE, {
    line: 2,
    title: "Stand-in: add import from 'node:fs'",
    check: (x) => x.startsWith(`${QUICK_FIX_IMPORT}\n`),
  }),
  quickFixRow('19b', 'multi-line quick fix of another extension (a function stub at the end), from the lightbulb', 'g19b-quickfix-stub.ts', QUICK_FIX_STUB_FILE, {
    line: 3,
    // Its edit has the shape of an agent's (one block away from the cursor, no selection change); it
    // is told apart by being exactly the edit the stand-in offered for that version of the file.
    title: "Stand-in: add missing function declaration 'computeTax'",
    check: (x) => lineIndexOf(x, QUICK_FIX_STUB) >= 0,
  }),
  {
    id: '19c',
    gesture: "an agent extension's workspace.applyEdit of 12 lines into the open file, a quick fix on offer at the cursor",
    files: { 'g19c-agent-edit.ts': QUICK_FIX_STUB_FILE.replace('// 19b: a multi-line quick fix from another extension (lightbulb)', '// 19c: an agent edit while a quick fix is on offer') },
    async run(t) {
      const file = 'g19c-agent-edit.ts';
      await t.open(file);
      await goToLine(t.page, 3, 8);
      // The same shape as row 19b's fix, applied the same way, but not what was on offer: still an agent edit.
      await editor(t.page).locator('.lightBulbWidget, [class*="codicon-gutter-lightbulb"]').first().waitFor({ state: 'visible', timeout: 20_000 })
        .catch(() => { t.note = 'no lightbulb within 20 s (the quick fix may not have been asked for yet)'; });
      await runCommand(t.page, 'Vouch E2E: Agent Edit');
      await t.waitText(file, (x) => lineIndexOf(x, AGENT_EDIT) >= 0, "the agent's edit");
      return [part('12 new lines', await t.dump(), file, 'agent', AGENT_EDIT)];
    },
  },
  dragRow('20a', 'drag and drop of 3 selected whole lines (mouse)', 'g20a-drag-lines.ts', { from: [2, 1], to: [5, 1], dropBefore: '// drop here' }),
  dragRow('20b', 'drag and drop of a selection across 3 lines, mid-line to mid-line (mouse)', 'g20b-drag-partial.ts', { from: [2, 7], to: [4, 13], dropBefore: '// drop here' }),
  dragRow('20c', 'drag and drop with Ctrl held (a copy) of 3 selected whole lines (mouse)', 'g20c-drag-copy.ts', { from: [2, 1], to: [5, 1], dropBefore: '// drop here', copy: true }),
  {
    id: '22',
    gesture: 'Organize Imports (Shift+Alt+O): merges, sorts and drops imports',
    files: { 'g22-organize.ts': ORGANIZE },
    async run(t) {
      const file = 'g22-organize.ts';
      await t.open(file);
      await goToLine(t.page, 6, 1);
      let pressed = 0;
      // TypeScript answers once its project has loaded: press again until the imports change.
      await waitFor(async () => {
        if (!t.state(file).text.includes('unusedHelper')) return true;
        if (pressed++ % 10 === 0) await t.press('Shift+Alt+O');
        return false;
      }, { what: 'GESTURE NOT PERFORMED: Organize Imports', interval: 500 });
      await t.waitText(file, (x) => !x.includes('unusedHelper') && x.includes('node:path'), 'the organized imports');
      return whole('file', file, 'none')(t);
    },
  },
  {
    id: '23',
    gesture: 'Emmet abbreviation in HTML (`ul>li.item*3`), expanded from IntelliSense',
    files: { 'g23-emmet.html': '<!-- 23: Emmet -->\n<body>\n\n</body>\n' },
    async run(t) {
      const file = 'g23-emmet.html';
      await t.open(file);
      await goToLine(t.page, 3, 1);
      await t.type('ul>li.item*3');
      await t.acceptIntelliSense('ul>li.item*3');
      await t.waitText(file, (x) => (x.match(/<li class="item">/g) ?? []).length === 3, 'the Emmet expansion');
      await t.press('Escape');
      return whole('file', file, 'none')(t);
    },
  },
  {
    id: '21',
    gesture: '`git pull` (fast-forward) rewriting an open file, a closed file seen before, and a never-opened file',
    files: {},
    watch: ['pull/open.ts', 'pull/seen.ts', 'pull/never.ts'],
    async run(t) {
      const repo = join(t.workspace, 'pull');
      await openAndClose(t, 'pull/seen.ts');
      await t.open('pull/open.ts');
      await t.waitState('pull/open.ts', (s) => !s.isDirty, 'a clean editor');
      git(repo, 'pull', '-q', '--ff-only');
      await t.waitText('pull/open.ts', (x) => lineIndexOf(x, PULL_EXTRA('open')) >= 0, 'the editor to show the pulled lines');
      for (const name of ['seen', 'never']) assert.ok(readFileSync(join(repo, `${name}.ts`), 'utf8').includes(PULL_EXTRA(name)[0]), `GESTURE NOT PERFORMED: pull/${name}.ts was not pulled`);
      // The dump waits until the reload has been quiet for several seconds: the closed-file watcher
      // (which settles 1.5 s after the write) has written what it decided by then.
      const dump = await t.dump();
      return [part('open.ts', dump, 'pull/open.ts', 'none', PULL_EXTRA('open')), closedFile(t, 'pull', 'seen'), closedFile(t, 'pull', 'never')];
    },
  },
];

/** What Vouch committed for closed files (.vouch/provenance.json). */
function committedRegions(workspace) {
  const file = join(workspace, '.vouch', 'provenance.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/** Opens `rel`, then closes its tab: Vouch knows the file's text, and its closed-file watcher follows it. */
async function openAndClose(t, rel) {
  await t.open(rel);
  await t.page.locator('.editor-group-container.active .tab.active .tab-actions .action-label').first().click();
  await waitFor(() => readTrace(t.trace).some((e) => e.ev === 'close' && e.file === rel), { what: `GESTURE NOT PERFORMED: the extension host to close ${rel}`, timeout: 90_000, interval: 250 });
}

/** A closed file judged on what Vouch committed for it (.vouch/provenance.json), expected: none. */
function closedFile(t, dir, name) {
  const rel = `${dir}/${name}.ts`;
  const text = readFileSync(join(t.workspace, rel), 'utf8');
  return judge(`${name}.ts (closed)`, rel, { text, regions: committedRegions(t.workspace)[rel] ?? [] }, 'none');
}

/** A quick fix of the stand-in assistant, picked from the lightbulb's menu on `line` (1-based). */
function quickFixRow(id, gesture, file, text, { line, title, check, knownGap }) {
  return {
    id,
    gesture,
    knownGap,
    files: { [file]: text },
    async run(t) {
      await t.open(file);
      await goToLine(t.page, line, 8);
      // The lightbulb is a content widget, or a glyph in the gutter when the line's text is in its way.
      const bulb = editor(t.page).locator('.lightBulbWidget, [class*="codicon-gutter-lightbulb"]').first();
      const rows = t.page.locator('.action-widget .monaco-list-row');
      const row = rows.filter({ hasText: title }).first();
      let offered = [];
      const asked = Date.now();
      let keyed = 0;
      await waitFor(async () => {
        if (!(await rows.first().isVisible())) {
          if (await bulb.isVisible()) {
            await bulb.click();
          } else if (Date.now() - asked > 20_000 && Date.now() - keyed > 10_000) {
            // The lightbulb waits for every code-action provider (TypeScript's too) and, on a
            // loaded machine, sometimes never showed in 45 s (runs 3, 4). The same menu by key:
            keyed = Date.now();
            await t.press(`${mod}+.`);
            t.note = 'no lightbulb within 20 s: the same menu opened with Ctrl+.';
          } else {
            return false;
          }
          await rows.first().waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
        }
        offered = (await rows.allTextContents()).map((x) => x.replace(/\u00a0/g, ' ').trim());
        if (await row.isVisible()) return true;
        await t.press('Escape'); // not (yet) in the menu: close it and ask again
        return false;
      }, { what: `GESTURE NOT PERFORMED: the lightbulb menu offering "${title}" (offered: ${JSON.stringify(offered)})`, interval: 500, timeout: 90_000 });
      await row.click();
      await t.waitText(file, check, 'the quick fix');
      return whole('file', file, 'none')(t);
    },
  };
}

/**
 * Selects from `from` to `to` ([line, column], 1-based) with the keyboard, then drags the selection
 * with the mouse (button held, moved in steps) to the start of the line `dropBefore` and drops it.
 */
function dragRow(id, gesture, file, { from, to, dropBefore, copy = false }) {
  return {
    id,
    gesture,
    files: { [file]: DRAG_FILE },
    async run(t) {
      const { page } = t;
      await t.open(file);
      await goToLine(page, from[0], from[1]);
      // Shift+Down keeps the column: a selection to [line, column] is Shift+Down to the line, then Shift+Home/Right.
      for (let l = from[0]; l < to[0]; l++) await t.press('Shift+ArrowDown');
      await t.press('Shift+Home');
      for (let c = 1; c < to[1]; c++) await t.press('Shift+ArrowRight');
      const lines = DRAG_FILE.split('\n');
      const offset = (l, c) => lines.slice(0, l - 1).reduce((n, x) => n + x.length + 1, 0) + c - 1;
      const moved = DRAG_FILE.slice(offset(...from), offset(...to));
      await t.waitState(file, (s) => {
        const sel = s.selections?.[0];
        return s.selections?.length === 1 && sel.anchor.join() === [from[0] - 1, from[1] - 1].join() && sel.active.join() === [to[0] - 1, to[1] - 1].join();
      }, `the selection ${from} → ${to}`);
      // Grab the selection inside its second line's text (first line: mid-line starts are short), drop at the target line's start.
      const grab = editor(page).locator('.view-line', { hasText: lines[from[0]].trim() }).first();
      const target = editor(page).locator('.view-line', { hasText: dropBefore }).first();
      const g = await grab.boundingBox();
      const d = await target.boundingBox();
      const grabX = g.x + 20;
      await page.mouse.move(grabX, g.y + g.height / 2);
      await page.mouse.down();
      await page.mouse.move(grabX + 10, g.y + g.height, { steps: 4 });
      // Ctrl (Alt on macOS) held at the drop copies instead of moving.
      const copyKey = process.platform === 'darwin' ? 'Alt' : 'Control';
      if (copy) await page.keyboard.down(copyKey);
      await page.mouse.move(d.x + 1, d.y + d.height / 2, { steps: 12 });
      await page.mouse.up();
      if (copy) await page.keyboard.up(copyKey);
      const expected = (() => {
        const without = copy ? DRAG_FILE : DRAG_FILE.slice(0, offset(...from)) + DRAG_FILE.slice(offset(...to));
        const at = without.indexOf(dropBefore);
        return without.slice(0, at) + moved + without.slice(at);
      })();
      await t.waitText(file, (x) => x === expected, `the dragged text to ${copy ? 'be copied' : 'move'} before the drop line`);
      return whole('file', file, 'none')(t);
    },
  };
}

/** Ctrl+H: fills find and replace, toggles the regular expression if asked, Replace All (Ctrl+Alt+Enter). */
async function replaceAll(t, find, replace, regex) {
  const { page } = t;
  await editor(page).locator('.view-lines').click({ position: { x: 5, y: 5 } });
  // The editor control (and its find widget) is reused across files: a hidden widget is still in the DOM.
  const widget = editor(page).locator('.find-widget');
  const open = editor(page).locator('.find-widget.visible.replaceToggled');
  await waitFor(async () => {
    if (!(await open.isVisible())) await t.press(`${mod}+H`);
    return open.isVisible();
  }, { what: 'GESTURE NOT PERFORMED: the replace widget (Ctrl+H)', interval: 1_000 });
  const regexToggle = widget.locator('.find-part .codicon-regex').first();
  if ((await regexToggle.getAttribute('aria-checked')) !== String(regex)) await t.press('Alt+R');
  await waitFor(async () => (await regexToggle.getAttribute('aria-checked')) === String(regex), { what: `GESTURE NOT PERFORMED: regular expression toggle ${regex ? 'on' : 'off'}` });
  const findInput = widget.locator('.find-part .monaco-findInput textarea, .find-part .monaco-findInput input').first();
  await findInput.fill(find);
  const replaceInput = widget.locator('.replace-part .monaco-findInput textarea, .replace-part .monaco-findInput input').first();
  await replaceInput.click();
  await replaceInput.fill(replace);
  await waitFor(async () => /\d+ of \d+/.test((await widget.locator('.matchesCount').textContent()) ?? ''), { what: 'GESTURE NOT PERFORMED: the find widget to count matches' });
  await t.press('Control+Alt+Enter');
  await waitFor(async () => /No results/i.test((await widget.locator('.matchesCount').textContent()) ?? ''), { what: 'GESTURE NOT PERFORMED: Replace All' }).catch(() => {});
  await t.press('Escape');
}

// --- change-event trace (the fixture's VOUCH_E2E_TRACE) ---------------------------------------------

function readTrace(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** One line per row: change events (contentChanges per event, isDirty after, reason), selection kinds, saves. */
function summariseTrace(events) {
  const changes = events.filter((e) => e.ev === 'change');
  const perEvent = {};
  for (const c of changes) perEvent[c.changes.length] = (perEvent[c.changes.length] ?? 0) + 1;
  const dirty = [...new Set(changes.map((c) => (c.isDirty ? 'T' : 'F')))].join('/');
  const reasons = {};
  for (const c of changes) if (c.reason) reasons[c.reason] = (reasons[c.reason] ?? 0) + 1;
  const kinds = {};
  for (const s of events.filter((e) => e.ev === 'selection')) kinds[s.kind ?? 'undefined'] = (kinds[s.kind ?? 'undefined'] ?? 0) + 1;
  const saves = events.filter((e) => e.ev === 'willSave').map((e) => e.reason);
  const fmt = (o) => Object.entries(o).map(([k, v]) => `${k}×${v}`).join(' ') || '-';
  // The changes worth reading: more than a keystroke (Enter plus indentation is one).
  // Each with the kind of the selection change that followed it (what Vouch waits ~100 ms for).
  const selectionAfter = (c) => {
    const s = events.find((e) => e.ev === 'selection' && e.t >= c.t && e.t <= c.t + 500);
    return s ? (s.kind ?? 'undefined') : 'none';
  };
  const big = changes
    .filter((c) => c.changes.some((x) => x.text.trim().length > 1 && (x.lines > 1 || x.chars > 3)))
    .map((c) => `${c.changes.length}ch:${c.changes.map((x) => `${x.chars}c/${x.lines}L${x.rangeLength ? `/-${x.rangeLength}` : ''}`).join(',')}${c.isDirty ? '' : ' clean'}${c.reason ? ` ${c.reason}` : ''} sel:${selectionAfter(c)}`);
  return {
    line: `${changes.length} change events (contentChanges ${fmt(perEvent)}), isDirty ${dirty || '-'}, reason ${fmt(reasons)} | selection ${fmt(kinds)} | saves ${saves.length ? saves.join(',') : '-'}`,
    big: big.slice(0, 8).join('; ') + (big.length > 8 ? `; … ${big.length - 8} more` : ''),
  };
}

/** Vouch's provenance decisions (VOUCH_E2E_LOG=debug) that mention one of `files`. */
function vouchLog(sandbox, files) {
  const logs = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'Vouch.log') logs.push(p);
    }
  };
  try {
    walk(join(sandbox.userData, 'logs'));
  } catch {
    return [];
  }
  const names = files.map((f) => f.split('/').pop());
  return logs.flatMap((f) => readFileSync(f, 'utf8').split('\n')).filter((l) => l.includes('provenance') && names.some((n) => l.includes(n)));
}

// --- the suites ----------------------------------------------------------------------------------------

const allResults = [];

function printTable(config, results, ms) {
  const rows = results.map((r) => [
    `${r.id} ${r.gesture}`,
    r.parts.map((p) => (r.parts.length > 1 ? `${p.name}: ${p.expected}` : p.expected)).join('; ') || '?',
    r.error ? `ERROR: ${r.error.split('\n')[0].slice(0, 120)}` : r.parts.map((p) => (r.parts.length > 1 ? `${p.name}: ${p.got}` : p.got)).join('; '),
    r.verdict === 'correct' ? 'ok' : r.known ? `${r.verdict} (known gap: ${r.known})` : r.verdict,
  ]);
  const head = ['gesture', 'expected', 'got', 'ok'];
  const widths = head.map((h, i) => Math.min(90, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [
    '',
    `Gesture matrix — ${configName(config)} (${(ms / 1000).toFixed(0)} s)`,
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    '',
    'Change events per row (fixture trace). Larger changes: <n>ch = contentChanges in the event, each <chars>c/<lines>L[/-<replaced chars>];',
    '"clean" = document.isDirty was false in the event; sel: kind of the selection change within 500 ms after it (none = no selection change).',
    ...results.map((r) => `  ${r.id}: ${r.trace?.line ?? '-'}${r.trace?.big ? `\n        larger changes: ${r.trace.big}` : ''}${r.note ? `\n        note: ${r.note}` : ''}`),
  ];
  const withLog = results.filter((r) => r.verdict !== 'correct' && r.log?.length);
  if (withLog.length) {
    out.push('', 'Vouch provenance log for the rows that failed (VOUCH_E2E_LOG=debug):');
    for (const r of withLog) out.push(`  ${r.id}:`, ...r.log.slice(-12).map((l) => `    ${l}`));
  }
  console.log(out.map((l) => `      ${l}`).join('\n'));
}

function totals(results) {
  const t = { correct: 0, mislabel: 0, miss: 0, error: 0, known: 0 };
  for (const r of results) t[r.known ? 'known' : r.verdict]++;
  return t;
}

for (const config of CONFIGS) {
  describe(`Gesture matrix (${configName(config)})`, function () {
    this.timeout(240_000);
    let sandbox, server, workbench, page, workspace, t;
    const results = [];
    let started;
    const paths = {};

    before(async function () {
      this.timeout(300_000);
      started = Date.now();
      sandbox = createSandbox(`vouch-e2e-gestures-${config.mode}-${config.autoSave}`);
      await installVsix(sandbox);
      await installVsix(sandbox, providerVsix(sandbox));
      addUserSettings(sandbox, {
        'vouch.provenance.captureMode': config.mode,
        'files.autoSave': config.autoSave,
        'files.autoSaveDelay': 1000,
        // Formatters that add characters, not only whitespace (rows 10a, 10c, 10d).
        'typescript.format.semicolons': 'insert',
        'javascript.format.semicolons': 'insert',
        '[javascript]': { 'editor.formatOnSave': true },
        // IntelliSense opens only when a row asks for it (acceptIntelliSense: Ctrl+Space). Opened by
        // itself, it could cover ghost text at any moment, even after showGhost / tabAfter saw it
        // closed, and take the Tab meant for the ghost text (row 03a, precise, once in CI).
        'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
        'editor.suggestOnTriggerCharacters': false,
        'editor.wordBasedSuggestions': 'off',
      });
      workspace = join(sandbox.root, 'workspace');
      mkdirSync(workspace, { recursive: true });
      writeFileSync(join(workspace, 'g00-warmup.ts'), '// warm-up: the language servers start here\nexport const warm = true;\n');
      for (const row of ROWS) {
        for (const [rel, text] of Object.entries(row.files)) {
          mkdirSync(dirname(join(workspace, rel)), { recursive: true });
          writeFileSync(join(workspace, rel), text);
        }
      }
      makeRepo(join(workspace, 'repo'));
      makePullClone(join(sandbox.root, 'upstream'), join(workspace, 'pull'));
      makeStash(join(workspace, 'stash'));
      Object.assign(paths, {
        stateDir: join(sandbox.root, 'state'),
        dumpFile: join(sandbox.root, 'provenance-dump.json'),
        trace: join(sandbox.root, 'trace.jsonl'),
      });
      server = await startCodeServer(sandbox, {
        workspace,
        env: {
          VOUCH_E2E_PROVIDER_LOG: join(sandbox.root, 'provider.log'),
          VOUCH_E2E_TRACE: paths.trace,
          VOUCH_E2E_STATE_DIR: paths.stateDir,
          VOUCH_E2E_PROVENANCE_OUT: paths.dumpFile,
        },
      });
      workbench = await openWorkbench(server, workspace, { permissions: ['clipboard-read', 'clipboard-write'] });
      page = workbench.page;
      t = new Gestures({ page, workspace, ...paths });
      // Edits before Vouch's client is fully started are not watched: wait for a trust score.
      await quickOpen(page, 'g00-warmup.ts');
      await vouchStatusItem(page).waitFor({ state: 'visible', timeout: 90_000 });
      await waitFor(async () => /Vouch \d+/.test((await vouchStatusItem(page).textContent()) ?? ''), { what: 'a trust score in the status bar', timeout: 90_000 });
      // The stand-in assistant's probes are live once it has written the warm-up file's state.
      await waitFor(() => t.state('g00-warmup.ts'), { what: 'the stand-in assistant to activate', timeout: 90_000 });
    });

    beforeEach(async () => {
      if (page) await dismissWidgets(page);
    });

    workbenchHooks(`gestures-${config.mode}-${config.autoSave}-`, () => ({ page, workbench, server, sandbox }));

    after(function () {
      const ms = Date.now() - started;
      printTable(config, results, ms);
      allResults.push({ config, results, ms });
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `gestures-${config.mode}-${config.autoSave}.json`), JSON.stringify({ config, ms, results }, null, 2));
    });

    for (const row of ROWS.filter((r) => r.ghost || !config.ghostOnly)) {
      it(`${row.id} ${row.gesture}`, async function () {
        const result = { id: row.id, gesture: row.gesture, parts: [], verdict: 'error' };
        results.push(result);
        const from = Date.now();
        t.note = undefined;
        t.row = row;
        try {
          result.parts = await row.run(t);
          result.verdict = worst(result.parts.map((p) => p.verdict));
        } catch (err) {
          result.error = err.message;
          throw err;
        } finally {
          result.note = t.note;
          const files = row.watch ?? Object.keys(row.files);
          const events = readTrace(paths.trace).filter((e) => e.t >= from && files.includes(e.file));
          result.trace = summariseTrace(events);
          result.log = vouchLog(sandbox, files);
          result.ms = Date.now() - from;
        }
        const detail = result.parts.map((p) => `${p.name} (lines ${p.lines}): expected ${p.expected}, got ${p.got} → ${p.verdict}`).join('\n');
        if (row.knownGap) {
          // A gap the stable API cannot close: reported (pending), never silently passing.
          assert.notEqual(result.verdict, 'correct', `known gap now labelled correctly: remove its knownGap (${row.knownGap})`);
          result.known = row.knownGap;
          this.skip();
        }
        assert.equal(result.verdict, 'correct', `Vouch labelled the gesture wrongly (${result.verdict}):\n${detail}${result.log.length ? `\n--- Vouch log ---\n${result.log.slice(-12).join('\n')}` : ''}`);
      });
    }
  });
}

/** A git repository with branches main and feature (g17-service.ts grows by 15 lines) and a stash on g17-stash.ts. */
function makeRepo(dir) {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  writeFileSync(join(dir, 'g17-service.ts'), SERVICE_MAIN);
  writeFileSync(join(dir, 'g17-stash.ts'), STASH_BASE);
  writeFileSync(join(dir, 'other.ts'), 'export const other = 1;\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'main');
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(dir, 'g17-service.ts'), `${SERVICE_MAIN}${SERVICE_FEATURE_EXTRA.join('\n')}\n`);
  writeFileSync(join(dir, 'other.ts'), 'export const other = 2;\n');
  writeFileSync(join(dir, 'feature-only.ts'), 'export const featureOnly = true;\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'feature');
  git(dir, 'checkout', '-q', 'main');
  writeFileSync(join(dir, 'g17-stash.ts'), `${STASH_BASE}${STASH_EXTRA.join('\n')}\n`);
  git(dir, 'stash', '-q');
}

/** A repository whose stash adds 12 lines to open.ts, seen.ts and never.ts (row 17c). */
function makeStash(dir) {
  const names = ['open', 'seen', 'never'];
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  for (const n of names) writeFileSync(join(dir, `${n}.ts`), PULL_BASE(n));
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  for (const n of names) writeFileSync(join(dir, `${n}.ts`), `${PULL_BASE(n)}${PULL_EXTRA(n).join('\n')}\n`);
  git(dir, 'stash', '-q');
}

/** `clone` is a clone of `upstream` one commit behind: the next commit adds 12 lines to open.ts, seen.ts and never.ts. */
function makePullClone(upstream, clone) {
  const names = ['open', 'seen', 'never'];
  mkdirSync(upstream, { recursive: true });
  git(upstream, 'init', '-q');
  for (const n of names) writeFileSync(join(upstream, `${n}.ts`), PULL_BASE(n));
  git(upstream, 'add', '.');
  git(upstream, 'commit', '-q', '-m', 'base');
  git(dirname(clone), 'clone', '-q', upstream, clone);
  for (const n of names) writeFileSync(join(upstream, `${n}.ts`), `${PULL_BASE(n)}${PULL_EXTRA(n).join('\n')}\n`);
  git(upstream, 'commit', '-q', '-am', 'more steps');
}

after(() => {
  if (!allResults.length) return;
  const lines = ['', 'Gesture matrix totals (rows: correct / mislabel = human gesture labelled assisted or wrong source / miss = assistant gesture not (fully) recorded / error = harness / known gap = wrong, reported as pending: the stable API cannot tell):'];
  for (const { config, results, ms } of allResults) {
    const tt = totals(results);
    lines.push(`  ${configName(config).padEnd(48)} correct ${tt.correct}, mislabel ${tt.mislabel}, miss ${tt.miss}, error ${tt.error}, known gap ${tt.known} of ${results.length} (${(ms / 1000).toFixed(0)} s)`);
  }
  console.log(lines.map((l) => `      ${l}`).join('\n'));
});
