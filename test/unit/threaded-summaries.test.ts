// The language server summarises imported workspace files on a worker thread: the same export tables
// as the in-thread summary, the same cross-file findings, a main thread that keeps running meanwhile,
// prompt cancellation, and a worker that comes back after it dies.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SUMMARIES, summariseExports } from '../../server/src/analysis/cross-file';
import { modelsFor } from '../../server/src/analysis/index';
import { teamPacks } from '../../server/src/analysis/team';
import type { Finding, LanguageId, Services } from '../../server/src/core/types';
import { ThreadedSummaries } from '../../server/src/project/threaded-summaries';
import { ProjectIndex } from '../../server/src/project/workspace-index';
import { testEngine } from '../engine';
import { memoryProject } from './workspace-index.test';
import { whileTicking } from '../ticks';

const ROOT = join(__dirname, '..');

/** Every JS/TS/Python source of the fixture apps and the held-out flow suite. */
function sources(): Array<{ path: string; text: string; language: 'js' | 'python' }> {
  const out: Array<{ path: string; text: string; language: 'js' | 'python' }> = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(py|[cm]?[jt]sx?)$/.test(name) && !name.endsWith('.test.ts')) out.push({ path: relative(ROOT, p), text: readFileSync(p, 'utf8'), language: name.endsWith('.py') ? 'python' : 'js' });
    }
  };
  walk(join(ROOT, 'apps'));
  walk(join(ROOT, 'flows', 'heldout'));
  return out;
}

const HELPER_JS = [
  "const db = require('./pool');",
  'export function findUser(id) {',
  "  return db.query(\"SELECT * FROM users WHERE id = '\" + id + \"'\");",
  '}',
  'export const shout = (s) => s.toUpperCase();',
  '',
].join('\n');

/** A file whose summary takes a while: many exported helpers, each building SQL from its parameters. */
function bigHelper(n: number): string {
  const out = ["const db = require('./pool');"];
  for (let i = 0; i < n; i++) {
    out.push(`export function q${i}(a, b) {`, `  const where = a ? "name = '" + a + "'" : 'id = ' + b;`, `  if (b > ${i}) return db.query('SELECT * FROM t${i} WHERE ' + where);`, `  return [a, b, where].join('${i}');`, '}');
  }
  return out.join('\n');
}

describe('project/threaded-summaries: export tables made on a worker thread', function () {
  this.timeout(120_000);
  const logs: string[] = [];
  // A loaded machine can take more than the one-second production budget over the 400-function file,
  // and a summary out of its budget is empty: these tests give both sides a budget no run here reaches.
  const BUDGET = { budgetMs: 60_000 };
  let threaded: ThreadedSummaries;
  // The engine loads the Python grammar this thread's in-thread summaries parse with.
  before(() => testEngine());
  beforeEach(() => {
    logs.length = 0;
    threaded = new ThreadedSummaries((m) => logs.push(m), BUDGET.budgetMs);
  });
  afterEach(() => threaded.dispose());

  it('answers exactly the in-thread tables for every fixture app and held-out flow file, with and without team models', async () => {
    const raw = { path: 'db/raw.js', text: "const db = require('./pool');\nexport function raw(q) {\n  return db.runRaw('SELECT ' + q);\n}\n", language: 'js' as const };
    const files = [...sources(), { path: 'db/users.js', text: HELPER_JS, language: 'js' as const }, raw];
    assert.ok(files.length >= 40, `${files.length} files`);
    const team = teamPacks({ sinks: [{ kind: 'sql', method: ['runRaw'], receiver: '^db$', arg: 0 }] } as never);
    let nonEmpty = 0;
    // Warm: each side's first summary loads code.
    for (const f of files.slice(0, 8)) await threaded.exports(f, []);
    for (const extra of [[], team]) {
      for (const f of files) {
        const expected = summariseExports(f.text, f.path, f.language, modelsFor(f.language, extra), undefined, BUDGET);
        const answer = await threaded.exports(f, extra);
        assert.ok(answer, f.path);
        assert.deepEqual(answer.table, expected, f.path);
        if (expected.size) nonEmpty++;
      }
    }
    assert.ok(nonEmpty >= 10, `${nonEmpty} non-empty tables`);
    // The team's sink is one only with the team's models.
    assert.deepEqual((await threaded.exports(raw, []))?.table.get('raw')?.sinks, []);
    assert.equal((await threaded.exports(raw, team))?.table.get('raw')?.sinks[0]?.kind, 'sql');
    assert.deepEqual(logs, []);
  });

  it('gives the same cross-file findings as summarising in the thread (JS and Python)', async () => {
    const engine = await testEngine();
    const cases: Array<{ files: Record<string, string>; path: string; languageId: LanguageId }> = [
      {
        files: {
          'routes/users.js': "import { findUser } from '../db/users';\napp.get('/u', async (req, res) => {\n  res.json(await findUser(req.query.id));\n});\n",
          'db/users.js': HELPER_JS,
        },
        path: 'routes/users.js', languageId: 'javascript',
      },
      {
        files: {
          'app/views.py': "from flask import request\nfrom app.helpers import run\n\n@app.route('/x')\ndef x():\n    return run(request.args['q'])\n",
          'app/helpers.py': 'import os\n\ndef run(cmd):\n    os.system("ls " + cmd)\n    return "ok"\n',
        },
        path: 'app/views.py', languageId: 'python',
      },
    ];
    const crossFile = (fs: Finding[]) => fs.filter((f) => f.kind?.endsWith(':summary') && f.family === 'missing-input-validation').map((f) => [f.ruleId, f.range, f.message]);
    for (const c of cases) {
      const input = { text: c.files[c.path], languageId: c.languageId, path: c.path };
      const inThread: Services = { workspace: new ProjectIndex(memoryProject(c.files)) };
      const onWorker: Services = { workspace: new ProjectIndex(memoryProject(c.files)), [SUMMARIES]: threaded };
      const expected = crossFile((await engine.analyzeTiers(input, inThread)).findings);
      assert.equal(expected.length, 1, `${c.path}: ${JSON.stringify(expected)}`);
      assert.deepEqual(crossFile((await engine.analyzeTiers(input, onWorker)).findings), expected, c.path);
    }
  });

  it('keeps the main thread running while a big file is summarised', async () => {
    const file = { path: 'big.js', text: bigHelper(400), language: 'js' as const };
    const { result: answer, ticks, firstTickBeforeAnswer, ms } = await whileTicking(10, () => threaded.exports(file, []));
    assert.ok(answer?.table.get('q7')?.sinks.length, 'q7 reaches a SQL sink');
    assert.ok(firstTickBeforeAnswer, `a 10 ms timer fired only after the ${Math.round(ms)} ms summary answered`);
    assert.ok(ticks >= 2, `${ticks} ticks of a 10 ms timer during a ${Math.round(ms)} ms summary`);
  });

  it('a summary that outruns its budget answers an empty table', async () => {
    const strict = new ThreadedSummaries((m) => logs.push(m), 0);
    try {
      assert.equal((await strict.exports({ path: 'big.js', text: bigHelper(400), language: 'js' }, []))?.table.size, 0);
      assert.equal((await threaded.exports({ path: 'big.js', text: bigHelper(400), language: 'js' }, []))?.table.size, 400);
    } finally {
      strict.dispose();
    }
  });

  it('a cancelled request answers undefined at once, and the worker goes on to the next one', async () => {
    const file = { path: 'big.js', text: bigHelper(400), language: 'js' as const };
    await threaded.exports({ path: 'warm.js', text: HELPER_JS, language: 'js' }, []);
    const controller = new AbortController();
    const pending = threaded.exports(file, [], controller.signal);
    await new Promise((r) => setTimeout(r, 5));
    const aborted = performance.now();
    controller.abort();
    assert.equal(await pending, undefined);
    assert.ok(performance.now() - aborted < 50, `${performance.now() - aborted} ms after the abort`);
    assert.ok((await threaded.exports(file, []))?.table.size === 400);
    assert.equal(await threaded.exports(file, [], AbortSignal.abort()), undefined);
  });

  it('a worker that dies answers undefined, says so in the log, and is restarted for the next request', async () => {
    const file = { path: 'db/users.js', text: HELPER_JS, language: 'js' as const };
    const expected = summariseExports(file.text, file.path, 'js', modelsFor('js'), undefined, BUDGET);
    const pending = threaded.exports({ path: 'big.js', text: bigHelper(400), language: 'js' }, []);
    const first = threaded.thread;
    assert.ok(first);
    await first.terminate();
    assert.equal(await pending, undefined);
    assert.equal(logs.length, 1, logs.join('\n'));
    assert.match(logs[0], /^workspace summaries: worker stopped .*restarting on the next request/);
    assert.deepEqual((await threaded.exports(file, []))?.table, expected);
    assert.ok(threaded.thread && threaded.thread !== first);
  });
});
