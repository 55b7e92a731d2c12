// `vouch verdict` on real temporary repositories: pass, needs review, fail, per-path policy; then a
// signed statement verified by `vouch verify` and tampered with (a subject, the statement, the ledger).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { regionHash } from '../../server/src/core/region-hash';
import { appendEntries } from '../../server/src/review/ledger';
import { tempRepo, type TempRepo } from '../fixtures/git-repo';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');

function vouch(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd, encoding: 'utf8', timeout: 120_000,
    env: { ...process.env, VOUCH_TEST_FAULTS: '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SAFE = "export function add(a, b) {\n  return a + b;\n}\n";
const HANDLER = "const express = require('express');\nconst app = express();\napp.get('/f', (req, res) => {\n  require('child_process').exec('cat ' + req.query.name);\n  res.send('ok');\n});\n";

describe('cli: vouch verdict (one result per change) and its signed record', function () {
  this.timeout(300_000);
  let repo: TempRepo;
  beforeEach(() => {
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit', timeout: 240_000 });
    repo = tempRepo({ 'src/math.js': SAFE, 'src/old.js': HANDLER, 'package.json': '{"name":"app","dependencies":{"express":"4.21.0"}}\n' });
  });
  afterEach(() => repo.remove());

  it('passes a clean change, and a change next to (not on) an existing flaw', () => {
    repo.write({ 'src/math.js': SAFE + "export const sub = (a, b) => a - b;\n" });
    const r = vouch(['verdict', '--offline'], repo.dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^PASS: 1 changed file, 0 findings on changed lines, 0 unreviewed assisted regions in the change/);
    repo.write({ 'src/old.js': HANDLER + '// touched\n' });
    assert.equal(vouch(['verdict', '--offline'], repo.dir).code, 0, 'the old flaw is not on a changed line');
  });

  it('fails on a flaw on a changed line; --json carries the findings', () => {
    repo.write({ 'src/new.js': HANDLER });
    const json = join(repo.dir, 'verdict.json');
    const r = vouch(['verdict', '--offline', '--json', json], repo.dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^FAIL: 1 changed file, 1 finding on changed lines/);
    assert.match(r.stdout, /fails: src\/new\.js:4 error command-injection/);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(out.verdict, 'fail');
    assert.deepEqual(out.files, ['src/new.js']);
    assert.deepEqual(out.findingsByRule, { 'command-injection': 1 });
  });

  it('needs review for unreviewed assisted code in the change, passes once reviewed; alwaysReview paths', () => {
    const line = "export const mul = (a, b) => a * b;\n";
    repo.write({ 'src/math.js': SAFE + line });
    mkdirSync(join(repo.dir, '.vouch'), { recursive: true });
    writeFileSync(join(repo.dir, '.vouch', 'provenance.json'), JSON.stringify({
      'src/math.js': [{ id: 'r1', source: 'agent', confidence: 'medium', time: '2026-12-05T00:00:00.000Z', hash: regionHash(line), range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } } }],
    }));
    const r = vouch(['verdict', '--offline'], repo.dir);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /needs review: src\/math\.js:4-4 unreviewed agent code/);
    appendEntries(join(repo.dir, '.vouch', 'reviews.jsonl'), [{ file: 'src/math.js', regionId: 'r1', lines: [4, 4], hash: regionHash(line), source: 'agent', reviewer: { name: 'Ada' }, time: new Date().toISOString(), findings: [] }]);
    assert.equal(vouch(['verdict', '--offline'], repo.dir).code, 0);

    writeFileSync(join(repo.dir, '.vouch.json'), JSON.stringify({ verdict: { alwaysReview: ['infra/**'] } }));
    repo.write({ 'infra/main.tf': 'resource "null_resource" "x" {}\n' });
    const infra = vouch(['verdict', '--offline'], repo.dir);
    assert.equal(infra.code, 3, infra.stdout);
    assert.match(infra.stdout, /needs review: infra\/main\.tf changed and "infra\/\*\*" always needs a review/);
  });

  it('--attest signs an in-toto statement that vouch verify checks; a changed subject or statement is reported', function () {
    try {
      execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') this.skip();
    }
    const key = join(repo.dir, '..', `${repo.dir.split('/').pop()}-key`);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dev', '-f', key]);
    const allowed = `${key}.allowed`;
    writeFileSync(allowed, `dev@example.com ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
    repo.write({ 'src/math.js': SAFE + "export const sub = (a, b) => a - b;\n" });
    const statementFile = join(repo.dir, '..', `${repo.dir.split('/').pop()}-verdict.intoto.json`);
    const r = vouch(['verdict', '--offline', '--attest', statementFile, '--key', key], repo.dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const st = JSON.parse(readFileSync(statementFile, 'utf8'));
    assert.equal(st._type, 'https://in-toto.io/Statement/v1');
    assert.deepEqual(st.subject.map((s: { name: string }) => s.name), ['src/math.js']);
    assert.equal(st.predicate.verdict, 'pass');
    assert.match(st.predicate.rulesDigest, /^[0-9a-f]{64}$/);
    const ok = vouch(['verify', statementFile, '--allowed-signers', allowed], repo.dir);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /statement signed by dev@example\.com/);

    repo.write({ 'src/math.js': SAFE });
    assert.match(vouch(['verify', statementFile, '--allowed-signers', allowed], repo.dir).stdout, /does not hold: src\/math\.js: changed since the verdict/);
    repo.write({ 'src/math.js': SAFE + "export const sub = (a, b) => a - b;\n" });
    writeFileSync(statementFile, readFileSync(statementFile, 'utf8').replace('"verdict": "pass"', '"verdict": "fail"'));
    assert.match(vouch(['verify', statementFile, '--allowed-signers', allowed], repo.dir).stdout, /the signature does not match the statement/);
    // The ledger too: a hand-edited line breaks the chain, and verify says so alongside the statement.
    mkdirSync(join(repo.dir, '.vouch'), { recursive: true });
    writeFileSync(join(repo.dir, '.vouch', 'reviews.jsonl'), '{"not":"a ledger entry"}\n');
    assert.match(vouch(['verify', statementFile, '--allowed-signers', allowed], repo.dir).stdout, /does not hold: reviews\.jsonl line 1/);
  });

  it('usage and baseline errors exit 2 with a message', () => {
    const bad = vouch(['verdict', '--baseline', 'no-such-rev'], repo.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no-such-rev/);
    assert.equal(vouch(['verdict', '--key', 'k'], repo.dir).code, 2);
    assert.match(vouch(['verdict', '--help'], repo.dir).stdout, /Exit codes: 0 pass, 1 fail, 3 needs review/);
  });
});
