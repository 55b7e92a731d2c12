// features/carry.ts: slow-tier findings carried across an edit until the slow tier runs again.
import assert from 'node:assert/strict';
import type { Finding } from '../../server/src/core/types';
import { carryFindings } from '../../server/src/features/carry';

const TEXT = "import x from 'left-padd';\nconst a = 1;\nconst b = 2;\nconst c = require('nope-pkg');\n";
const finding = (id: string, line: number, start: number, end: number, extra: Partial<Finding> = {}): Finding => ({
  id, ruleId: 'nonexistent-package', family: 'hallucinated-dependency', severity: 'error', confidence: 'high',
  range: { start: { line, character: start }, end: { line, character: end } }, message: id, ...extra,
});
const TOP = finding('top', 0, 14, 25, { fix: { title: 'x', edits: [{ start: 14, end: 25, text: "'left-pad'" }] } as never });
const BOTTOM = finding('bottom', 3, 18, 28);
const where = (fs: Finding[]) => fs.map((f) => `${f.id}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);

describe('carryFindings: slow-tier findings across an edit', () => {
  it('keeps everything when the text is the same', () => {
    assert.deepEqual(where(carryFindings(TEXT, TEXT, [TOP, BOTTOM])), ['top@0:14-0:25', 'bottom@3:18-3:28']);
  });

  it('moves findings after the edit by the lines it added, keeps those before it', () => {
    const after = TEXT.replace('const a = 1;\n', 'const a = 1;\nconst a2 = 3;\nconst a3 = 4;\n');
    assert.deepEqual(where(carryFindings(TEXT, after, [TOP, BOTTOM])), ['top@0:14-0:25', 'bottom@5:18-5:28']);
  });

  it('moves a finding on the edit\'s last line by characters too', () => {
    const after = TEXT.replace('const c = require', 'const cc = require');
    assert.deepEqual(where(carryFindings(TEXT, after, [BOTTOM])), ['bottom@3:19-3:29']);
  });

  it('drops a finding the edit touches (inside, overlapping or bordering it)', () => {
    assert.deepEqual(where(carryFindings(TEXT, TEXT.replace("'left-padd'", "'left-pad'"), [TOP, BOTTOM])), ['bottom@3:18-3:28']);
    assert.deepEqual(where(carryFindings(TEXT, TEXT.replace("'nope-pkg')", "'nope-pkg2')"), [TOP, BOTTOM])), ['top@0:14-0:25'], 'an edit right after the range');
    assert.deepEqual(where(carryFindings(TEXT, TEXT.replace("import x from 'left-padd'", "import y from 'left-padd'"), [TOP])), ['top@0:14-0:25'], 'an edit earlier on the same line moves it by its change in length (here none)');
  });

  it('moves findings up when lines are deleted; drops those on deleted lines', () => {
    const after = TEXT.replace('const a = 1;\nconst b = 2;\n', '');
    assert.deepEqual(where(carryFindings(TEXT, after, [TOP, BOTTOM, finding('b', 2, 0, 12)])), ['top@0:14-0:25', 'bottom@1:18-1:28']);
  });

  it('drops the fix (its offsets are the old text\'s) and a finding whose same-file related step was edited', () => {
    const after = TEXT.replace('const b = 2;', 'const b = 22;');
    const flow = finding('flow', 3, 18, 28, { related: [{ range: { start: { line: 2, character: 6 }, end: { line: 2, character: 7 } }, message: 'through b' }] });
    const other = finding('other', 3, 18, 28, { related: [{ file: 'src/x.ts', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } }, message: 'elsewhere' }] });
    const carried = carryFindings(TEXT, after.replace('const a = 1;', 'const a = 10;'), [TOP, other]);
    assert.deepEqual(where(carried), ['top@0:14-0:25', 'other@3:18-3:28']);
    assert.equal(carried[0].fix, undefined);
    assert.deepEqual(carried[1].related, other.related, 'a step in another file is not moved');
    assert.deepEqual(where(carryFindings(TEXT, TEXT.replace('const b = 2;', 'const bb = 2;'), [flow])), [], 'its step on line 3 was edited');
    assert.deepEqual(carryFindings(TEXT, TEXT.replace('const b = 2;', 'let b = 2;'), [flow])[0]?.related?.[0].range, { start: { line: 2, character: 4 }, end: { line: 2, character: 5 } }, 'an untouched step moves with the text');
  });

  it('never keeps a finding whose range lies outside the old text', () => {
    assert.deepEqual(carryFindings(TEXT, TEXT + 'x', [finding('ghost', 40, 0, 1)]), []);
  });
});
