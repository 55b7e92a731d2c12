// The scan never crashes or hangs on bad input: each bad file is skipped with a reason or analysed with a
// notice, and the files after it are still scanned.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ts } from '@ts-morph/common';
import { Engine } from '../../server/src/core/engine';
import type { Detector } from '../../server/src/core/types';
import { mergeSettings } from '../../server/src/core/config';
import type { ScanResult } from '../../server/src/scan/result';
import { scanFiles } from '../../server/src/scan/scan';
import { listFiles } from '../../server/src/scan/walk';
import { makeBadInput, SENTINEL_FILE, type BadInputTree } from '../fixtures/bad-input/make';
import { testEngine } from '../engine';

/** Detectors that walk every node recursively, as a careless code detector would. */
const jsWalk: Detector = {
  id: 'test-js-walk', languages: ['javascript', 'typescript'],
  meta: { title: 'walk', family: 'weak-test', severity: 'hint', confidence: 'low', needs: ['js'] },
  run(ctx) {
    const sf = ctx.js();
    if (!sf) return;
    const visit = (n: ts.Node): void => {
      ctx.checkBudget();
      ts.forEachChild(n, visit);
    };
    visit(sf);
  },
};
const pyWalk: Detector = {
  id: 'test-py-walk', languages: ['python'],
  meta: { title: 'walk', family: 'weak-test', severity: 'hint', confidence: 'low', needs: ['python'] },
  run(ctx) {
    const tree = ctx.python();
    if (!tree) return;
    const visit = (n: { children: Array<unknown> }): void => {
      for (const c of n.children) visit(c as { children: Array<unknown> });
    };
    visit(tree.rootNode as unknown as { children: Array<unknown> });
  },
};

describe('scan: bad input', function () {
  this.timeout(120_000);
  let dir: string;
  let tree: BadInputTree;
  let engine: Engine;
  let scan: ScanResult;
  const settings = mergeSettings({ detectorBudgetMs: 5000 });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-bad-'));
    tree = makeBadInput(join(dir, 'tree'));
    const base = await testEngine();
    engine = new Engine([...base.detectors, jsWalk, pyWalk]);
    scan = scanFiles({ root: tree.root, settings, engine, keepText: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('skips each unusable file with a reason', () => {
    for (const [path, reason] of Object.entries(tree.expectSkipped)) {
      const s = scan.skipped.find((x) => x.path === path);
      assert.ok(s, `${path} should be listed as skipped; got ${JSON.stringify(scan.skipped)}`);
      assert.match(s.reason, reason, path);
    }
  });

  it('keeps scanning past the bad files', () => {
    const sentinel = scan.files.find((f) => f.path === SENTINEL_FILE);
    assert.ok(sentinel?.findings.some((f) => f.ruleId === 'aws-access-key-id'));
    assert.equal(scan.files.find((f) => f.path === 'loop/inner.py')?.findings.length ?? 0, 0);
  });

  it('reads the loop folder once and never follows the link back', () => {
    const paths = listFiles(tree.root, tree.root, settings).map((p) => p.slice(tree.root.length + 1).split('\\').join('/'));
    assert.deepEqual(paths.filter((p) => p.includes('inner.py')), ['loop/inner.py']);
  });

  it('analyses malformed JSON/YAML, empty files and deep nesting without an uncaught error', () => {
    for (const path of ['broken.json', 'broken.yaml', 'deep.js', 'deep.py', 'deep-line.ts', 'empty.ts', 'bom-only.py']) {
      assert.ok(!scan.skipped.some((s) => s.path === path && /internal error/.test(s.reason)), path);
    }
    // Nesting the parser cannot take shows up as a notice on that file, never as a crash.
    for (const f of scan.files) {
      for (const n of f.notices) assert.match(n.kind, /parse-error|detector-error|detector-timeout|input/);
    }
  });

  it('counts analysed files only', () => {
    assert.ok(scan.fileCount >= 9, `fileCount ${scan.fileCount}`);
    for (const s of scan.skipped) assert.ok(!scan.files.some((f) => f.path === s.path), s.path);
  });
});

describe('scan: files that change under the scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-scan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a file deleted after it was listed', async () => {
    writeFileSync(join(dir, 'a.js'), 'const a = 1;\n');
    writeFileSync(join(dir, 'z.js'), 'const z = "AKIAZ3MSJV2KD7QX4N5P";\n');
    const scan = scanFiles({
      root: dir, settings: mergeSettings(), engine: await testEngine(),
      onProgress: (_done, _total, path) => {
        if (path === 'a.js') unlinkSync(join(dir, 'z.js'));
      },
    });
    assert.deepEqual(scan.skipped, [{ path: 'z.js', reason: 'file disappeared during the scan', unanalysed: true }]);
    assert.equal(scan.fileCount, 1);
  });

  it('reports an unreadable file and folder (skipped when running as root, who can read anyway)', async function () {
    if (process.getuid?.() === 0 || process.platform === 'win32') this.skip();
    writeFileSync(join(dir, 'secret.js'), 'x');
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'in.js'), 'x');
    chmodSync(join(dir, 'secret.js'), 0o000);
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const scan = scanFiles({ root: dir, settings: mergeSettings(), engine: await testEngine() });
      assert.match(scan.skipped.find((s) => s.path === 'secret.js')?.reason ?? '', /could not be read/);
      assert.match(scan.skipped.find((s) => s.path === 'locked')?.reason ?? '', /permission denied/);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  it('follows links inside the folder once and refuses links that leave it', async () => {
    mkdirSync(join(dir, 'root', 'real'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'o.js'), 'const o = 1;\n');
    writeFileSync(join(dir, 'root', 'real', 'r.js'), 'const r = "AKIAZ3MSJV2KD7QX4N5P";\n');
    symlinkSync(join(dir, 'root', 'real'), join(dir, 'root', 'alias'));
    symlinkSync(join(dir, 'root', 'real', 'r.js'), join(dir, 'root', 'r-link.js'));
    symlinkSync(join(dir, 'outside'), join(dir, 'root', 'out'));
    symlinkSync(join(dir, 'missing.js'), join(dir, 'root', 'dangling.js'));
    const root = join(dir, 'root');
    const scan = scanFiles({ root, settings: mergeSettings(), engine: await testEngine() });
    const hits = scan.files.flatMap((f) => f.findings.map(() => f.path));
    assert.equal(hits.length, 1, `one finding for the one real file, got ${hits.join(', ')}`);
    assert.match(scan.skipped.find((s) => s.path === 'out')?.reason ?? '', /outside/);
    assert.match(scan.skipped.find((s) => s.path === 'dangling.js')?.reason ?? '', /broken/);
  });

  it('reports a start path that does not exist', async () => {
    const scan = scanFiles({ root: dir, paths: [join(dir, 'nope')], settings: mergeSettings(), engine: await testEngine() });
    assert.deepEqual(scan.skipped, [{ path: 'nope', reason: 'path does not exist' }]);
  });
});
