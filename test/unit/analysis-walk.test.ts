// The IR's expression lists (analysis/walk.ts): `exprsOf` is exactly what `forEachExpr` visits in a
// function's body, in its order, `callsOf` its calls; a function the lowering of the next version
// reused keeps its list (the same array), and a function lowered again gets a new one.
import assert from 'node:assert/strict';
import type { Expr, Func } from '../../server/src/analysis/ir';
import { lowerJsUnits } from '../../server/src/analysis/lower-js';
import { lowerPython } from '../../server/src/analysis/lower-python';
import { callsOf, exprsOf, forEachExpr } from '../../server/src/analysis/walk';
import { parseJs, parsePython } from '../../server/src/core/parsers';
import { testEngine } from '../engine';

const JS = `
const express = require('express');
const app = express();
app.get('/a', (req, res) => {
  const { id = req.query.fallback } = req.params;
  let q = 'select ' + id;
  try { db.query(q, [1, { deep: f(g(id)) }]); } catch ({ message }) { res.status(500).send(message); }
  for (const k of Object.keys(req.body)) if (k) obj[k] = req.body[k] ? 1 : 2;
  return res.json({ ...req.body, n: -id, t: \`x\${id}\` });
});
app.get('/b', (req, res) => res.send(h(req.query.b)));
`;

const PY = `
from flask import Flask, request
app = Flask(__name__)
@app.route('/a')
def a():
    x, *rest = request.args.get('x'), 1
    y = f"{x}" + str(len(rest)) if x else g(x=x, **request.args)
    with open(y) as fh:
        return [fh.read() for _ in range(3)]
`;

function visited(fn: Func): Expr[] {
  const out: Expr[] = [];
  forEachExpr(fn.body, (e) => out.push(e));
  return out;
}

describe('analysis/walk: exprsOf and callsOf', () => {
  // The engine loads the Python grammar.
  before(async () => void (await testEngine()));

  for (const [lang, ir] of [
    ['JS', () => lowerJsUnits(parseJs(JS, 'a.js', 'javascript')).ir],
    ['Python', () => lowerPython(parsePython(PY)!)],
  ] as const) {
    it(`${lang}: lists what forEachExpr visits, in its order, once per body`, async () => {
      const lowered = await ir();
      let calls = 0;
      for (const fn of lowered.funcs) {
        const all = visited(fn);
        assert.deepEqual(exprsOf(fn), all);
        assert.deepEqual(callsOf(fn), all.filter((e) => e.k === 'call'));
        calls += callsOf(fn).length;
        assert.equal(exprsOf(fn), exprsOf(fn), 'the list is made once and kept');
      }
      assert.ok(calls >= 6, `the fixture's calls are listed (${calls})`);
    });
  }

  it('keeps the lists of the functions a reused unit holds, and lists a lowered-again unit afresh', () => {
    const first = lowerJsUnits(parseJs(JS, 'a.js', 'javascript'));
    const handler = (ir: typeof first.ir, path: string) => ir.funcs.find((f) => f.parent === ir.top && callsOf(ir.top).some((c) => c.args.some((a) => a.k === 'func' && a.fn === f) && c.args[0]?.k === 'lit' && c.args[0].value === path))!;
    const a = handler(first.ir, '/a');
    const b = handler(first.ir, '/b');
    const [listA, listB] = [exprsOf(a), exprsOf(b)];
    const edited = JS.replace("h(req.query.b)", "h(req.query.b, 2)");
    const next = lowerJsUnits(parseJs(edited, 'a.js', 'javascript'), () => {}, first.state).ir;
    const a2 = handler(next, '/a');
    const b2 = handler(next, '/b');
    assert.equal(a2, a, 'the unit the edit left alone is reused');
    assert.equal(exprsOf(a2), listA);
    assert.notEqual(b2, b, 'the edited unit is lowered again');
    assert.notEqual(exprsOf(b2), listB);
    assert.deepEqual(exprsOf(b2), visited(b2));
    assert.equal(callsOf(b2).filter((c) => c.callee.k === 'name' && c.callee.name === 'h')[0].args.length, 2, 'the new list is the new body\'s');
  });
});
