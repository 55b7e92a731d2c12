// Issue 7, defect 8 (editor parts) over real JSON-RPC: reviews are written only inside a workspace
// folder, diagnostics keep coming during sustained edits, and a huge open document costs neither
// time per edit nor the other documents' diagnostics.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { regionHash } from '../../server/src/core/region-hash';
import { LspClient } from './lsp-client';
import { AWS_KEY, tempWorkspace, uriIn } from './helpers';

const LINE = `const id = "${AWS_KEY}";\n`;
const aws = (d: Diagnostic[]) => d.filter((x) => x.code === 'aws-access-key-id');

describe('server over JSON-RPC: editor limits (issue 7)', function () {
  this.timeout(120_000);
  let dir: string;
  let outside: string;
  let client: LspClient;
  before(async () => {
    dir = tempWorkspace();
    outside = mkdtempSync(join(tmpdir(), 'vouch-outside-'));
    client = await LspClient.start(dir);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'passed') assert.equal(client.exited, null, 'server still running');
  });

  it('refuses to write a review for a file outside every workspace folder', async () => {
    const uri = pathToFileURL(join(outside, 'stray.js')).href;
    client.open(uri, 'javascript', LINE);
    await client.diagnosticsFor(uri);
    const region = { id: 'r1', source: 'completion', confidence: 'medium', time: new Date().toISOString(), range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, hash: regionHash(LINE) };
    client.connection.sendNotification('vouch/provenance', { uri, version: 1, regions: [region] });
    await assert.rejects(client.connection.sendRequest('vouch/markReviewed', { uri, regionIds: 'all' }), /inside a workspace folder/);
    assert.equal(existsSync(join(outside, '.vouch')), false, 'no ledger created outside the workspace');
    client.close(uri);
  });

  it('publishes during sustained edits: the debounce has a maximum wait', async () => {
    const uri = uriIn(dir, 'src/streamed.js');
    client.open(uri, 'javascript', LINE);
    await client.diagnosticsFor(uri);
    // An agent streaming a line every 40 ms for 3 s: each edit is sooner than the 150 ms debounce.
    let text = LINE;
    let publishedWhileTyping = 0;
    const end = Date.now() + 3000;
    while (Date.now() < end) {
      text += `// line ${text.length}\n`;
      client.change(uri, text);
      await new Promise((r) => setTimeout(r, 40));
      publishedWhileTyping = Math.max(publishedWhileTyping, client.diagnostics.get(uri)?.version ?? 0);
    }
    assert.ok(publishedWhileTyping > 1, `diagnostics for a newer version arrived while edits went on (got version ${publishedWhileTyping})`);
    assert.equal(aws(await client.diagnosticsFor(uri, client.version(uri))).length, 1);
    client.close(uri);
  });

  it('a 20 MB open document: edits stay cheap, it says once it is not analysed, others keep their diagnostics', async () => {
    const big = uriIn(dir, 'src/huge.js');
    const chunk = `${LINE}const x = [1, 2, 3].map((v) => v * 2);\n`;
    client.open(big, 'javascript', chunk.repeat(Math.ceil(20_000_000 / chunk.length)));
    await client.noticeFor(big, /skipped in the editor.*characters/i, 30_000);
    assert.deepEqual(await client.diagnosticsFor(big), []);
    const start = Date.now();
    for (let i = 0; i < 200; i++) {
      client.changeWith(big, [{ range: { start: { line: i, character: 0 }, end: { line: i, character: 0 } }, text: '// x\n' }]);
    }
    const small = uriIn(dir, 'src/small.js');
    client.open(small, 'javascript', LINE);
    assert.equal(aws(await client.diagnosticsFor(small, 1, 30_000)).length, 1);
    const ms = Date.now() - start;
    assert.ok(ms < 4000, `200 edits of a 20 MB document and one small analysis took ${ms} ms`);
    assert.equal(client.logs.filter((l) => /huge\.js.*Skipped in the editor/.test(l.message)).length, 1, 'said once');
    // Replaced by a small full text, it is analysed again.
    const v = client.change(big, LINE);
    assert.equal(aws(await client.diagnosticsFor(big, v)).length, 1);
    client.close(big);
    client.close(small);
  });
});
