// breaking-change: the file's public surface now against the baseline (a MemoryBaseline of the case's
// `before`), with its reach over the case's other workspace files. Invalid cases name the changed
// declaration (full span) and the change's kind, and the severity reach gives it; valid cases are
// the compatible edits a naive diff would flag.
import assert from 'node:assert/strict';
import { testEngine } from '../../engine';
import { MemoryBaseline } from '../../../server/src/vcs/memory-baseline';
import { at, caseServices, ruleTester, type Case, type InvalidCase } from '../harness';

/** A case: `code` now, `before` at the baseline (same path), `files` the rest of the workspace now. */
function change(c: Omit<Case, 'services'> & { before: string; path: string }): Case {
  return { ...c, services: { baseline: new MemoryBaseline({ [c.path]: c.before }) } };
}

function broken(c: Omit<Case, 'services'> & { before: string; path: string }, text: string, kind: string, severity: string, nth = 0): InvalidCase {
  return { ...change(c), errors: [{ ...at(c.code, text, kind, nth), severity }] };
}

const PKG = (extra: Record<string, unknown>) => JSON.stringify({ name: '@acme/utils', version: '1.0.0', ...extra }, null, 2) + '\n';
const DATE_BEFORE = "export function formatDate(d: Date): string {\n  return d.toISOString();\n}\n";
const DATE_REQUIRED = "export function formatDate(d: Date, locale: string): string {\n  return d.toLocaleDateString(locale);\n}\n";
const CALLERS = {
  'src/header.ts': "import { formatDate } from './date';\nexport const title = formatDate(new Date());\n",
  'src/footer.ts': "import { formatDate as fmt } from './date';\nexport const a = fmt(new Date());\nexport const b = fmt(new Date(), 'de');\n",
  'test/date.test.ts': "import { formatDate } from '../src/date';\nformatDate(new Date(), 'en');\n",
};

ruleTester('breaking-change', 'typescript', {
  valid: [
    change({ name: 'a new optional parameter with a default', path: 'src/date.ts', before: DATE_BEFORE, files: CALLERS, code: "export function formatDate(d: Date, locale = 'en'): string {\n  return d.toLocaleDateString(locale);\n}\n" }),
    change({ name: 'a new optional (?) parameter and a new export', path: 'src/date.ts', before: DATE_BEFORE, files: CALLERS, code: "export function formatDate(d: Date, locale?: string): string {\n  return d.toISOString();\n}\nexport const EPOCH = 0;\n" }),
    change({ name: 'a renamed private helper', path: 'src/date.ts', before: "function pad(n: number) { return String(n).padStart(2, '0'); }\nexport function day(d: Date) { return pad(d.getDate()); }\n", code: "function twoDigits(n: number) { return String(n).padStart(2, '0'); }\nexport function day(d: Date) { return twoDigits(d.getDate()); }\n" }),
    change({ name: 'whitespace-only change', path: 'src/date.ts', before: DATE_BEFORE, files: CALLERS, code: "export   function formatDate( d: Date ): string\n{\n\n  return d.toISOString();\n}\n" }),
    change({ name: 'comment-only change', path: 'src/date.ts', before: DATE_BEFORE, files: CALLERS, code: "/** Formats a date as ISO 8601. */\nexport function formatDate(d: Date): string {\n  // UTC, always\n  return d.toISOString();\n}\n" }),
    change({ name: 'a renamed parameter (JS binds by position)', path: 'src/date.ts', before: DATE_BEFORE, files: CALLERS, code: "export function formatDate(date: Date): string {\n  return date.toISOString();\n}\n" }),
    change({ name: 'a new optional interface member; a new returned field', path: 'src/user.ts', before: "export interface User { id: string; name: string }\nexport function load() { return { id: '1', name: 'a' }; }\n", code: "export interface User { id: string; name: string; email?: string }\nexport function load() { return { id: '1', name: 'a', email: '' }; }\n" }),
    change({ name: 'a new enum member', path: 'src/color.ts', before: "export enum Color { Red, Green }\n", code: "export enum Color { Red, Green, Blue }\n" }),
    change({ name: 'a private method of an exported class changed', path: 'src/client.ts', before: "export class Client {\n  get(url: string) { return this.send(url); }\n  private send(url: string) { return url; }\n}\n", code: "export class Client {\n  get(url: string) { return this.send(url, 'GET'); }\n  private send(url: string, method: string) { return method + url; }\n}\n" }),
    change({ name: 'a new file has no baseline', path: 'src/new.ts', before: '', code: "export function f(a: number) { return a; }\n", services: { baseline: new MemoryBaseline({}) } } as never),
    change({ name: 'Python: a new keyword argument with a default; a renamed _private helper', language: 'python', path: 'app/dates.py', before: "def _pad(n):\n    return str(n)\n\ndef format_date(d):\n    return _pad(d)\n", code: "def _two(n):\n    return str(n)\n\ndef format_date(d, locale='en'):\n    return _two(d)\n" }),
    change({ name: 'package.json: a version bump, a new exports subpath, the same bin', language: 'json', path: 'packages/utils/package.json', before: PKG({ exports: { '.': './src/index.ts' }, bin: { acme: 'cli.js' } }), files: { 'apps/web/src/a.ts': "import { x } from '@acme/utils';\n" }, code: PKG({ version: '2.0.0', exports: { '.': './src/index.ts', './date': './src/date.ts' }, bin: { acme: 'cli.js' } }) }),
    change({ name: 'Python: comment and docstring only', language: 'python', path: 'app/dates.py', before: "def format_date(d):\n    return d.isoformat()\n", code: "# Dates.\ndef format_date(d):\n    \"\"\"ISO 8601.\"\"\"\n    return d.isoformat()  # always UTC\n" }),
  ],
  invalid: [
    // The issue's own example: a parameter made required, callers that still pass one argument.
    broken({ name: 'a required parameter added: callers in two files still pass one argument', path: 'src/date.ts', before: DATE_BEFORE, files: CALLERS, code: DATE_REQUIRED }, 'formatDate', 'param-required', 'error'),
    broken({ name: 'a required parameter nobody outside the file passes: hint', path: 'src/date.ts', before: DATE_BEFORE, code: DATE_REQUIRED }, 'formatDate', 'param-required', 'hint'),
    broken({ name: 'a parameter removed', path: 'src/math.ts', before: "export function scale(x: number, by: number, round: boolean) { return x * by; }\n", files: { 'src/use.ts': "import { scale } from './math';\nscale(1, 2, true);\n" }, code: "export function scale(x: number, by: number) { return x * by; }\n" }, 'scale', 'param-removed', 'error'),
    broken({ name: 'parameters reordered', path: 'src/math.ts', before: "export function clamp(x: number, min: number, max: number) { return x; }\n", files: { 'src/use.ts': "import { clamp } from './math';\nclamp(5, 0, 10);\n" }, code: "export function clamp(min: number, max: number, x: number) { return x; }\n" }, 'clamp', 'params-reordered', 'error'),
    broken({ name: 'a default changed: callers relying on it are warned', path: 'src/http.ts', before: "export function request(url: string, timeout = 30000) { return url; }\n", files: { 'src/api.ts': "import { request } from './http';\nrequest('/a');\nrequest('/b', 5);\n" }, code: "export function request(url: string, timeout = 1000) { return url; }\n" }, 'request', 'default-changed', 'warning'),
    broken({ name: 'sync became async: a caller uses the result without await', path: 'src/config.ts', before: "export function loadConfig() { return { port: 1 }; }\n", files: { 'src/server.ts': "import { loadConfig } from './config';\nconst c = loadConfig();\nexport const port = c.port;\n" }, code: "export async function loadConfig() { return { port: 1 }; }\n" }, 'loadConfig', 'became-async', 'error'),
    broken({ name: 'a returned field renamed: a caller still reads it', path: 'src/user.ts', before: "export function getUser() { return { id: 1, email: 'a' }; }\n", files: { 'src/mail.ts': "import { getUser } from './user';\nconst { email } = getUser();\nexport const to = getUser().email;\n" }, code: "export function getUser() { return { id: 1, mail: 'a' }; }\n" }, 'getUser', 'return-fields', 'error'),
    broken({ name: 'an export removed: its importer is broken', path: 'src/date.ts', before: "export function parseDate(s: string) { return new Date(s); }\nexport function today() { return new Date(); }\n", files: { 'src/form.ts': "import { parseDate } from './date';\nparseDate('x');\n" }, code: "export function today() { return new Date(); }\n" }, 'export function today() { return new Date(); }', 'export-removed', 'error'),
    broken({ name: 'an export renamed', path: 'src/date.ts', before: "export function fmt(d: Date) { return ''; }\n", files: { 'src/form.ts': "import * as dates from './date';\ndates.fmt(new Date());\n" }, code: "export function formatDate(d: Date) { return ''; }\n" }, 'formatDate', 'export-renamed', 'error'),
    broken({ name: 'an interface member made required: a typed literal lacks it', path: 'src/opts.ts', before: "export interface Options { retries?: number }\n", files: { 'src/use.ts': "import type { Options } from './opts';\nexport const o: Options = {};\n" }, code: "export interface Options { retries: number }\n" }, 'retries', 'member-required', 'error'),
    broken({ name: 'an enum member removed', path: 'src/color.ts', before: "export enum Color { Red, Green }\n", files: { 'src/paint.ts': "import { Color } from './color';\nexport const c = Color.Red;\n" }, code: "export enum Color { Green }\n" }, 'Color', 'enum-member-removed', 'error'),
    broken({ name: 'CommonJS: a required parameter added, a caller through require', language: 'javascript', path: 'lib/slug.js', before: "function slug(s) { return s; }\nmodule.exports = { slug };\n", files: { 'lib/use.js': "const { slug } = require('./slug');\nslug('a');\n" }, code: "function slug(s, sep) { return s.split(' ').join(sep); }\nmodule.exports = { slug };\n" }, 'slug', 'param-required', 'error'),
    broken({ name: 'CommonJS: `var f = require(m).f`, a constructor function called with new (module.exports = View)', language: 'javascript', path: 'lib/view.js', before: "function View(name, options) {}\nmodule.exports = View;\n", files: { 'lib/app.js': "var View = require('./view');\nvar setCharset = require('./utils').setCharset;\nnew View('a', {});\n" }, code: "function View(name, options, engines) {}\nmodule.exports = View;\n" }, 'View', 'param-required', 'error'),
    broken({ name: 'CommonJS: exports.x, a caller through require(m).x', language: 'javascript', path: 'lib/utils.js', before: "exports.setCharset = function setCharset(type, charset) {\n  return type;\n};\n", files: { 'lib/res.js': "var setCharset = require('./utils').setCharset;\nsetCharset('text/html', 'utf-8');\n" }, code: "exports.setCharset = function setCharset(type, charset, fallback) {\n  return type;\n};\n" }, 'setCharset', 'param-required', 'error'),
    broken({ name: 'a class constructor now requires an argument', path: 'src/client.ts', before: "export class Client {\n  constructor(url?: string) {}\n}\n", files: { 'src/use.ts': "import { Client } from './client';\nnew Client();\n" }, code: "export class Client {\n  constructor(url: string) {}\n}\n" }, 'Client', 'param-required', 'error'),
    broken({ name: 'Python: a public def gains a required parameter; keyword and positional callers', language: 'python', path: 'app/dates.py', before: "def format_date(d):\n    return d.isoformat()\n", files: { 'app/views.py': "from app.dates import format_date\nformat_date(x)\nformat_date(x, locale='de')\n", 'tests/test_dates.py': "from app.dates import format_date\nformat_date(x, 'en')\n" }, code: "def format_date(d, locale):\n    return d.strftime(locale)\n" }, 'format_date', 'param-required', 'error'),
    broken({ name: 'Python: a parameter renamed, a keyword caller', language: 'python', path: 'app/mail.py', before: "def send(to, body):\n    pass\n", files: { 'app/jobs.py': "from .mail import send\nsend(to='a', body='b')\n" }, code: "def send(to, text):\n    pass\n" }, 'send', 'param-renamed', 'error'),
    broken({ name: 'Python: __all__ entry removed', language: 'python', path: 'app/api.py', before: "__all__ = ['run', 'stop']\ndef run(): pass\ndef stop(): pass\n", files: { 'app/cli.py': "from app.api import stop\nstop()\n" }, code: "__all__ = ['run']\ndef run(): pass\ndef stop(): pass\n" }, '__all__', 'all-entry-removed', 'error'),
    broken({ name: 'Python: a public function removed, used through the module', language: 'python', path: 'app/api.py', before: "def run(): pass\ndef stop(): pass\n", files: { 'app/cli.py': "import app.api as api\napi.stop()\n" }, code: "def run(): pass\n" }, 'def run(): pass', 'export-removed', 'error'),
    broken({ name: 'Python: def became async def', language: 'python', path: 'app/db.py', before: "def fetch(q):\n    return []\n", files: { 'app/views.py': "from app.db import fetch\nrows = fetch('q')\n" }, code: "async def fetch(q):\n    return []\n" }, 'fetch', 'became-async', 'error'),
    broken({ name: 'package.json: a new exports map closes a deep import', language: 'json', path: 'packages/utils/package.json', before: PKG({}), files: { 'packages/utils/src/date.ts': '', 'apps/web/src/a.ts': "import { formatDate } from '@acme/utils/src/date';\nimport { x } from '@acme/utils';\n" }, code: PKG({ exports: { '.': './src/index.ts' } }) }, '"exports": {\n    ".": "./src/index.ts"\n  }', 'subpath-removed', 'error'),
    broken({ name: 'package.json: the package renamed', language: 'json', path: 'packages/utils/package.json', before: PKG({}), files: { 'apps/web/src/a.ts': "import { x } from '@acme/utils';\n" }, code: PKG({}).replace('@acme/utils', '@acme/core') }, '"name": "@acme/core"', 'package-renamed', 'error'),
    broken({ name: 'package.json: a bin command removed that a script runs', language: 'json', path: 'packages/utils/package.json', before: PKG({ bin: { 'acme-gen': 'gen.js' } }), files: { 'package.json': JSON.stringify({ scripts: { build: 'acme-gen && tsc' } }), 'packages/utils/src/index.ts': '' }, code: PKG({ bin: {} }) }, '"bin": {}', 'bin-removed', 'error'),
  ],
});

describe('breaking-change: the finding says how far the change reaches', function () {
  this.timeout(60_000);
  it('names the broken call sites, files and tests, with related information on every broken site', async () => {
    const engine = await testEngine();
    const services = { ...caseServices('src/date.ts', DATE_REQUIRED, CALLERS), baseline: new MemoryBaseline({ 'src/date.ts': DATE_BEFORE }) };
    const r = await engine.analyzeTiers({ text: DATE_REQUIRED, languageId: 'typescript', path: 'src/date.ts' }, services, { slowBudgetMs: 60_000 });
    const f = r.findings.find((x) => x.ruleId === 'breaking-change')!;
    assert.equal(f.message, '`formatDate(d)` now requires `locale`; 2 call sites in 2 files still pass one argument — src/footer.ts:2, src/header.ts:2; tests: test/date.test.ts.');
    assert.deepEqual(f.related?.map((x) => `${x.file}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.message}`), [
      'src/footer.ts:2:18 passes 1 argument',
      'src/header.ts:2:22 passes 1 argument',
    ]);
  });

  it('says when no test touches the name', async () => {
    const engine = await testEngine();
    const files = { 'src/header.ts': CALLERS['src/header.ts'] };
    const services = { ...caseServices('src/date.ts', DATE_REQUIRED, files), baseline: new MemoryBaseline({ 'src/date.ts': DATE_BEFORE }) };
    const r = await engine.analyzeTiers({ text: DATE_REQUIRED, languageId: 'typescript', path: 'src/date.ts' }, services, { slowBudgetMs: 60_000 });
    assert.match(r.findings.find((x) => x.ruleId === 'breaking-change')!.message, /; no test touches it\.$/);
  });
});
