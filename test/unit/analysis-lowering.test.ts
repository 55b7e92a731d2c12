// The IR lowering: scopes, shadowing, hoisting, destructuring, closures, imports and JSX for JS/TS;
// locals, comprehensions, `except … as`, f-strings and decorators for Python; broken code lowers
// as far as it parses and never throws.
import assert from 'node:assert/strict';
import type { Binding, Expr, FileIR, Func } from '../../server/src/analysis/ir';
import { lowerJs } from '../../server/src/analysis/lower-js';
import { lowerPython } from '../../server/src/analysis/lower-python';
import { forEachExpr } from '../../server/src/analysis/walk';
import { parseJs, parsePython } from '../../server/src/core/parsers';
import { testEngine } from '../engine';

const js = (code: string, lang: 'typescript' | 'javascript' | 'typescriptreact' = 'typescript') => lowerJs(parseJs(code, 'a.ts', lang));
async function py(code: string): Promise<FileIR> {
  await testEngine();
  return lowerPython(parsePython(code)!);
}

/** Every name read in the file, with the binding it resolved to. */
function reads(ir: FileIR): Array<{ name: string; at: number; binding: Binding | null }> {
  const out: Array<{ name: string; at: number; binding: Binding | null }> = [];
  for (const f of ir.funcs) forEachExpr(f.body, (e) => { if (e.k === 'name') out.push({ name: e.name, at: e.span.start, binding: e.binding }); });
  return out.sort((a, b) => a.at - b.at);
}
const readAt = (ir: FileIR, code: string, needle: string, last = false) => reads(ir).find((r) => r.at === (last ? code.lastIndexOf(needle) : code.indexOf(needle)))!;
const func = (ir: FileIR, name: string): Func => ir.funcs.find((f) => f.name === name)!;

describe('analysis: JS/TS lowering', () => {
  it('resolves a name to the innermost declaration: block scopes shadow, closures see their parents', () => {
    const code = 'const x = 1;\nfunction f(x) {\n  { const x = 2; use(x); }\n  return () => x;\n}\nuse(x);';
    const ir = js(code);
    assert.equal(readAt(ir, code, 'x); }').binding?.kind, 'var');
    assert.equal(readAt(ir, code, 'x); }').binding?.scope.name, 'f');
    assert.equal(readAt(ir, code, 'x;\n}').binding?.kind, 'param');
    assert.equal(readAt(ir, code, 'x);', true).binding?.scope.id, ir.top.id);
    assert.equal(readAt(ir, code, 'use(x); }').binding, null, 'an undeclared global');
  });

  it('hoists function declarations and `var`, so uses before the declaration resolve', () => {
    const code = 'helper(1);\nif (a) { var v = 1; }\nuse(v);\nfunction helper(n) { return n; }';
    const ir = js(code);
    assert.equal(readAt(ir, code, 'helper(1)').binding?.kind, 'function');
    assert.equal(readAt(ir, code, 'v);').binding?.kind, 'var');
    assert.equal(func(ir, 'helper').binding, readAt(ir, code, 'helper(1)').binding);
  });

  it('lowers destructuring with defaults and rest, and remembers annotations', () => {
    const ir = js('function h({ id, name = "x", ...rest }: Body, [first, , third]: string[]) {}');
    const h = func(ir, 'h');
    const obj = h.params[0].pattern;
    assert.equal(obj.k, 'object');
    if (obj.k === 'object') assert.deepEqual(obj.props.map((p) => [p.key, p.rest, p.dflt?.k ?? null]), [['id', false, null], ['name', false, 'lit'], [null, true, null]]);
    assert.equal(h.params[0].annotation, 'Body');
    const arr = h.params[1].pattern;
    assert.equal(arr.k === 'array' && arr.items.length, 3);
    assert.equal(arr.k === 'array' && arr.items[1], null);
  });

  it('records imports and CommonJS requires as module paths', () => {
    const code = "import { exec as run } from 'node:child_process';\nimport * as fs from 'fs/promises';\nimport express from 'express';\nrun(a); fs.readFile(b); express();";
    const ir = js(code);
    assert.deepEqual(readAt(ir, code, 'run(a)').binding?.import, { module: 'child_process', name: 'exec' });
    assert.deepEqual(readAt(ir, code, 'fs.readFile').binding?.import, { module: 'fs.promises', name: '*' });
    assert.deepEqual(readAt(ir, code, 'express()').binding?.import, { module: 'express', name: '*' });
  });

  it('lowers templates and `+` to concatenations, `||`/`?:` to alternatives, comparisons to operators', () => {
    const ir = js('const a = `x${b}y` + c;\nconst d = e || f;\nconst g = h ? i : j;\nconst k = l === 1;');
    const values = ir.top.body.map((s) => (s.k === 'let' ? s.value : null));
    assert.deepEqual(values.map((v) => v && [v.k, v.k === 'concat' ? v.how : v.k === 'op' ? v.op : v.k === 'cond' ? v.options.length : '']), [['concat', 'plus'], ['cond', 2], ['cond', 2], ['op', '===']]);
    const inner = values[0]?.k === 'concat' ? values[0].parts[0] : undefined;
    assert.equal(inner?.k === 'concat' && inner.how, 'template');
  });

  it('lowers JSX attributes to an object argument of `<jsx>`', () => {
    const ir = js('const v = <div className="a" dangerouslySetInnerHTML={{ __html: html }} />;', 'typescriptreact');
    const v = ir.top.body[0].k === 'let' ? ir.top.body[0].value : null;
    assert.equal(v?.k, 'call');
    if (v?.k !== 'call') return;
    assert.equal(v.callee.k === 'name' && v.callee.name, '<jsx>');
    const attrs = v.args[0];
    assert.deepEqual(attrs.k === 'object' && attrs.props.map((p) => p.key), ['className', 'dangerouslySetInnerHTML']);
  });

  it('keeps decorators of classes, methods and parameters (NestJS)', () => {
    const ir = js("@Controller('u')\nclass U {\n  @Get(':id')\n  find(@Param('id') id: string, @Body() dto: CreateDto) { return id; }\n}");
    const find = func(ir, 'find');
    assert.equal(find.owner?.name, 'U');
    assert.equal(find.owner?.decorators.length, 1);
    assert.equal(find.decorators.length, 1);
    assert.deepEqual(find.params.map((p) => p.decorators.length), [1, 1]);
  });

  it('lowers broken code mid-edit without throwing, keeping what parses', () => {
    for (const code of ['app.get("/x", (req, res) => {\n  db.query(`SELECT ${req.query.id', 'function f(a, {', 'const x = ;\nfunction ok(y) { return y; }', 'if (a) { else }']) {
      const ir = js(code);
      assert.ok(ir.funcs.length >= 1, code);
      assert.ok(ir.syntaxErrors > 0, code);
    }
    assert.ok(func(js('const x = ;\nfunction ok(y) { return y; }'), 'ok'));
  });
});

describe('analysis: Python lowering', () => {
  it('makes a name assigned anywhere in a function local to all of it, unless declared global', async () => {
    const code = 'x = 1\ndef f():\n    print(x)\n    x = 2\ndef g():\n    global x\n    x = 3\n    return x\n';
    const ir = await py(code);
    assert.equal(readAt(ir, code, 'x)\n').binding?.scope.name, 'f');
    assert.equal(readAt(ir, code, 'x\n', true).binding?.scope.id, ir.top.id);
  });

  it('binds `except … as e` to the caught exception and imports to their modules', async () => {
    const code = 'import subprocess as sp\nfrom flask import request\ntry:\n    pass\nexcept ValueError as e:\n    log(e)\nsp.run(request)\n';
    const ir = await py(code);
    assert.deepEqual(readAt(ir, code, 'sp.run').binding?.import, { module: 'subprocess', name: '*' });
    assert.deepEqual(readAt(ir, code, 'request)').binding?.import, { module: 'flask', name: 'request' });
    const tryStmt = ir.top.body.find((s) => s.k === 'try');
    assert.equal(tryStmt?.k === 'try' && tryStmt.handler[0].k === 'block' && tryStmt.handler[0].body[0].k, 'let');
  });

  it('lowers f-strings, % formatting and .format() to concatenations', async () => {
    const ir = await py('a = f"x{b}y"\nc = "x %s" % d\ne = "x {}".format(g)\n');
    const hows = ir.top.body.map((s) => (s.k === 'let' && s.value?.k === 'concat' ? s.value.how : null));
    assert.deepEqual(hows, ['fstring', 'percent', 'format']);
  });

  it('gives comprehension variables their own scope and keeps decorators', async () => {
    const code = 'x = 1\nys = [x for x in items]\n@app.route("/u/<name>")\ndef u(name: str):\n    return name\n';
    const ir = await py(code);
    const inner = reads(ir).find((r) => r.name === 'x' && r.at === code.indexOf('x for'))!;
    assert.notEqual(inner.binding, readAt(ir, code, 'x = 1')?.binding ?? null);
    const u = func(ir, 'u');
    assert.equal(u.decorators.length, 1);
    assert.equal(u.params[0].annotation, 'str');
  });

  it('lowers code with indentation errors and unclosed strings without throwing', async () => {
    for (const code of ['def g(:\n    pass\n', 's = f"abc{d\n', 'class C:\n    def m(self\n', 'def f(x):\n\treturn x\n        y = (\n']) {
      const ir = await py(code);
      assert.ok(ir.syntaxErrors > 0, code);
    }
    assert.ok(func(await py('def ok(x):\n    return x\n\ndef broken(:\n    pass\n'), 'ok'));
  });
});

void ({} as Expr);
