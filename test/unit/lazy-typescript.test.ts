// TypeScript loads on first use in the bundles (esbuild.mjs lazy-typescript, server/src/core/deferred.ts):
// a scan that meets no JS/TS file never evaluates it, one that does gets the same findings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deferred } from '../../server/src/core/deferred';
import { ensureBuilt } from './cli.test';

const REPO = resolve(__dirname, '..', '..');
const LOADED = 'vouch: TypeScript loaded';
const LIB_FILES = 'vouch: TypeScript lib files made';

describe('deferred module values', () => {
  it('makes the value at the first read, once, and hands it to the binding', () => {
    let made = 0;
    let kinds = deferred(() => (made++, { Call: 213, New: 214 }), (v) => (kinds = v));
    const standIn = kinds;
    assert.equal(made, 0, 'nothing is made before a read');
    assert.equal(kinds.Call, 213);
    assert.equal(made, 1);
    assert.notEqual(kinds, standIn, 'the binding is the plain value after the first read');
    assert.deepEqual(kinds, { Call: 213, New: 214 });
    assert.equal(standIn.New, 214, 'a copy taken before reads through to the same value');
    assert.equal(made, 1, 'and never makes it again');
  });

  it('answers `in`, key listing and spreading through the stand-in', () => {
    let a = deferred(() => ({ x: 1, y: 2 }), (v) => (a = v));
    assert.ok('y' in a);
    let b = deferred(() => ({ x: 1, y: 2 }), (v) => (b = v));
    assert.deepEqual(Object.keys(b), ['x', 'y']);
    let c = deferred(() => ({ x: 1, y: 2 }), (v) => (c = v));
    assert.deepEqual({ ...c }, { x: 1, y: 2 });
  });
});

describe('bundles: TypeScript on first use', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vouch-lazy-ts-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function scan(file: string, text: string, ...flags: string[]) {
    const folder = mkdtempSync(join(dir, 'ws-'));
    writeFileSync(join(folder, file), text);
    const r = spawnSync(process.execPath, [join(REPO, 'cli', 'out', 'vouch.js'), 'scan', '.', '--format', 'json', '--fail-on', 'never', '--offline', '--jobs', '1', ...flags], {
      cwd: folder, encoding: 'utf8', timeout: 60_000, env: { ...process.env, VOUCH_DEBUG_TS_LOAD: '1', VOUCH_CODE_CACHE: 'off', VOUCH_CODE_CACHE_DEBUG: '1' },
    });
    assert.equal(r.status, 0, r.stderr);
    return { rules: (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId), stderr: r.stderr };
  }

  it('never loads it for a Python-only folder, and still finds what the Python rules find', () => {
    const r = scan('app.py', "import jwt\ntoken = jwt.encode({'sub': 1}, 'correct horse battery staple', algorithm='HS256')\n");
    assert.ok(r.rules.includes('hardcoded-secret-in-sink'), r.rules.join(', '));
    assert.ok(!r.stderr.includes(LOADED), r.stderr);
    // TypeScript is a chunk of its own beside the bundle (esbuild.mjs TS_CHUNK), never read here.
    assert.match(r.stderr, /code cache off \(vouch-main\.js\)/);
    assert.ok(!r.stderr.includes('ts-common.js'), r.stderr);
  });

  it('loads it once a JS file is scanned', () => {
    const r = scan('app.js', "const jwt = require('jsonwebtoken');\nconst token = jwt.sign({ sub: 1 }, 'correct horse battery staple');\n");
    assert.ok(r.rules.includes('hardcoded-secret-in-sink'), r.rules.join(', '));
    assert.equal(r.stderr.split(LOADED).length - 1, 1, r.stderr);
    assert.equal(r.stderr.split('code cache off (ts-common.js)').length - 1, 1, r.stderr);
  });

  it('keeps TypeScript out of the CLI bundle itself', () => {
    const main = readFileSync(join(REPO, 'cli', 'out', 'vouch-main.js'), 'latin1');
    const chunk = readFileSync(join(REPO, 'cli', 'out', 'ts-common.js'), 'latin1');
    for (const [text, has] of [[main, false], [chunk, true]] as const) assert.equal(/function createSourceFile\(/.test(text), has);
  });

  // @ts-morph/common's lib .d.ts texts (5 MB, an array it made at load) stay unmade where nothing type-checks.
  it('makes TypeScript\'s lib files only for a type check (--types), not for parsing', () => {
    const code = "const fs = require('fs');\nfs.readFileSync(process.argv[2]);\n";
    const parsed = scan('app.js', code);
    assert.ok(parsed.stderr.includes(LOADED), parsed.stderr);
    assert.ok(!parsed.stderr.includes(LIB_FILES), parsed.stderr);
    const checked = scan('app.js', code, '--types');
    assert.equal(checked.stderr.split(LIB_FILES).length - 1, 1, checked.stderr);
  });
});
