import assert from 'node:assert/strict';
import { classify as classifyFull, PASTE_HINT_TEXT_TTL_MS, commonEnds, copiesSelection, textInRange, pasteHintApplies, isOfferedFix, isSelectedItem, matchSelectedItem, isSubstantial, linesOnlyMoved, movedInEvent, SELECTED_TTL_MS, sameModuloFormatting, type ChangeDescription, type ChangeFact } from '../../client/src/provenance/classify';

const fact = (text: string, extra: Partial<ChangeFact> = {}): ChangeFact => ({ text, replacedLength: 0, atCursor: true, ...extra });
/** The verdict without the log text. */
const classify = (d: ChangeDescription) => {
  const { why: _why, only, ...rest } = classifyFull(d);
  return only ? { ...rest, only } : rest;
};
const kind = (d: Partial<ChangeDescription> & { changes: ChangeFact[] }) => classify({ selectionKind: 'other', cursorAtInsertEnd: true, ...d }).kind;

const BLOCK = 'const total = items.reduce((sum, item) => sum + item.price, 0);';

describe('provenance/classify: where a change came from', () => {
  it('labels a multi-character block inserted at the cursor without a keyboard selection change as a completion (medium)', () => {
    assert.deepEqual(classify({ changes: [fact(BLOCK)], selectionKind: 'other', cursorAtInsertEnd: true }), { kind: 'completion', confidence: 'medium' });
    assert.equal(kind({ changes: [fact('\n  return a + b;')] }), 'completion');
    assert.equal(kind({ changes: [fact(BLOCK)], selectionKind: 'command' }), 'completion');
  });

  it('does not count IntelliSense accepting one identifier or member path', () => {
    assert.equal(kind({ changes: [fact('useCallbackWithRefs', { replacedLength: 3 })] }), 'typed');
    assert.equal(kind({ changes: [fact('document.getElementById')] }), 'typed');
    assert.equal(kind({ changes: [fact('toLocaleDateString()')] }), 'typed');
    assert.equal(kind({ changes: [fact('foo')] }), 'typed');
  });

  it('does not count a snippet that leaves the cursor inside the inserted text, or an insert with no accept signal', () => {
    assert.equal(kind({ changes: [fact('for (let i = 0; i < arr.length; i++) {\n\t\n}')], cursorAtInsertEnd: false }), 'typed');
    assert.equal(kind({ changes: [fact('try {\n\t\n} catch (error) {\n\t\n}')], cursorAtInsertEnd: false, selectionKind: 'command' }), 'typed');
    assert.equal(kind({ changes: [fact(BLOCK)], selectionKind: 'none', cursorAtInsertEnd: undefined }), 'typed', 'no selection change at all');
  });

  it('does not count typing, Enter with indentation, or multi-cursor typing', () => {
    assert.equal(kind({ changes: [fact(BLOCK)], selectionKind: 'keyboard' }), 'typed');
    assert.equal(kind({ changes: [fact('\n    ')] }), 'typed');
    assert.equal(kind({ changes: [fact('abc'), fact('abc')], selectionKind: 'keyboard' }), 'typed');
    assert.equal(kind({ changes: [fact(BLOCK)], selectionKind: 'mouse' }), 'typed');
  });

  it('ignores undo, redo and Vouch\'s own edits', () => {
    assert.equal(kind({ changes: [fact(BLOCK)], reason: 'undo' }), 'ignore');
    assert.equal(kind({ changes: [fact(BLOCK)], reason: 'redo' }), 'ignore');
    assert.equal(kind({ changes: [fact('// vouch-ignore-next-line generic-secret-assignment -- test')], ownEdit: true }), 'ignore');
  });

  it('labels text equal to the clipboard as a paste, even re-indented, with the paste hint at high confidence', () => {
    const clip = 'function add(a, b) {\n  return a + b;\n}';
    assert.deepEqual(classify({ changes: [fact(clip)], selectionKind: 'keyboard', clipboard: clip }), { kind: 'paste', confidence: 'medium' });
    assert.equal(kind({ changes: [fact('function add(a, b) {\n      return a + b;\n    }')], clipboard: clip }), 'paste');
    assert.deepEqual(classify({ changes: [fact(clip)], selectionKind: 'keyboard', pasteHint: true }), { kind: 'paste', confidence: 'high' });
  });

  it('takes a paste announcement for the next change within 2 s, and for a change inserting its text much later', () => {
    const line = "const endpoint = 'https://api.example.com/v1/items?limit=50&sort=desc';";
    assert.equal(pasteHintApplies({ at: 0 }, [fact('anything')], 1_500), true);
    assert.equal(pasteHintApplies({ at: 0 }, [fact(line)], 2_900), false, 'late, text unknown');
    assert.equal(pasteHintApplies({ at: 0, text: line }, [fact(line)], 2_900), true, 'late, the announced text (TypeScript held the paste)');
    assert.equal(pasteHintApplies({ at: 0, text: line }, [fact('    ' + line)], 2_900), true, 're-indented');
    assert.equal(pasteHintApplies({ at: 0, text: line }, [fact('const other = 1;')], 2_900), false);
    assert.equal(pasteHintApplies({ at: 0, text: line }, [fact(line)], PASTE_HINT_TEXT_TTL_MS + 1), false);
  });

  it('does not label a short paste or code copied inside the editor', () => {
    assert.equal(kind({ changes: [fact('userId')], clipboard: 'userId' }), 'typed');
    assert.equal(kind({ changes: [fact(BLOCK)], clipboard: BLOCK, copiedInEditor: true }), 'typed');
  });

  it('labels multi-hunk edits with a block, not driven by the user, as agent edits of low confidence (a quick fix looks the same)', () => {
    const d: ChangeDescription = { changes: [fact('import { z } from "zod";\n', { atCursor: false }), fact('const schema = z.object({\n  name: z.string(),\n});\n', { atCursor: false })], selectionKind: 'none' };
    assert.deepEqual(classify(d), { kind: 'agent', confidence: 'low' });
    const oneLiners: ChangeDescription = { changes: [fact('import { z } from "zod";\n', { atCursor: false }), fact('const schema = z.object({ name: z.string() });\n', { atCursor: false })], selectionKind: 'none' };
    assert.equal(classify(oneLiners).kind, 'typed', 'one-line edits in many places: replace-all, fix-all');
  });

  it('takes the block at the cursor of an accept with an auto-import as the completion, and only it', () => {
    const d: ChangeDescription = {
      changes: [fact('const rows = await db.select(users).where(eq(users.id, id));\nreturn rows[0];'), fact("import { eq } from 'drizzle-orm';\n", { atCursor: false })],
      selectionKind: 'other', cursorAtInsertEnd: true,
    };
    assert.deepEqual(classify(d), { kind: 'completion', confidence: 'medium', only: [0] });
    assert.equal(classify({ ...d, cursorAtInsertEnd: false }).kind, 'agent', 'the cursor left elsewhere: not an accept');
  });

  it('does not label a regular-expression replace-all or multi-cursor typing on many lines', () => {
    const regex = ['  logger.info(`user ${id}`);', '  logger.info(`order ${order.id}`);', '  logger.info(`cart ${cart.total}`);', '  logger.info(`session ${sid}`);'];
    assert.equal(kind({ changes: regex.map((t) => fact(t, { atCursor: false, replacedLength: 20 })), selectionKind: 'none' }), 'typed');
    assert.equal(kind({ changes: Array.from({ length: 5 }, () => fact('value')), selectionKind: 'none' }), 'typed');
  });

  it('does not label formatting: the text is the same modulo whitespace, quotes, semicolons and commas', () => {
    assert.equal(kind({ changes: [fact('const a = {\n  b: 1,\n  c: 2\n};\n')], formatting: true }), 'typed');
    assert.equal(sameModuloFormatting("const a={b:1,c:'x'}", 'const a = {\n  b: 1,\n  c: "x",\n};\n'), true);
    assert.equal(sameModuloFormatting('{"a":1,"b":[1,2]}', '{\n    "a": 1,\n    "b": [\n        1,\n        2\n    ]\n}'), true);
    assert.equal(sameModuloFormatting('if (a) b();', 'if (a) c();'), false);
    assert.equal(sameModuloFormatting('f(a, b)', 'f(ab)'), true, 'commas are layout to this check: an edit that only drops one is not assisted code either');
  });

  it('does not label rename, replace-all or formatting as agent edits', () => {
    assert.equal(kind({ changes: [fact('customerIdentifier'), fact('customerIdentifier'), fact('customerIdentifier')], selectionKind: 'none' }), 'typed');
    assert.equal(kind({ changes: [fact('  '), fact('\n'), fact('\t')], selectionKind: 'none' }), 'typed');
    const semicolons = Array.from({ length: 30 }, () => fact(';', { atCursor: false }));
    assert.equal(kind({ changes: semicolons, selectionKind: 'none' }), 'typed', 'many tiny hunks: a formatter, not an agent');
  });

  it('does not label edits that only move, sort or remove existing lines (organize imports, sort lines)', () => {
    assert.equal(kind({ changes: [fact("import { a } from './a';\nimport { b } from './b';\n", { atCursor: false, replacedLength: 48 })], selectionKind: 'none', linesOnlyMoved: true }), 'typed');
    assert.equal(linesOnlyMoved("import { b } from './b';\nimport { a } from './a';\nrun();\n", "import { a } from './a';\nimport { b } from './b';\n\nrun();\n"), true);
    assert.equal(linesOnlyMoved('a();\n', 'a();\na();\n'), false, 'a duplicated line is new');
    assert.equal(linesOnlyMoved('a();\n', 'a();\nb();\n'), false);
  });

  it('does not label the IntelliSense item focused in the suggest widget, whatever its shape', () => {
    const item = { start: { line: 4, character: 12 }, text: "loadSettingsFile('settings.json')", at: 1_000 };
    assert.equal(isSelectedItem(item, { line: 4, character: 12 }, "loadSettingsFile('settings.json')", 2_000), true);
    assert.equal(isSelectedItem(item, { line: 4, character: 13 }, "loadSettingsFile('settings.json')", 2_000), false, 'another place');
    assert.equal(isSelectedItem(item, { line: 4, character: 12 }, "loadSettingsFile('settings.json'); // and more", 2_000), false, 'ghost text extending the item');
    assert.equal(isSelectedItem(item, { line: 4, character: 12 }, "loadSettingsFile('settings.json')", 1_000 + SELECTED_TTL_MS + 1), false, 'stale');
    assert.equal(isSelectedItem(undefined, { line: 4, character: 12 }, 'x', 2_000), false);
    // VS Code applies the item's auto-import first: the item's range follows it down a line.
    const importFirst = matchSelectedItem({ ...item, start: { line: 3, character: 12 } }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "import { x } from './x';\n" }], 2_000);
    assert.equal(importFirst.hit, false);
    assert.deepEqual(!importFirst.hit && importFirst.next.start, { line: 4, character: 12 });
    const accept = [{ range: { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } }, text: "loadSettingsFile('settings.json')" }];
    assert.equal(!importFirst.hit && matchSelectedItem(importFirst.next, accept, 2_000).hit, true);
    const d: ChangeDescription = { changes: [fact("tingsFile('settings.json')")], selectionKind: 'other', cursorAtInsertEnd: true };
    assert.equal(kind(d), 'completion', 'the same insert without the signal looks like ghost text');
    assert.equal(kind({ ...d, suggestAccept: true }), 'typed');
    assert.equal(kind({ ...d, suggestAccept: true, preciseAccept: true }), 'completion', 'the precise accept still wins');
  });

  it('does not label a quick fix that was on offer for the document as it was: the same edits, made to that version', () => {
    const at = (line: number, character: number) => ({ line, character });
    const stub = "\nfunction computeTax(amount: number, rate: number): number {\n  throw new Error('Function not implemented.');\n}\n";
    const fix = [{ range: { start: at(3, 0), end: at(3, 0) }, text: stub }];
    const importFix = [{ range: { start: at(0, 0), end: at(0, 0) }, text: "import { readFileSync } from 'node:fs';\n" }];
    const offers = { version: 7, actions: [importFix, fix] };
    assert.equal(isOfferedFix(offers, 7, fix), true);
    assert.equal(isOfferedFix(offers, 7, [{ ...fix[0], text: stub.replace(/\n/g, '\r\n') }]), true, 'the editor writes the document\'s line endings');
    assert.equal(isOfferedFix(offers, 8, fix), false, 'offered for another version');
    assert.equal(isOfferedFix(undefined, 7, fix), false);
    assert.equal(isOfferedFix(offers, 7, []), false);
    assert.equal(isOfferedFix(offers, 7, [{ ...fix[0], range: { start: at(2, 0), end: at(2, 0) } }]), false, 'the same text elsewhere');
    assert.equal(isOfferedFix(offers, 7, [{ ...fix[0], text: `${stub}// and more\n` }]), false, 'more than the fix');
    assert.equal(isOfferedFix(offers, 7, [...importFix, ...fix]), false, 'two fixes at once are no single offer');
    // A fix of several edits (an import and a stub) matches in any order, and only whole.
    const both = { version: 7, actions: [[...importFix, ...fix]] };
    assert.equal(isOfferedFix(both, 7, [...fix, ...importFix]), true);
    assert.equal(isOfferedFix(both, 7, fix), false, 'part of a fix');
    const d: ChangeDescription = { changes: [fact(stub, { atCursor: false })], selectionKind: 'none' };
    assert.equal(kind({ ...d, cursorAtInsertEnd: undefined }), 'agent', 'without the offer the block looks like an agent edit');
    assert.equal(kind({ ...d, cursorAtInsertEnd: undefined, offeredFix: true }), 'typed');
    assert.equal(kind({ ...d, offeredFix: true, pasteHint: true }), 'paste', 'a paste hint still wins');
    assert.equal(kind({ ...d, offeredFix: true, preciseAccept: true }), 'completion', 'the precise accept still wins');
  });

  it('does not label text moved by drag and drop: the same event removed what it inserted', () => {
    const moved = "first = 'alpha';\nconst second = first.length * 2;\nconst third ";
    assert.equal(movedInEvent([moved], [moved]), true);
    assert.equal(movedInEvent([moved, '\n'], [moved]), true, 'blank inserts do not count');
    assert.equal(movedInEvent([moved], ['other text']), false);
    assert.equal(movedInEvent([moved, moved], [moved]), false, 'counted with multiplicity (a copy-drag adds text)');
    assert.equal(movedInEvent([], [moved]), false);
    const d: ChangeDescription = { changes: [fact(moved, { atCursor: false })], selectionKind: 'other', movedInEvent: true };
    assert.equal(kind({ ...d, cursorAtInsertEnd: undefined }), 'typed');
    assert.equal(kind({ ...d, movedInEvent: false, cursorAtInsertEnd: undefined }), 'agent', 'the same block without the removal is an agent edit');
    assert.equal(kind({ ...d, pasteHint: true }), 'paste', 'a paste hint still wins');
  });

  it('labels one block inserted away from the cursor as an agent edit of low confidence, a one-line import or fix as typed', () => {
    assert.deepEqual(classify({ changes: [fact('export function area(r: number) {\n  return Math.PI * r * r;\n}\n', { atCursor: false })], selectionKind: 'none' }), { kind: 'agent', confidence: 'low' });
    assert.equal(kind({ changes: [fact("import { x } from './x';", { atCursor: false })], selectionKind: 'none' }), 'typed');
    assert.equal(kind({ changes: [fact("import { createHash, randomBytes } from 'node:crypto';", { atCursor: false })], selectionKind: 'other', cursorAtInsertEnd: false }), 'typed', 'an import above shifts the cursor');
  });

  it('labels a next-edit suggestion (away from the cursor, the cursor moved to its end by the editor) as a completion', () => {
    assert.deepEqual(classify({ changes: [fact('if (!user) {\n    throw new NotFoundError(id);\n  }', { atCursor: false })], selectionKind: 'other', cursorAtInsertEnd: true }), { kind: 'completion', confidence: 'medium' });
  });

  it('labels a suggestion taken in parts by the joined text', () => {
    assert.equal(kind({ changes: [fact('const total = items.length')], chained: true }), 'completion');
    assert.equal(kind({ changes: [fact('const ')], chained: true }), 'typed');
  });

  it('labels files rewritten on disk as agent edits: medium alone, low in a burst; never version control, reverts or formatting', () => {
    const changes = [fact('def handler(event):\n    return {"ok": True}\n', { atCursor: false })];
    assert.deepEqual(classify({ changes, selectionKind: 'none', fromDisk: true }), { kind: 'agent', confidence: 'medium' });
    assert.deepEqual(classify({ changes, selectionKind: 'none', fromDisk: true, bulk: true }), { kind: 'agent', confidence: 'low' });
    assert.equal(kind({ changes, selectionKind: 'none', fromDisk: true, vcs: 'checkout' }), 'ignore');
    assert.equal(kind({ changes, selectionKind: 'none', fromDisk: true, revert: true }), 'typed');
    assert.equal(kind({ changes, selectionKind: 'none', fromDisk: true, formatting: true }), 'typed');
  });

  it('lets a paste hint or the precise accept win over every disk and shape signal', () => {
    const block = 'function add(a, b) {\n  return a + b;\n}';
    assert.equal(kind({ changes: [fact(block)], pasteHint: true, selectionKind: 'none', cursorAtInsertEnd: false }), 'paste');
    assert.equal(kind({ changes: [fact(block)], preciseAccept: true, formatting: true }), 'completion');
  });

  it('records any non-blank text committed through the precise binding at high confidence', () => {
    assert.deepEqual(classify({ changes: [fact('word')], selectionKind: 'other', preciseAccept: true }), { kind: 'completion', confidence: 'high' });
    assert.equal(kind({ changes: [fact('word')], selectionKind: 'keyboard', preciseAccept: true }), 'typed', 'a key typed during the accept overtook it');
    assert.equal(kind({ changes: [fact('word')], reason: 'undo', preciseAccept: true }), 'ignore');
  });

  it('measures substance and trims what was already typed', () => {
    assert.equal(isSubstantial('x = 1'), false);
    assert.equal(isSubstantial('if (a) {\n  b();'), true);
    assert.deepEqual(commonEnds('con', 'console.log(x)'), { prefix: 3, suffix: 0 });
    assert.deepEqual(commonEnds(')', 'a, b)'), { prefix: 0, suffix: 1 });
    assert.deepEqual(commonEnds('aa', 'aaa'), { prefix: 2, suffix: 0 });
  });
  it('does not count a copy of the selected text dropped elsewhere (drag and drop with Ctrl, gesture matrix row 20c)', () => {
    const file = ['// 20: drag and drop', "const first = 'alpha';", 'const second = first.length * 2;', 'const third = second + first.length;', 'export function summary() {', '}', '// drop here', ''].join('\n');
    // Lines 2-4 selected (1:0 to 4:0), copied before "// drop here": one change, the selection's text, away from the cursor.
    const selected = textInRange(file, { start: { line: 1, character: 0 }, end: { line: 4, character: 0 } });
    assert.equal(selected, "const first = 'alpha';\nconst second = first.length * 2;\nconst third = second + first.length;\n");
    const inserted = [fact(selected, { atCursor: false })];
    const d = { changes: inserted, selectionKind: 'other' as const, cursorAtInsertEnd: false };
    assert.equal(kind(d), 'agent', 'without the selection the shape is a block away from the cursor');
    assert.equal(kind({ ...d, copiesSelection: copiesSelection([selected], [selected]) }), 'typed');
    assert.equal(copiesSelection(['  ' + selected.trim() + '\n'], [selected]), true, 'modulo surrounding blanks');
    assert.equal(copiesSelection([selected + 'more();'], [selected]), false);
    assert.equal(copiesSelection([selected], []), false);
    assert.equal(textInRange('ab\r\ncd\r\nef', { start: { line: 1, character: 1 }, end: { line: 2, character: 1 } }), 'd\r\ne', 'a CRLF is one break');
  });
});
