// The workspace report over real JSON-RPC: vouch/scanWorkspace keeps a scan and writes nothing,
// vouch/renderReport turns it into each format (the webview's HTML with its nonce), work-done
// progress arrives under the client's token, a re-run reuses unchanged files, $/cancelRequest stops it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError, WorkDoneProgress, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node';
import type { RenderReportResult, ScanWorkspaceResult } from '../../server/src/protocol';
import { tempRepo, type TempRepo } from '../fixtures/git-repo';
import { AWS_KEY, tempWorkspace, writeIn } from './helpers';
import { LspClient } from './lsp-client';

function listAll(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listAll(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`])).sort();
}

describe('server over JSON-RPC: the workspace report', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = tempWorkspace();
    writeIn(dir, 'src/keys.js', `const key = "${AWS_KEY}";\n`);
    writeIn(dir, 'src/fetch.py', 'import requests\nrequests.get("https://example.test", verify=False)\n');
    for (let i = 0; i < 30; i++) writeIn(dir, `lib/m${i}.js`, `export const v${i} = ${i};\n`);
    client = await LspClient.start(dir, { registry: { enabled: false } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const scan = (params: object = {}, source?: CancellationTokenSource) =>
    source
      ? client.connection.sendRequest<ScanWorkspaceResult>('vouch/scanWorkspace', params, source.token)
      : client.connection.sendRequest<ScanWorkspaceResult>('vouch/scanWorkspace', params);
  const render = (params: object) => client.connection.sendRequest<RenderReportResult>('vouch/renderReport', params);

  it('scans and renders every format, writing no file into the workspace', async () => {
    const before = listAll(dir);
    const result = await scan();
    assert.equal(result.files, 32);
    assert.equal(result.findings, 2);
    assert.equal(result.bySeverity.error, 2);
    assert.ok(result.rootUri.startsWith('file://'));
    const json = JSON.parse((await render({ scanId: result.scanId, format: 'json' })).text);
    assert.deepEqual(json.findings.map((f: { ruleId: string }) => f.ruleId).sort(), ['aws-access-key-id', 'tls-verification-disabled']);
    assert.equal(JSON.parse((await render({ scanId: result.scanId, format: 'sarif' })).text).version, '2.1.0');
    assert.match((await render({ scanId: result.scanId, format: 'markdown' })).text, /^# Vouch report/);
    const file = (await render({ scanId: result.scanId, format: 'html' })).text;
    assert.match(file, /style-src 'sha256-/);
    const webview = { nonce: 'abc123', cspSource: 'vscode-webview://x', styleUri: 'vscode-webview://x/a.css', scriptUri: 'vscode-webview://x/a.js' };
    const view = (await render({ scanId: result.scanId, format: 'html', webview })).text;
    assert.match(view, /script-src 'nonce-abc123'/);
    assert.match(view, /<li data-fact="files">32 files scanned/);
    assert.deepEqual(listAll(dir), before);
  });

  it('reports work-done progress under the client token and reuses unchanged files on a re-run', async () => {
    const reports: WorkDoneProgressReport[] = [];
    let ended = false;
    const sub = client.connection.onProgress(WorkDoneProgress.type, 'report-1', (v) => {
      if (v.kind === 'report') reports.push(v);
      if (v.kind === 'end') ended = true;
    });
    try {
      const result = await scan({ workDoneToken: 'report-1' });
      assert.equal(result.reused, 32);
      await client.until(() => ended || undefined, 'the progress to end');
      assert.ok(reports.some((r) => /of 32 files/.test(r.message ?? '')), JSON.stringify(reports));
    } finally {
      sub.dispose();
    }
    writeIn(dir, 'src/keys.js', `const key = "${AWS_KEY}";\nconst again = "${AWS_KEY}";\n`);
    const changed = await scan();
    assert.equal(changed.reused, 31);
    assert.equal(changed.findings, 3);
  });

  it('an old scan id is refused', async () => {
    const first = await scan();
    await scan();
    await assert.rejects(render({ scanId: first.scanId, format: 'json' }), /no longer kept/);
  });
});

describe('server over JSON-RPC: the report in a git repository marks the findings in my change', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let client: LspClient;
  const KEY2 = AWS_KEY.slice(0, -1) + (AWS_KEY.endsWith('Q') ? 'R' : 'Q');

  before(async () => {
    repo = tempRepo({ 'src/old.js': `// committed\nconst key = "${AWS_KEY}";\n`, 'src/touched.js': `// a\nconst key = "${AWS_KEY}";\n` });
    repo.write({ 'src/touched.js': `// a\nconst key = "${AWS_KEY}";\nconst added = "${KEY2}";\n`, 'src/new.js': `const key = "${KEY2}";\n` });
    client = await LspClient.start(repo.dir, { registry: { enabled: false } });
  });
  after(async () => {
    await client.stop();
    repo.remove();
  });

  const json = async () => {
    const result = await client.connection.sendRequest<ScanWorkspaceResult>('vouch/scanWorkspace', {});
    const text = (await client.connection.sendRequest<RenderReportResult>('vouch/renderReport', { scanId: result.scanId, format: 'json' })).text;
    return { result, report: JSON.parse(text) as { findings: Array<{ file: string; line: number; inChange?: true }> } };
  };
  const marked = (r: Awaited<ReturnType<typeof json>>['report']) => r.findings.filter((f) => f.inChange).map((f) => `${f.file}:${f.line}`).sort();

  it('keeps every finding and marks those on lines changed since HEAD; the HTML filters and counts them', async () => {
    const { result, report } = await json();
    assert.equal(report.findings.length, 4, 'nothing is dropped');
    assert.deepEqual(marked(report), ['src/new.js:1', 'src/touched.js:3']);
    const html = (await client.connection.sendRequest<RenderReportResult>('vouch/renderReport', { scanId: result.scanId, format: 'html' })).text;
    assert.match(html, /<li data-fact="change">2 findings are in your change since HEAD \(on lines it touched, in 2 files\)\.<\/li>/);
    assert.match(html, /<input type="checkbox" id="f-change"><span class="n">2<\/span>/);
    assert.equal(html.match(/<tr class="finding [^"]*in-change/g)?.length, 2);
    assert.match((await client.connection.sendRequest<RenderReportResult>('vouch/renderReport', { scanId: result.scanId, format: 'markdown' })).text, /\*\*In your change:\*\* 2 of the findings/);
  });

  it('follows HEAD: after a commit nothing is in the change, and no stale result is reused', async () => {
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'commit the change');
    await new Promise((r) => setTimeout(r, 1100)); // HEAD is re-read at most once a second
    const { result, report } = await json();
    assert.deepEqual(marked(report), []);
    assert.equal(result.reused, 0, 'a new HEAD is a new baseline for every file');
  });
});

describe('server over JSON-RPC: cancelling the workspace report', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = tempWorkspace();
    // Each file keeps a (test-only) detector busy for its whole budget: a scan that lasts seconds.
    for (let i = 0; i < 80; i++) writeIn(dir, `slow${i}.js`, `// __vouch_slow__ ${i}\n`);
    client = await LspClient.start(dir, { registry: { enabled: false }, detectorBudgetMs: 13 }, { env: { VOUCH_TEST_FAULTS: '1' } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('$/cancelRequest stops the scan between files with RequestCancelled', async () => {
    const source = new CancellationTokenSource();
    let progressed = false;
    const sub = client.connection.onProgress(WorkDoneProgress.type, 'cancel-me', (v) => {
      if (v.kind === 'report' && !progressed) {
        progressed = true;
        source.cancel();
      }
    });
    const started = Date.now();
    try {
      await assert.rejects(
        client.connection.sendRequest('vouch/scanWorkspace', { workDoneToken: 'cancel-me' }, source.token),
        (e: unknown) => e instanceof ResponseError && e.code === -32800,
      );
    } finally {
      sub.dispose();
    }
    assert.ok(progressed);
    const cancelledMs = Date.now() - started;
    const t0 = Date.now();
    const full = await client.connection.sendRequest<ScanWorkspaceResult>('vouch/scanWorkspace', {});
    assert.equal(full.files, 80);
    // The full scan spins 80 × 52 ms (a scan's budget: 4 × 13); the cancelled one stops within a few rounds of the files in flight.
    assert.ok(cancelledMs < (Date.now() - t0) * 0.6, `cancelled after ${cancelledMs} ms, a full scan took ${Date.now() - t0} ms`);
  });
});

describe('server over JSON-RPC: the report runs what `vouch scan` runs', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspClient;
  // `b.lenght` is caught only by a type check: the editor type-checks open files, a scan only with --types.
  const TYPO = "import { readFileSync } from 'fs';\nconst b: Buffer = readFileSync('x');\nexport const n = b.lenght;\n";

  before(async () => {
    dir = tempWorkspace();
    writeIn(dir, 'package.json', '{ "name": "t", "version": "1.0.0" }\n');
    writeIn(dir, 'src/keys.js', `const key = "${AWS_KEY}";\n`);
    writeIn(dir, 'src/typo.ts', TYPO);
    client = await LspClient.start(dir, { registry: { enabled: false } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the same findings as the CLI without --types (no type checker for the whole workspace), the open file type-checked', async () => {
    const cli = spawnSync(process.execPath, [join(__dirname, '..', '..', 'cli', 'out', 'vouch.js'), 'scan', dir, '--root', dir, '--format', 'json', '--fail-on', 'never', '--offline', '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(cli.status, 0, cli.stderr);
    const key = (f: { file: string; ruleId: string; line: number }) => `${f.file}:${f.line} ${f.ruleId}`;
    const expected = (JSON.parse(cli.stdout).findings as Array<{ file: string; ruleId: string; line: number }>).map(key).sort();
    assert.deepEqual(expected, ['src/keys.js:1 aws-access-key-id']);
    const result = await client.connection.sendRequest<ScanWorkspaceResult>('vouch/scanWorkspace', {});
    const json = JSON.parse((await client.connection.sendRequest<RenderReportResult>('vouch/renderReport', { scanId: result.scanId, format: 'json' })).text);
    assert.deepEqual(json.findings.map(key).sort(), expected);
    const uri = pathToFileURL(join(dir, 'src/typo.ts')).href;
    client.open(uri, 'typescript', TYPO);
    const open = await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'phantom-member'), 'the type-checked phantom-member', 60_000);
    assert.deepEqual(open.filter((d) => d.code === 'phantom-member').map((d) => d.range.start.line), [2]);
  });
});
