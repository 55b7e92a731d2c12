// The language server's type service runs the checker on a worker thread: same answers as the
// in-thread service, a main thread that keeps running during a cold check, prompt cancellation,
// and a worker that comes back after it dies.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from '@ts-morph/common';
import { TypeCheckService } from '../../../server/src/typecheck/service';
import { ThreadedTypeService } from '../../../server/src/typecheck/threaded';
import { fixtureProject } from './project';
import { whileTicking } from '../../ticks';

const EXT: Record<string, string> = { javascript: 'js', typescript: 'ts', typescriptreact: 'tsx', javascriptreact: 'jsx' };

/** Every `code` of the four phantom-api tables, with the file name its language implies. */
function tableCases(): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const rule of ['phantom-member', 'deprecated-api', 'wrong-arity', 'unknown-option-key']) {
    const file = join(__dirname, '..', rule, 'cases.test.ts');
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const tableLanguage = /ruleTester\('[^']+', '([a-z]+)'/.exec(sf.text)?.[1] ?? 'javascript';
    const visit = (n: ts.Node): void => {
      if (ts.isObjectLiteralExpression(n)) {
        const prop = (name: string) => n.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === name)?.initializer;
        const code = prop('code');
        const language = prop('language');
        if (code && ts.isStringLiteral(code)) {
          const lang = language && ts.isStringLiteral(language) ? language.text : tableLanguage;
          out.push({ path: `src/${rule}-${out.length}.${EXT[lang] ?? 'js'}`, text: code.text });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

const COLD = "const fs = require('fs');\nconst http = require('http');\nfs.readFileAsync('a');\nhttp.createServer().listen();\n";

describe('typecheck: the worker-thread type service', function () {
  this.timeout(120_000);
  const { root } = fixtureProject();
  const logs: string[] = [];
  let threaded: ThreadedTypeService;
  beforeEach(() => {
    logs.length = 0;
    threaded = new ThreadedTypeService({ roots: () => [root], log: (m) => logs.push(m) });
  });
  afterEach(() => threaded.dispose());

  it('answers exactly what the in-thread service answers on the phantom-api tables', async () => {
    const cases = tableCases();
    assert.ok(cases.length >= 30, `${cases.length} cases`);
    const local = new TypeCheckService(() => [root]);
    try {
      for (const c of cases) {
        const expected = await local.check(c);
        assert.deepEqual(await threaded.check(c), expected, c.text);
      }
    } finally {
      local.dispose();
    }
    assert.deepEqual(logs, []);
  });

  it('keeps the main thread running while a cold check is in flight', async () => {
    const { result: facts, ticks, firstTickBeforeAnswer, ms } = await whileTicking(20, () => threaded.check({ path: 'src/cold.js', text: COLD }));
    assert.ok(facts?.some((f) => f.subject === 'fs.readFileAsync'), JSON.stringify(facts));
    // In-thread, the check runs as one synchronous block: no timer fires until it has answered.
    assert.ok(firstTickBeforeAnswer, `a 20 ms timer fired only after the ${Math.round(ms)} ms check answered`);
    assert.ok(ticks >= 2, `${ticks} ticks of a 20 ms timer during a ${Math.round(ms)} ms cold check`);
  });

  it('a cancelled check answers undefined at once, and the worker goes on to the next one', async () => {
    const controller = new AbortController();
    const pending = threaded.check({ path: 'src/cancel.js', text: COLD }, controller.signal);
    await new Promise((r) => setTimeout(r, 30));
    const aborted = performance.now();
    controller.abort();
    assert.equal(await pending, undefined);
    assert.ok(performance.now() - aborted < 250, `${performance.now() - aborted} ms after the abort`);
    const facts = await threaded.check({ path: 'src/cancel.js', text: COLD });
    assert.ok(facts?.some((f) => f.subject === 'fs.readFileAsync'));
    assert.equal(await threaded.check({ path: 'src/cancel.js', text: COLD }, AbortSignal.abort()), undefined);
  });

  it('a worker that dies mid-check answers undefined, says so in the log, and is restarted for the next check', async () => {
    const expected = await new TypeCheckService(() => [root]).check({ path: 'src/crash.js', text: COLD });
    const pending = threaded.check({ path: 'src/crash.js', text: COLD });
    const first = threaded.thread;
    assert.ok(first);
    await new Promise((r) => setTimeout(r, 30));
    await first.terminate();
    assert.equal(await pending, undefined);
    assert.equal(logs.length, 1, logs.join('\n'));
    assert.match(logs[0], /worker stopped .*restarting on the next request/);
    assert.deepEqual(await threaded.check({ path: 'src/crash.js', text: COLD }), expected);
    assert.ok(threaded.thread && threaded.thread !== first);
  });

  it('three crashes in a row pause checks instead of restarting the worker for every edit', async () => {
    for (let i = 0; i < 3; i++) {
      const pending = threaded.check({ path: 'src/loop.js', text: COLD });
      await threaded.thread!.terminate();
      assert.equal(await pending, undefined);
    }
    assert.match(logs.at(-1)!, /3 crashes in a row, restarting in 60 s/);
    assert.equal(await threaded.check({ path: 'src/loop.js', text: COLD }), undefined);
    assert.equal(threaded.thread, undefined);
  });

  it('an idle checker stops, quietly, and the next check starts it again with the same answer', async () => {
    const idle = new ThreadedTypeService({ roots: () => [root], log: (m) => logs.push(m), idleMs: 200 });
    try {
      const first = await idle.check({ path: 'src/idle.js', text: COLD });
      const w = idle.thread!;
      await new Promise<number>((r) => w.once('exit', r));
      assert.equal(idle.thread, undefined);
      assert.deepEqual(await idle.check({ path: 'src/idle.js', text: COLD }), first);
      assert.ok(idle.thread && idle.thread !== w);
      assert.deepEqual(logs, []);
    } finally {
      idle.dispose();
    }
  });

  it('release stops an idle checker at once, quietly, leaves a checking one running, and the next check starts it again', async () => {
    assert.equal(threaded.release(), false, 'no worker yet');
    const first = await threaded.check({ path: 'src/r.js', text: COLD });
    const w = threaded.thread!;
    const exited = new Promise<number>((r) => w.once('exit', r));
    assert.equal(threaded.release(), true);
    await exited;
    assert.equal(threaded.thread, undefined);
    const busy = threaded.check({ path: 'src/r.js', text: COLD });
    assert.equal(threaded.release(), false, 'a check in flight keeps its worker');
    assert.deepEqual(await busy, first);
    assert.ok(threaded.thread && threaded.thread !== w);
    assert.deepEqual(logs, [], 'a release is no crash');
  });

  it('dispose stops the worker; later checks answer undefined', async () => {
    assert.ok(await threaded.check({ path: 'src/d.js', text: COLD }));
    const w = threaded.thread!;
    const exited = new Promise<number>((r) => w.once('exit', r));
    threaded.dispose();
    await exited;
    assert.equal(threaded.thread, undefined);
    assert.equal(await threaded.check({ path: 'src/d.js', text: COLD }), undefined);
    assert.deepEqual(logs, []);
  });
});
