// `vouch/verdict` over real JSON-RPC on a temporary git repository: the editor's "Verdict for My
// Change" gets pass, needs review and fail from the code of `vouch verdict` — findings on changed
// lines, unreviewed assisted code in the change, a breaking change with the callers it reaches — and a
// folder outside git gets an error it can show, not a crash.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { regionHash } from '../../server/src/core/region-hash';
import { VerdictRequest, type VerdictReport } from '../../server/src/protocol';
import { appendEntries } from '../../server/src/review/ledger';
import { tempRepo, type TempRepo } from '../fixtures/git-repo';
import { tempWorkspace } from './helpers';
import { LspClient } from './lsp-client';

const SAFE = "export function add(a, b) {\n  return a + b;\n}\n";
const HANDLER = "const express = require('express');\nconst app = express();\napp.get('/f', (req, res) => {\n  require('child_process').exec('cat ' + req.query.name);\n  res.send('ok');\n});\n";
const DATE = "export function formatDate(d: Date): string {\n  return d.toISOString();\n}\n";
const OFFLINE = { registry: { enabled: false } };

describe('server over JSON-RPC: vouch/verdict (the verdict for my change)', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  let client: LspClient;
  const verdict = (params: { uri?: string } = {}) => client.connection.sendRequest(VerdictRequest.method, params) as Promise<VerdictReport>;

  before(async () => {
    repo = tempRepo({
      'src/math.js': SAFE,
      'src/date.ts': DATE,
      'src/header.ts': "import { formatDate } from './date';\nexport const title = formatDate(new Date());\n",
      'package.json': '{"name":"app","dependencies":{"express":"4.21.0"}}\n',
    });
    client = await LspClient.start(repo.dir, OFFLINE);
  });
  after(async () => {
    await client.stop();
    repo.remove();
  });
  afterEach(() => {
    repo.git('reset', '-q', '--hard');
    repo.git('clean', '-q', '-fdx');
  });

  it('passes a clean change and says what it was measured against', async () => {
    repo.write({ 'src/math.js': SAFE + 'export const sub = (a, b) => a - b;\n' });
    const r = await verdict();
    assert.equal(r.verdict, 'pass', r.summary);
    assert.deepEqual(r.files, ['src/math.js']);
    assert.deepEqual([r.reasons, r.findings, r.unreviewed], [[], [], []]);
    assert.match(r.baseline, /^HEAD/);
    assert.equal(r.rootUri, pathToFileURL(repo.dir).href);
    assert.match(r.summary, /^PASS: 1 changed file, 0 findings on changed lines/);
  });

  it('fails on a flaw on a changed line, naming file, line and rule', async () => {
    repo.write({ 'src/new.js': HANDLER });
    const r = await verdict({ uri: pathToFileURL(join(repo.dir, 'src', 'new.js')).href });
    assert.equal(r.verdict, 'fail', r.summary);
    assert.deepEqual(r.reasons, ['fails: src/new.js:4 error command-injection']);
    assert.deepEqual(r.findings.map((f) => [f.path, f.line, f.column, f.ruleId, f.severity]), [['src/new.js', 4, 33, 'command-injection', 'error']]);
  });

  it('needs review for unreviewed assisted code in the change, and passes once it is reviewed', async () => {
    const line = 'export const mul = (a, b) => a * b;\n';
    repo.write({ 'src/math.js': SAFE + line });
    mkdirSync(join(repo.dir, '.vouch'), { recursive: true });
    writeFileSync(join(repo.dir, '.vouch', 'provenance.json'), JSON.stringify({
      'src/math.js': [{ id: 'r1', source: 'agent', confidence: 'medium', time: '2026-12-05T00:00:00.000Z', hash: regionHash(line), range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } } }],
    }));
    const r = await verdict();
    assert.equal(r.verdict, 'needs-review', r.summary);
    assert.deepEqual(r.reasons, ['needs review: src/math.js:4-4 unreviewed agent code']);
    assert.deepEqual(r.unreviewed, [{ path: 'src/math.js', lines: [4, 4], source: 'agent' }]);
    appendEntries(join(repo.dir, '.vouch', 'reviews.jsonl'), [{ file: 'src/math.js', regionId: 'r1', lines: [4, 4], hash: regionHash(line), source: 'agent', reviewer: { name: 'Ada' }, time: new Date().toISOString(), findings: [] }]);
    assert.equal((await verdict()).verdict, 'pass');
  });

  it('fails on a breaking change and lists the callers it reaches', async () => {
    repo.write({ 'src/date.ts': DATE.replace('(d: Date)', '(d: Date, locale: string)') });
    const r = await verdict();
    assert.equal(r.verdict, 'fail', r.summary);
    const bc = r.findings.find((f) => f.ruleId === 'breaking-change');
    assert.ok(bc, JSON.stringify(r.findings));
    assert.deepEqual([bc.path, bc.line], ['src/date.ts', 1]);
    assert.deepEqual(bc.reach, [{ path: 'src/header.ts', line: 2, message: 'passes 1 argument' }]);
    assert.ok(r.reasons.includes('fails: src/date.ts:1 error breaking-change'), r.reasons.join('\n'));
  });

  it('answers a folder outside git with an error the editor can show', async () => {
    const plain = tempWorkspace();
    const other = await LspClient.start(plain, OFFLINE);
    try {
      await assert.rejects(other.connection.sendRequest(VerdictRequest.method, {}), (e: Error) => /No verdict: .*git/i.test(e.message));
      assert.equal(other.exited, null, 'the server is still running');
    } finally {
      await other.stop();
    }
  });
});
