// Markdown report: summary tables, findings by file with line links and snippets, hostile text escaped.
import assert from 'node:assert/strict';
import { formatReport } from '../../server/src/report';
import { mdEscape } from '../../server/src/report/markdown';
import { SAMPLE_RULES, sampleDocs, sampleScan } from './report-sample';

describe('report: Markdown', () => {
  const md = formatReport('markdown', sampleScan(), SAMPLE_RULES, sampleDocs);
  const section = (title: string): string => {
    const start = md.indexOf(`## ${title}`);
    assert.ok(start >= 0, `section ${title}`);
    const next = md.indexOf('\n## ', start + 3);
    return md.slice(start, next === -1 ? undefined : next);
  };

  it('opens with counts and summary tables by severity and family', () => {
    assert.match(md, /^# Vouch report\n/);
    assert.match(md, /\*\*4 findings\*\*, 1 suppressed, 2 skipped files/);
    const summary = section('Summary');
    assert.match(summary, /\| error \| 2 \|/);
    assert.match(summary, /\| warning \| 1 \|/);
    assert.match(summary, /\| info \| 1 \|/);
    assert.match(summary, /\| suppressed \| 1 \|/);
    assert.match(summary, /\| missing-input-validation \| 1 \|/);
    assert.match(summary, /\| hardcoded-secret \| 1 \|/);
  });

  it('groups findings by file with line links, rule, severity and a snippet', () => {
    const findings = section('Findings');
    assert.ok(findings.indexOf('### `lib/fetch.py` (2)') < findings.indexOf('### `src/app.js` (2)'));
    assert.match(findings, /\*\*error\*\* · \[`tls-verify-disabled`\]\([^)]*tls-verify-disabled\.md\) · \[lib\/fetch\.py:4:32\]\(lib\/fetch\.py#L4\)/);
    assert.match(findings, /```python\n {2}3 \| def fetch\(url\):\n {2}4 > {5}return requests\.get/);
    assert.doesNotMatch(findings, /\[`sql-string-concat`\]/, 'suppressed findings are not in the main list');
  });

  it('masks secrets in snippets, also where they are only context of another finding', () => {
    assert.doesNotMatch(md, /AKIAZ3MSJV2KD7QX4N5P/);
    assert.match(md, /AKIA•+5P/);
  });

  it('escapes message text and keeps snippet text fenced', () => {
    assert.match(md, /User input reaches &lt;script\\>alert\(1\)&lt;\/script\\> \\\| unescaped \\`html\\` output\./);
    // The raw snippet (with its backticks) sits inside a fence longer than any backtick run in it.
    assert.match(md, /```js\n[^]*res\.send\(`<script>/);
  });

  it('counts suppressed findings with their reasons and lists skipped files and notices', () => {
    assert.match(section('Suppressed findings (1)'), /\| \[src\/app\.js\]\(src\/app\.js#L6\) \| 6 \| `sql-string-concat` \| trusted admin query \|/);
    const skipped = section('Skipped files (2)');
    assert.match(skipped, /- `assets\/logo\.js` — file looks binary/);
    assert.match(skipped, /- ``dir with space\/x`y\.js`` — file is not valid UTF-8/);
    assert.match(section('Notices (1)'), /boom &lt;b\\>/);
  });

  it('links each rule that fired to its docs', () => {
    const rules = section('Rules');
    assert.match(rules, /- \[`aws-access-key-id`\]\(https:\/\/[^)]+\/aws-access-key-id\.md\) — AWS access key ID/);
    assert.doesNotMatch(rules, /unused-rule/);
  });

  it('says so when there is nothing to report', () => {
    const empty = formatReport('markdown', { root: '.', files: [], fileCount: 3, skipped: [], durationMs: 5 }, SAMPLE_RULES);
    assert.match(empty, /No findings\./);
    assert.doesNotMatch(empty, /## Skipped/);
  });

  it('mdEscape neutralises Markdown and HTML syntax', () => {
    assert.equal(mdEscape('a|b *c* <i>`x`</i>\nnext'), 'a\\|b \\*c\\* &lt;i\\>\\`x\\`&lt;/i\\> next');
  });
});
