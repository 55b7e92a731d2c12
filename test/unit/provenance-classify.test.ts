import assert from 'node:assert/strict';
import { classify, commonEnds, isSubstantial, type ChangeDescription, type ChangeFact } from '../../client/src/provenance/classify';

const fact = (text: string, extra: Partial<ChangeFact> = {}): ChangeFact => ({ text, replacedLength: 0, atCursor: true, ...extra });
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

  it('does not count a snippet that leaves the cursor inside the inserted text', () => {
    assert.equal(kind({ changes: [fact('for (let i = 0; i < arr.length; i++) {\n\t\n}')], cursorAtInsertEnd: false }), 'typed');
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

  it('does not label a short paste or code copied inside the editor', () => {
    assert.equal(kind({ changes: [fact('userId')], clipboard: 'userId' }), 'typed');
    assert.equal(kind({ changes: [fact(BLOCK)], clipboard: BLOCK, copiedInEditor: true }), 'typed');
  });

  it('labels multi-hunk edits not driven by the user as agent edits', () => {
    const d: ChangeDescription = { changes: [fact('import { z } from "zod";\n', { atCursor: false }), fact('const schema = z.object({ name: z.string() });\n', { atCursor: false })], selectionKind: 'none' };
    assert.deepEqual(classify(d), { kind: 'agent', confidence: 'medium' });
  });

  it('does not label rename, replace-all or formatting as agent edits', () => {
    assert.equal(kind({ changes: [fact('customerIdentifier'), fact('customerIdentifier'), fact('customerIdentifier')], selectionKind: 'none' }), 'typed');
    assert.equal(kind({ changes: [fact('  '), fact('\n'), fact('\t')], selectionKind: 'none' }), 'typed');
    const semicolons = Array.from({ length: 30 }, () => fact(';', { atCursor: false }));
    assert.equal(kind({ changes: semicolons, selectionKind: 'none' }), 'typed', 'many tiny hunks: a formatter, not an agent');
  });

  it('labels one large block inserted away from the cursor as an agent edit, a one-line import as typed', () => {
    assert.equal(kind({ changes: [fact('export function area(r: number) {\n  return Math.PI * r * r;\n}\n', { atCursor: false })], selectionKind: 'none' }), 'agent');
    assert.equal(kind({ changes: [fact("import { x } from './x';", { atCursor: false })], selectionKind: 'none' }), 'typed');
  });

  it('labels files rewritten on disk as agent edits unless many files changed at once', () => {
    const changes = [fact('def handler(event):\n    return {"ok": True}\n', { atCursor: false })];
    assert.equal(kind({ changes, selectionKind: 'none', fromDisk: true }), 'agent');
    assert.equal(kind({ changes, selectionKind: 'none', fromDisk: true, bulk: true }), 'typed');
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
});
