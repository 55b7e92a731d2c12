// The built CLI end to end: exit codes 0/1/2, usage and config errors, every output format, bad input.
// Builds cli/out first when it is missing or older than the sources (test/run-all.sh builds anyway).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as Sarif from 'sarif';
import { makeBadInput } from '../fixtures/bad-input/make';
import { sarifErrors } from './sarif-schema';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');
const SECRET = 'const key = "AKIAZ3MSJV2KD7QX4N5P";\n';

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const sources = Math.max(...['cli/src', 'server/src', 'rules'].map((d) => newestSource(join(REPO, d))));
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= sources) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit', timeout: 240_000 });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function vouch(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd, encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, VOUCH_TEST_FAULTS: '', ...env },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(dir: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

describe('cli: vouch scan', function () {
  this.timeout(180_000);
  let tmp: string;
  let clean: string;
  let leaky: string;

  before(function () {
    this.timeout(300_000);
    ensureBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'vouch-cli-'));
    clean = project(join(tmp, 'clean'), { 'src/index.ts': 'export const add = (a: number, b: number) => a + b;\n' });
    leaky = project(join(tmp, 'leaky'), {
      'src/config.js': SECRET,
      'src/ok.js': '// vouch-ignore-next-line aws-access-key-id -- documented test key\nconst k = "AKIAZ3MSJV2KD7QX4N5Q";\n',
      'notes/a b#1.py': 'print("hi")\n',
    });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  describe('usage errors exit 2 with a message', () => {
    it('unknown flag prints usage', () => {
      const r = vouch(['scan', '.', '--bogus'], clean);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^vouch: .*--bogus/);
      assert.match(r.stderr, /Usage: vouch scan/);
      assert.equal(r.stdout, '');
    });

    it('unknown command, bad --format, bad --fail-on, missing path', () => {
      const cases: Array<[string[], RegExp]> = [
        [['lint'], /unknown command "lint"/],
        [['scan', '--format', 'xml'], /--format must be one of json, sarif, markdown, html/],
        [['scan', '--fail-on', 'sometimes'], /--fail-on must be error, warning or never/],
        [['scan', 'no-such-dir'], /path not found: no-such-dir/],
      ];
      for (const [args, message] of cases) {
        const r = vouch(args, clean);
        assert.equal(r.code, 2, args.join(' '));
        assert.match(r.stderr, message);
        assert.doesNotMatch(r.stderr, /vouch: internal error/);
      }
    });

    it('--help and --version exit 0', () => {
      assert.match(vouch(['--help'], clean).stdout, /--fail-on <error\|warning\|never>/);
      const v = vouch(['--version'], clean);
      assert.equal(v.code, 0);
      assert.match(v.stdout, /^\d+\.\d+\.\d+/);
    });
  });

  describe('--only', () => {
    let mixed: string;
    before(() => {
      mixed = project(join(tmp, 'mixed'), {
        'src/config.js': SECRET,
        'src/client.js': "const https = require('https');\nhttps.request({ host: 'api.example.com', rejectUnauthorized: false });\n",
      });
    });

    it('keeps only the named family, or the named rule', () => {
      const all = JSON.parse(vouch(['scan', '.', '--fail-on', 'never', '--offline'], mixed).stdout);
      const rules = (j: { findings: Array<{ ruleId: string; family: string }> }) => [...new Set(j.findings.map((f) => f.ruleId))].sort();
      assert.deepEqual(rules(all), ['aws-access-key-id', 'tls-verification-disabled']);
      const family = JSON.parse(vouch(['scan', '.', '--fail-on', 'never', '--offline', '--only', 'hardcoded-secret'], mixed).stdout);
      assert.deepEqual(rules(family), ['aws-access-key-id']);
      const rule = JSON.parse(vouch(['scan', '.', '--fail-on', 'never', '--offline', '--only', 'tls-verification-disabled'], mixed).stdout);
      assert.deepEqual(rules(rule), ['tls-verification-disabled']);
    });

    it('an unknown name is a usage error that lists the families', () => {
      const r = vouch(['scan', '.', '--only', 'hardcoded-secret,secrets'], mixed);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--only: unknown rule or family "secrets" \(families: .*hardcoded-secret/);
    });
  });

  describe('policy file problems exit 2 with a clear message', () => {
    it('--config pointing at a missing file', () => {
      const r = vouch(['scan', '.', '--config', 'nope.json'], clean);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /config file not found: nope\.json/);
    });

    it('--config pointing at malformed JSON, or the workspace .vouch.json being malformed', () => {
      const bad = project(join(tmp, 'badcfg'), { 'src/a.js': 'const a = 1;\n', 'policy.json': '{ "rules": { "x": "off" ', '.vouch.json': '{ "exclude": [ }' });
      const explicit = vouch(['scan', '.', '--config', 'policy.json'], bad);
      assert.equal(explicit.code, 2);
      assert.match(explicit.stderr, /policy\.json is not valid JSON: .* at line 1, column \d+/);
      const implicit = vouch(['scan', '.'], bad);
      assert.equal(implicit.code, 2);
      assert.match(implicit.stderr, /\.vouch\.json is not valid JSON/);
      assert.doesNotMatch(implicit.stderr + explicit.stderr, /vouch: internal error|\n\s+at /);
    });

    it('a config with unknown keys only warns', () => {
      const dir = project(join(tmp, 'warncfg'), { 'a.js': 'const a = 1;\n', '.vouch.json': '{ "rulez": {} }' });
      const r = vouch(['scan', '.'], dir);
      assert.equal(r.code, 0);
      assert.match(r.stderr, /warning: .*unknown key "rulez"/);
    });
  });

  describe('exit codes follow --fail-on', () => {
    it('0 for a clean tree, with the JSON contract on stdout', () => {
      const r = vouch(['scan', '.'], clean);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.tool.name, 'vouch');
      assert.equal(report.files, 1);
      assert.equal(typeof report.durationMs, 'number');
      assert.deepEqual(report.findings, []);
    });

    it('1 for an error finding; 0 with --fail-on never; suppressed findings do not count', () => {
      const r = vouch(['scan', 'leaky'], tmp);
      assert.equal(r.code, 1);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.findings.map((f: { file: string; line: number; column: number }) => [f.file, f.line, f.column]), [['src/config.js', 1, 14]]);
      assert.equal(report.suppressed, 1);
      assert.equal(vouch(['scan', 'leaky', '--fail-on', 'never'], tmp).code, 0);
    });

    it('a warning fails only --fail-on warning', () => {
      const dir = project(join(tmp, 'warn'), { 'a.js': SECRET, '.vouch.json': '{ "rules": { "aws-access-key-id": "warning" } }' });
      assert.equal(vouch(['scan', '.'], dir).code, 0);
      assert.equal(vouch(['scan', '.', '--fail-on', 'warning'], dir).code, 1);
    });

    it('paths of a lone file are relative to the current folder', () => {
      const r = vouch(['scan', 'leaky/src/config.js'], tmp);
      assert.equal(r.code, 1);
      assert.equal(JSON.parse(r.stdout).findings[0].file, 'leaky/src/config.js');
    });
  });

  describe('formats', () => {
    it('sarif is valid SARIF 2.1.0 with relative URIs', () => {
      const r = vouch(['scan', '.', '--format', 'sarif', '--fail-on', 'never'], leaky);
      assert.equal(r.code, 0, r.stderr);
      const log = JSON.parse(r.stdout) as Sarif.Log;
      assert.deepEqual(sarifErrors(log), []);
      const results = log.runs[0].results!;
      assert.deepEqual(results.map((x) => [x.ruleId, x.locations![0].physicalLocation!.artifactLocation!.uri, !!x.suppressions]).sort(), [
        ['aws-access-key-id', 'src/config.js', false],
        ['aws-access-key-id', 'src/ok.js', true],
      ]);
    });

    it('--output writes markdown and html files, and reports a path it cannot write', () => {
      const md = vouch(['scan', '.', '--format', 'markdown', '--output', join(tmp, 'out', 'r.md'), '--fail-on', 'never'], leaky);
      assert.equal(md.code, 0, md.stderr);
      assert.equal(md.stdout, '');
      assert.match(readFileSync(join(tmp, 'out', 'r.md'), 'utf8'), /### `src\/config\.js` \(1\)/);
      const html = vouch(['scan', '.', '--format', 'html', '--output', join(tmp, 'out', 'r.html'), '--summary'], leaky);
      assert.equal(html.code, 1);
      assert.match(html.stderr, /1 findings? .*1 error/);
      const page = readFileSync(join(tmp, 'out', 'r.html'), 'utf8');
      assert.match(page, /^<!doctype html>/);
      // (Rule docs further down may quote example keys; the scanned code must not leak.)
      assert.doesNotMatch(page.slice(0, page.indexOf('id="rules-h"')), /AKIAZ3MSJV2KD7QX4N5P/, 'secrets are masked in snippets');
      const bad = vouch(['scan', '.', '--output', join(tmp, 'out')], leaky);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /cannot write the report to .*EISDIR/);
    });
  });

  describe('bad input', () => {
    let bad: string;
    before(() => {
      bad = makeBadInput(join(tmp, 'bad')).root;
    });

    it('never crashes: skips each bad file with a reason and still finds the sentinel', () => {
      const r = vouch(['scan', '.', '--format', 'json'], bad);
      assert.equal(r.code, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /vouch: internal error/);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.findings.map((f: { file: string }) => f.file), ['zz-sentinel.js']);
      const skipped = Object.fromEntries(report.skipped.map((s: { path: string; reason: string }) => [s.path, s.reason]));
      for (const p of ['binary.js', 'huge-bundle.js', 'app-compiled.js', 'self.js', 'loop/parent']) assert.ok(skipped[p], p);
      // Bad bytes are read as U+FFFD, not a reason to skip the file.
      assert.equal(skipped['latin1.py'], undefined);
    });

    it('reports skipped files and detector errors as SARIF notifications, still exit 1 not 2', () => {
      writeFileSync(join(bad, 'fault.js'), '// __vouch_throw__\n');
      try {
        const r = vouch(['scan', '.', '--format', 'sarif'], bad, { VOUCH_TEST_FAULTS: '1' });
        assert.equal(r.code, 1, r.stderr);
        const log = JSON.parse(r.stdout) as Sarif.Log;
        assert.deepEqual(sarifErrors(log), []);
        const notes = log.runs[0].invocations![0].toolExecutionNotifications!;
        assert.ok(notes.some((n) => n.descriptor?.id === 'detector-error' && n.associatedRule?.id === 'test-fault-throws'));
        assert.ok(notes.some((n) => n.descriptor?.id === 'skipped-file' && /binary/.test(n.message.text ?? '')));
      } finally {
        rmSync(join(bad, 'fault.js'));
      }
    });
  });

  it('shows progress on a terminal and stays silent in pipes', function () {
    if (process.platform === 'win32' || !existsSync('/usr/bin/script')) this.skip();
    const piped = vouch(['scan', '.', '--fail-on', 'never'], leaky);
    assert.doesNotMatch(piped.stderr, /\r/);
    const tty = spawnSync('/usr/bin/script', ['-qec', `"${process.execPath}" "${CLI}" scan . --fail-on never --output r.json`, '/dev/null'], {
      cwd: leaky, encoding: 'utf8', timeout: 90_000,
    });
    assert.equal(tty.status, 0, tty.stdout);
    assert.match(tty.stdout, /\r\x1b\[2K\[\d+\/\d+\]/);
  });
});
