// Special files in a hostile workspace: a FIFO, a symlink to /dev/zero, an oversize file, a folder.
// Each read runs in a child process with a time-out, so a regression (a blocking open, a read until
// memory runs out) fails the test instead of hanging or exhausting the suite.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mergeSettings } from '../../server/src/core/config';
import { listFiles } from '../../server/src/scan/walk';

const REPO = resolve(__dirname, '..', '..');
const unix = process.platform !== 'win32';

/** Runs `body` (TypeScript, with `load(module)`) in a child; its JSON result, or a failure when it hangs. */
export function inChild(body: string, timeoutMs = 15_000): unknown {
  const script = `const load = (m) => require(${JSON.stringify(REPO)} + '/' + m);\n(async () => { const out = await (async () => { ${body} })(); process.stdout.write(JSON.stringify(out)); })();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: REPO, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024,
    // A regression that reads /dev/zero into memory dies here rather than taking the machine with it.
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=256' },
  });
  assert.notEqual(r.signal, 'SIGTERM', `the read hung (killed after ${timeoutMs} ms)`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

export function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe('safe-read: workspace files that are not regular files', function () {
  this.timeout(60_000);
  let dir: string;
  before(function () {
    if (!unix) this.skip();
    dir = mkdtempSync(join(tmpdir(), 'vouch-safe-read-'));
    mkfifo(join(dir, 'fifo'));
    symlinkSync('/dev/zero', join(dir, 'zero'));
    writeFileSync(join(dir, 'big'), Buffer.alloc(2_000_001, 0x61));
    writeFileSync(join(dir, 'ok'), '\ufeffhello\n');
    mkdirSync(join(dir, 'folder'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  const readAll = (dirPath: string) => inChild(`
    const { readFileSafe, readTextSafe } = load('server/src/io/safe-read.ts');
    const out = {};
    for (const name of ['fifo', 'zero', 'big', 'ok', 'folder', 'missing']) {
      const r = readFileSafe(${JSON.stringify(dirPath)} + '/' + name, 2_000_000);
      out[name] = r.ok ? { ok: true, size: r.size } : { ok: false, kind: r.kind, reason: r.reason };
    }
    out.text = readTextSafe(${JSON.stringify(dirPath)} + '/ok').text;
    return out;
  `) as Record<string, { ok: boolean; kind?: string; reason?: string; size?: number }> & { text: string };

  it('refuses a FIFO, a link to /dev/zero, a folder and an oversize file with a reason, without blocking', () => {
    const r = readAll(dir);
    assert.deepEqual({ ok: r.fifo.ok, kind: r.fifo.kind }, { ok: false, kind: 'special' });
    assert.match(r.fifo.reason!, /named pipe/);
    assert.deepEqual({ ok: r.zero.ok, kind: r.zero.kind }, { ok: false, kind: 'special' });
    assert.match(r.zero.reason!, /character device/);
    assert.equal(r.folder.kind, 'special');
    assert.equal(r.big.kind, 'too-large');
    assert.match(r.big.reason!, /2\.0 MB limit/);
    assert.equal(r.missing.kind, 'missing');
    assert.deepEqual(r.ok, { ok: true, size: 9 });
    assert.equal(r.text, 'hello\n', 'BOM dropped');
  });

  it('every workspace reader gets a reason, not a hang: .vouch.json, ledger, provenance, .gitignore, project files', () => {
    const ws = join(dir, 'ws');
    mkdirSync(join(ws, '.vouch'), { recursive: true });
    symlinkSync('/dev/zero', join(ws, '.vouch.json'));
    mkfifo(join(ws, '.vouch', 'reviews.jsonl'));
    symlinkSync('/dev/zero', join(ws, '.vouch', 'provenance.json'));
    mkfifo(join(ws, '.gitignore'));
    mkfifo(join(ws, 'package.json'));
    writeFileSync(join(ws, 'a.js'), 'const a = 1;\n');
    const r = inChild(`
      const root = ${JSON.stringify(ws)};
      const { readWorkspaceConfig } = load('server/src/scan/config-file.ts');
      const { readLedger } = load('server/src/review/ledger.ts');
      const { readProvenanceFile } = load('server/src/scan/provenance.ts');
      const { listFiles } = load('server/src/scan/walk.ts');
      const { FsProject } = load('server/src/project/fs-project.ts');
      const { mergeSettings } = load('server/src/core/config.ts');
      const skips = [];
      listFiles(root, root, mergeSettings(), (p, why) => skips.push(why));
      return {
        config: readWorkspaceConfig(root).error,
        ledger: readLedger(root + '/.vouch/reviews.jsonl').warnings,
        provenance: readProvenanceFile(root).warnings,
        gitignore: skips,
        project: new FsProject(root).readFile('package.json') ?? null,
      };
    `) as { config: string; ledger: string[]; provenance: string[]; gitignore: string[]; project: null };
    assert.match(r.config, /character device/);
    assert.match(r.ledger.join(), /named pipe/);
    assert.match(r.provenance.join(), /character device/);
    assert.match(r.gitignore.join(), /\.gitignore is a named pipe/);
    assert.equal(r.project, null);
  });

  // Found by the fuzz suite: the walk passed over a FIFO named like a source file without a word.
  it('the walk names a FIFO or a link to a device under a source file\'s name as skipped, never opens it', () => {
    const ws = join(dir, 'walk');
    mkdirSync(ws);
    mkfifo(join(ws, 'pipe.js'));
    mkfifo(join(ws, 'inner-fifo'));
    symlinkSync(join(ws, 'inner-fifo'), join(ws, 'link.py'));
    writeFileSync(join(ws, 'ok.js'), 'const a = 1;\n');
    const skips: string[] = [];
    const files = listFiles(ws, ws, mergeSettings(), (p, why) => skips.push(`${p.slice(ws.length + 1)}: ${why}`));
    assert.deepEqual(files.map((f) => f.slice(ws.length + 1)), ['ok.js']);
    assert.deepEqual(skips.sort(), ['link.py: file is a named pipe (FIFO), not a regular file', 'pipe.js: file is a named pipe (FIFO), not a regular file']);
  });

  it('a scanned file swapped for a FIFO after the walk listed it is skipped with a reason', () => {
    const ws = join(dir, 'swap');
    mkdirSync(ws);
    writeFileSync(join(ws, 'a.js'), 'const a = 1;\n');
    writeFileSync(join(ws, 'b.js'), 'const b = 2;\n');
    const r = inChild(`
      const root = ${JSON.stringify(ws)};
      const { rmSync } = require('node:fs');
      const { execFileSync } = require('node:child_process');
      const { scanFiles } = load('server/src/scan/scan.ts');
      const { mergeSettings } = load('server/src/core/config.ts');
      const { testEngine } = load('test/engine.ts');
      const scan = scanFiles({ root, settings: mergeSettings(), engine: await testEngine(), onProgress: (_d, _t, path) => {
        if (path === 'a.js') { rmSync(root + '/b.js'); execFileSync('mkfifo', [root + '/b.js']); }
      } });
      return scan.skipped;
    `, 60_000) as Array<{ path: string; reason: string; unanalysed?: boolean }>;
    assert.equal(r.length, 1);
    assert.equal(r[0].path, 'b.js');
    assert.match(r[0].reason, /named pipe/);
    assert.equal(r[0].unanalysed, true);
  });
});
