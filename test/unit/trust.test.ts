import assert from 'node:assert/strict';
import { trustScore, type TrustInput } from '../../server/src/core/trust';

describe('trustScore', () => {
  const f = (severity: 'error' | 'warning' | 'info' | 'hint', unreviewed = false) => ({ severity, unreviewed });
  const table: Array<[string, TrustInput, number]> = [
    ['no assisted code, no findings', { totalLines: 100, assistedLines: 0, unreviewedLines: 0, findings: [] }, 100],
    ['all assisted, unreviewed', { totalLines: 10, assistedLines: 10, unreviewedLines: 10, findings: [] }, 45],
    ['all assisted, reviewed', { totalLines: 10, assistedLines: 10, unreviewedLines: 0, findings: [] }, 85],
    ['half assisted, half of that unreviewed', { totalLines: 100, assistedLines: 50, unreviewedLines: 25, findings: [] }, 83],
    ['one error outside regions', { totalLines: 100, assistedLines: 0, unreviewedLines: 0, findings: [f('error')] }, 85],
    ['one error in unreviewed code counts double', { totalLines: 100, assistedLines: 10, unreviewedLines: 10, findings: [f('error', true)] }, 100 - 4 - 1.5 - 30],
    ['warnings, infos and hints', { totalLines: 100, assistedLines: 0, unreviewedLines: 0, findings: [f('warning'), f('info'), f('hint')] }, 94],
    ['finding penalty capped at 45', { totalLines: 100, assistedLines: 0, unreviewedLines: 0, findings: Array(10).fill(f('error')) }, 55],
    ['worst case floors at 0', { totalLines: 10, assistedLines: 10, unreviewedLines: 10, findings: Array(10).fill(f('error', true)) }, 0],
    ['empty file', { totalLines: 0, assistedLines: 0, unreviewedLines: 0, findings: [] }, 100],
  ];
  for (const [name, input, expected] of table) {
    it(name, () => assert.equal(trustScore(input), Math.round(expected)));
  }

  it('stays an integer in 0–100 for odd inputs', () => {
    const s = trustScore({ totalLines: 3, assistedLines: 7, unreviewedLines: 9, findings: [] });
    assert.ok(Number.isInteger(s) && s >= 0 && s <= 100);
  });
});
