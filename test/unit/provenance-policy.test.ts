import assert from 'node:assert/strict';
import { regionHash } from '../../server/src/core/region-hash';
import type { Finding } from '../../server/src/core/types';
import { DEFAULT_SETTINGS, type ProvenanceRegion } from '../../server/src/protocol';
import { chainEntries, parseLedger, type NewEntry } from '../../server/src/review/ledger';
import { applyPolicy, evaluateRegions, indexLedger, rangeText, regionLines, regionOf } from '../../server/src/review/policy';

const TEXT = 'line0\nconst a = 1;\nconst b = 2;\nline3\n';
const REGION: ProvenanceRegion = {
  id: 'r1', source: 'paste', confidence: 'high', time: '2025-01-01T00:00:00.000Z',
  range: { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } }, hash: regionHash('const a = 1;\nconst b = 2;\n'),
};

function finding(line: number, extra: Partial<Finding> = {}): Finding {
  return {
    id: `f${line}`, ruleId: 'some-rule', family: 'wrong-logic', severity: 'warning', confidence: 'high',
    range: { start: { line, character: 6 }, end: { line, character: 7 } }, message: 'Something is wrong.', ...extra,
  };
}

function ledgerFor(entries: NewEntry[], file = 'src/a.ts') {
  return indexLedger(parseLedger(chainEntries('', entries).join('\n')).entries, file);
}

function review(hash: string, regionId = 'r1'): NewEntry {
  return { file: 'src/a.ts', regionId, lines: [2, 3], hash, source: 'paste', reviewer: { name: 'Ada' }, time: '2025-01-02T00:00:00.000Z', findings: [] };
}

const settings = (p: Partial<typeof DEFAULT_SETTINGS.provenance> = {}) => ({ provenance: { ...DEFAULT_SETTINGS.provenance, ...p } });

describe('provenance policy', () => {
  it('extracts region text and 1-based lines', () => {
    assert.equal(rangeText(TEXT, REGION.range), 'const a = 1;\nconst b = 2;\n');
    assert.deepEqual(regionLines(REGION.range), [2, 3]);
    assert.deepEqual(regionLines({ start: { line: 1, character: 2 }, end: { line: 1, character: 5 } }), [2, 2]);
    assert.equal(rangeText(TEXT, { start: { line: 9, character: 0 }, end: { line: 12, character: 0 } }), '');
  });

  it('places a finding by its start: inclusive start, exclusive end', () => {
    const regions = [{ region: REGION }];
    assert.ok(regionOf(finding(1), regions));
    assert.ok(regionOf(finding(2), regions));
    assert.equal(regionOf(finding(3), regions), undefined);
    assert.equal(regionOf(finding(0), regions), undefined);
  });

  it('marks findings in unreviewed regions: suffix, raised severity, same id', () => {
    const regions = evaluateRegions(TEXT, [REGION], ledgerFor([]));
    assert.equal(regions[0].state, 'unreviewed');
    const [inside, outside] = applyPolicy([finding(1), finding(3)], regions, settings());
    assert.equal(inside.finding.message, 'Something is wrong. (in unreviewed paste code)');
    assert.equal(inside.finding.severity, 'error');
    assert.equal(inside.finding.id, 'f1');
    assert.deepEqual(inside.provenance, { regionId: 'r1', source: 'paste', state: 'unreviewed' });
    assert.equal(outside.finding.severity, 'warning');
    assert.equal(outside.provenance, undefined);
  });

  it('raises one level at a time and leaves errors at error', () => {
    const regions = evaluateRegions(TEXT, [REGION], ledgerFor([]));
    const sev = (s: Finding['severity']) => applyPolicy([finding(1, { severity: s })], regions, settings())[0].finding.severity;
    assert.deepEqual(['hint', 'info', 'warning', 'error'].map((s) => sev(s as Finding['severity'])), ['info', 'warning', 'error', 'error']);
  });

  it('marks findings in a low-confidence region as possibly assisted, without raising them', () => {
    const regions = evaluateRegions(TEXT, [{ ...REGION, source: 'agent', confidence: 'low' }], ledgerFor([]));
    const [inside] = applyPolicy([finding(1)], regions, settings());
    assert.equal(inside.finding.message, 'Something is wrong. (in unreviewed possibly agent code)');
    assert.equal(inside.finding.severity, 'warning');
    assert.deepEqual(inside.provenance, { regionId: 'r1', source: 'agent', state: 'unreviewed' });
  });

  it('keeps the severity when raiseSeverity is off', () => {
    const regions = evaluateRegions(TEXT, [REGION], ledgerFor([]));
    const [r] = applyPolicy([finding(1)], regions, settings({ raiseSeverity: false }));
    assert.equal(r.finding.severity, 'warning');
    assert.ok(r.provenance);
  });

  it('drops assisted-only rules (rule or family id) outside assisted regions only', () => {
    const unreviewed = evaluateRegions(TEXT, [REGION], ledgerFor([]));
    const byRule = applyPolicy([finding(1), finding(3)], unreviewed, settings({ assistedOnlyRules: ['some-rule'] }));
    assert.deepEqual(byRule.map((r) => r.finding.id), ['f1']);
    const byFamily = applyPolicy([finding(0), finding(2)], unreviewed, settings({ assistedOnlyRules: ['wrong-logic'] }));
    assert.deepEqual(byFamily.map((r) => r.finding.id), ['f2']);
    // Reviewed assisted code still runs them.
    const reviewed = evaluateRegions(TEXT, [REGION], ledgerFor([review(regionHash('const a = 1;\nconst b = 2;\n'))]));
    assert.deepEqual(applyPolicy([finding(1), finding(3)], reviewed, settings({ assistedOnlyRules: ['some-rule'] })).map((r) => r.finding.id), ['f1']);
  });

  it('returns reviewed regions to normal policy', () => {
    const regions = evaluateRegions(TEXT, [REGION], ledgerFor([review(regionHash('const a = 1;\r\nconst b = 2;  \n'))]));
    assert.equal(regions[0].state, 'reviewed');
    assert.equal(regions[0].review?.reviewer.name, 'Ada');
    const [r] = applyPolicy([finding(1)], regions, settings());
    assert.equal(r.finding.severity, 'warning');
    assert.equal(r.finding.message, 'Something is wrong.');
    assert.equal(r.provenance, undefined);
    assert.equal(r.region?.region.id, 'r1');
  });

  it('is stale once the reviewed text changes, and unreviewed policy applies again', () => {
    const entries = [review(regionHash('const a = 1;\nconst b = 2;\n'))];
    const changed = TEXT.replace('const b = 2;', 'const b = 3;');
    const regions = evaluateRegions(changed, [REGION], ledgerFor(entries));
    assert.equal(regions[0].state, 'stale');
    const [r] = applyPolicy([finding(1)], regions, settings());
    assert.deepEqual(r.provenance, { regionId: 'r1', source: 'paste', state: 'stale' });
    assert.equal(r.finding.severity, 'error');
    // Changing it back restores the review.
    assert.equal(evaluateRegions(TEXT, [REGION], ledgerFor(entries))[0].state, 'reviewed');
  });

  it('ignores reviews of other files', () => {
    const idx = indexLedger(parseLedger(chainEntries('', [review(regionHash('const a = 1;\nconst b = 2;\n'))]).join('\n')).entries, 'src/other.ts');
    assert.equal(evaluateRegions(TEXT, [REGION], idx)[0].state, 'unreviewed');
  });
});
