// Places in other files (the uses a breaking change breaks) in every output: JSON `related` with their
// own file, SARIF relatedLocations (not a code flow: they are not a path), Markdown and HTML lines, and
// LSP relatedInformation pointing at the other file.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../server/src/core/types';
import { toDiagnostic } from '../../server/src/features/diagnostic-shape';
import { toHtml } from '../../server/src/report/html';
import { toJson } from '../../server/src/report/json';
import { toMarkdown } from '../../server/src/report/markdown';
import { toSarifLog } from '../../server/src/report/sarif';
import type { ScanResult } from '../../server/src/scan/result';

const ROOT = join(tmpdir(), 'vouch-related');
const range = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });
const FINDING: Finding = {
  id: 'bc1', ruleId: 'breaking-change', family: 'breaking-change', severity: 'error', confidence: 'high', kind: 'param-required',
  range: range(0, 16, 26),
  message: '`formatDate(d)` now requires `locale`; 2 call sites in 2 files still pass one argument — src/footer.ts:2, src/header.ts:14; no test touches it.',
  related: [
    { file: 'src/footer.ts', range: range(1, 17, 33), message: 'passes 1 argument' },
    { file: 'src/header.ts', range: range(13, 4, 20), message: 'passes 1 argument' },
  ],
};
const SCAN: ScanResult = {
  root: ROOT, fileCount: 3, durationMs: 1, skipped: [],
  files: [{ path: 'src/date.ts', language: 'typescript', findings: [FINDING], notices: [], text: 'export function formatDate(d: Date, locale: string) {}\n' }],
};
const RULES = [{ id: 'breaking-change', languages: '*' as const, meta: { title: 'Breaking change', family: 'breaking-change' as const, severity: 'error' as const, confidence: 'high' as const } }];

describe('reports: related places in other files', () => {
  it('JSON: each related place with its own file, 1-based', () => {
    const f = JSON.parse(toJson(SCAN)).findings[0];
    assert.deepEqual(f.related, [
      { file: 'src/footer.ts', line: 2, column: 18, message: 'passes 1 argument' },
      { file: 'src/header.ts', line: 14, column: 5, message: 'passes 1 argument' },
    ]);
  });

  it('SARIF: relatedLocations in their files; no code flow', () => {
    const r = toSarifLog(SCAN, RULES).runs[0].results![0];
    assert.deepEqual(r.relatedLocations?.map((l) => [l.id, l.physicalLocation?.artifactLocation?.uri, l.physicalLocation?.region?.startLine, l.message?.text]), [
      [1, 'src/footer.ts', 2, 'passes 1 argument'],
      [2, 'src/header.ts', 14, 'passes 1 argument'],
    ]);
    assert.equal(r.codeFlows, undefined);
  });

  it('Markdown and HTML: one line per place, with its file', () => {
    const md = toMarkdown(SCAN, RULES);
    assert.match(md, /\n {2}- \[src\/footer\.ts:2\]\(src\/footer\.ts#L2\) passes 1 argument\n {2}- \[src\/header\.ts:14\]\(src\/header\.ts#L14\) passes 1 argument\n/);
    const html = toHtml(SCAN, RULES, () => undefined);
    assert.match(html, /<span class="ln">src\/footer\.ts:2<\/span> passes 1 argument/);
  });

  it('LSP: relatedInformation points at the other files under the workspace folder', () => {
    const d = toDiagnostic(FINDING, pathToFileURL(join(ROOT, 'src/date.ts')).href, ROOT);
    assert.deepEqual(d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [
      [pathToFileURL(join(ROOT, 'src/footer.ts')).href, 1, 'passes 1 argument'],
      [pathToFileURL(join(ROOT, 'src/header.ts')).href, 13, 'passes 1 argument'],
    ]);
    assert.deepEqual(toDiagnostic(FINDING, 'untitled:x').relatedInformation, [], 'without the folder, other files cannot be named');
  });
});
