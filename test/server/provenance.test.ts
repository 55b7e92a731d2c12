// Provenance policy over real JSON-RPC: findings in unreviewed assisted code, mark as reviewed
// (ledger written with a valid chain), stale after an edit, and the trust data shape.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { regionHash } from '../../server/src/core/region-hash';
import type { DiagnosticData, FileTrust, MarkReviewedResult, ProvenanceParams, ProvenanceRegion } from '../../server/src/protocol';
import { chainEntries, parseLedger } from '../../server/src/review/ledger';
import { tempRepo, type TempRepo } from '../fixtures/git-repo';
import { LspClient } from './lsp-client';
import { AWS_KEY, tempWorkspace, uriIn } from './helpers';

const data = (d: Diagnostic | undefined) => d?.data as DiagnosticData | undefined;

function region(id: string, startLine: number, endLine: number, text: string): ProvenanceRegion {
  return {
    id, source: 'completion', confidence: 'medium', time: new Date().toISOString(),
    range: { start: { line: startLine, character: 0 }, end: { line: endLine, character: 0 } }, hash: regionHash(text),
  };
}

describe('server over JSON-RPC: provenance policy and reviews', () => {
  let dir: string;
  let client: LspClient;
  // A warning-level rule, so the raise to error is visible.
  before(async () => {
    dir = tempWorkspace();
    client = await LspClient.start(dir, { rules: { 'aws-access-key-id': 'warning' } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const LINE = `const id = "${AWS_KEY}";\n`;
  const TEXT = `// config\n${LINE}const region = "us-east-1";\n`;
  const uri = () => uriIn(dir, 'src/keys.js');
  const send = (p: ProvenanceParams) => client.connection.sendNotification('vouch/provenance', p);
  const trust = (): Promise<FileTrust> => client.connection.sendRequest('vouch/fileTrust', { uri: uri() });

  it('flags a finding inside an unreviewed completion: provenance data, suffix, raised severity', async () => {
    client.open(uri(), 'javascript', TEXT);
    const plain = await client.diagnosticsFor(uri());
    assert.equal(plain.length, 1);
    assert.equal(plain[0].severity, DiagnosticSeverity.Warning);
    assert.equal(data(plain[0])?.provenance, undefined);
    const findingId = data(plain[0])!.findingId;

    send({ uri: uri(), version: 1, regions: [region('r1', 1, 2, LINE)] });
    const diags = await client.diagnosticsWhere(uri(), (d) => !!data(d[0])?.provenance, 'provenance on the diagnostic');
    assert.deepEqual(data(diags[0])?.provenance, { regionId: 'r1', source: 'completion', state: 'unreviewed' });
    assert.equal(diags[0].severity, DiagnosticSeverity.Error);
    assert.ok((diags[0].message as string).endsWith(' (in unreviewed completion code)'), diags[0].message as string);
    assert.equal(data(diags[0])?.findingId, findingId, 'finding ids do not change');
    await client.until(() => (client.trustChanged.includes(uri()) ? true : undefined), 'vouch/trustChanged');
  });

  it('answers vouch/fileTrust with regions, findings and a score', async () => {
    const t = await trust();
    assert.equal(t.uri, uri());
    assert.equal(t.totalLines, 3);
    assert.equal(t.assistedLines, 1);
    assert.equal(t.unreviewedLines, 1);
    assert.equal(t.regions.length, 1);
    assert.equal(t.regions[0].id, 'r1');
    assert.equal(t.regions[0].state, 'unreviewed');
    assert.equal(t.regions[0].lines, 1);
    assert.equal(t.regions[0].findingIds.length, 1);
    assert.equal(t.findings.length, 1);
    assert.equal(t.findings[0].regionId, 'r1');
    assert.ok(Number.isInteger(t.score) && t.score >= 0 && t.score < 100, String(t.score));
    assert.deepEqual(t.ledgerWarnings, []);
  });

  it('vouch/markReviewed writes a chained ledger entry and returns the diagnostic to normal', async () => {
    const before = client.trustChanged.length;
    const r: MarkReviewedResult = await client.connection.sendRequest('vouch/markReviewed', { uri: uri(), regionIds: 'all', note: 'checked the key is a test fixture' });
    assert.equal(r.reviewed, 1);
    const ledgerFile = join(dir, '.vouch', 'reviews.jsonl');
    assert.ok(existsSync(ledgerFile));
    const read = parseLedger(readFileSync(ledgerFile, 'utf8'));
    assert.deepEqual(read.warnings, []);
    assert.equal(read.entries.length, 1);
    const e = read.entries[0];
    assert.equal(e.file, 'src/keys.js');
    assert.equal(e.regionId, 'r1');
    assert.deepEqual(e.lines, [2, 2]);
    assert.equal(e.hash, regionHash(LINE));
    assert.equal(e.prev, '');
    assert.equal(e.note, 'checked the key is a test fixture');
    assert.ok(e.reviewer.name);
    assert.equal(e.findings.length, 1);
    assert.equal(e.findings[0].status, 'accepted');
    const diags = await client.diagnosticsWhere(uri(), (d) => d.length === 1 && !data(d[0])?.provenance, 'the diagnostic back to normal');
    assert.equal(diags[0].severity, DiagnosticSeverity.Warning);
    assert.ok(!(diags[0].message as string).includes('unreviewed'));
    await client.until(() => (client.trustChanged.length > before ? true : undefined), 'vouch/trustChanged after the review');
    const t = await trust();
    assert.equal(t.regions[0].state, 'reviewed');
    assert.equal(t.regions[0].review?.note, 'checked the key is a test fixture');
    assert.equal(t.unreviewedLines, 0);
  });

  it('editing the reviewed text makes the region stale and the policy applies again', async () => {
    const edited = `const id = "${AWS_KEY}"; // moved\n`;
    const v = client.change(uri(), `// config\n${edited}const region = "us-east-1";\n`);
    send({ uri: uri(), version: v, regions: [region('r1', 1, 2, LINE)] });
    const diags = await client.diagnosticsWhere(uri(), (d) => data(d[0])?.provenance?.state === 'stale', 'a stale region');
    assert.equal(diags[0].severity, DiagnosticSeverity.Error);
    assert.ok((diags[0].message as string).endsWith(' (in unreviewed completion code)'));
    const t = await trust();
    assert.equal(t.regions[0].state, 'stale');
    assert.equal(t.unreviewedLines, 1);
  });

  it('ignores a region list older than the document', async () => {
    send({ uri: uri(), version: 1, regions: [] });
    // A later, current list proves the older one was not applied in between.
    send({ uri: uri(), version: client.version(uri()), regions: [region('r1', 1, 2, LINE)] });
    const t = await trust();
    assert.equal(t.regions.length, 1);
  });

  it('a second review chains to the first and reports a finding fixed since', async () => {
    const v = client.change(uri(), `// config\nconst id = process.env.KEY;\nconst region = "us-east-1";\n`);
    send({ uri: uri(), version: v, regions: [region('r1', 1, 2, LINE)] });
    await client.diagnosticsWhere(uri(), (d) => d.length === 0, 'the finding gone');
    const r: MarkReviewedResult = await client.connection.sendRequest('vouch/markReviewed', { uri: uri(), regionIds: ['r1'] });
    assert.equal(r.reviewed, 1);
    const read = parseLedger(readFileSync(join(dir, '.vouch', 'reviews.jsonl'), 'utf8'));
    assert.deepEqual(read.warnings, []);
    assert.equal(read.entries.length, 2);
    assert.notEqual(read.entries[1].prev, '');
    assert.deepEqual(read.entries[1].findings.map((f) => f.status), ['fixed']);
    assert.deepEqual(client.logs.filter((l) => l.type === 1), []);
  });
});

describe('server over JSON-RPC: a forged review does not count (issue 7)', () => {
  let dir: string;
  let client: LspClient;
  const LINE = `const id = "${AWS_KEY}";\n`;
  before(async () => {
    dir = tempWorkspace();
    // An honest review of another region, then a forged one for r1 that does not chain to it.
    const review = (regionId: string, hash: string) => ({
      file: 'src/keys.js', regionId, lines: [2, 2] as [number, number], hash, source: 'completion' as const,
      reviewer: { name: 'Mallory' }, time: '2025-01-01T00:00:00.000Z', findings: [],
    });
    const [honest] = chainEntries('', [review('other', 'a'.repeat(64))]);
    const [forged] = chainEntries('0'.repeat(64), [review('r1', regionHash(LINE))]);
    mkdirSync(join(dir, '.vouch'), { recursive: true });
    writeFileSync(join(dir, '.vouch', 'reviews.jsonl'), `${honest}\n${forged}\n`);
    client = await LspClient.start(dir);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the region stays unreviewed and the trust data says why', async () => {
    const uri = uriIn(dir, 'src/keys.js');
    client.open(uri, 'javascript', `// config\n${LINE}`);
    await client.diagnosticsFor(uri);
    await client.connection.sendNotification('vouch/provenance', { uri, version: 1, regions: [region('r1', 1, 2, LINE)] });
    const diags = await client.diagnosticsWhere(uri, (d) => !!data(d[0])?.provenance, 'provenance on the diagnostic');
    assert.equal(data(diags[0])?.provenance?.state, 'unreviewed');
    const t: FileTrust = await client.connection.sendRequest('vouch/fileTrust', { uri });
    assert.equal(t.regions[0].state, 'unreviewed');
    assert.match(t.ledgerWarnings[0], /reviews\.jsonl line 2 does not chain to line 1.*does not count/);
  });
});

describe('server over JSON-RPC: assisted-only rules', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = tempWorkspace();
    client = await LspClient.start(dir, { provenance: { captureMode: 'inferred', raiseSeverity: false, assistedOnlyRules: ['hardcoded-secret'] } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops findings of assisted-only families outside assisted regions, keeps them inside', async () => {
    const uri = uriIn(dir, 'a.js');
    const line = `const id = "${AWS_KEY}";\n`;
    client.open(uri, 'javascript', `${line}${line}`);
    await client.diagnosticsFor(uri);
    assert.equal(client.diagnostics.get(uri)!.diagnostics.length, 0);
    client.connection.sendNotification('vouch/provenance', { uri, version: 1, regions: [region('p1', 1, 2, line)] });
    const diags = await client.diagnosticsWhere(uri, (d) => d.length === 1, 'the finding inside the region');
    assert.equal(diags[0].range.start.line, 1);
    assert.equal(diags[0].severity, DiagnosticSeverity.Error, 'raiseSeverity off: the rule keeps its severity');
  });
});

describe('server over JSON-RPC: files Vouch does not analyse', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = tempWorkspace();
    client = await LspClient.start(dir, { exclude: ['vendor/**'] });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const trust = (uri: string): Promise<FileTrust> => client.connection.sendRequest('vouch/fileTrust', { uri });

  it('vouch/fileTrust says why instead of a score of 100; analysed files have no such note', async () => {
    const rust = uriIn(dir, 'src/main.rs');
    client.open(rust, 'rust', `let id = "${AWS_KEY}";\n`);
    assert.equal((await trust(rust)).notAnalysed, 'Vouch does not analyse rust files');
    const vendored = uriIn(dir, 'vendor/lib.js');
    client.open(vendored, 'javascript', `const id = "${AWS_KEY}";\n`);
    assert.equal((await trust(vendored)).notAnalysed, 'the file is left out by vouch.include or vouch.exclude');
    assert.equal((await trust(uriIn(dir, 'style.css'))).notAnalysed, 'Vouch does not analyse this kind of file', 'a document the client never sent');
    const code = uriIn(dir, 'src/a.js');
    client.open(code, 'javascript', `const id = "${AWS_KEY}";\n`);
    await client.diagnosticsFor(code);
    const t = await trust(code);
    assert.equal(t.notAnalysed, undefined);
    assert.equal(t.findings.length, 1);
  });
});

describe('server over JSON-RPC: the trust panel\'s "in my change" (a git repository)', () => {
  let repo: TempRepo;
  let client: LspClient;
  const KEY2 = AWS_KEY.slice(0, -1) + 'Q';
  before(async () => {
    repo = tempRepo({ 'src/keys.js': `// committed\nconst a = "${AWS_KEY}";\n` });
    client = await LspClient.start(repo.dir, {});
  });
  after(async () => {
    await client.stop();
    repo.remove();
  });
  const trust = (uri: string): Promise<FileTrust> => client.connection.sendRequest('vouch/fileTrust', { uri });

  it('marks the findings on lines that differ from HEAD, and counts the changed lines', async () => {
    const uri = uriIn(repo.dir, 'src/keys.js');
    client.open(uri, 'javascript', `// committed\nconst a = "${AWS_KEY}";\nconst b = "${KEY2}";\n`);
    await client.diagnosticsFor(uri);
    const t = await trust(uri);
    assert.deepEqual(t.change, { baseline: 'HEAD', changedLines: 1 });
    assert.deepEqual(t.findings.map((f) => [f.range.start.line, !!f.inChange]).sort(), [[1, false], [2, true]]);
  });

  it('a file new since HEAD is all change; outside a repository there is no change data', async () => {
    const uri = uriIn(repo.dir, 'src/new.js');
    client.open(uri, 'javascript', `const b = "${KEY2}";\n`);
    await client.diagnosticsFor(uri);
    const t = await trust(uri);
    assert.deepEqual(t.change, { baseline: 'HEAD', changedLines: 1 });
    assert.equal(t.findings[0]?.inChange, true);
    const plain = tempWorkspace();
    const other = await LspClient.start(plain, {});
    try {
      const u = uriIn(plain, 'a.js');
      other.open(u, 'javascript', `const b = "${KEY2}";\n`);
      await other.diagnosticsFor(u);
      const p: FileTrust = await other.connection.sendRequest('vouch/fileTrust', { uri: u });
      assert.equal(p.change, undefined);
      assert.equal(p.findings[0]?.inChange, undefined);
    } finally {
      await other.stop();
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
