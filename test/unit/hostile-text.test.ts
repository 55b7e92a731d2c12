// Issue 7, in process: lenient decoding (defect 5), windows over large files, and provenance ranges
// clamped and counted with arithmetic (defect 6) for the CLI summary and the server's vouch/fileTrust.
import assert from 'node:assert/strict';
import { clampLines, coveredLineCount, rangeProblem } from '../../server/src/core/region-bounds';
import { decodeText, looksMinified, MAX_TEXT_CHARS, skipReason } from '../../server/src/core/text';
import type { ProvenanceRegion } from '../../server/src/protocol';
import { buildFileTrust } from '../../server/src/features/trust';
import { evaluateRegions, indexLedger } from '../../server/src/review/policy';
import { EMPTY_LEDGER } from '../../server/src/review/ledger';
import { splitWindows } from '../../server/src/scan/windows';
import { testEngine } from '../engine';

const region = (endLine: number): ProvenanceRegion => ({
  id: 'r', source: 'agent', confidence: 'high', time: '2025-01-01T00:00:00.000Z', hash: 'x',
  range: { start: { line: 0, character: 0 }, end: { line: endLine, character: 0 } },
});

describe('hostile text (issue 7)', () => {
  it('decodes bad UTF-8, NUL and UTF-16 with a BOM instead of skipping; refuses only mostly-control content', () => {
    const bad = decodeText(Buffer.from([0x61, 0xe9, 0x0a, 0x62]));
    assert.ok('text' in bad && bad.text === 'a\ufffd\nb' && /not valid UTF-8/.test(bad.notes[0]));
    const nul = decodeText(Buffer.from('a\0b'));
    assert.ok('text' in nul && nul.text === 'a\ufffdb');
    const le = decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x = 1', 'utf16le')]));
    assert.ok('text' in le && le.text === 'x = 1');
    const be = decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('x = 1', 'utf16le').swap16()]));
    assert.ok('text' in be && be.text === 'x = 1');
    assert.deepEqual(decodeText(Buffer.alloc(100, 0)), { skip: 'file looks binary (mostly control bytes)' });
  });

  it('judges minified by the code: one long comment line does not hide a file, one long code line does', () => {
    const code = 'const a = 1;\n'.repeat(20);
    assert.equal(looksMinified(`// ${'x'.repeat(25_000)}\n${code}`), false);
    assert.equal(looksMinified(`# ${'x'.repeat(25_000)}\n${code}`), false);
    assert.equal(skipReason(`/* ${'x'.repeat(25_000)} */\n${code}`), undefined);
    assert.equal(looksMinified(`var a=${'1+'.repeat(15_000)}1;\n`), true);
    assert.equal(skipReason('a\0b'), undefined, 'one NUL is not binary');
  });

  it('cuts text above the limit into windows of whole lines that keep every line', () => {
    const text = 'abcdefghi\n'.repeat(30);
    const w = splitWindows(text, 95);
    assert.ok(w.every((x) => x.text.length <= 95 && x.text.endsWith('\n')));
    assert.equal(w.map((x) => x.text).join(''), text);
    assert.deepEqual(w.map((x) => x.line), [0, 9, 18, 27]);
    assert.equal(splitWindows('short').length, 1);
    assert.equal(MAX_TEXT_CHARS, 2_000_000);
  });

  it('counts covered lines with arithmetic, clamps to the file and refuses impossible ranges', () => {
    assert.equal(coveredLineCount([[1, 5], [3, 8], [20, 20], [7, 2]]), 9);
    assert.equal(coveredLineCount([[1, 2e9]]), 2e9, 'no Set of lines: instant');
    assert.deepEqual(clampLines([1, 15e6], 1), [1, 1]);
    assert.deepEqual(clampLines([50, 60], 10), [10, 10]);
    assert.match(rangeProblem(region(2e9).range)!, /past any file/);
    assert.match(rangeProblem({ start: { line: -1, character: 0 }, end: { line: 1, character: 0 } })!, /negative/);
    assert.equal(rangeProblem(region(15e6).range), undefined);
  });

  // Found by the fuzz suite: tree-sitter parses deeply nested calls, then the flow analysis' tree walk ran
  // out of stack and the file got a `detector-error` ("Detector ir failed") as if the rule were broken.
  it('code nested deeper than the stack: a parse-error notice for the walk, not a detector error; other rules report', async () => {
    // eval(request…) asks for the flow analysis; one call per line, so the file is not minified.
    const text = `x = ${'f(\n'.repeat(20_000)}${')\n'.repeat(20_000)}\neval(request.args["a"])\nkey = "AKIAZ3MSJV2KD7QX4N5P"\n`;
    const r = (await testEngine()).analyze({ text, languageId: 'python', path: 'deep.py' }, { budgetMs: 1000 });
    assert.deepEqual(r.notices.filter((n) => n.kind === 'detector-error'), []);
    assert.ok(r.notices.some((n) => n.kind === 'parse-error' && /nested too deeply/.test(n.message)), JSON.stringify(r.notices));
    assert.ok(r.findings.some((f) => f.ruleId === 'aws-access-key-id'));
  });

  it('vouch/fileTrust: a region ending at line 15e6 (or 2e9) of a 1-line file counts one line, quickly', () => {
    for (const end of [15e6, 2e9]) {
      const text = 'const a = 1;\n';
      const started = performance.now();
      const regions = evaluateRegions(text, [region(end)], indexLedger([], 'a.js'));
      const trust = buildFileTrust('file:///a.js', { text, relPath: 'a.js', regions, results: [], ledger: EMPTY_LEDGER });
      assert.equal(trust.assistedLines, 1);
      assert.equal(trust.totalLines, 1);
      assert.equal(trust.regions[0].lines, 1);
      assert.ok(performance.now() - started < 1000);
    }
  });
});
