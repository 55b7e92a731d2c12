// The flow analysis on small programs: which sources reach which sinks, through what, and what
// stops them (reassignment, guards, sanitizers, validators, roles that do not apply).
import assert from 'node:assert/strict';
import { analysis, ir, type FileAnalysis } from '../../server/src/analysis';
import { parseJs, parsePython } from '../../server/src/core/parsers';
import type { DetectorContext, LanguageId } from '../../server/src/core/types';
import { testEngine } from '../engine';

async function run(code: string, languageId: LanguageId = 'javascript'): Promise<FileAnalysis> {
  await testEngine();
  const ctx = {
    text: code, languageId, path: 'src/app', isTestFile: false,
    js: () => parseJs(code, 'a.js', languageId), python: () => parsePython(code), yaml: () => undefined,
    report: () => {}, checkBudget: () => {},
  } as unknown as DetectorContext;
  (ctx as { get: unknown }).get = (fact: typeof ir) => (fact === ir ? ir.compute(ctx) : undefined);
  return analysis.compute(ctx)!;
}

/** `kind label via [steps]` for each flow, sorted: compact enough to compare whole. */
async function flows(code: string, languageId?: LanguageId): Promise<string[]> {
  const r = await run(code, languageId);
  return r.flows.filter((f) => !['log', 'response'].includes(f.sink.kind) && ['request', 'browser', 'argv', 'error'].includes(f.origin.label))
    .map((f) => `${f.sink.kind} ${f.origin.label}:${f.origin.via} [${f.origin.steps.map((s) => s.text).join(',')}]`).sort();
}

const H = (body: string) => `const cp = require('child_process');\napp.get('/x', (req, res) => {\n${body}\n});`;

describe('analysis: flows', () => {
  it('follows aliases, destructuring and string building', async () => {
    assert.deepEqual(await flows(H('const q = req.query;\nconst { dir } = q;\nconst cmd = `ls ${dir}`;\ncp.exec(cmd);')), ['command request:direct [q,dir,cmd]']);
  });

  it('a reassignment to a clean value ends the flow; a branch that may keep it does not', async () => {
    assert.deepEqual(await flows(H('let d = req.query.d;\nd = parseInt(d, 10);\ncp.exec("sleep " + d);')), []);
    assert.deepEqual(await flows(H('let d = req.query.d;\nif (x) d = "1";\ncp.exec("sleep " + d);')), ['command request:direct [d]']);
  });

  it('an early exit on a failed check cleans the value after the `if`; a presence check does not', async () => {
    assert.deepEqual(await flows(H('const d = req.query.d;\nif (!/^\\w+$/.test(d)) return res.end();\ncp.exec("ls " + d);')), []);
    assert.deepEqual(await flows(H('const d = req.query.d;\nif (!d) return res.end();\ncp.exec("ls " + d);')), ['command request:direct [d]']);
    // …a match compared with null, or made a boolean, is the match's check; the value itself compared with null is presence.
    assert.deepEqual(await flows(H('const d = req.query.d;\nif (/^\\w+$/.exec(d) === null) return res.end();\ncp.exec("ls " + d);')), []);
    assert.deepEqual(await flows(H('const d = req.query.d;\nif (!Boolean(d.match(/^\\w+$/))) return res.end();\ncp.exec("ls " + d);')), []);
    assert.deepEqual(await flows(H('const d = req.query.d;\nif (d == null) return res.end();\ncp.exec("ls " + d);')), ['command request:direct [d]']);
    assert.deepEqual(await flows(H('const d = req.query.d;\nif (ALLOWED.includes(d)) { cp.exec("ls " + d); }')), []);
  });

  it('a request field checked before an `if` stays checked after it; a check in the `if` holds in its branches only', async () => {
    // whistle's webui `cgiHandler`: `req.path` checked, then an unrelated `if (checkAllowOrigin(req))` that checks the whole request.
    const V = (body: string) => H(`if (!/^[\\w/-]+$/.test(req.path)) return res.end();\n${body}\ncp.exec("ls " + req.path);`);
    assert.deepEqual(await flows(V('if (checkAllowOrigin(req)) { res.set("a", "b"); }')), []);
    assert.deepEqual(await flows(V('if (isCors(req.headers)) { res.set("a", "b"); }')), []);
    assert.deepEqual(await flows(V('if (checkAllowOrigin(req)) { res.set("a", "b"); } else { res.set("c", "d"); }')), []);
    assert.deepEqual(await flows(V('if (x) { res.set("a", "b"); } else if (!isSafe(req.headers.origin)) { return res.end(); }')), []);
    // …but a field stored after the check is no longer the checked one, and a check in a branch that goes on holds in it only.
    assert.deepEqual(await flows(V('req.path = req.query.p;\nif (checkAllowOrigin(req)) { res.set("a", "b"); }')), ['command request:direct []']);
    assert.deepEqual(await flows(H('if (/^\\w+$/.test(req.path)) { res.set("a", "b"); }\ncp.exec("ls " + req.path);')), ['command request:direct []']);
    assert.deepEqual(await flows(H('if (checkAllowOrigin(req)) { res.set("a", "b"); }\ncp.exec("ls " + req.path);')), ['command request:direct []']);
    assert.deepEqual(await flows(H('if (x) { if (!isSafe(req.path)) return res.end(); } else { res.set("a", "b"); }\ncp.exec("ls " + req.path);')), ['command request:direct []']);
  });

  it('equality holds only where it is true: `if (x === "a") return` leaves x unchecked after it', async () => {
    assert.deepEqual(await flows(H('const d = req.query.d;\nif (d === "a") return res.end();\ncp.exec("ls " + d);')), ['command request:direct [d]']);
    assert.deepEqual(await flows(H('const d = req.query.d;\nif (d !== "a" && d !== "b") return res.end();\ncp.exec("ls " + d);')), []);
    assert.deepEqual(await flows(H('const d = req.query.d;\nswitch (d) { case "a": cp.exec("ls " + d); break; default: cp.exec("rm " + d); }')), ['command request:direct [d]']);
  });

  it('a helper that sends on its response parameter is a sink when a handler passes `res`', async () => {
    const code = "function send(out, html) { out.send('<p>' + html); }\napp.get('/x', (req, res) => { send(res, req.query.q); });\nsend(new Map(), 'x');";
    const r = await run(code);
    assert.deepEqual(r.flows.filter((f) => f.sink.kind === 'html-response').map((f) => `${f.sink.callee} ${f.origin.sourceText}`), ['out.send req.query.q']);
  });

  it('applies summaries of the file\'s functions: parameter to sink, parameter to return', async () => {
    const code = "const cp = require('child_process');\nfunction run(c) { cp.exec(c); }\nfunction wrap(s) { return 'ls ' + s; }\napp.get('/x', (req, res) => { run(wrap(req.query.d)); });";
    assert.deepEqual(await flows(code), ['command request:summary [wrap(),s,run(),c]']);
  });

  it('passes values into callbacks (`then`, `map`) and closures', async () => {
    assert.deepEqual(await flows(H('getDir(req).then(() => req.query.d).then((d) => cp.exec(d));')), ['command request:direct [d]']);
    assert.deepEqual(await flows(H('const d = req.query.d;\nsetImmediate(() => cp.exec(d));')), ['command request:direct [d]']);
    assert.deepEqual(await flows(H('req.query.list.split(",").map((x) => cp.exec(x));')), ['command request:direct [x]']);
  });

  it('carries input round a loop', async () => {
    assert.deepEqual(await flows(H('let cmd = "ls";\nfor (const p of req.body.parts) { cmd += " " + p; }\ncp.exec(cmd);')), ['command request:direct [p,cmd]']);
  });

  it('only request-shaped parameters are requests: a local Map named `res`, a job named `req` called with constants', async () => {
    assert.deepEqual(await flows("const res = new Map();\nres.send = 1;\nfunction job(req) { require('child_process').exec(req.body.cmd); }\njob({ body: { cmd: 'ls' } });"), []);
    assert.deepEqual(await flows("function job(req) { require('child_process').exec(req.body.cmd); }\nmodule.exports = job;"), ['command request:direct []']);
  });

  it('validation middleware and validator results clean the request', async () => {
    assert.deepEqual(await flows("const cp = require('child_process');\napp.post('/x', validate(schema), (req, res) => { cp.exec('ls ' + req.body.d); });"), []);
    assert.deepEqual(await flows(H('const r = schema.safeParse(req.body);\nif (!r.success) return res.status(400).end();\ncp.exec("ls " + req.body.d);')), []);
    assert.deepEqual(await flows(H('const r = schema.safeParse(req.body);\ncp.exec("ls " + req.body.d);')), ['command request:direct []']);
    // …and an unrelated `if` that tests the request after it does not undo that.
    assert.deepEqual(await flows("const cp = require('child_process');\napp.post('/x', validate(schema), (req, res) => {\n  if (isAdmin(req)) res.set('a', 'b');\n  cp.exec('ls ' + req.body.d);\n});"), []);
  });

  it('sanitizers clear only the sinks they protect', async () => {
    const code = "const escape = require('escape-html');\nconst cp = require('child_process');\napp.get('/x', (req, res) => {\n  const s = escape(req.query.s);\n  res.send('<p>' + s);\n  cp.exec('echo ' + s);\n});";
    assert.deepEqual((await flows(code)).filter((f) => !f.startsWith('html-response')), ['command request:direct [s]']);
  });

  it('an unknown method on input keeps it with lower confidence; an unknown function drops it', async () => {
    assert.deepEqual(await flows(H('cp.exec(req.query.d.frobnicate());')), ['command request:unknown []']);
    assert.deepEqual(await flows(H('cp.exec(frobnicate(req.query.d));')), []);
  });

  it('names that are Object.prototype members are ordinary names', async () => {
    assert.deepEqual(await flows(H('const constructor = req.query.c, toString = 1, hasOwnProperty = 2;\nconst o = { __proto__: null, valueOf: constructor };\ncp.exec(o.valueOf);')), ['command request:direct [constructor]']);
  });

  it('marks caught errors and what their properties carry', async () => {
    const r = await run("app.get('/x', async (req, res) => {\n  try { x(); } catch (err) { res.status(500).json({ detail: err.stack, msg: `${err}` }); }\n});");
    const resp = r.flows.filter((f) => f.sink.kind === 'response' && f.origin.label === 'error').map((f) => f.origin.detail).sort();
    assert.deepEqual(resp, ['message', 'stack']);
  });

  it('Python: route variables are input unless converted; methods receive `self`', async () => {
    const code = [
      'import os', 'from flask import Flask, request', 'app = Flask(__name__)',
      "@app.route('/a/<name>/<int:n>')", 'def a(name, n):', "    os.system('x ' + name)", "    os.system('y ' + str(n))",
      'class S:', '    def run(self, cmd):', '        os.system(cmd)', '    def go(self):', "        self.run(request.args['c'])",
    ].join('\n');
    assert.deepEqual(await flows(code, 'python'), ['command request:direct []', 'command request:summary [run(),cmd]']);
  });
});
