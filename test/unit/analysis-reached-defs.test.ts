// What an importer's calls can reach in a Python module (reached-defs.ts), and that summaries made
// from only that part are the whole module's summaries of the called functions.
import assert from 'node:assert/strict';
import { summarise } from '../../server/src/analysis/cross-file';
import { modelsFor } from '../../server/src/analysis';
import { lowerPythonFor } from '../../server/src/analysis/lower-python';
import { mentions, unreachedDefinitions } from '../../server/src/analysis/reached-defs';
import { parsePython } from '../../server/src/core/parsers';
import { testEngine } from '../engine';

/** The top-level statements of `code` as the lowering reads them. */
function tops(code: string): Array<{ type: string; start: number; end: number }> {
  const tree = parsePython(code)!;
  try {
    return tree.rootNode.namedChildren.filter((n) => n !== null).map((n) => ({ type: n.type, start: n.startIndex, end: n.endIndex }));
  } finally {
    tree.delete();
  }
}

const left = (code: string, ...names: string[]) => [...unreachedDefinitions(tops(code), code, new Set(names)).values()].sort();

describe('analysis: definitions an importer reaches (reached-defs)', () => {
  before(testEngine);

  it('mentions: identifiers outside strings and comments; an f-string\'s parts are code', () => {
    assert.deepEqual([...mentions('run(x, "helper()", \'other\', r"raw") # tail()')].sort(), ['run', 'x']);
    assert.deepEqual([...mentions('"""doc helper()"""\nf"{helper(x)}"')].sort(), ['f', 'helper', 'x']);
    assert.deepEqual([...mentions("b'bytes' + rb'more' + u'uni'")], []);
    // An unclosed literal (mid-edit) runs to the end of its line, not further.
    assert.deepEqual([...mentions("a = 'open\nnext_line()")].sort(), ['a', 'next_line']);
  });

  it('keeps what a call reaches: callees, decorators, base classes, defaults, aliases; leaves the rest out', () => {
    const code = [
      'import os',
      'def deco(f):\n    return f',
      'class Base:\n    pass',
      'class Child(Base):\n    def m(self):\n        return inner()',
      'def inner():\n    return 1',
      '@deco\ndef called(x, y=DEFAULT):\n    return Child().m() + x',
      'def unrelated():\n    return os.getcwd()',
      'def also_unrelated():\n    return unrelated()',
      'DEFAULT = make()',
      'def make():\n    return 2',
      'alias = aliased',
      'def aliased():\n    return 3',
    ].join('\n');
    assert.deepEqual(left(code, 'called'), ['also_unrelated', 'unrelated']);
    assert.deepEqual(left(code, 'unrelated'), ['Base', 'Child', 'also_unrelated', 'called', 'deco', 'inner']);
  });

  it('a name in a string or comment reaches nothing; an f-string part does', () => {
    const code = 'def called():\n    log("see helper()")  # helper\n    return 1\ndef helper():\n    return 2\n';
    assert.deepEqual(left(code, 'called'), ['helper']);
    assert.deepEqual(left(code.replace('"see helper()"', 'f"{helper()}"'), 'called'), []);
  });

  it('keeps definitions whose name it cannot read, and every definition of a reached name', () => {
    const multiLine = "@route(\n    '/x')\ndef view():\n    return 1\ndef called():\n    return 2\n";
    assert.deepEqual(left(multiLine, 'called'), []);
    const twice = 'def f():\n    return 1\ndef f():\n    return g()\ndef g():\n    return 2\ndef h():\n    return 3\n';
    assert.deepEqual(left(twice, 'f'), ['h']);
  });

  it('the lowering leaves the unreached definitions out but keeps their names as module names', () => {
    const code = 'import os\ndef called(p):\n    return open(p)\ndef unrelated():\n    return os.getcwd()\n';
    const tree = parsePython(code)!;
    try {
      const ir = lowerPythonFor(tree, new Set(['called']));
      assert.deepEqual(ir.funcs.map((f) => f.name), [null, 'called']);
      assert.ok(ir.bindings.some((b) => b.name === 'unrelated'));
    } finally {
      tree.delete();
    }
  });

  it('summaries of the called functions are the whole module\'s, and the table says it is partial', () => {
    const code = [
      'import subprocess, sqlite3',
      'def quote(v):\n    return v.replace("\'", "")',
      'def build(table, key):\n    return f"SELECT * FROM {table} WHERE id = {quote(key)}"',
      'def find(key):\n    return sqlite3.connect("a.db").execute(build("users", key))',
      'def run(cmd):\n    return subprocess.run(cmd, shell=True)',
      'def unused(x):\n    return eval(x)',
    ].join('\n');
    const models = modelsFor('python', undefined);
    const whole = summarise(code, 'db.py', 'python', models);
    const some = summarise(code, 'db.py', 'python', models, undefined, undefined, new Set(['find', 'run']));
    assert.equal(whole.whole, true);
    assert.equal(some.whole, false);
    assert.deepEqual([...some.table.keys()].sort(), ['build', 'find', 'quote', 'run']);
    for (const name of ['find', 'run', 'build']) assert.deepEqual(JSON.stringify(some.table.get(name)), JSON.stringify(whole.table.get(name)), name);
    assert.ok(whole.table.get('unused')?.sinks.length);
  });
});
