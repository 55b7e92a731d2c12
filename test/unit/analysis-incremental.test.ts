// Incremental lowering (lower-units.ts) keeps results identical to a run from scratch: along edit
// sequences over realistic files (typing inside handlers, new and deleted statements, new top-level
// declarations and imports, implicit globals, broken and mended syntax, edits at both ends), the IR
// reused from the last version equals the IR lowered anew, node for node (spans, ids, bindings), and
// the engine's findings and notices equal a fresh engine's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileIR } from '../../server/src/analysis/ir';
import { lowerJs, lowerJsUnits } from '../../server/src/analysis/lower-js';
import { lowerPython, lowerPythonUnits } from '../../server/src/analysis/lower-python';
import type { UnitState } from '../../server/src/analysis/lower-units';
import { Engine } from '../../server/src/core/engine';
import { parseJs, parsePython } from '../../server/src/core/parsers';
import type { AnalyzeResult } from '../../server/src/core/session';
import type { LanguageId } from '../../server/src/core/types';
import { allDetectors } from '../../server/src/detectors';
import { testEngine } from '../engine';

const HELDOUT = join(__dirname, '..', 'flows', 'heldout');
const read = (name: string) => readFileSync(join(HELDOUT, name), 'utf8');

/** The IR as plain data: functions and bindings by id, spans as pairs, keys sorted. */
export function canonical(ir: FileIR): string {
  const funcs = new Set<object>(ir.funcs);
  const bindings = new Set<object>(ir.bindings);
  const seen = new Set<object>();
  const data = (v: unknown, top = false): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (!top && funcs.has(v)) return `f${(v as { id: number }).id}`;
    if (!top && bindings.has(v)) return `b${(v as { id: number }).id}`;
    if (Array.isArray(v)) return v.map((x) => data(x));
    if (seen.has(v) && !('start' in v)) throw new Error('cycle outside functions and bindings');
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = data(x);
    }
    return out;
  };
  return JSON.stringify({
    language: ir.language, top: `f${ir.top.id}`, syntaxErrors: ir.syntaxErrors,
    funcs: ir.funcs.map((f) => data(f, true)), bindings: ir.bindings.map((b) => data(b, true)),
  });
}

interface Edit { what: string; apply(text: string): string }

const at = (needle: string, nth = 0) => (t: string) => {
  let i = -1;
  for (let n = 0; n <= nth; n++) i = t.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`edit anchor not found: ${needle}`);
  return i;
};
const insert = (what: string, where: (t: string) => number, s: string): Edit => ({ what, apply: (t) => t.slice(0, where(t)) + s + t.slice(where(t)) });
const remove = (what: string, where: (t: string) => number, n: number): Edit => ({ what, apply: (t) => t.slice(0, where(t)) + t.slice(where(t) + n) });

const JS_EDITS: Edit[] = [
  insert('type inside a handler', at('req.query', 1), 'x'),
  remove('undo it', at('xreq.query'), 1),
  insert('a comment line at the top', () => 0, '// notes\n'),
  insert('a new statement in a handler', at('res.', 2), 'const extra = req.query.z; db.query("SELECT " + extra);\n  '),
  insert('a new top-level function', at('\n(function copy1'), '\nfunction added(req, res) { res.send(req.query.q); }\n'),
  insert('a new import at the top', () => 0, "import { exec } from 'child_process';\n"),
  insert('an implicit global at top level', at('\n(function copy2'), '\nleaked = process.argv[2];\n'),
  insert('a use of it in a later handler', at('res.', 40), 'exec(leaked);\n  '),
  insert('broken syntax', at('(function copy3'), '{{{'),
  remove('mended', at('{{{'), 3),
  insert('text at the very end', (t) => t.length, '\napp.get("/end", (req, res) => res.send(req.params.id));\n'),
  remove('a whole top-level statement', at('\nfunction added'), '\nfunction added(req, res) { res.send(req.query.q); }\n'.length),
  insert('a var in a top-level block (hoisted)', at('\n(function copy1'), '\nif (true) { var hoisted = 1; }\n'),
  insert('typing at the start of a statement', at('(function copy2'), ' '),
];

const PY_EDITS: Edit[] = [
  insert('type inside a view', at('request.args', 1), 'x'),
  remove('undo it', at('xrequest.args'), 1),
  insert('a comment at the top', () => 0, '# notes\n'),
  insert('a new statement in a view', at('    return', 3), '    extra = request.args.get("z")\n    cursor.execute("SELECT " + extra)\n'),
  insert('a new top-level function', at('\n@app.route', 2), '\ndef added(request):\n    return request.GET["q"]\n'),
  insert('a new import at the top', () => 0, 'import subprocess\n'),
  insert('a module-level assignment', at('\n@app.route', 3), '\nleaked = None\n'),
  insert('a global statement in a function', at('    return', 8), '    global leaked\n    leaked = request.args.get("g")\n'),
  insert('broken syntax', at('\ndef added'), '\ndef broken(:\n'),
  remove('mended', at('\ndef broken(:\n'), '\ndef broken(:\n'.length),
  insert('text at the very end', (t) => t.length, '\n\ndef tail(request):\n    os.system(request.args["c"])\n'),
  insert('an import that rebinds a module-level name', at('\nleaked = None'), '\nfrom os import path as leaked\n'),
  remove('that import again', at('\nfrom os import path as leaked\n'), '\nfrom os import path as leaked\n'.length),
];

/** The held-out Express, Koa and Fastify handlers, each copy in its own scope (`copies` of each). */
function jsFixture(copies = 2): string {
  const parts = ['express.js', 'koa.js', 'fastify.js'].map(read);
  let out = '';
  for (let c = 0; c < copies; c++) out += parts.map((p, i) => `(function copy${c * 3 + i}() {\n${p}\n})();\n`).join('');
  return out;
}

const PY_FIXTURE = () => read('flask_app.py') + '\n' + read('django_views.py');

function results(r: AnalyzeResult): unknown {
  return { findings: r.findings, notices: r.notices.map((n: AnalyzeResult['notices'][number]) => ({ ...n, message: n.message.replace(/\d+ ms/g, 'N ms') })) };
}

async function engineRuns(text0: string, edits: Edit[], languageId: LanguageId, path: string): Promise<void> {
  await testEngine();
  const incremental = new Engine(allDetectors());
  // Budgets large enough that a busy machine never turns a result into a time-out notice.
  // The incremental engine parses each version from the last one's tree too, as in the editor.
  const options = { budgetMs: 60_000 };
  const editing = { ...options, incremental: true };
  let text = text0;
  incremental.analyze({ text, languageId, path }, editing);
  for (const e of edits) {
    text = e.apply(text);
    const fresh = new Engine(allDetectors());
    const want = results(fresh.analyze({ text, languageId, path }, options));
    const got = results(incremental.analyze({ text, languageId, path }, editing));
    assert.deepEqual(got, want, `after "${e.what}"`);
  }
}

describe('analysis: incremental lowering equals lowering from scratch', function () {
  // Whole files analysed a few dozen times: generous on a busy machine.
  this.timeout(180_000);
  it('JS: along an edit sequence, the reused IR is node for node the fresh IR', () => {
    let text = jsFixture();
    let state: UnitState | undefined = lowerJsUnits(parseJs(text, 'src/app.js', 'javascript')).state;
    for (const e of JS_EDITS) {
      text = e.apply(text);
      const sf = parseJs(text, 'src/app.js', 'javascript');
      const next = lowerJsUnits(sf, () => {}, state);
      assert.equal(canonical(next.ir), canonical(lowerJs(parseJs(text, 'src/app.js', 'javascript'))), `after "${e.what}"`);
      state = next.state;
    }
  });

  it('JS: reuses the statements an edit inside one handler leaves alone', () => {
    const text = jsFixture();
    const first = lowerJsUnits(parseJs(text, 'a.js', 'javascript'));
    const units = new Set(first.state.units);
    const edited = JS_EDITS[0].apply(text);
    const next = lowerJsUnits(parseJs(edited, 'a.js', 'javascript'), () => {}, first.state);
    const kept = next.state.units.filter((u) => units.has(u)).length;
    assert.equal(kept, next.state.units.length - 1, 'every top-level statement but the edited one is reused');
  });

  it('TS with classes, decorators and JSX-free generics: reused IR equals the fresh IR', () => {
    let text = read('nestjs.controller.ts') + '\n' + read('hono.ts') + '\n' + read('next-route.ts');
    let state = lowerJsUnits(parseJs(text, 'a.ts', 'typescript')).state;
    const edits: Edit[] = [
      insert('type in a method', at('@Query', 0), ' '),
      insert('a decorator argument', at('@Get(', 0), ''),
      insert('a new class at the end', (t) => t.length, '\nexport class Extra { @Post() make(@Body() b: string) { return eval(b); } }\n'),
      remove('the first line', () => 0, 1),
    ];
    for (const e of edits) {
      text = e.apply(text);
      const next = lowerJsUnits(parseJs(text, 'a.ts', 'typescript'), () => {}, state);
      assert.equal(canonical(next.ir), canonical(lowerJs(parseJs(text, 'a.ts', 'typescript'))), `after "${e.what}"`);
      state = next.state;
    }
  });

  it('Python: along an edit sequence, the reused IR is node for node the fresh IR', async () => {
    await testEngine();
    let text = PY_FIXTURE();
    let tree = parsePython(text)!;
    let state: UnitState | undefined = lowerPythonUnits(tree, () => {}, text).state;
    tree.delete();
    for (const e of PY_EDITS) {
      text = e.apply(text);
      tree = parsePython(text)!;
      const fresh = parsePython(text)!;
      try {
        const next = lowerPythonUnits(tree, () => {}, text, state);
        assert.equal(canonical(next.ir), canonical(lowerPython(fresh, () => {}, text)), `after "${e.what}"`);
        state = next.state;
      } finally {
        tree.delete();
        fresh.delete();
      }
    }
  });

  it('JS: the engine along an edit sequence reports what a fresh engine reports', async () => {
    await engineRuns(jsFixture(1) + "(function copy3() {})();\n(function copy4() {})();\n", JS_EDITS, 'javascript', 'src/app.js');
  });

  it('Python: the engine along an edit sequence reports what a fresh engine reports', async () => {
    await engineRuns(PY_FIXTURE(), PY_EDITS, 'python', 'app/views.py');
  });
});
