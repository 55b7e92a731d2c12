// Flows whose verdict depends on a function a relative import names: the fast tier (one file, no
// summaries) holds them, the slow tier decides them with the imported summary (the helper checks or
// cleans the input, or not), and reports them as the fast tier would have when it has no summary.
import assert from 'node:assert/strict';
import type { Finding, Services } from '../../server/src/core/types';
import { reuseStats } from '../../server/src/analysis/reuse';
import { ProjectIndex } from '../../server/src/project/workspace-index';
import { testEngine } from '../engine';
import { memoryProject } from './workspace-index.test';
import { HELD_ROUTE } from '../flows/held-route';

/** whistle's webui, reduced. */
const ROUTE = HELD_ROUTE;
const CHECKS = 'exports.existsUpPath = function (str) {\n  return /(^|[\\/])\\.\\.([\\/]|$)/.test(str);\n};\n';
const LOGS = 'exports.existsUpPath = function (str) {\n  console.log(str);\n  return false;\n};\n';

async function tiers(files: Record<string, string>, path: string, services?: Services): Promise<{ fast: Finding[]; both: Finding[] }> {
  const engine = await testEngine();
  const input = { text: files[path], languageId: 'javascript' as const, path };
  const fast = engine.analyze(input).findings;
  const both = (await engine.analyzeTiers(input, services ?? { workspace: new ProjectIndex(memoryProject(files)) })).findings;
  return { fast: traversal(fast), both: traversal(both) };
}

const traversal = (fs: Finding[]) => fs.filter((f) => f.ruleId === 'path-traversal');
const where = (fs: Finding[]) => fs.map((f) => [f.range.start.line, f.kind]);

describe('analysis: flows held for the imported summary', () => {
  it('an imported check clears the flow in the slow tier, and the fast tier does not publish it', async () => {
    const { fast, both } = await tiers({ 'lib/index.js': ROUTE, 'lib/common.js': CHECKS }, 'lib/index.js');
    assert.deepEqual(where(fast), []);
    assert.deepEqual(where(both), []);
  });

  it('an imported sanitizer whose result reaches the sink clears it; one that hands the input back does not', async () => {
    const route = ROUTE.replace('  if (common.existsUpPath(req.path)) return res.end();\n', '').replace('path.join(PLUGIN_DIR, req.path)', 'path.join(PLUGIN_DIR, common.clean(req.path))');
    const clean = await tiers({ 'lib/index.js': route, 'lib/common.js': 'exports.clean = function (p) {\n  return require(\'path\').basename(p);\n};\n' }, 'lib/index.js');
    assert.deepEqual(where(clean.fast), []);
    assert.deepEqual(where(clean.both), []);
    const same = await tiers({ 'lib/index.js': route, 'lib/common.js': 'exports.clean = function (p) {\n  return p.trim();\n};\n' }, 'lib/index.js');
    assert.deepEqual(where(same.both), [[4, 'request:summary']]);
  });

  it('an imported helper that checks nothing keeps the finding, reported once by the slow tier', async () => {
    const { fast, both } = await tiers({ 'lib/index.js': ROUTE, 'lib/common.js': LOGS }, 'lib/index.js');
    assert.deepEqual(where(fast), []);
    assert.deepEqual(where(both), [[5, 'request:direct']]);
  });

  it('a flow with no imported call on its input is published by the fast tier as before', async () => {
    const route = ROUTE.replace('common.existsUpPath(req.path)', 'common.existsUpPath(req.query.v)');
    const { fast, both } = await tiers({ 'lib/index.js': route, 'lib/common.js': CHECKS }, 'lib/index.js');
    assert.deepEqual(where(fast), [[5, 'request:direct']]);
    assert.deepEqual(where(both), [[5, 'request:direct']]);
    // A package's function is no workspace file: nothing to wait for.
    const pkg = ROUTE.replace("require('./common')", "require('common-utils')");
    assert.deepEqual(where((await tiers({ 'lib/index.js': pkg }, 'lib/index.js')).fast), [[5, 'request:direct']]);
  });

  it('an edit elsewhere keeps the flow held: the unit-by-unit walk replays what the import was handed', async () => {
    const engine = await testEngine();
    const other = "app.get('/raw', (req, res) => {\n  require('fs').createReadStream(path.join(RAW_DIR, req.query.r)).pipe(res);\n});\n";
    // Each handler requires what it uses: no module-level name, so an edit in one replays the other.
    const own = "app.get('/plugin/*', (req, res) => {\n  const common = require('./common');\n  if (common.existsUpPath(req.path)) return res.end();\n  require('fs').createReadStream(require('path').join(PLUGIN_DIR, req.path)).pipe(res);\n});\n";
    const v1 = `${own}${other.replace('path.join', "require('path').join")}`;
    const input = { languageId: 'javascript' as const, path: 'lib/edited.js' };
    assert.deepEqual(where(traversal(engine.analyze({ ...input, text: v1 }, { incremental: true }).findings)), [[6, 'request:direct']]);
    const v2 = v1.replace('req.query.r)).pipe(res);', 'req.query.r)).pipe(res); // typed');
    const replayed = reuseStats.replayed;
    assert.deepEqual(where(traversal(engine.analyze({ ...input, text: v2 }, { incremental: true }).findings)), [[6, 'request:direct']]);
    assert.ok(reuseStats.replayed > replayed, 'the held handler was replayed, not walked again');
  });

  it('falls back to the fast verdict when the slow tier has no summary: no workspace, no file, nothing resolved', async () => {
    assert.deepEqual(where((await tiers({ 'lib/index.js': ROUTE }, 'lib/index.js', {})).both), [[5, 'request:direct']]);
    assert.deepEqual(where((await tiers({ 'lib/index.js': ROUTE }, 'lib/index.js')).both), [[5, 'request:direct']]);
    const elsewhere = ROUTE.replace("'./common'", "'./missing'");
    assert.deepEqual(where((await tiers({ 'lib/index.js': elsewhere, 'lib/common.js': CHECKS }, 'lib/index.js')).both), [[5, 'request:direct']]);
  });

  it('a Python view holds a flow through a relative import, or its own package\'s, and the helper\'s check clears it', async () => {
    const view = "import os\nfrom flask import request\nfrom .checks import plain_name\n\n@app.route('/dl')\ndef dl():\n    name = request.args['name']\n    if not plain_name(name):\n        return 'no'\n    return open(os.path.join(ROOT, name)).read()\n";
    const helper = "import re\n\ndef plain_name(name):\n    return re.fullmatch(r'[a-z]+', name)\n";
    const engine = await testEngine();
    const input = { text: view, languageId: 'python' as const, path: 'app/views.py' };
    const files = { 'app/views.py': view, 'app/checks.py': helper, 'app/__init__.py': '' };
    assert.deepEqual(where(traversal(engine.analyze(input).findings)), []);
    assert.deepEqual(where(traversal((await engine.analyzeTiers(input, { workspace: new ProjectIndex(memoryProject(files)) })).findings)), []);
    // Absolute, by the package the view sits in: held too; a package the path does not name is not.
    const absolute = { ...input, text: view.replace('from .checks', 'from app.checks') };
    assert.deepEqual(where(traversal(engine.analyze(absolute).findings)), []);
    assert.deepEqual(where(traversal((await engine.analyzeTiers(absolute, { workspace: new ProjectIndex(memoryProject({ ...files, 'app/views.py': absolute.text })) })).findings)), []);
    assert.deepEqual(where(traversal(engine.analyze({ ...input, text: view.replace('from .checks', 'from names.checks') }).findings)), [[9, 'request:direct']]);
    const logs = { ...files, 'app/checks.py': 'def plain_name(name):\n    print(name)\n    return True\n' };
    assert.deepEqual(where(traversal((await engine.analyzeTiers(input, { workspace: new ProjectIndex(memoryProject(logs)) })).findings)), [[9, 'request:direct']]);
  });
});
