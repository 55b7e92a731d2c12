// What "Show Details" of the editor's verdict lists (client/src/verdict-items.ts): what fails the
// change first, then what needs a review, then the rest; a breaking change's callers follow it.
import assert from 'node:assert/strict';
import { verdictHeadline, verdictItems } from '../../client/src/verdict-items';
import type { VerdictReport } from '../../server/src/protocol';

const report: VerdictReport = {
  verdict: 'fail', rootUri: 'file:///ws', baseline: 'HEAD (1a2b3c4d)', files: ['src/a.js', 'src/date.ts', 'infra/main.tf'], summary: '',
  reasons: [
    'fails: src/date.ts:1 error breaking-change',
    'needs review: src/a.js:4-6 unreviewed agent code',
    'needs review: infra/main.tf changed and "infra/**" always needs a review',
  ],
  findings: [
    { path: 'src/a.js', line: 5, column: 3, ruleId: 'weak-hash', severity: 'warning', message: 'MD5 is broken.' },
    { path: 'src/date.ts', line: 1, column: 17, ruleId: 'breaking-change', severity: 'error', message: 'formatDate now requires locale.', reach: [{ path: 'src/header.ts', line: 2, message: 'passes 1 argument' }] },
  ],
  unreviewed: [{ path: 'src/a.js', lines: [4, 6], source: 'agent' }],
  findingsByRule: { 'weak-hash': 1, 'breaking-change': 1 },
};

describe('client: the verdict details', () => {
  it('groups reasons by what they do to the change, each with the place it opens', () => {
    assert.deepEqual(verdictItems(report).map((i) => [i.group, i.label, i.place && `${i.place.path}:${i.place.line}:${i.place.column}`]), [
      ['fails', 'src/date.ts:1', 'src/date.ts:1:17'],
      ['fails', '↳ src/header.ts:2', 'src/header.ts:2:1'],
      ['review', 'src/a.js:4-6', 'src/a.js:4:1'],
      ['review', 'infra/main.tf', 'infra/main.tf:1:1'],
      ['other', 'src/a.js:5', 'src/a.js:5:3'],
    ]);
  });

  it('says the verdict and its counts in one sentence', () => {
    assert.equal(verdictHeadline(report), 'Vouch: your change fails (3 changed files, 2 findings on changed lines, 1 unreviewed assisted region; against HEAD (1a2b3c4d)).');
    assert.deepEqual(verdictItems({ ...report, verdict: 'pass', reasons: [], findings: [], unreviewed: [] }), []);
  });
});
