import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client';

describe('server over JSON-RPC: diagnostics', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-srv-'));
    client = await LspClient.start(dir);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a diagnostic with the fixed shape on open', async () => {
    const uri = pathToFileURL(join(dir, 'keys.js')).href;
    client.open(uri, 'javascript', 'const id = "AKIAZ3MSJV2KD7QX4N5P";\n');
    const [d] = await client.diagnosticsFor(uri);
    assert.equal(d.source, 'vouch');
    assert.equal(d.code, 'aws-access-key-id');
    assert.deepEqual(d.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 32 } });
    assert.deepEqual(Object.keys(d.data as object).sort(), ['family', 'findingId', 'ruleId']);
  });
});
