// The workspace report of a workspace large enough for scan workers (scan/pool.ts), over real
// JSON-RPC: server/out/server.js is its own scan worker (`role: 'scan'` in main.ts), the findings are
// those of a small workspace's in-thread report, and a re-run reuses every unchanged file through the
// workers' questions to the server's reuse cache.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { RenderReportResult, ScanWorkspaceResult } from '../../server/src/protocol';
import { AWS_KEY, tempWorkspace, writeIn } from './helpers';
import { LspClient } from './lsp-client';

describe('server over JSON-RPC: the workspace report on scan workers', function () {
  this.timeout(180_000);
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = tempWorkspace();
    writeIn(dir, 'src/keys.js', `const key = "${AWS_KEY}";\n`);
    writeIn(dir, 'src/fetch.py', 'import requests\nrequests.get("https://example.test", verify=False)\n');
    // 400 files and more: two workers start (pool.ts starts one per 200 files).
    for (let i = 0; i < 420; i++) writeIn(dir, `lib/m${i}.js`, `export const v${i} = ${i};\n`);
    client = await LspClient.start(dir, { registry: { enabled: false } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const scan = () => client.connection.sendRequest<ScanWorkspaceResult>('vouch/scanWorkspace', {});
  const render = (params: object) => client.connection.sendRequest<RenderReportResult>('vouch/renderReport', params);

  it('reports every file once, the same findings, and reuses them all on a re-run', async () => {
    const first = await scan();
    assert.deepEqual([first.files, first.findings, first.reused], [422, 2, 0]);
    const json = JSON.parse((await render({ scanId: first.scanId, format: 'json' })).text);
    assert.deepEqual(json.findings.map((f: { ruleId: string; file: string }) => `${f.file} ${f.ruleId}`).sort(), ['src/fetch.py tls-verification-disabled', 'src/keys.js aws-access-key-id']);
    const again = await scan();
    assert.deepEqual([again.files, again.findings, again.reused], [422, 2, 422]);
  });
});
