// Signed reviews through the built CLI: entries signed with the reviewer's SSH key (the editor's
// signer), `vouch verify --allowed-signers` names each signer; a signature by someone else, a name
// that is not the signer's, an edited entry and (with --require-signatures) an unsigned one do not hold.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appendEntries, type NewEntry } from '../../server/src/review/ledger';
import { sshEntrySigner } from '../../server/src/review/signed-entries';
import { canonicalJson, signFile, statement, subjectsOf, type VerdictPredicate } from '../../server/src/review/attest';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');

function vouch(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 90_000, env: { ...process.env, VOUCH_TEST_FAULTS: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: signed reviews and signed verdicts (vouch verify --allowed-signers)', function () {
  this.timeout(120_000);
  let dir: string;
  let allowed: string;
  const key = (name: string) => join(dir, 'keys', name);
  const entry = (over: Partial<NewEntry> = {}): NewEntry => ({
    file: 'src/a.js', regionId: 'r1', lines: [1, 2], hash: 'a'.repeat(64), source: 'agent',
    reviewer: { name: 'Alice', email: 'alice@example.com' }, time: '2026-12-05T00:00:00.000Z', findings: [], ...over,
  });
  const ledger = () => join(dir, '.vouch', 'reviews.jsonl');

  before(function () {
    try {
      execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') this.skip();
    }
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit', timeout: 240_000 });
    dir = mkdtempSync(join(tmpdir(), 'vouch-signed-'));
    mkdirSync(join(dir, 'keys'));
    mkdirSync(join(dir, 'src'));
    for (const who of ['alice', 'bob']) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', who, '-f', key(who)]);
    allowed = join(dir, 'allowed_signers');
    writeFileSync(allowed, ['alice', 'bob'].map((who) => `${who}@example.com ${readFileSync(`${key(who)}.pub`, 'utf8').trim()}`).join('\n') + '\n');
    writeFileSync(join(dir, 'src', 'a.js'), 'module.exports = 1;\n');
  });
  beforeEach(() => rmSync(join(dir, '.vouch'), { recursive: true, force: true }));
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('a signed review holds and names its signer', () => {
    appendEntries(ledger(), [entry()], sshEntrySigner(key('alice')));
    const line = JSON.parse(readFileSync(ledger(), 'utf8').trim());
    assert.match(line.sig, /^-----BEGIN SSH SIGNATURE-----/);
    const v = vouch(['verify', '--allowed-signers', allowed], dir);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /^signed: review of src\/a\.js:1-2 by Alice \(alice@example\.com\)$/m);
  });

  it('a review signed by someone else than the named reviewer does not hold', () => {
    appendEntries(ledger(), [entry()], sshEntrySigner(key('bob')));
    const v = vouch(['verify', '--allowed-signers', allowed], dir);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /does not hold: review of src\/a\.js:1-2 by Alice: signed by bob@example\.com, but the entry names alice@example\.com/);
  });

  it('an entry edited after signing (re-chained, so only the signature can tell) does not hold', () => {
    appendEntries(ledger(), [entry()], sshEntrySigner(key('alice')));
    const signed = JSON.parse(readFileSync(ledger(), 'utf8').trim());
    writeFileSync(ledger(), JSON.stringify({ ...signed, lines: [1, 40], sig: signed.sig }) + '\n');
    const v = vouch(['verify', '--allowed-signers', allowed], dir);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /does not hold: review of src\/a\.js:1-40 by Alice: the signature does not match/);
  });

  it('unsigned reviews hold unless --require-signatures; signatures need --allowed-signers', () => {
    appendEntries(ledger(), [entry()]);
    assert.equal(vouch(['verify', '--allowed-signers', allowed], dir).code, 0);
    const strict = vouch(['verify', '--allowed-signers', allowed, '--require-signatures'], dir);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /does not hold: review of src\/a\.js:1-2 by Alice: not signed/);
    assert.equal(vouch(['verify', '--require-signatures'], dir).code, 2);
  });

  it('a signed verdict statement: signature and subjects checked; a changed subject or statement is named', () => {
    const predicate: VerdictPredicate = {
      verdict: 'pass', reasons: [], tool: { name: 'vouch', version: 'test' }, rulesDigest: 'a'.repeat(64), policyDigest: 'b'.repeat(64),
      findingsByRule: {}, reviews: [], unreviewedRegions: 0, ledgerHead: '', time: '2026-12-05T00:00:00.000Z',
    };
    const file = join(dir, 'verdict.intoto.json');
    writeFileSync(file, canonicalJson(statement(subjectsOf(dir, ['src/a.js']), predicate)));
    signFile(file, key('alice'));
    const ok = vouch(['verify', file, '--allowed-signers', allowed], dir);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /statement signed by alice@example\.com/);
    writeFileSync(join(dir, 'src', 'a.js'), 'module.exports = 2;\n');
    const changed = vouch(['verify', file, '--allowed-signers', allowed], dir);
    assert.equal(changed.code, 1);
    assert.match(changed.stdout, /does not hold: src\/a\.js: changed since the verdict/);
    writeFileSync(join(dir, 'src', 'a.js'), 'module.exports = 1;\n');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"pass"', '"fail"'));
    assert.match(vouch(['verify', file, '--allowed-signers', allowed], dir).stdout, /does not hold: verdict\.intoto\.json: the signature does not match the statement/);
  });
});
