// Reusing the last version's walk (analysis/reuse.ts) keeps the analysis identical to a fresh one:
// along random and realistic edit sequences over the bench's handler files (typing, deleting,
// pasting lines, edits in and between handlers, a helper called by others, module variables, broken
// code mid-edit), the `analysis` fact of an editing engine equals a fresh engine's for every version:
// flows with their spans, origins, steps, guards and messages' texts, routes, imports, and the walk's
// summaries. The sequences must replay units (else they test nothing), and the fall-back conditions
// have their own cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analysis, type FileAnalysis } from '../../server/src/analysis';
import { ANALYSED, type Analysed } from '../../server/src/analysis/index';
import { reuseStats } from '../../server/src/analysis/reuse';
import { Engine } from '../../server/src/core/engine';
import type { Detector, LanguageId } from '../../server/src/core/types';
import { testEngine } from '../engine';
import { denseHandlers as handlers } from '../flows/dense';
import { random } from '../random';

const HELDOUT = join(__dirname, '..', 'flows', 'heldout');
const read = (name: string) => readFileSync(join(HELDOUT, name), 'utf8');

/** An engine whose only detector reads the analysis (so the fact, and only what it needs, runs). */
function spyEngine(): { engine: Engine; last: () => FileAnalysis | undefined } {
  let got: FileAnalysis | undefined;
  const spy = { id: 'spy', meta: { title: 'spy', family: 'missing-input-validation', severity: 'info', confidence: 'high', needs: ['analysis'] }, languages: '*', run: (ctx) => { got = ctx.get(analysis); } } as Detector;
  return { engine: new Engine([spy]), last: () => got };
}

/** Plain data: spans as pairs, functions and bindings by id, IR expressions by their span. */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Map) return [...v.entries()].map(([k, x]) => [k, plain(x)]);
  if (v instanceof Set) return [...v].map(plain);
  if (Array.isArray(v)) return v.map(plain);
  const o = v as Record<string, unknown>;
  if ('params' in o && 'body' in o && 'id' in o) return `f${o.id as number}`;
  if ('scope' in o && 'kind' in o && 'id' in o) return `b${o.id as number}`;
  if ('k' in o && 'span' in o) return `e${plain(o.span) as string}:${o.k as string}`;
  if (Object.keys(o).length === 2 && 'start' in o && 'end' in o) return `${o.start as number}-${o.end as number}`;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined && k !== 'model') out[k] = plain(o[k]);
  if (o.model) out.model = (o.model as { kind?: string }).kind;
  return out;
}

/** The analysis and the summaries of the walk an editing engine keeps, as plain data. */
function canonical(engine: Engine, path: string, text: string, result: FileAnalysis | undefined): { result: string; summaries: string } {
  const kept = engine.memo.get<Analysed>(path, ANALYSED);
  const summaries = kept?.text === text ? kept.walk?.summaries : undefined;
  return { result: JSON.stringify(plain(result)), summaries: JSON.stringify(summaries ? plain([...summaries].sort((a, b) => a[0] - b[0])) : null) };
}

/** Equal, or the first difference with some context (the whole data is too long to read). */
function same(got: string, want: string, message: string): void {
  if (got === want) return;
  let i = 0;
  while (got[i] === want[i]) i++;
  assert.fail(`${message}: differs at ${i}:\n got  …${got.slice(Math.max(0, i - 300), i + 200)}\n want …${want.slice(Math.max(0, i - 300), i + 200)}`);
}

interface Edit { what: string; apply(text: string): string }

/** A seeded generator (test/random.ts), so a failure names its seed and replays. */
const rng = random;

/** One random edit of the kinds an editor sends. */
function randomEdit(r: () => number, python: boolean): Edit {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const lineAt = (t: string) => {
    const starts = [0];
    for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts[Math.floor(r() * starts.length)];
  };
  const anywhere = (t: string) => Math.floor(r() * (t.length + 1));
  const comment = python ? '#' : '//';
  const kinds: Array<[string, (t: string) => string]> = [
    ['type a character', (t) => { const i = anywhere(t); return t.slice(0, i) + pick(['x', ' ', '(', ')', "'", '{', '}', ';', ':', '\n']) + t.slice(i); }],
    ['delete a few characters', (t) => { const i = anywhere(t); return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 5)); }],
    ['append a comment to a line', (t) => { const i = t.indexOf('\n', lineAt(t)); return i < 0 ? `${t} ${comment} c` : `${t.slice(0, i)} ${comment} c${t.slice(i)}`; }],
    ['delete a line', (t) => { const i = lineAt(t); const j = t.indexOf('\n', i); return j < 0 ? t.slice(0, i) : t.slice(0, i) + t.slice(j + 1); }],
    ['paste lines elsewhere', (t) => { const i = lineAt(t); let j = i; for (let n = 1 + Math.floor(r() * 6); n > 0 && j >= 0; n--) j = t.indexOf('\n', j + 1); const block = t.slice(i, j < 0 ? t.length : j + 1); const at = lineAt(t); return t.slice(0, at) + block + t.slice(at); }],
    ['a statement in a handler', (t) => { const needle = python ? '    return' : 'res.'; const hits: number[] = []; for (let i = t.indexOf(needle); i >= 0; i = t.indexOf(needle, i + 1)) hits.push(i); if (!hits.length) return t; const i = t.lastIndexOf('\n', pick(hits)) + 1; return t.slice(0, i) + (python ? '    z = request.args.get("z")\n    os.system("x " + z)\n' : 'const z = req.query.z; db.query("SELECT " + z);\n') + t.slice(i); }],
    ['a module variable', (t) => { const i = lineAt(t); return t.slice(0, i) + (python ? 'modvar = None\n' : 'var modvar = process.argv[2];\n') + t.slice(i); }],
    ['a helper and a call to it', (t) => { const i = lineAt(t); const helper = python ? 'def helper(v):\n    return v\n' : 'function helper(v) { return v; }\n'; const j = lineAt(t); const withHelper = t.slice(0, i) + helper + t.slice(i); const at = j <= i ? j : j + helper.length; return withHelper.slice(0, at) + (python ? '    helper(request.args.get("h"))\n' : 'helper(req.query.h);\n') + withHelper.slice(at); }],
    ['broken code', (t) => { const i = anywhere(t); return t.slice(0, i) + pick(['{{{', 'def broken(:\n', '(((', '"']) + t.slice(i); }],
  ];
  // Typing and small deletions most often, as in an editor; the rest now and then.
  const weights = [4, 3, 4, 1, 1, 1, 1, 1, 1];
  let n = r() * weights.reduce((x, y) => x + y, 0);
  let k = 0;
  while ((n -= weights[k]) > 0) k++;
  const [what, apply] = kinds[k];
  return { what, apply };
}

async function differential(text0: string, languageId: LanguageId, edits: (i: number, text: string) => Edit, steps: number): Promise<void> {
  await testEngine();
  const path = `src/app.${languageId === 'python' ? 'py' : 'js'}`;
  const editing = spyEngine();
  const options = { budgetMs: 60_000 };
  let text = text0;
  const first = editing.engine.analyze({ text, languageId, path }, { ...options, incremental: true });
  assert.deepEqual(first.notices, []);
  assert.ok(editing.last()?.flows.length, 'the file has flows');
  for (let i = 0; i < steps; i++) {
    const e = edits(i, text);
    text = e.apply(text);
    editing.engine.analyze({ text, languageId, path }, { ...options, incremental: true });
    const got = canonical(editing.engine, path, text, editing.last());
    // The whole walk as a scan runs it, and a first run of an editor (unit by unit, nothing to replay).
    const fresh = spyEngine();
    fresh.engine.analyze({ text, languageId, path }, options);
    const first = spyEngine();
    first.engine.analyze({ text, languageId, path }, { ...options, incremental: true });
    const want = canonical(first.engine, path, text, first.last());
    same(want.result, canonical(fresh.engine, path, text, fresh.last()).result, `step ${i}: after "${e.what}", a walk unit by unit`);
    same(got.result, want.result, `step ${i}: after "${e.what}", the analysis`);
    same(got.summaries, want.summaries, `step ${i}: after "${e.what}", the summaries`);
  }
}

describe('analysis: a walk reusing the last version equals a fresh walk', function () {
  this.timeout(600_000);

  for (const seed of [1, 2, 3, 4]) {
    it(`JS handlers, random edits (seed ${seed})`, async () => {
      const r = rng(seed);
      const before = reuseStats.replayed;
      await differential(handlers(1000, false), 'javascript', () => randomEdit(r, false), 40);
      assert.ok(reuseStats.replayed > before, 'the edits replayed units');
    });
  }

  for (const seed of [5, 6]) {
    it(`Python handlers, random edits (seed ${seed})`, async () => {
      const r = rng(seed);
      await differential(handlers(500, true), 'python', () => randomEdit(r, true), 25);
    });
  }

  it('Python: typing along one line of the bench\'s dense module replays the units the edit left alone', async () => {
    const before = reuseStats.replayed;
    const lines = handlers(1000, true).split('\n');
    await differential(lines.join('\n'), 'python', (i) => ({ what: `comment on line ${(i * 37) % lines.length}`, apply: () => {
      lines[(i * 37) % lines.length] += ` # edit ${i}`;
      return lines.join('\n');
    } }), 30);
    assert.ok(reuseStats.replayed - before >= 20 * 100, `${reuseStats.replayed - before} units replayed over 30 edits`);
  });

  it('Python: copies that re-import and redefine every name, random edits (the replay is refused, never wrong)', async () => {
    const r = rng(8);
    await differential(handlers(1000, true, { redefining: true }), 'python', () => randomEdit(r, true), 15);
  });

  it('JS module-level handlers (most units read module names), random edits', async () => {
    const r = rng(7);
    await differential(read('express.js') + '\n' + read('koa.js'), 'javascript', () => randomEdit(r, false), 30);
  });

  it('JS: typing along one line, as the bench does, replays the other copies', async () => {
    const before = reuseStats.replayed;
    const lines = handlers(600, false).split('\n');
    await differential(lines.join('\n'), 'javascript', (i) => ({ what: `comment on line ${(i * 37) % lines.length}`, apply: () => {
      lines[(i * 37) % lines.length] += ` // edit ${i}`;
      return lines.join('\n');
    } }), 30);
    assert.ok(reuseStats.replayed - before >= 30, 'the other copy replayed on every edit');
  });
});

/** Two versions of a file: the second's analysis, after the first's, equals a fresh one; and whether it replayed. */
async function twoVersions(before: string, after: string, replays: boolean): Promise<void> {
  let n = 0;
  const steps = [after];
  const replayed0 = reuseStats.replayed;
  await differential(before, 'javascript', () => ({ what: `version ${++n}`, apply: () => steps[n - 1] }), 1);
  assert.equal(reuseStats.replayed > replayed0, replays, replays ? 'replayed' : 'walked afresh');
}

const iife = (body: string) => `(function () {\n${body}\n})();\n`;
const ROUTE = iife("app.get('/r', (req, res) => { require('child_process').exec(req.query.cmd); });");

describe('analysis: when a walk does not replay the last version', function () {
  this.timeout(60_000);

  it('replays the units an edit inside another isolated unit left alone', async () => {
    await twoVersions(iife('let a = 1;') + ROUTE, iife('let b = 2;') + ROUTE, true);
  });

  it('not when the edit adds a function before them (function ids move)', async () => {
    await twoVersions(iife('') + ROUTE, iife('[1].map(() => 0);') + ROUTE, false);
  });

  it('not when the edit removes a function before them', async () => {
    await twoVersions(iife('[1].map(() => 0);') + ROUTE, iife('') + ROUTE, false);
  });

  it('not when the edit adds a binding before them (binding ids move; a summary names them)', async () => {
    const later = iife("const path = require('path');\nfunction rel(x) { return path.relative('/r', x); }\napp.get('/f', (req, res) => { res.sendFile(rel(req.query.f)); });");
    await twoVersions(iife('') + later + ROUTE, iife('const extra = 1;') + later + ROUTE, false);
  });

  it('replays around an edited unit that reads module names written before it (a write inside its function stays there)', async () => {
    const text = 'var shared = process.argv[2];\n' + iife('') + iife("require('child_process').exec(shared);");
    await twoVersions(text, text.replace('(function () {\n\n', '(function () {\nshared = "";\n'), true);
  });

  const APP = "const app = require('express')();\nconst { exec } = require('child_process');\n";
  const HANDLER_B = "app.get('/b', (req, res) => { exec('ls ' + req.query.b); res.send('b'); });\n";

  it('replays around an edited module-level handler (it reads `app`, written by an earlier statement)', async () => {
    const before = APP + "app.get('/a', (req, res) => { exec(req.query.a); res.send('a'); });\n" + HANDLER_B;
    await twoVersions(before, before.replace("res.send('a')", "res.send('edited')"), true);
  });

  it('not when the edited unit writes a module name at top level', async () => {
    const text = 'var shared = process.argv[2];\n' + iife('') + iife("require('child_process').exec(shared);");
    await twoVersions(text, text.replace('(function () {\n\n})();\n', '(function () {\n\n})();\nshared = "";\n'), false);
  });

  it('not when the edited unit reads a module name written after it (a fresh walk sees it unset there)', async () => {
    const before = APP + "app.get('/a', (req, res) => { exec(PREFIX + req.query.a); res.send('a'); });\n" + HANDLER_B + "var PREFIX = process.argv[2];\n";
    await twoVersions(before, before.replace("res.send('a')", "res.send('edited')"), false);
  });

  it('not when another unit reads a function the edited unit defines', async () => {
    const before = APP + "function run(x) { exec(x); }\n" + "app.get('/a', (req, res) => { run(req.query.a); });\n" + HANDLER_B;
    await twoVersions(before, before.replace('function run(x) { exec(x); }', 'function run(x) { exec(String(x)); }'), false);
  });

  it('not when a unit that read module names is gone', async () => {
    const text = "var shared;\nshared = process.argv[2];\nrequire('child_process').exec(shared);\n" + ROUTE;
    await twoVersions(text, text.replace('shared = process.argv[2];\n', ''), false);
  });

  it('not when the file imports something else (sinks and roles depend on imports)', async () => {
    const later = iife("app.get('/u', (req, res) => { User.find(req.query); });");
    await twoVersions(iife('') + later + ROUTE, iife("require('mongoose');") + later + ROUTE, false);
  });

  it('not when the edit adds a class method another unit finds by `Class.method`', async () => {
    const later = iife("class A { run(x) { require('child_process').exec(x); } go(req) { this.run(req.query.q); } }\napp.get('/a', (req, res) => new A().go(req));");
    await twoVersions(later + iife(''), later + iife('class A { run(x) { return 1; } }'), false);
  });

  it('not when the file\'s directives change (server actions get their roles from them)', async () => {
    const action = "export async function act(data) { require('child_process').exec(data.get('c')); }\n" + ROUTE;
    await twoVersions("'use strict';\n" + action, "'use server';\n" + action, false);
  });

  it('not when a new unit leaves the file at top level', async () => {
    await twoVersions(iife('') + ROUTE, 'process.exit(1);\n' + iife('') + ROUTE, false);
  });
});
