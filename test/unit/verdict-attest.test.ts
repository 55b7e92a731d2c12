// One verdict per change and its signed record: decided from findings on changed lines and unreviewed
// regions; signed with a throwaway SSH key by the real ssh-keygen; tampering with the statement, a
// subject file or the signer is reported precisely.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../server/src/core/types';
import { canonicalJson, parseStatement, signFile, statement, subjectProblems, subjectsOf, verifySignature, type VerdictPredicate } from '../../server/src/review/attest';
import type { EvaluatedRegion } from '../../server/src/review/policy';
import { decideVerdict, verdictSummary, type ChangedFile } from '../../server/src/review/verdict';

const finding = (line: number, severity: Finding['severity'] = 'error', ruleId = 'sql-injection'): Finding => ({
  id: `f${line}`, ruleId, family: 'missing-input-validation', severity, confidence: 'high', message: 'm',
  range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 5 } },
});
const region = (from: number, to: number, state: EvaluatedRegion['state'] = 'unreviewed'): EvaluatedRegion => ({
  region: { id: `r${from}`, source: 'agent', confidence: 'medium', time: 't', hash: 'h', range: { start: { line: from - 1, character: 0 }, end: { line: to - 1, character: 1 } } },
  state, lines: [from, to], currentHash: 'h',
});
const file = (over: Partial<ChangedFile>): ChangedFile => ({ path: 'src/a.ts', lines: new Set([10, 11]), findings: [], regions: [], ...over });

describe('verdict: one result per change', () => {
  it('fails on an error on a changed line, not on one elsewhere in the file', () => {
    assert.equal(decideVerdict([file({ findings: [finding(10)] })]).verdict, 'fail');
    const outside = decideVerdict([file({ findings: [finding(30)] })]);
    assert.equal(outside.verdict, 'pass');
    assert.deepEqual(outside.findings, []);
    assert.equal(decideVerdict([file({ lines: 'all', findings: [finding(30)] })]).verdict, 'fail', 'a new file is changed everywhere');
  });

  it('needs review for unreviewed or stale assisted code the change touches; reviewed code passes', () => {
    assert.equal(decideVerdict([file({ regions: [region(9, 12)] })]).verdict, 'needs-review');
    assert.match(decideVerdict([file({ regions: [region(9, 12, 'stale')] })]).reasons[0], /changed since its review/);
    assert.equal(decideVerdict([file({ regions: [region(9, 12, 'reviewed')] })]).verdict, 'pass');
    assert.equal(decideVerdict([file({ regions: [region(40, 50)] })]).verdict, 'pass', 'a region the change does not touch');
    assert.equal(decideVerdict([file({ regions: [region(9, 12)] })], { failOn: ['error'], unreviewedNeedsReview: false, alwaysReview: [] }).verdict, 'pass');
  });

  it('applies per-path policy and the failOn severities; fail beats needs review', () => {
    const infra = file({ path: 'infra/main.tf' });
    assert.equal(decideVerdict([infra], { failOn: ['error'], unreviewedNeedsReview: true, alwaysReview: ['infra/**'] }).verdict, 'needs-review');
    assert.equal(decideVerdict([{ ...infra, reviewed: true }], { failOn: ['error'], unreviewedNeedsReview: true, alwaysReview: ['infra/**'] }).verdict, 'pass');
    assert.equal(decideVerdict([file({ findings: [finding(10, 'warning')] })]).verdict, 'pass');
    assert.equal(decideVerdict([file({ findings: [finding(10, 'warning')] })], { failOn: ['error', 'warning'], unreviewedNeedsReview: true, alwaysReview: [] }).verdict, 'fail');
    const both = decideVerdict([file({ findings: [finding(10)], regions: [region(9, 12)] })]);
    assert.equal(both.verdict, 'fail');
    assert.deepEqual(both.reasons, ['fails: src/a.ts:10 error sql-injection', 'needs review: src/a.ts:9-12 unreviewed agent code']);
    assert.deepEqual(both.findingsByRule, { 'sql-injection': 1 });
    assert.match(verdictSummary(both, 1), /^FAIL: 1 changed file, 1 finding on changed lines, 1 unreviewed assisted region in the change/);
  });
});

describe('attestation: an in-toto statement signed with the person\'s SSH key', () => {
  let dir: string;
  let key: string;
  let allowed: string;
  const predicate: VerdictPredicate = {
    verdict: 'pass', reasons: [], tool: { name: 'vouch', version: '0.0.0-test' }, rulesDigest: 'a'.repeat(64), policyDigest: 'b'.repeat(64),
    findingsByRule: {}, reviews: [], unreviewedRegions: 0, ledgerHead: '', time: '2026-12-05T00:00:00.000Z',
  };
  before(function () {
    // ssh-keygen is a test tool here (CI installs openssh-client); say so instead of failing obscurely.
    try {
      execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        console.warn('    ssh-keygen not found: install openssh-client to run the signature tests');
        this.skip();
      }
    }
    dir = mkdtempSync(join(tmpdir(), 'vouch-attest-'));
    key = join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice', '-f', key]);
    allowed = join(dir, 'allowed_signers');
    writeFileSync(allowed, `alice@example.com ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
    writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('signs canonical bytes and verifies the signer, the statement and its subjects', () => {
    const st = statement(subjectsOf(dir, ['a.ts']), predicate);
    const file = join(dir, 'verdict.intoto.json');
    writeFileSync(file, canonicalJson(st));
    const sig = signFile(file, key);
    assert.deepEqual(verifySignature(readFileSync(file), sig, allowed), { signer: 'alice@example.com' });
    const parsed = parseStatement(readFileSync(file, 'utf8'));
    assert.ok(parsed.statement, parsed.problem);
    assert.deepEqual(subjectProblems(dir, parsed.statement.subject), []);
    assert.equal(canonicalJson(JSON.parse(readFileSync(file, 'utf8'))), readFileSync(file, 'utf8'), 'canonical form is stable');
  });

  it('reports a changed statement, a changed or missing subject, and a signer not allowed', () => {
    const file = join(dir, 'v2.intoto.json');
    writeFileSync(file, canonicalJson(statement(subjectsOf(dir, ['a.ts']), predicate)));
    const sig = signFile(file, key);
    const forged = readFileSync(file, 'utf8').replace('"pass"', '"fail"');
    assert.match(verifySignature(Buffer.from(forged), sig, allowed).problem ?? '', /changed after signing/);

    writeFileSync(join(dir, 'a.ts'), 'export const a = 2;\n');
    const st = parseStatement(readFileSync(file, 'utf8')).statement!;
    assert.match(subjectProblems(dir, st.subject)[0], /^a\.ts: changed since the verdict/);
    rmSync(join(dir, 'a.ts'));
    assert.match(subjectProblems(dir, st.subject)[0], /^a\.ts: missing from the working tree/);
    writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');

    const other = join(dir, 'other_signers');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'mallory', '-f', join(dir, 'mallory')]);
    writeFileSync(other, `mallory@example.com ${readFileSync(join(dir, 'mallory.pub'), 'utf8').trim()}\n`);
    assert.match(verifySignature(readFileSync(file), sig, other).problem ?? '', /by no one in/);
  });

  it('says precisely what is wrong with a statement file', () => {
    assert.match(parseStatement('{').problem ?? '', /not JSON/);
    assert.match(parseStatement('{"_type":"x"}').problem ?? '', /not an in-toto Statement v1/);
    const st = statement([{ name: 'a.ts', digest: { sha256: 'zz' } }], predicate);
    assert.match(parseStatement(JSON.stringify(st)).problem ?? '', /subjects are malformed/);
  });
});
