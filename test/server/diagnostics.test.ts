import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, TextDocumentSyncKind } from 'vscode-languageserver-protocol';
import { FAMILIES } from '../../server/src/core/types';
import { LspClient } from './lsp-client';
import { AWS_KEY, OPENAI_KEY, tempWorkspace, uriIn } from './helpers';

describe('server over JSON-RPC: initialize', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = tempWorkspace();
    client = await LspClient.start(dir);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces incremental sync, quick-fix code actions and its name', () => {
    const r = client.initializeResult!;
    const sync = r.capabilities.textDocumentSync;
    assert.equal(typeof sync, 'object');
    assert.equal((sync as { change: number }).change, TextDocumentSyncKind.Incremental);
    assert.equal((sync as { openClose: boolean }).openClose, true);
    const ca = r.capabilities.codeActionProvider;
    assert.ok(ca, 'codeActionProvider');
    if (typeof ca === 'object') assert.ok(ca.codeActionKinds?.includes('quickfix'));
    assert.equal(r.serverInfo?.name, 'vouch');
    assert.match(r.serverInfo?.version ?? '', /^\d+\.\d+\.\d+/);
  });

  it('logs no error during start-up and a first analysis', async () => {
    const uri = uriIn(dir, 'a.js');
    client.open(uri, 'javascript', `const id = "${AWS_KEY}";\n`);
    await client.diagnosticsFor(uri);
    assert.deepEqual(client.logs.filter((l) => l.type === 1), []);
  });

  it('follows workspace folder changes when the client supports them', async () => {
    const other = tempWorkspace();
    const c = await LspClient.start(dir, { exclude: ['**/skip/**'] }, { workspaceFolders: true });
    try {
      c.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(other).href, name: 'other' }]);
      // A file under `skip/` relative to the new folder is excluded only once that folder is known.
      const uri = uriIn(other, 'skip/a.js');
      c.open(uri, 'javascript', `const id = "${AWS_KEY}";\n`);
      assert.equal((await c.diagnosticsFor(uri)).length, 1);
      c.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: pathToFileURL(other).href, name: 'other' }], removed: [] },
      });
      await c.diagnosticsWhere(uri, (d) => d.length === 0, 'excluded relative to the added folder');
      assert.deepEqual(c.logs.filter((l) => l.type === 1), []);
    } finally {
      await c.stop();
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('server over JSON-RPC: diagnostics', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = tempWorkspace();
    client = await LspClient.start(dir);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const TEXT = `// config\nconst region = "us-east-1";\n  const id = "${AWS_KEY}";\n`;

  it('publishes a diagnostic with the fixed shape on open', async () => {
    const uri = uriIn(dir, 'src/keys.js');
    client.open(uri, 'javascript', TEXT);
    const diags = await client.diagnosticsFor(uri);
    assert.equal(diags.length, 1);
    const [d] = diags;
    assert.equal(d.source, 'vouch');
    assert.equal(d.code, 'aws-access-key-id');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    // 0-based: third line, after `  const id = "`.
    assert.deepEqual(d.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 34 } });
    const data = d.data as { ruleId: string; family: string; findingId: string };
    assert.deepEqual(Object.keys(data).sort(), ['family', 'findingId', 'ruleId']);
    assert.equal(data.ruleId, 'aws-access-key-id');
    assert.equal(data.family, 'hardcoded-secret');
    assert.ok((FAMILIES as readonly string[]).includes(data.family));
    assert.match(data.findingId, /^[0-9a-f]{16}$/);
    assert.equal(typeof d.message, 'string');
    assert.ok(!String(d.message).includes(AWS_KEY), 'the message must not repeat the secret');
    client.close(uri);
    await client.diagnosticsWhere(uri, (x) => x.length === 0, 'cleared after close');
  });

  it('links each diagnostic to its rules/docs/<id>.md page (a file that exists)', async () => {
    const uri = uriIn(dir, 'src/href.js');
    client.open(uri, 'javascript', TEXT);
    const [d] = await client.diagnosticsFor(uri);
    const href = d.codeDescription?.href ?? '';
    assert.match(href, /^file:\/\//);
    const file = fileURLToPath(href);
    assert.match(file.split('\\').join('/'), /\/rules\/docs\/aws-access-key-id\.md$/);
    assert.ok(existsSync(file), `missing documentation page ${file}`);
    client.close(uri);
  });

  it('follows incremental edits: moved range, then the finding disappears once fixed', async () => {
    const uri = uriIn(dir, 'src/incremental.js');
    client.open(uri, 'javascript', TEXT);
    const first = await client.diagnosticsFor(uri);
    const findingId = (first[0].data as { findingId: string }).findingId;

    // Insert a line above: the finding moves down one line and keeps its id.
    const v2 = client.changeWith(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "'use strict';\n" }]);
    const moved = await client.diagnosticsFor(uri, v2);
    assert.equal(client.diagnostics.get(uri)?.version, v2);
    assert.deepEqual(moved.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['aws-access-key-id', 3, 14]]);
    assert.equal((moved[0].data as { findingId: string }).findingId, findingId);

    // Replace the quoted key (line 3, characters 13..35) with an environment read.
    const v3 = client.changeWith(uri, [{ range: { start: { line: 3, character: 13 }, end: { line: 3, character: 35 } }, text: 'process.env.AWS_ACCESS_KEY_ID' }]);
    assert.deepEqual(await client.diagnosticsFor(uri, v3), []);
    client.close(uri);
  });

  it('follows full-text changes', async () => {
    const uri = uriIn(dir, 'src/full.py');
    client.open(uri, 'python', 'import os\nkey = os.environ["OPENAI_API_KEY"]\n');
    assert.deepEqual(await client.diagnosticsFor(uri), []);
    const v2 = client.change(uri, `import os\n\nkey = "${OPENAI_KEY}"\n`);
    const diags = await client.diagnosticsFor(uri, v2);
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['openai-api-key', 2, 7]]);
    const v3 = client.change(uri, 'import os\n\nkey = os.environ["OPENAI_API_KEY"]\n');
    assert.deepEqual(await client.diagnosticsFor(uri, v3), []);
    client.close(uri);
  });

  it('clears diagnostics when the document closes', async () => {
    const uri = uriIn(dir, 'src/close.ts');
    client.open(uri, 'typescript', TEXT);
    assert.equal((await client.diagnosticsFor(uri)).length, 1);
    client.close(uri);
    const cleared = await client.diagnosticsWhere(uri, (d) => d.length === 0, 'empty diagnostics after didClose');
    assert.deepEqual(cleared, []);
  });

  it('analyses untitled buffers by their language', async () => {
    const uri = 'untitled:Untitled-1';
    client.open(uri, 'javascript', TEXT);
    const diags = await client.diagnosticsFor(uri);
    assert.deepEqual(diags.map((d) => d.code), ['aws-access-key-id']);
    client.close(uri);
  });
});
