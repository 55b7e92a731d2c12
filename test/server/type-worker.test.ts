// No blocking (issue 9): the phantom-api type check runs on a worker thread, so a cold check (seconds)
// of one document never holds the fast tier of the next: a document opened while it runs gets its
// diagnostics first.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { AWS_KEY, tempWorkspace, uriIn, writeIn } from './helpers';
import { LspClient } from './lsp-client';

describe('server over JSON-RPC: type checks off the main thread', function () {
  this.timeout(90_000);
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = tempWorkspace();
    // No node_modules: Node's built-ins come from the declarations Vouch ships (the coldest check).
    writeIn(dir, 'package.json', '{ "name": "app", "dependencies": {} }\n');
    client = await LspClient.start(dir, { registry: { enabled: false } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const has = (p: PublishDiagnosticsParams, code: string) => p.diagnostics.some((d) => d.code === code);

  it('a document opened during a cold type check gets its fast-tier diagnostics before that check answers', async () => {
    const a = uriIn(dir, 'src/a.js');
    const b = uriIn(dir, 'src/b.js');
    client.open(a, 'javascript', "const fs = require('fs');\nconst http = require('http');\nfs.readFileAsync('a');\nhttp.createServer().listen();\n");
    // A's fast tier has published: its slow tier (the cold type check) starts now.
    await client.until(() => client.published.some((p) => p.uri === a) || undefined, 'the fast publish of a.js', 30_000);
    client.open(b, 'javascript', `const key = '${AWS_KEY}';\n`);
    await client.until(() => client.published.some((p) => p.uri === a && has(p, 'phantom-member')) || undefined, 'the type check of a.js', 60_000);
    await client.until(() => client.published.some((p) => p.uri === b && has(p, 'aws-access-key-id')) || undefined, 'the fast tier of b.js', 30_000);
    const order = client.published.map((p) => `${p.uri === a ? 'a' : 'b'}:${has(p, 'phantom-member') ? 'types' : has(p, 'aws-access-key-id') ? 'key' : 'other'}`);
    const slowA = order.indexOf('a:types');
    const fastB = order.indexOf('b:key');
    assert.ok(fastB < slowA, `publish order: ${order.join(', ')}`);
    assert.deepEqual(client.logs.filter((l) => /type checker: worker/.test(l.message)), [], 'the worker ran without a restart');
  });
});
