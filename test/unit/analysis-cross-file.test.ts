// Flows across files (slow tier): a helper another workspace file exports applies its summary at the
// call, as a helper of the same file does; one level deep; nothing when the import does not resolve.
import assert from 'node:assert/strict';
import type { Finding, LanguageId, Services } from '../../server/src/core/types';
import { ProjectIndex, MAX_INDEXED_BYTES } from '../../server/src/project/workspace-index';
import { testEngine } from '../engine';
import { memoryProject } from './workspace-index.test';

const ROUTE_JS = [
  "import express from 'express';",
  "import { findUser } from './db/users';",
  'const app = express();',
  "app.get('/users', async (req, res) => {",
  '  const rows = await findUser(req.query.id);',
  '  res.json(rows);',
  '});',
  '',
].join('\n');

const SQL_HELPER = [
  "const db = require('./pool');",
  '',
  'export function findUser(id) {',
  "  return db.query(\"SELECT * FROM users WHERE id = '\" + id + \"'\");",
  '}',
  '',
].join('\n');

async function tiers(files: Record<string, string>, path: string, languageId: LanguageId = 'javascript'): Promise<{ fast: Finding[]; both: Finding[] }> {
  const engine = await testEngine();
  const input = { text: files[path], languageId, path };
  const services: Services = { workspace: new ProjectIndex(memoryProject(files)) };
  const fast = engine.analyze(input).findings;
  const both = (await engine.analyzeTiers(input, services)).findings;
  return { fast: fast.filter((f) => f.family !== 'hallucinated-dependency'), both: both.filter((f) => f.family !== 'hallucinated-dependency') };
}

const flows = (fs: Finding[], rule = 'sql-injection') => fs.filter((f) => f.ruleId === rule);
const at = (text: string, f: Finding) => text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character);

describe('analysis: flows across files (slow tier)', () => {
  it('reports SQL built in an imported helper at the call in the caller, naming the helper and its file', async () => {
    const files = { 'routes/users.js': ROUTE_JS.replace("'./db/users'", "'../db/users'"), 'db/users.js': SQL_HELPER };
    const { fast, both } = await tiers(files, 'routes/users.js');
    assert.deepEqual(flows(fast), []);
    const [f, ...rest] = flows(both);
    assert.ok(f, JSON.stringify(both.map((x) => x.ruleId)));
    assert.deepEqual(rest, []);
    assert.equal(at(files['routes/users.js'], f), 'req.query.id');
    assert.equal(f.kind, 'request:summary');
    assert.equal(f.confidence, 'medium');
    assert.match(f.message, /reaches a SQL query \(`db\.query` in `db\/users\.js`, line 4\) through `findUser\(\)` in `db\/users\.js`/);
    assert.deepEqual(f.related?.map((r) => r.message), [
      'request input `req.query.id` enters here', 'flows into `findUser()` in `db/users.js`', 'reaches `db.query` in `db/users.js`',
    ]);
  });

  it('carries taint through an imported helper that returns what it built, to a sink in the caller', async () => {
    const route = [
      "const { buildQuery } = require('./sql');",
      "const pool = require('./pool');",
      "app.get('/u', (req, res) => {",
      '  const q = buildQuery(req.query.name);',
      '  pool.query(q);',
      '});',
    ].join('\n');
    const helper = "module.exports = { buildQuery: (name) => \"SELECT * FROM users WHERE name = '\" + name + \"'\" };\n";
    const { fast, both } = await tiers({ 'app.js': route, 'sql.js': helper }, 'app.js');
    assert.deepEqual(flows(fast), []);
    assert.deepEqual(flows(both).map((f) => [at(route, f), f.kind]), [['q', 'request:summary']]);
    assert.match(flows(both)[0].message, /through `buildQuery\(\)` in `sql\.js`, `q`/);
  });

  it('an imported sanitizer or validator clears the input; a pass-through helper does not', async () => {
    const route = [
      "import { clean } from './clean';",
      "const pool = require('./pool');",
      "app.get('/u', (req, res) => {",
      '  const id = clean(req.query.id);',
      "  pool.query('SELECT * FROM t WHERE id = ' + id);",
      '});',
    ].join('\n');
    const run = async (helper: string) => flows((await tiers({ 'app.js': route, 'clean.js': helper }, 'app.js')).both).length;
    assert.equal(await run('export function clean(x) { return x.trim(); }\n'), 1);
    assert.equal(await run('export function clean(x) { return parseInt(x, 10); }\n'), 0);
    assert.equal(await run("export function clean(x) {\n  if (!/^\\d+$/.test(x)) throw new Error('bad id');\n  return x;\n}\n"), 0);
  });

  it('does not follow the imported file\'s own imports (one level deep)', async () => {
    const files = {
      'app.js': ROUTE_JS,
      'db/users.js': "import { runQuery } from './raw';\nexport function findUser(id) {\n  return runQuery(id);\n}\n",
      'db/raw.js': SQL_HELPER.replace('findUser', 'runQuery'),
    };
    assert.deepEqual(flows((await tiers(files, 'app.js')).both), []);
    // The same helper one level deep is followed.
    assert.equal(flows((await tiers({ ...files, 'db/users.js': SQL_HELPER }, 'app.js')).both).length, 1);
  });

  it('does nothing for an import that does not resolve, a package, or a huge file', async () => {
    assert.deepEqual(flows((await tiers({ 'app.js': ROUTE_JS }, 'app.js')).both), []);
    const pkg = ROUTE_JS.replace("'./db/users'", "'db-users'");
    assert.deepEqual(flows((await tiers({ 'app.js': pkg, 'db-users.js': SQL_HELPER }, 'app.js')).both), []);
    const huge = SQL_HELPER + '// ' + 'x'.repeat(MAX_INDEXED_BYTES) + '\n';
    assert.deepEqual(flows((await tiers({ 'app.js': ROUTE_JS, 'db/users.js': huge }, 'app.js')).both), []);
  });

  it('reports a sink once: the slow tier adds only sinks the fast tier did not report', async () => {
    const route = [
      "const { buildQuery } = require('./sql');",
      "const pool = require('./pool');",
      "app.get('/u', (req, res) => {",
      "  const q = req.query.raw ? 'SELECT * FROM t WHERE id = ' + req.query.id : buildQuery(req.query.name);",
      '  pool.query(q);',
      '  pool.query(buildQuery(req.query.other));',
      '});',
    ].join('\n');
    const files = { 'app.js': route, 'sql.js': "exports.buildQuery = function (name) { return 'SELECT * FROM t WHERE name = ' + name; };\n" };
    const engine = await testEngine();
    const input = { text: route, languageId: 'javascript' as const, path: 'app.js' };
    const services: Services = { workspace: new ProjectIndex(memoryProject(files)) };
    assert.deepEqual(flows(engine.analyze(input).findings).map((f) => [f.range.start.line, f.kind]), [[4, 'request:direct']]);
    // The slow tier alone: only the sink that the imported summary reaches.
    const slow = flows((await engine.analyzeAsync(input, services)).findings);
    assert.deepEqual(slow.map((f) => [f.range.start.line, f.kind]), [[5, 'request:summary']]);
    const both = flows((await engine.analyzeTiers(input, services)).findings);
    assert.deepEqual(both.map((f) => [f.range.start.line, f.kind]), [[4, 'request:direct'], [5, 'request:summary']]);
  });
});

describe('analysis: flows across Python files (slow tier)', () => {
  const ROUTE_PY = [
    'from flask import Flask, request',
    'from .helpers import find_user',
    'app = Flask(__name__)',
    '',
    "@app.route('/users')",
    'def users():',
    "    return find_user(request.args.get('id'))",
    '',
  ].join('\n');
  const HELPER_PY = [
    'import sqlite3',
    '',
    'def find_user(user_id):',
    "    conn = sqlite3.connect('app.db')",
    '    cursor = conn.cursor()',
    '    cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")',
    '    return cursor.fetchall()',
    '',
  ].join('\n');

  it('reports SQL built in an imported module-level def at the call (relative and absolute imports)', async () => {
    const rel = await tiers({ 'app/routes.py': ROUTE_PY, 'app/helpers.py': HELPER_PY }, 'app/routes.py', 'python');
    assert.deepEqual(flows(rel.fast), []);
    assert.deepEqual(flows(rel.both).map((f) => [at(ROUTE_PY, f), f.kind]), [["request.args.get('id')", 'request:summary']]);
    assert.match(flows(rel.both)[0].message, /through `find_user\(\)` in `app\/helpers\.py`/);
    const absolute = ROUTE_PY.replace('from .helpers import find_user', 'from app.helpers import find_user');
    const abs = await tiers({ 'main.py': absolute, 'app/helpers.py': HELPER_PY, 'app/__init__.py': '' }, 'main.py', 'python');
    assert.equal(flows(abs.both).length, 1);
    const module = ROUTE_PY.replace('from .helpers import find_user', 'from . import helpers').replace('return find_user(', 'return helpers.find_user(');
    assert.equal(flows((await tiers({ 'app/routes.py': module, 'app/helpers.py': HELPER_PY }, 'app/routes.py', 'python')).both).length, 1);
    const dotted = ROUTE_PY.replace('from .helpers import find_user', 'import app.helpers').replace('return find_user(', 'return app.helpers.find_user(');
    assert.equal(flows((await tiers({ 'main.py': dotted, 'app/helpers.py': HELPER_PY }, 'main.py', 'python')).both).length, 1);
  });

  it('an imported sanitizer clears the input; a missing module does nothing', async () => {
    const route = ROUTE_PY.replace('from .helpers import find_user', 'from .helpers import find_user\nfrom .clean import as_id').replace("find_user(request.args.get('id'))", "find_user(as_id(request.args.get('id')))");
    const files = { 'app/routes.py': route, 'app/helpers.py': HELPER_PY, 'app/clean.py': 'def as_id(v):\n    return int(v)\n' };
    assert.deepEqual(flows((await tiers(files, 'app/routes.py', 'python')).both), []);
    assert.equal(flows((await tiers({ ...files, 'app/clean.py': 'def as_id(v):\n    return v.strip()\n' }, 'app/routes.py', 'python')).both).length, 1);
    assert.deepEqual(flows((await tiers({ 'app/routes.py': ROUTE_PY }, 'app/routes.py', 'python')).both), []);
  });

  it('an imported helper that runs its parameter as an argv: of a list handed in only the program counts (FreedomBox _run)', async () => {
    const helper = 'import subprocess\n\ndef run(arguments):\n    return subprocess.run(arguments, check=True)\n';
    const route = (args: string) => `from flask import request\nfrom .priv import run\n\n@app.route('/d')\ndef d():\n    run(${args})\n`;
    const scan = async (args: string) => flows((await tiers({ 'app/routes.py': route(args), 'app/priv.py': helper }, 'app/routes.py', 'python')).both, 'command-injection');
    assert.deepEqual(await scan("['ldapdeleteuser', request.args['user']]"), []);
    assert.equal((await scan("[request.args['prog'], '-x']")).length, 1);
  });

  it('summarises an imported Python module only when it defines a function the file calls with input', async () => {
    // What a caller of `derived` asked the index to compute, by path: `pythonDefs` (the text gate) or the summaries.
    const derives: string[] = [];
    const counting = (files: Record<string, string>) => {
      const index = new ProjectIndex(memoryProject(files));
      const derived = index.derived.bind(index);
      index.derived = (rel, key, derive) => derived(rel, key, (text, path) => {
        derives.push(`${path}:${derive.name === 'pythonDefs' ? 'defs' : 'summary'}`);
        return derive(text, path);
      });
      return index;
    };
    const engine = await testEngine();
    const run = async (files: Record<string, string>) => {
      derives.length = 0;
      const input = { text: files['app/routes.py'], languageId: 'python' as const, path: 'app/routes.py' };
      return flows((await engine.analyzeTiers(input, { workspace: counting(files) })).findings);
    };
    // A class of that name (Django's `HttpResponse`), a constant, a re-export: nothing to summarise, nothing parsed.
    const route = ROUTE_PY.replace('from .helpers import find_user', 'from .helpers import find_user\nfrom .http import Page');
    const classOnly = 'class Page:\n    def __init__(self, body):\n        self.body = body\n\ndef find_user(v):\n    return v\n';
    assert.deepEqual(await run({ 'app/routes.py': route.replace("find_user(request.args.get('id'))", "Page(request.args.get('id'))"), 'app/helpers.py': HELPER_PY, 'app/http.py': classOnly }), []);
    assert.deepEqual(derives, ['app/http.py:defs']);
    // The function it calls is defined there (inside an `if`, too): summarised, and the flow is found.
    const guarded = HELPER_PY.replace(/^def find_user/m, 'if True:\n  def find_user').replace(/\n    /g, '\n      ');
    for (const helpers of [HELPER_PY, guarded]) {
      assert.equal((await run({ 'app/routes.py': ROUTE_PY, 'app/helpers.py': helpers })).length, 1, helpers);
      assert.deepEqual(derives, ['app/helpers.py:defs', 'app/helpers.py:summary']);
    }
  });

  it('a module summarised for the functions one importer calls is summarised whole for another that calls others', async () => {
    const helpers = HELPER_PY + 'def run(cmd):\n    import os\n    return os.system(cmd)\n';
    const other = ROUTE_PY.replace('import find_user', 'import run').replace("return find_user(request.args.get('id'))", "return run(request.args['cmd'])");
    const index = new ProjectIndex(memoryProject({ 'app/routes.py': ROUTE_PY, 'app/other.py': other, 'app/helpers.py': helpers }));
    const engine = await testEngine();
    const scan = async (path: string, rule: string) =>
      flows((await engine.analyzeTiers({ text: path === 'app/other.py' ? other : ROUTE_PY, languageId: 'python', path }, { workspace: index })).findings, rule);
    assert.equal((await scan('app/routes.py', 'sql-injection')).length, 1);
    assert.equal((await scan('app/other.py', 'command-injection')).length, 1);
    assert.equal((await scan('app/routes.py', 'sql-injection')).length, 1);
  });
});
