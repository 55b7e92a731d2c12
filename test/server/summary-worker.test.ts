// No blocking (issue 9): the language server summarises imported workspace files on a worker thread
// (the bundle started with `role: 'summaries'`), and the cross-file flow it finds is published as the
// in-thread summary would have it.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { tempWorkspace, uriIn, writeIn } from './helpers';
import { LspClient } from './lsp-client';

describe('server over JSON-RPC: imported files summarised off the main thread', function () {
  this.timeout(90_000);
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = tempWorkspace();
    writeIn(dir, 'package.json', '{ "name": "app", "dependencies": { "express": "^4.0.0" } }\n');
    writeIn(dir, 'db/users.js', "const db = require('./pool');\n\nexport function findUser(id) {\n  return db.query(\"SELECT * FROM users WHERE id = '\" + id + \"'\");\n}\n");
    client = await LspClient.start(dir, { registry: { enabled: false } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a SQL injection through a helper in another file, with the summary made on the worker', async () => {
    const uri = uriIn(dir, 'routes/users.js');
    client.open(uri, 'javascript', "import express from 'express';\nimport { findUser } from '../db/users';\nconst app = express();\napp.get('/u', async (req, res) => {\n  res.json(await findUser(req.query.id));\n});\n");
    const published = await client.until(() => client.published.find((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'sql-injection')), 'the cross-file flow of routes/users.js', 60_000);
    const d = published.diagnostics.find((x) => x.code === 'sql-injection')!;
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [4, 26, 38]);
    assert.match(String(d.message), /through `findUser\(\)` in `db\/users\.js`/);
    assert.deepEqual(client.logs.filter((l) => /workspace summaries/.test(l.message)), [], 'the worker started and ran without a restart');
  });
});
