// The JSON report shape is a contract for CI scripts: these keys and their meaning must not change.
import assert from 'node:assert/strict';
import { formatReport } from '../../server/src/report';
import { SAMPLE_RULES, sampleScan } from './report-sample';

describe('report: JSON contract', () => {
  const report = JSON.parse(formatReport('json', sampleScan(), SAMPLE_RULES)) as Record<string, unknown>;

  it('has tool, files, durationMs and findings at the top level', () => {
    assert.equal((report.tool as { name: string }).name, 'vouch');
    assert.equal(typeof (report.tool as { version: string }).version, 'string');
    assert.equal(report.files, 4);
    assert.equal(report.durationMs, 1234);
    assert.ok(Array.isArray(report.findings));
  });

  it('lists unsuppressed findings with 1-based positions and forward-slash relative paths', () => {
    const findings = report.findings as Array<Record<string, unknown>>;
    assert.equal(findings.length, 4);
    const aws = findings.find((f) => f.ruleId === 'aws-access-key-id')!;
    for (const key of ['ruleId', 'family', 'severity', 'confidence', 'file', 'line', 'column', 'endLine', 'endColumn', 'message']) {
      assert.ok(key in aws, key);
    }
    assert.deepEqual(
      { file: aws.file, line: aws.line, column: aws.column, endLine: aws.endLine, endColumn: aws.endColumn, family: aws.family, severity: aws.severity, confidence: aws.confidence },
      { file: 'src/app.js', line: 3, column: 14, endLine: 3, endColumn: 34, family: 'hardcoded-secret', severity: 'error', confidence: 'high' },
    );
    assert.ok(!findings.some((f) => f.ruleId === 'sql-string-concat'), 'suppressed findings are counted, not listed');
    assert.equal(report.suppressed, 1);
  });

  it('gives flow findings their path as `related` steps (1-based), others none', () => {
    const findings = report.findings as Array<Record<string, unknown>>;
    assert.deepEqual(findings.find((f) => f.ruleId === 'reflected-xss')!.related, [
      { file: 'src/app.js', line: 4, column: 69, message: 'request input `req.params.id` enters here' },
      { file: 'src/app.js', line: 4, column: 46, message: 'reaches `res.send` <b>' },
    ]);
    assert.equal(findings.find((f) => f.ruleId === 'aws-access-key-id')!.related, undefined);
  });

  it('carries skipped files and notices as extra keys', () => {
    assert.deepEqual((report.skipped as Array<{ path: string }>).map((s) => s.path), ['assets/logo.js', 'dir with space/x`y.js']);
    assert.deepEqual(report.notices, ['Detector missing-timeout failed on lib/fetch.py: boom <b>']);
  });
});
