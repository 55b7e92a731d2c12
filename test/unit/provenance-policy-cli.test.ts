// `vouch scan` with provenance: coverage in every format, provenance on findings, --fail-on-unreviewed;
// forged, broken, truncated and re-chained ledgers and removed regions (`vouch verify`).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { regionHash } from '../../server/src/core/region-hash';
import type { ProvenanceRegion } from '../../server/src/protocol';
import { appendEntries, chainEntries, lineHash, type NewEntry } from '../../server/src/review/ledger';
import { recordRegions } from '../../server/src/review/provenance-record';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');
const KEY_LINE = 'const key = "AKIAZ3MSJV2KD7QX4N5P";\n';

function newest(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n = Math.max(n, e.isDirectory() ? newest(p) : /\.(ts|json)$/.test(e.name) ? statSync(p).mtimeMs : 0);
  }
  return n;
}

function ensureBuilt(): void {
  const sources = Math.max(...['cli/src', 'server/src', 'rules'].map((d) => newest(join(REPO, d))));
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= sources) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit', timeout: 240_000 });
}

function vouch(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 90_000, env: { ...process.env, VOUCH_TEST_FAULTS: '' } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const region = (id: string, line: number, lines: number, text: string): ProvenanceRegion => ({
  id, source: 'completion', confidence: 'medium', time: '2025-01-01T00:00:00.000Z',
  range: { start: { line, character: 0 }, end: { line: line + lines, character: 0 } }, hash: regionHash(text),
});

describe('cli: vouch scan with provenance', function () {
  this.timeout(180_000);
  let dir: string;
  const TEXT = `// settings\n${KEY_LINE}export const port = 8080;\n`;
  const OTHER = 'export const a = 1;\nexport const b = 2;\n';

  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vouch-prov-cli-'));
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, '.vouch'));
    writeFileSync(join(dir, 'src', 'keys.js'), TEXT);
    writeFileSync(join(dir, 'src', 'other.js'), OTHER);
    writeFileSync(join(dir, '.vouch', 'provenance.json'), JSON.stringify({
      'src/keys.js': [region('k1', 1, 1, KEY_LINE)],
      'src/other.js': [region('o1', 0, 2, OTHER)],
    }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('JSON: findings in regions carry provenance; per-file and total coverage', () => {
    const r = vouch(['scan', '--offline', '--quiet', '--fail-on', 'never', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const f = out.findings.find((x: { ruleId: string }) => x.ruleId === 'aws-access-key-id');
    assert.deepEqual(f.provenance, { regionId: 'k1', source: 'completion', state: 'unreviewed' });
    assert.equal(f.severity, 'error');
    assert.equal(out.provenance.assistedLines, 3);
    assert.equal(out.provenance.unreviewedLines, 3);
    assert.equal(out.provenance.reviewedLines, 0);
    assert.equal(out.provenance.regions, 2);
    assert.equal(out.provenance.reviewCoverage, 0);
    const files = Object.fromEntries(out.provenance.files.map((x: { file: string }) => [x.file, x]));
    assert.equal(files['src/keys.js'].assistedLines, 1);
    assert.equal(files['src/other.js'].assistedLines, 2);
  });

  it('--fail-on-unreviewed exits 1 while the error is in unreviewed assisted code', () => {
    const r = vouch(['scan', '--offline', '--quiet', '--fail-on', 'never', '--fail-on-unreviewed'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /unreviewed assisted code/);
  });

  it('SARIF and Markdown carry provenance and coverage', () => {
    const s = JSON.parse(vouch(['scan', '--offline', '--quiet', '--fail-on', 'never', '--format', 'sarif'], dir).stdout);
    const res = s.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'aws-access-key-id');
    assert.deepEqual(res.properties.provenance, { regionId: 'k1', source: 'completion', state: 'unreviewed' });
    assert.equal(s.runs[0].properties.reviewCoverage, 0);
    const md = vouch(['scan', '--offline', '--quiet', '--fail-on', 'never', '--format', 'markdown'], dir).stdout;
    assert.match(md, /\*\*Review coverage:\*\* 0% of 3 assisted lines reviewed/);
    assert.match(md, /src\/other\.js.*review coverage: 0% of 2 assisted lines/);
    const html = vouch(['scan', '--offline', '--quiet', '--fail-on', 'never', '--format', 'html'], dir).stdout;
    assert.match(html, /Review coverage: 0% of 3 assisted lines reviewed/);
  });

  it('after a review, the finding is reviewed, coverage rises and --fail-on-unreviewed passes', () => {
    appendEntries(join(dir, '.vouch', 'reviews.jsonl'), [{
      file: 'src/keys.js', regionId: 'k1', lines: [2, 2], hash: regionHash(KEY_LINE), source: 'completion',
      reviewer: { name: 'Ada' }, time: '2025-01-02T00:00:00.000Z', findings: [],
    }]);
    const out = JSON.parse(vouch(['scan', '--offline', '--quiet', '--fail-on', 'never'], dir).stdout);
    const f = out.findings.find((x: { ruleId: string }) => x.ruleId === 'aws-access-key-id');
    assert.equal(f.provenance.state, 'reviewed');
    assert.equal(out.provenance.reviewedLines, 1);
    assert.equal(out.provenance.reviewCoverage, 0.333);
    assert.equal(vouch(['scan', '--offline', '--quiet', '--fail-on', 'never', '--fail-on-unreviewed'], dir).code, 0);
  });

  it('a changed region is stale: --fail-on-unreviewed fails again', () => {
    writeFileSync(join(dir, 'src', 'keys.js'), TEXT.replace('";', '"; // edited'));
    const out = JSON.parse(vouch(['scan', '--offline', '--quiet', '--fail-on', 'never'], dir).stdout);
    assert.equal(out.findings.find((x: { ruleId: string }) => x.ruleId === 'aws-access-key-id').provenance.state, 'stale');
    assert.equal(vouch(['scan', '--offline', '--quiet', '--fail-on', 'never', '--fail-on-unreviewed'], dir).code, 1);
  });

  it('a project without provenance reports zero assisted code and full coverage', () => {
    const plain = mkdtempSync(join(tmpdir(), 'vouch-prov-none-'));
    try {
      writeFileSync(join(plain, 'a.js'), KEY_LINE);
      const out = JSON.parse(vouch(['scan', '--offline', '--quiet', '--fail-on', 'never'], plain).stdout);
      assert.equal(out.findings[0].provenance, undefined);
      assert.deepEqual(out.provenance, { assistedLines: 0, unreviewedLines: 0, reviewedLines: 0, regions: 0, reviewCoverage: 1, files: [], record: { holds: true, problems: [], head: '' } });
      assert.equal(vouch(['scan', '--offline', '--quiet', '--fail-on', 'never', '--fail-on-unreviewed'], plain).code, 0);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('cli: reviews that do not count (issue 7)', function () {
  this.timeout(180_000);
  let dir: string;
  const ledger = () => join(dir, '.vouch', 'reviews.jsonl');
  const reviewK1 = (extra: Partial<NewEntry> = {}): NewEntry => ({
    file: 'src/keys.js', regionId: 'k1', lines: [1, 1], hash: regionHash(KEY_LINE), source: 'completion',
    reviewer: { name: 'Ada' }, time: '2025-01-02T00:00:00.000Z', findings: [], ...extra,
  });
  const scanArgs = ['scan', '--offline', '--quiet', '--fail-on', 'never', '--fail-on-unreviewed'];

  before(() => ensureBuilt());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-forge-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'keys.js'), KEY_LINE);
    recordRegions(ledger(), 'src/keys.js', [region('k1', 0, 1, KEY_LINE)]);
    writeFileSync(join(dir, '.vouch', 'provenance.json'), JSON.stringify({ 'src/keys.js': [region('k1', 0, 1, KEY_LINE)] }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an honest review counts and verify holds', () => {
    appendEntries(ledger(), [reviewK1()]);
    assert.equal(vouch(scanArgs, dir).code, 0);
    const v = vouch(['verify'], dir);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /^head [0-9a-f]{64} \(1 review, 1 region record\)$/m);
    assert.match(v.stdout, /the review record holds/);
  });

  it('a forged review with a broken chain does not count: --fail-on-unreviewed fails, and the summary and report say why', () => {
    const forged = chainEntries('0'.repeat(64), [reviewK1({ reviewer: { name: 'Mallory' } })])[0];
    writeFileSync(ledger(), readFileSync(ledger(), 'utf8') + forged + '\n');
    const r = vouch([...scanArgs, '--summary'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /review coverage: 0% of 1 assisted line reviewed/);
    assert.match(r.stderr, /review record does not hold: reviews\.jsonl line 2 does not chain to line 1/);
    assert.match(r.stderr, /vouch: the review record does not hold/);
    const out = JSON.parse(vouch(['scan', '--offline', '--quiet', '--fail-on', 'never'], dir).stdout);
    assert.equal(out.findings.find((x: { ruleId: string }) => x.ruleId === 'aws-access-key-id').provenance.state, 'unreviewed');
    assert.equal(out.provenance.record.holds, false);
    assert.match(out.provenance.record.problems[0], /does not chain/);
    const md = vouch(['scan', '--offline', '--quiet', '--fail-on', 'never', '--format', 'markdown'], dir).stdout;
    assert.match(md, /\*\*Review record does not hold:\*\* reviews\.jsonl line 2 does not chain/);
    const v = vouch(['verify'], dir);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /^does not hold: reviews\.jsonl line 2 does not chain to line 1/m);
  });

  it('a correctly chained forgery counts in the scan but verify --head catches the rewritten history', () => {
    appendEntries(ledger(), [reviewK1({ hash: 'e'.repeat(64) })]);
    const pinned = /^head ([0-9a-f]{64})/m.exec(vouch(['verify'], dir).stdout)![1];
    // Rewrite the review to cover the current text and re-chain, as someone covering tracks would.
    const [record] = readFileSync(ledger(), 'utf8').split('\n');
    writeFileSync(ledger(), [record, ...chainEntries(lineHash(record), [reviewK1()])].join('\n') + '\n');
    assert.equal(vouch(['verify'], dir).code, 0);
    const v = vouch(['verify', '--head', pinned], dir);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /pinned head [0-9a-f]{12}… is not in the ledger's intact chain/);
  });

  it('a deleted last line shows against the target branch ledger (--base-ledger)', () => {
    appendEntries(ledger(), [reviewK1()]);
    const base = join(dir, 'base.jsonl');
    writeFileSync(base, readFileSync(ledger(), 'utf8'));
    assert.equal(vouch(['verify', '--base-ledger', base], dir).code, 0);
    writeFileSync(ledger(), readFileSync(ledger(), 'utf8').split('\n')[0] + '\n');
    const v = vouch(['verify', '--base-ledger', base], dir);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /lines were removed from its end/);
  });

  it('a region removed from provenance.json fails verify and --fail-on-unreviewed', () => {
    writeFileSync(join(dir, '.vouch', 'provenance.json'), '{}');
    const r = vouch([...scanArgs, '--summary'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /review record does not hold: \.vouch\/provenance\.json no longer lists src\/keys\.js/);
    const v = vouch(['verify'], dir);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /does not hold: \.vouch\/provenance\.json no longer lists src\/keys\.js/);
  });

  it('rebase-ledger mends a merge of two ledgers so the branch review counts again', () => {
    const base = join(dir, 'main.jsonl');
    const common = readFileSync(ledger(), 'utf8');
    const [mainLine] = chainEntries(lineHash(common.trim()), [reviewK1({ regionId: 'other', hash: 'b'.repeat(64) })]);
    writeFileSync(base, common + mainLine + '\n');
    appendEntries(ledger(), [reviewK1()]);
    const branchLine = readFileSync(ledger(), 'utf8').trim().split('\n')[1];
    writeFileSync(ledger(), `${common}${mainLine}\n${branchLine}\n`);
    assert.equal(vouch(scanArgs, dir).code, 1, 'the branch review is after the break');
    const r = vouch(['rebase-ledger', '--onto', base], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /re-chained 1 line after the target's head/);
    assert.equal(vouch(['verify', '--base-ledger', base], dir).code, 0);
    assert.equal(vouch(scanArgs, dir).code, 0);
    assert.equal(vouch(['rebase-ledger'], dir).code, 2);
  });

  it('verify: usage errors exit 2 with its own usage', () => {
    const bad = vouch(['verify', '--head', 'nothex'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--head must be a ledger head/);
    assert.match(bad.stderr, /Usage: vouch verify/);
    assert.equal(vouch(['verify', '--frobnicate'], dir).code, 2);
    assert.equal(vouch(['verify', '--root', join(dir, 'nope')], dir).code, 2);
    assert.equal(vouch(['verify', '--base-ledger', join(dir, 'nope.jsonl')], dir).code, 2);
    const help = vouch(['verify', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--base-ledger/);
    assert.match(vouch(['--help'], dir).stdout, /vouch verify/);
  });
});
