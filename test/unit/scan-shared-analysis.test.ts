// A scan lowers and analyses each file once, shared between the file's own run and the summaries its
// importers ask for (the engine's memo): on a multi-file project, in both orders (importer first,
// imported file first), its findings are exactly those of a scan that shares nothing.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mergeSettings } from '../../server/src/core/config';
import { Engine } from '../../server/src/core/engine';
import { allDetectors } from '../../server/src/detectors';
import { FolderServices, runScan } from '../../server/src/scan/compose';
import type { AnnotatedScan, ScanResult } from '../../server/src/scan/result';
import { scanFilesAsync } from '../../server/src/scan/scan';
import { testEngine } from '../engine';

/** Names sort so that importers come before the files they import (a_) and after them (z_). */
const FILES: Record<string, string> = {
  'a_routes/users.js': [
    "import express from 'express';",
    "import { findUser, removeUser } from '../z_db/users';",
    "const clean = require('../z_lib/clean');",
    'const app = express();',
    "app.get('/users', async (req, res) => res.json(await findUser(req.query.id)));",
    "app.delete('/users', async (req, res) => res.json(await removeUser(clean(req.query.id))));",
    '',
  ].join('\n'),
  'z_db/users.js': [
    "const db = require('./pool');",
    "export function findUser(id) { return db.query(\"SELECT * FROM users WHERE id = '\" + id + \"'\"); }",
    "export function removeUser(id) { return db.query('DELETE FROM users WHERE id = ' + id); }",
    // Its own handler: the file is lowered and analysed for its own findings too.
    "export function handler(req, res) { res.send(findUser(req.params.name)); }",
    '',
  ].join('\n'),
  'z_lib/clean.js': "module.exports = (v) => String(v).replace(/[^0-9]/g, '');\n",
  // Seen by the syntax alone (the exposure rules' own checks), with the layer on or off.
  'a_routes/login.js': "export function login(req, res) { console.log(req.body); res.end(); }\n",
  'z_db/pool.js': "module.exports = { query: (sql) => sql };\n",
  'a_app/views.py': [
    'import os',
    'from flask import Flask, request',
    'from z_pkg.helpers import run_report, render_name',
    'app = Flask(__name__)',
    '',
    "@app.route('/report')",
    'def report():',
    "    return run_report(request.args['name'])",
    '',
    "@app.route('/hello')",
    'def hello():',
    "    return render_name(request.args.get('who'))",
    '',
  ].join('\n'),
  'z_pkg/__init__.py': '',
  'z_pkg/helpers.py': [
    'import os',
    'import subprocess',
    'from flask import request',
    '',
    'def run_report(name):',
    "    os.system('report ' + name)",
    '    return name',
    '',
    'def render_name(who):',
    "    return '<b>' + who + '</b>'",
    '',
    'def local_view():',
    "    subprocess.call(request.args['cmd'], shell=True)",
    '',
  ].join('\n'),
  'z_pkg/uses_views.py': 'from a_app.views import report\n\ndef again(request):\n    return report()\n',
};

function findings(scan: ScanResult): unknown {
  return scan.files.map((f) => ({ path: f.path, findings: f.findings, notices: f.notices })).sort((a, b) => (a.path < b.path ? -1 : 1));
}

describe('scan: one lowering and analysis per file, shared with importers', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-shared-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const settings = { ...mergeSettings({ registry: { enabled: false } }), detectorBudgetMs: 60_000 };

  async function scan(engine: Engine): Promise<AnnotatedScan> {
    const services = new FolderServices({ trusted: false, log: () => {}, snapshot: true });
    try {
      return await runScan({ engine, root: dir, settings, services: services.for(dir, settings) });
    } finally {
      services.dispose();
    }
  }

  /** One file at a time, in walk order: each importer's summaries are made before the imported file's own run. */
  async function oneByOne(engine: Engine): Promise<ScanResult> {
    const services = new FolderServices({ trusted: false, log: () => {}, snapshot: true });
    try {
      return await scanFilesAsync({ engine, root: dir, settings, services: services.for(dir, settings), concurrency: 1 });
    } finally {
      services.dispose();
    }
  }

  it('reports exactly what a scan that shares nothing reports, cross-file flows included', async () => {
    await testEngine();
    const shared = new Engine(allDetectors());
    const alone = new Engine(allDetectors(), { memo: { files: 0, chars: 0 } });
    const a = await scan(shared);
    const b = await scan(alone);
    assert.deepEqual(findings(a), findings(b));
    // The project has flows that only the imported summaries reveal, so the comparison covers them.
    const rules = (a.files.find((f) => f.path === 'a_routes/users.js')?.findings ?? []).map((f) => f.ruleId);
    assert.ok(rules.includes('sql-injection'), rules.join(', '));
    const py = (a.files.find((f) => f.path === 'a_app/views.py')?.findings ?? []).map((f) => f.ruleId);
    assert.ok(py.includes('command-injection'), py.join(', '));
    // The scan left the lowering and the analysis of analysed files in the memo; the other engine kept nothing.
    assert.ok(shared.memo.size > 0);
    assert.equal(alone.memo.size, 0);
  });

  it('the same when each importer runs before the files it imports (their own runs reuse the summaries\' work)', async () => {
    const a = await oneByOne(new Engine(allDetectors()));
    const b = await oneByOne(new Engine(allDetectors(), { memo: { files: 0, chars: 0 } }));
    assert.deepEqual(findings(a), findings(b));
    assert.ok(a.files.some((f) => f.path === 'z_pkg/helpers.py' && f.findings.some((x) => x.ruleId === 'command-injection')));
  });

  it('lowers and analyses nothing with flowAnalysis off; the exposure rules keep their syntax checks', async () => {
    const engine = new Engine(allDetectors());
    const services = new FolderServices({ trusted: false, log: () => {}, snapshot: true });
    let off: AnnotatedScan;
    try {
      off = await runScan({ engine, root: dir, settings: { ...settings, flowAnalysis: false }, services: services.for(dir, settings) });
    } finally {
      services.dispose();
    }
    const all = off.files.flatMap((f) => f.findings.map((x) => `${f.path} ${x.ruleId}`));
    assert.deepEqual(all.filter((f) => /injection|hardcoded-secret-in-sink/.test(f)), []);
    assert.ok(all.includes('a_routes/login.js sensitive-data-in-logs'), all.join('\n'));
    assert.equal(engine.memo.size, 0);
    const on = await scan(new Engine(allDetectors()));
    assert.ok(on.files.some((f) => f.path === 'a_routes/login.js' && f.findings.some((x) => x.ruleId === 'sensitive-data-in-logs')));
  });

  it('gives the same findings when the scan runs again on a warm memo', async () => {
    const engine = new Engine(allDetectors());
    const first = await scan(engine);
    const again = await scan(engine);
    assert.deepEqual(findings(again), findings(first));
  });
});
