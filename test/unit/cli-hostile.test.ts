// Issue 7 through the built CLI: hostile workspaces must give a clear message and the right exit code,
// never a hang, a lost report or a file hidden by one crafted byte.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt } from './cli.test';
import { mkfifo } from './safe-read.test';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');
const SECRET = 'const key = "AKIAZ3MSJV2KD7QX4N5P";\n';
const unix = process.platform !== 'win32';

function vouch(args: string[], cwd: string, timeout = 60_000) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=512' } });
  assert.notEqual(r.signal, 'SIGTERM', `vouch ${args.join(' ')} hung`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: hostile workspaces (issue 7)', function () {
  this.timeout(180_000);
  let tmp: string;
  let n = 0;
  const ws = (files: Record<string, string | Uint8Array>): string => {
    const dir = join(tmp, `ws${n++}`);
    for (const [rel, data] of Object.entries(files)) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), data);
    }
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  before(() => {
    ensureBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'vouch-hostile-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  describe('special files (defect 1)', () => {
    before(function () {
      if (!unix) this.skip();
    });

    it('a .vouch.json linked to /dev/zero or a FIFO, and --config /dev/zero: exit 2 with the reason', () => {
      const zero = ws({ 'a.js': SECRET });
      symlinkSync('/dev/zero', join(zero, '.vouch.json'));
      const r1 = vouch(['scan', '.'], zero);
      assert.equal(r1.code, 2, r1.stderr);
      assert.match(r1.stderr, /\.vouch\.json is a character device, not a regular file/);
      const fifo = ws({ 'a.js': SECRET });
      mkfifo(join(fifo, '.vouch.json'));
      const r2 = vouch(['scan', '.'], fifo);
      assert.equal(r2.code, 2, r2.stderr);
      assert.match(r2.stderr, /named pipe/);
      const r3 = vouch(['scan', '.', '--config', '/dev/zero'], ws({ 'a.js': SECRET }));
      assert.equal(r3.code, 2, r3.stderr);
      assert.match(r3.stderr, /character device/);
    });

    it('a ledger FIFO, provenance linked to /dev/zero and a .gitignore FIFO: the scan finishes and says why', () => {
      const dir = ws({ 'a.js': SECRET });
      mkdirSync(join(dir, '.vouch'));
      mkfifo(join(dir, '.vouch', 'reviews.jsonl'));
      symlinkSync('/dev/zero', join(dir, '.vouch', 'provenance.json'));
      mkfifo(join(dir, '.gitignore'));
      const r = vouch(['scan', '.', '--allow-skipped'], dir);
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.findings.map((f: { ruleId: string }) => f.ruleId), ['aws-access-key-id']);
      const said = JSON.stringify(report);
      assert.match(said, /reviews\.jsonl is a named pipe/);
      assert.match(said, /provenance\.json is a character device/);
      assert.match(said, /\.gitignore is a named pipe/);
    });
  });

  describe('one byte hides a file (defect 5)', () => {
    const found = (dir: string, args: string[] = []) => {
      const r = vouch(['scan', '.', ...args], dir);
      const report = JSON.parse(r.stdout);
      return { r, report, lines: report.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`) };
    };

    it('an invalid UTF-8 byte, a NUL, a 25 KB comment line and UTF-16 with a BOM: still analysed', () => {
      const dir = ws({
        'latin1.js': Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9, 0x80]), Buffer.from('\n' + SECRET)]),
        'nul.js': Buffer.concat([Buffer.from('/* '), Buffer.from([0]), Buffer.from(' */\n' + SECRET)]),
        'comment.js': `// ${'x'.repeat(25_000)}\n${SECRET}`,
        'utf16.js': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SECRET, 'utf16le')]),
      });
      const { r, report, lines } = found(dir);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(lines.sort(), ['comment.js:2', 'latin1.js:2', 'nul.js:2', 'utf16.js:1']);
      assert.deepEqual(report.skipped, []);
      assert.match(JSON.stringify(report.notices), /not valid UTF-8/);
    });

    it('padding past the 2 MB limit: the code after it is scanned in windows, at its own line', () => {
      const pad = `// ${'p'.repeat(70)}\n`.repeat(Math.ceil(2_100_000 / 74));
      const lines = pad.split('\n').length;
      const dir = ws({ 'padded.js': pad + SECRET });
      const { r, report, lines: at } = found(dir);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(at, [`padded.js:${lines}`]);
      assert.match(JSON.stringify(report.notices), /above the 2\.0 MB limit: analysed in 2 windows/);
    });

    it('--fail-on fails on a file that could not be analysed unless --allow-skipped; never stays 0', () => {
      const dir = ws({ 'a.js': 'const a = 1;\n', 'blob.js': Buffer.alloc(4000, 0) });
      const r = vouch(['scan', '.'], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /1 file\(s\) could not be analysed \(blob\.js: file looks binary/);
      assert.equal(vouch(['scan', '.', '--allow-skipped'], dir).code, 0);
      assert.equal(vouch(['scan', '.', '--fail-on', 'never'], dir).code, 0);
      assert.match(vouch(['scan', '--help'], dir).stdout, /--allow-skipped/);
    });
  });

  describe('provenance ranges (defect 6)', () => {
    it('a region ending at line 2e9 is refused with a notice; one ending at 15e6 counts the file\'s one line', () => {
      const region = (id: string, endLine: number) => ({ id, source: 'agent', confidence: 'high', time: '2025-01-01T00:00:00.000Z', hash: 'x', range: { start: { line: 0, character: 0 }, end: { line: endLine, character: 0 } } });
      const dir = ws({
        'a.js': SECRET,
        'b.js': 'const b = 1;\n',
        '.vouch/provenance.json': JSON.stringify({ 'a.js': [region('huge', 2e9)], 'b.js': [region('long', 15e6)] }),
      });
      const r = vouch(['scan', '.'], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error/);
      const report = JSON.parse(r.stdout);
      assert.match(JSON.stringify(report), /region \\"huge\\" of a\.js reaches line 2000000001, past any file/);
      assert.equal(report.provenance.assistedLines, 1);
    });
  });

  describe('output that cannot be written (defect 8)', () => {
    it('stdout on /dev/null (a parent that ignores it, or `>&-`, which Node reopens there) is a normal run', () => {
      // Both look the same to the process (/dev/null opened read-write): refusing one would break the
      // other, and a parent that ignores the output chose to. Only failed writes exit 2 (next test).
      const dir = ws({ 'a.js': SECRET });
      const r = spawnSync(process.execPath, [CLI, 'scan', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'ignore', 'pipe'] });
      assert.equal(r.status, 1, r.stderr);
      assert.doesNotMatch(r.stderr ?? '', /internal error|standard output/);
    });

    it('a reader that goes away (| head -c1) exits 2 with a message', async () => {
      const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
      let text = '';
      for (let i = 0; i < 1500; i++) {
        let k = '';
        for (let j = 0; j < 16; j++) k += A[(i * 7919 + j * 104729 + i * j * 31) % 32];
        text += `const k${i} = "AKIA${k}";\n`;
      }
      const dir = ws({ 'many.js': text });
      const child = spawn(process.execPath, [CLI, 'scan', '.', '--quiet'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((done) => child.on('close', done));
      assert.equal(code, 2, stderr);
      assert.match(stderr, /cannot write to standard output \(EPIPE\)/);
    });

    it('--output under /proc fails fast with exit 2 instead of hanging', function () {
      if (process.platform !== 'linux') this.skip();
      const r = vouch(['scan', '.', '--output', '/proc/vouch-no-such-dir/r.json'], ws({ 'a.js': SECRET }), 30_000);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /cannot write the report/);
    });
  });
});
