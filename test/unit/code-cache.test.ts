// The launchers' V8 code cache (server/src/io/code-cache.ts): where it lives, which folders it trusts,
// a blob per exact source (a changed bundle never runs an old blob), a corrupt blob recompiled and
// replaced, the bundle run as the main module; and the built CLI through it, twice, with the same report.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cacheFolder, ownFolder, sourceText, type CacheOutcome } from '../../server/src/io/code-cache';
import { ensureBuilt } from './cli.test';

const posix = process.platform !== 'win32';

describe('code cache: the folder', () => {
  it('is VOUCH_CODE_CACHE when set, none when that says off', () => {
    assert.equal(cacheFolder({ VOUCH_CODE_CACHE: '/x/cache' }, 'linux', '/home/u'), '/x/cache');
    for (const off of ['off', 'OFF', '0', 'false', 'no']) assert.equal(cacheFolder({ VOUCH_CODE_CACHE: off }, 'linux', '/home/u'), undefined);
  });

  it("is the platform's per-user cache folder otherwise", () => {
    assert.equal(cacheFolder({}, 'linux', '/home/u'), join('/home/u', '.cache', 'vouch', 'v8'));
    assert.equal(cacheFolder({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u'), join('/xdg', 'vouch', 'v8'));
    assert.equal(cacheFolder({}, 'darwin', '/Users/u'), join('/Users/u', 'Library', 'Caches', 'vouch', 'v8'));
    assert.equal(cacheFolder({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\U'), join('C:\\L', 'vouch', 'Cache', 'v8'));
    assert.equal(cacheFolder({}, 'win32', 'C:\\U'), undefined);
    assert.equal(cacheFolder({}, 'linux', ''), undefined);
  });

  it('is created private, and a folder others can write is not trusted', function () {
    if (!posix) this.skip();
    const base = mkdtempSync(join(tmpdir(), 'vouch-cc-'));
    try {
      const mine = join(base, 'a', 'b');
      assert.equal(ownFolder(mine, true), true);
      assert.equal(statSync(mine).mode & 0o777, 0o700);
      const open = join(base, 'open');
      mkdirSync(open);
      chmodSync(open, 0o777);
      assert.equal(ownFolder(open, false), false);
      chmodSync(open, 0o750);
      assert.equal(ownFolder(open, false), true);
      writeFileSync(join(base, 'file'), '');
      assert.equal(ownFolder(join(base, 'file'), false), false);
      assert.equal(ownFolder(join(base, 'missing'), false), false);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('code cache: the source text', () => {
  it('is the UTF-8 reading of the bundle, whether it is ASCII or not', () => {
    for (const text of ['const a = "x";\n', 'const a = "caf\u00e9 \u2713 \u{1F600}";\n', '']) {
      const bytes = Buffer.from(text, 'utf8');
      assert.equal(sourceText(bytes), text);
    }
    // Bytes that are not ASCII are never read as Latin-1 (which would make two characters of one).
    assert.equal(sourceText(Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9])), 'caf\u00e9');
  });
});

describe('code cache: running a bundle', function () {
  this.timeout(60_000);
  let base: string;
  let folder: string;
  let bundle: string;
  const write = (n: number): void =>
    writeFileSync(bundle, `#!/usr/bin/env node\nglobalThis.__ccTest = { main: require.main === module, file: __filename, n: ${n} };\nfunction f(x) { return x * ${n}; }\nf(2);\n`);
  // Each run in a fresh process: V8 keeps compiled scripts per isolate, which would hide the blob.
  const run = (dir: string | null = folder, flags?: string[]): { outcome: CacheOutcome; seen: { main: boolean; file: string; n: number } } => {
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))});
      const { runBundle } = require(${JSON.stringify(resolve(__dirname, '..', '..', 'server', 'src', 'io', 'code-cache.ts'))});
      const outcome = runBundle(${JSON.stringify(bundle)}, { folder: ${JSON.stringify(dir)}, writeAt: 60000, flags: ${JSON.stringify(flags)} });
      process.stdout.write(JSON.stringify({ outcome, seen: globalThis.__ccTest }));`;
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, VOUCH_CODE_CACHE_DEBUG: '1' } });
    assert.equal(r.status, 0, r.stderr);
    said = r.stderr;
    return JSON.parse(r.stdout) as { outcome: CacheOutcome; seen: { main: boolean; file: string; n: number } };
  };
  let said = '';
  const blobs = (): string[] => readdirSync(folder).filter((n) => n.endsWith('.v8'));

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'vouch-cc-'));
    folder = join(base, 'cache');
    bundle = join(base, 'bundle.js');
    write(1);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('runs it as the main module, then from the blob the first run wrote at exit', () => {
    assert.deepEqual(run(), { outcome: 'miss', seen: { main: true, file: bundle, n: 1 } });
    assert.equal(blobs().length, 1);
    assert.deepEqual(run(), { outcome: 'hit', seen: { main: true, file: bundle, n: 1 } });
  });

  it("loads a chunk beside the bundle once, through the bundle's cache", () => {
    const codeCache = resolve(__dirname, '..', '..', 'server', 'src', 'io', 'code-cache.ts');
    writeFileSync(join(base, 'chunk.js'), 'globalThis.__chunkRuns = (globalThis.__chunkRuns || 0) + 1;\nmodule.exports = { dir: __dirname, main: require.main === module };\n');
    writeFileSync(bundle, `const { loadChunk } = require(${JSON.stringify(codeCache)});
const at = require('node:path').join(__dirname, 'chunk.js');
const a = loadChunk(at), b = loadChunk(at);
globalThis.__ccTest = { main: require.main === module, file: __filename, n: globalThis.__chunkRuns, chunk: a, same: a === b };
`);
    const seen = { main: true, file: bundle, n: 1, chunk: { dir: base, main: false }, same: true };
    assert.deepEqual(run(), { outcome: 'miss', seen });
    assert.match(said, /^vouch: code cache miss \(bundle\.js\)\nvouch: code cache miss \(chunk\.js\)\n$/);
    assert.deepEqual(blobs().map((b) => b.split('-')[0]).sort(), ['bundle.js', 'chunk.js']);
    assert.deepEqual(run(), { outcome: 'hit', seen });
    assert.match(said, /^vouch: code cache hit \(bundle\.js\)\nvouch: code cache hit \(chunk\.js\)\n$/);
    // A bundle no launcher ran requires its chunk.
    const plain = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', `require(${JSON.stringify(bundle)}); process.stdout.write(JSON.stringify(globalThis.__ccTest))`], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(plain.status, 0, plain.stderr);
    assert.deepEqual(JSON.parse(plain.stdout), { ...seen, main: false });
  });

  it('never runs the blob of another build: a changed bundle misses, and its blob replaces the old one', () => {
    run();
    const first = blobs();
    const length = statSync(bundle).size;
    write(2); // the same length: V8 alone would take the old blob
    assert.equal(statSync(bundle).size, length);
    assert.deepEqual(run(), { outcome: 'miss', seen: { main: true, file: bundle, n: 2 } });
    assert.equal(blobs().length, 1);
    assert.notDeepEqual(blobs(), first);
    assert.equal(run().outcome, 'hit');
  });

  it('keeps a blob per set of flags a launcher set, and a new build replaces them all', () => {
    assert.equal(run(folder, ['--semi-space-growth-factor=1']).outcome, 'miss');
    assert.equal(run(folder, []).outcome, 'miss');
    assert.equal(run(folder, ['--semi-space-growth-factor=1']).outcome, 'hit');
    assert.equal(run(folder, []).outcome, 'hit');
    assert.equal(blobs().length, 2);
    write(2);
    assert.equal(run(folder, []).outcome, 'miss');
    assert.equal(blobs().length, 1);
  });

  it('keeps the three most recently written sets of flags of a build', () => {
    for (const f of ['a', 'b', 'c', 'd']) assert.equal(run(folder, [f]).outcome, 'miss');
    assert.equal(blobs().length, 3);
    assert.equal(run(folder, ['d']).outcome, 'hit');
    assert.equal(run(folder, ['b']).outcome, 'hit');
    assert.equal(run(folder, ['a']).outcome, 'miss', 'the oldest went');
  });

  it('compiles from source past a corrupt blob and writes a good one', () => {
    run();
    writeFileSync(join(folder, blobs()[0]!), 'not a code cache');
    assert.deepEqual(run(), { outcome: 'rejected', seen: { main: true, file: bundle, n: 1 } });
    assert.equal(run().outcome, 'hit');
  });

  it('writes the blob a while into a long run, not only at its exit', () => {
    // The bundle looks at the cache folder itself, 400 ms in: the launcher's write at 50 ms is there.
    writeFileSync(bundle, `setTimeout(() => { globalThis.__ccTest = { main: true, file: __filename, n: require('node:fs').readdirSync(${JSON.stringify(folder)}).filter((n) => n.endsWith('.v8')).length }; }, 400);\n`);
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))});
      const { runBundle } = require(${JSON.stringify(resolve(__dirname, '..', '..', 'server', 'src', 'io', 'code-cache.ts'))});
      runBundle(${JSON.stringify(bundle)}, { folder: ${JSON.stringify(folder)}, writeAt: 50 });
      setTimeout(() => process.stdout.write(String(globalThis.__ccTest.n)), 600);`;
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '1');
  });

  it('reads and writes nothing without a folder, or in one others can write', () => {
    assert.equal(run(null).outcome, 'off');
    if (!posix) return;
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    assert.equal(run().outcome, 'off');
    assert.deepEqual(blobs(), []);
  });
});

describe('code cache: the built CLI', function () {
  this.timeout(180_000);
  before(ensureBuilt);

  it('scans the same from source and from the cache, Python parser included', () => {
    const base = mkdtempSync(join(tmpdir(), 'vouch-cc-'));
    try {
      const src = join(base, 'src');
      mkdirSync(src);
      // Both findings need the Python parser: a secret assigned in a function, a flow into a shell.
      writeFileSync(join(src, 'app.py'), "import subprocess\nfrom flask import request\n\ndef run():\n    password = 'Tr0ub4dor&3xyzzy'\n    subprocess.call('ls ' + request.args['d'], shell=True)\n");
      const cli = resolve(__dirname, '..', '..', 'cli', 'out', 'vouch.js');
      const scan = (): { stderr: string; findings: unknown[] } => {
        const r = spawnSync(process.execPath, [cli, 'scan', src, '--root', src, '--format', 'json', '--fail-on', 'never', '--offline', '--quiet'], {
          encoding: 'utf8', timeout: 90_000, env: { ...process.env, VOUCH_CODE_CACHE: join(base, 'cache'), VOUCH_CODE_CACHE_DEBUG: '1' },
        });
        assert.equal(r.status, 0, r.stderr);
        const findings: unknown[] = (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; line: number; column: number }> }).findings.map((f) => [f.ruleId, f.line, f.column]);
        return { stderr: r.stderr, findings };
      };
      const cold = scan();
      const warm = scan();
      assert.match(cold.stderr, /code cache miss/);
      assert.match(warm.stderr, /code cache hit/);
      assert.doesNotMatch(warm.stderr, /parser unavailable/);
      assert.deepEqual(warm.findings, cold.findings);
      assert.deepEqual(warm.findings.map((f) => (f as unknown[]).slice(0, 2)), [['generic-secret-assignment', 5], ['command-injection', 6]]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
