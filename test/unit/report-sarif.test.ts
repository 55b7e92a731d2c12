// SARIF output: valid against the official 2.1.0 schema, with the fields GitHub code scanning reads.
import assert from 'node:assert/strict';
import type * as Sarif from 'sarif';
import { formatReport } from '../../server/src/report';
import { FINGERPRINT_KEY, toSarifLog } from '../../server/src/report/sarif';
import { SAMPLE_ROOT, SAMPLE_RULES, sampleDocs, sampleScan } from './report-sample';
import { sarifErrors } from './sarif-schema';

describe('report: SARIF', () => {
  const log = JSON.parse(formatReport('sarif', sampleScan(false), SAMPLE_RULES, sampleDocs)) as Sarif.Log;
  const run = log.runs[0];
  const rules = run.tool.driver.rules ?? [];

  it('is valid SARIF 2.1.0', () => {
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(sarifErrors(log), []);
  });

  it('the schema check catches broken logs', () => {
    const broken = JSON.parse(JSON.stringify(log)) as Sarif.Log;
    (broken.runs[0].results![0] as unknown as Record<string, unknown>).level = 'fatal';
    assert.ok(sarifErrors(broken).length > 0);
    assert.ok(sarifErrors({ version: '2.1.0' }).length > 0);
  });

  it('a flow finding carries its path as a code flow and related locations', () => {
    const r = run.results!.find((x) => x.ruleId === 'reflected-xss')!;
    const steps = r.codeFlows?.[0].threadFlows[0].locations.map((l) => [l.location?.physicalLocation?.region?.startLine, l.location?.message?.text]);
    assert.deepEqual(steps, [[4, 'request input `req.params.id` enters here'], [4, 'reaches `res.send` <b>']]);
    assert.deepEqual(r.relatedLocations?.map((l) => l.id), [1, 2]);
    assert.equal(run.results!.find((x) => x.ruleId === 'aws-access-key-id')!.codeFlows, undefined);
  });

  it('describes the tool and every rule', () => {
    assert.equal(run.tool.driver.name, 'vouch');
    assert.ok(run.tool.driver.version);
    assert.deepEqual(rules.map((r) => r.id), [...SAMPLE_RULES.map((r) => r.id)].sort());
    for (const r of rules) {
      assert.ok(r.name && r.shortDescription?.text && r.fullDescription?.text, r.id);
      assert.ok(r.help?.text && r.help.markdown, r.id);
      assert.ok(r.defaultConfiguration?.level, r.id);
      assert.ok(['high', 'medium', 'low'].includes(r.properties?.precision as string), r.id);
    }
  });

  it('carries docs, family, CWE and security tags', () => {
    const aws = rules.find((r) => r.id === 'aws-access-key-id')!;
    assert.equal(aws.help?.markdown, sampleDocs('aws-access-key-id'));
    assert.match(aws.fullDescription!.text, /anyone/);
    assert.deepEqual(aws.properties?.tags, ['security', 'hardcoded-secret', 'external/cwe/cwe-798']);
    assert.equal(aws.properties?.precision, 'high');
    assert.equal(aws.defaultConfiguration?.level, 'error');
    assert.match(String(aws.properties?.['security-severity']), /^\d+(\.\d)?$/);
    const timeout = rules.find((r) => r.id === 'missing-timeout')!;
    assert.ok(!timeout.properties?.tags?.includes('security'));
    assert.equal(timeout.properties?.['security-severity'], undefined);
    assert.equal(timeout.defaultConfiguration?.level, 'note');
  });

  it('reports results with 1-based regions relative to %SRCROOT%', () => {
    const results = run.results ?? [];
    assert.equal(results.length, 5);
    const r = results.find((x) => x.ruleId === 'aws-access-key-id')!;
    assert.equal(rules[r.ruleIndex!].id, 'aws-access-key-id');
    assert.equal(r.level, 'error');
    assert.match(r.message.text!, /AWS access key/);
    const loc = r.locations![0].physicalLocation!;
    assert.deepEqual(loc.artifactLocation, { uri: 'src/app.js', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(loc.region, { startLine: 3, startColumn: 14, endLine: 3, endColumn: 34 });
    assert.ok(r.partialFingerprints?.[FINGERPRINT_KEY]);
    assert.equal(r.fixes?.[0].artifactChanges[0].replacements[0].insertedContent?.text, 'process.env.AWS_ACCESS_KEY_ID');
    assert.ok(run.originalUriBaseIds?.['%SRCROOT%'].uri?.startsWith('file://'));
    assert.ok(run.originalUriBaseIds?.['%SRCROOT%'].uri?.endsWith('/'));
    assert.ok(decodeURIComponent(run.originalUriBaseIds!['%SRCROOT%'].uri!).includes(SAMPLE_ROOT.split('\\').join('/').replace(/^[A-Z]:/i, '')));
  });

  it('keeps suppressed findings with their justification', () => {
    const sup = (run.results ?? []).filter((x) => x.suppressions?.length);
    assert.equal(sup.length, 1);
    assert.equal(sup[0].ruleId, 'sql-string-concat');
    assert.deepEqual(sup[0].suppressions, [{ kind: 'inSource', justification: 'trusted admin query' }]);
  });

  it('lists skipped files and detector errors as tool notifications', () => {
    const inv = run.invocations![0];
    assert.equal(inv.executionSuccessful, true);
    const notes = inv.toolExecutionNotifications ?? [];
    assert.ok(notes.some((n) => n.descriptor?.id === 'skipped-file' && n.locations?.[0].physicalLocation?.artifactLocation?.uri === 'assets/logo.js'));
    const err = notes.find((n) => n.descriptor?.id === 'detector-error')!;
    assert.equal(err.level, 'error');
    assert.equal(err.associatedRule?.id, 'missing-timeout');
    assert.equal(rules[err.associatedRule!.index!].id, 'missing-timeout');
  });

  it('encodes odd file names as URI references and stays valid', () => {
    const scan = sampleScan(false);
    scan.files[0].path = 'dir with space/ü#1.js';
    const odd = toSarifLog(scan, SAMPLE_RULES);
    assert.deepEqual(sarifErrors(odd), []);
    const uri = odd.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri!;
    assert.equal(uri, 'dir%20with%20space/%C3%BC%231.js');
  });

  it('gives findings of rules outside the catalogue a descriptor too', () => {
    const scan = sampleScan(false);
    scan.files[0].findings[0] = { ...scan.files[0].findings[0], ruleId: 'not-in-catalogue' };
    const odd = toSarifLog(scan, SAMPLE_RULES);
    assert.deepEqual(sarifErrors(odd), []);
    const r = odd.runs[0].results!.find((x) => x.ruleId === 'not-in-catalogue')!;
    assert.equal(odd.runs[0].tool.driver.rules![r.ruleIndex!].id, 'not-in-catalogue');
  });

  it('is valid for an empty scan', () => {
    const empty = toSarifLog({ root: SAMPLE_ROOT, files: [], fileCount: 0, skipped: [], durationMs: 0 }, []);
    assert.deepEqual(sarifErrors(empty), []);
    assert.deepEqual(empty.runs[0].results, []);
  });
});
