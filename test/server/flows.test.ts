// Flow findings over real JSON-RPC: the path travels as relatedInformation in the open document, and
// the verified quick fix rewrites the query so that the finding goes away; a helper imported from a
// workspace file on disk is followed by the slow tier.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from './apply-edit';
import { LspClient } from './lsp-client';
import { tempWorkspace, uriIn, writeIn } from './helpers';
import { HELD_ROUTE } from '../flows/held-route';

const HANDLER = [
  "const mysql = require('mysql2');",
  'const db = mysql.createConnection({});',
  "app.get('/users', (req, res) => {",
  '  const name = req.query.name;',
  "  db.query(`SELECT * FROM users WHERE name = '${name}'`, (err, rows) => res.json(rows));",
  '});',
  '',
].join('\n');

describe('server over JSON-RPC: flow findings', () => {
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

  it('publishes the path as related information and a fix that clears the finding', async () => {
    const uri = uriIn(dir, 'routes.js');
    client.open(uri, 'javascript', HANDLER);
    const diags = await client.diagnosticsFor(uri);
    const sql = diags.find((d) => d.code === 'sql-injection');
    assert.ok(sql, JSON.stringify(diags.map((d) => d.code)));
    assert.match(String(sql.message), /`req\.query\.name` \(line 4\) reaches a SQL query .* through `name`/);
    assert.deepEqual(sql.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [
      [uri, 3, 'request input `req.query.name` enters here'],
      [uri, 3, 'flows into `name`'],
      [uri, 4, 'reaches `db.query`'],
    ]);
    const actions = (await client.codeActions(uri, sql.range, [sql])) as CodeAction[];
    assert.equal(actions[0].title, 'Vouch: Parameterise the query');
    assert.equal(actions[0].isPreferred, true);
    const fixed = applyWorkspaceEdit(actions[0].edit!, new Map([[uri, HANDLER]])).get(uri)!;
    assert.match(fixed, /db\.query\('SELECT \* FROM users WHERE name = \?', \[name\], \(err, rows\)/);
    const version = client.change(uri, fixed);
    const after = await client.diagnosticsFor(uri, version);
    assert.deepEqual(after.filter((d) => d.code === 'sql-injection'), []);
  });

  it('follows a helper imported from a workspace file: the slow tier reports at the call, naming the helper', async () => {
    writeIn(dir, 'db/users.js', "const db = require('./pool');\nexports.findUser = (id) => db.query(\"SELECT * FROM users WHERE id = '\" + id + \"'\");\n");
    const uri = uriIn(dir, 'routes/users.js');
    const text = "const { findUser } = require('../db/users');\napp.get('/u', (req, res) => {\n  findUser(req.params.id).then((rows) => res.json(rows));\n});\n";
    client.open(uri, 'javascript', text);
    const diags = await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'sql-injection'), 'a cross-file sql-injection');
    const sql = diags.filter((d) => d.code === 'sql-injection');
    assert.equal(sql.length, 1);
    assert.deepEqual([sql[0].range.start.line, sql[0].range.start.character], [2, 11]);
    assert.match(String(sql[0].message), /through `findUser\(\)` in `db\/users\.js`/);
  });

  it('holds a flow through an imported check from the fast publish: the slow tier clears it or publishes it', async () => {
    writeIn(dir, 'lib/common.js', "exports.existsUpPath = (str) => /(^|[\\/])\\.\\.([\\/]|$)/.test(str);\nexports.note = (str) => console.log(str);\n");
    const uri = uriIn(dir, 'lib/index.js');
    const text = [
      HELD_ROUTE,
      "app.get('/doc', (req, res) => {",
      '  common.note(req.query.f);',
      '  fs.createReadStream(path.join(DOC_DIR, req.query.f)).pipe(res);',
      '});',
      "app.get('/raw', (req, res) => fs.createReadStream(path.join(RAW_DIR, req.query.r)).pipe(res));",
      '',
    ].join('\n');
    client.open(uri, 'javascript', text);
    const lines = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.filter((d) => d.code === 'path-traversal').map((d) => d.range.start.line);
    await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'path-traversal' && x.range.start.line === 9), 'the held flow, from the slow tier');
    const publishes = client.published.filter((p) => p.uri === uri && p.version === 1);
    // The fast publish: only the flow that no imported function sees; the one the slow tier cleared never shows.
    assert.deepEqual(lines(publishes[0]), [11]);
    assert.deepEqual(lines(publishes.at(-1)!), [9, 11]);
  });
});
