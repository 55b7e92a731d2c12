// The slow tier over real JSON-RPC: fast diagnostics publish first, then the dependency verdicts
// arrive once a (local) npm registry answers. The registry is a small HTTP server on 127.0.0.1
// serving packument JSON, reached through the `vouch.registry.npmUrl` setting.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LspClient } from './lsp-client';
import { AWS_KEY, tempWorkspace, uriIn, writeIn } from './helpers';

const PACKAGES: Record<string, object> = {
  express: { name: 'express', 'dist-tags': { latest: '4.21.2' }, versions: { '4.21.2': {} }, time: { created: '2010-12-29T19:38:25.450Z', modified: '2024-12-01T00:00:00.000Z' } },
};

describe('server over JSON-RPC: dependency verdicts (slow tier)', function () {
  this.timeout(30_000);
  let dir: string;
  let client: LspClient;
  let registry: Server;
  const asked: string[] = [];

  before(async () => {
    registry = createServer((req, res) => {
      const name = decodeURIComponent((req.url ?? '/').slice(1));
      asked.push(name);
      // Answer late, so the fast tier has clearly published before.
      setTimeout(() => {
        const doc = PACKAGES[name];
        res.writeHead(doc ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(doc ?? { error: 'Not found' }));
      }, 300);
    });
    await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
    dir = tempWorkspace();
    writeIn(dir, 'package.json', '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.21.2"\n  }\n}\n');
    client = await LspClient.start(dir, { registry: { enabled: true, npmUrl: url } });
  });
  after(async () => {
    await client.stop();
    await new Promise((done) => registry.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the fast findings first, then adds nonexistent-package when the registry answers', async () => {
    const uri = uriIn(dir, 'src/app.js');
    const text = `import express from 'express';\nimport pad from 'left-padd-zz';\nconst id = "${AWS_KEY}";\n`;
    client.open(uri, 'javascript', text);
    const withSlow = await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'nonexistent-package'), 'slow verdict', 20_000);
    const mine = client.published.filter((p) => p.uri === uri);
    const first = mine.find((p) => p.diagnostics.length > 0)!;
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['aws-access-key-id'], 'the fast tier publishes alone first');
    const slow = withSlow.find((d) => d.code === 'nonexistent-package')!;
    assert.deepEqual(slow.range.start, { line: 1, character: 17 });
    assert.equal(slow.severity, 1);
    assert.ok(withSlow.some((d) => d.code === 'aws-access-key-id'), 'fast findings stay');
    // Only package names reach the registry: never the relative or built-in ones, never file paths.
    assert.ok(asked.includes('left-padd-zz'));
    assert.ok(asked.every((n) => /^[a-z0-9@/._-]+$/.test(n) && !n.includes('app.js')), asked.join(', '));
    // express is declared but not installed: it is looked up, exists, and is fine.
    assert.ok(!withSlow.some((d) => String(d.message).includes('`express`')));
  });

  it('says when package look-ups start and when none is left in flight (vouch/activity)', async () => {
    const seen = client.activity.length;
    const uri = uriIn(dir, 'src/activity.js');
    client.open(uri, 'javascript', `import a from 'vouch-activity-zz';\n`);
    await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'nonexistent-package'), 'the verdict', 20_000);
    const mine = await client.until(() => (client.activity.slice(seen).includes(0) ? client.activity.slice(seen) : undefined), 'the look-ups to end');
    assert.ok(mine[0] > 0, JSON.stringify(mine));
    assert.equal(mine.at(-1), 0);
    // Only the edges: busy, then idle.
    assert.ok(mine.every((n, i) => (i % 2 === 0 ? n > 0 : n === 0)), JSON.stringify(mine));
  });

  it('suggests the close popular package for a made-up name, never as the preferred fix (issue 8)', async () => {
    const uri = uriIn(dir, 'src/typo.js');
    client.open(uri, 'javascript', `import ax from 'axois';\n`);
    const diags = await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'nonexistent-package'), 'nonexistent verdict', 20_000);
    const d = diags.find((x) => x.code === 'nonexistent-package')!;
    assert.match(String(d.message), /did you mean `axios`\?/);
    const actions = await client.codeActions(uri, d.range, [d]);
    const replace = actions.find((a) => a.title === 'Vouch: Replace with `axios`');
    assert.ok(replace, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(!actions.some((a) => 'isPreferred' in a && a.isPreferred), 'a guess at the intent is never preferred (Auto Fix would apply it)');
  });

  it('offers the add-to-package.json fix for an undeclared import as an edit to the manifest', async () => {
    const uri = uriIn(dir, 'src/undeclared.js');
    writeIn(dir, 'node_modules/chalk/package.json', '{ "name": "chalk", "version": "5.3.0" }\n');
    client.open(uri, 'javascript', `import chalk from 'chalk';\n`);
    const diags = await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'undeclared-dependency'), 'undeclared verdict', 20_000);
    const d = diags.find((x) => x.code === 'undeclared-dependency')!;
    const actions = await client.codeActions(uri, d.range, [d]);
    const fix = actions.find((a) => 'edit' in a && a.isPreferred) as { title: string; edit: { documentChanges: Array<{ textDocument: { uri: string }; edits: Array<{ newText: string }> }> } };
    assert.ok(fix, 'a preferred fix');
    const manifest = fix.edit.documentChanges.find((c) => c.textDocument?.uri === uriIn(dir, 'package.json'));
    assert.ok(manifest, 'edits package.json');
    assert.match(manifest.edits[0].newText, /"chalk": "\^5\.3\.0"/);
  });
});
