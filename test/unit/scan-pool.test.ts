// The scan on worker threads (scan/pool.ts, `vouch scan --jobs N`): the same report as the in-thread
// scan, cancellable, and a worker that dies costs only the file that killed it. From source the
// workers run pool-worker.ts through tsx, so the first start of each compiles the server (seconds).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mergeSettings } from '../../server/src/core/config';
import type { RegistryService } from '../../server/src/core/services';
import { formatReport } from '../../server/src/report';
import { FolderServices, runScan, type ScanRun } from '../../server/src/scan/compose';
import { editorJobs, MAX_CRASHES, MAX_EDITOR_JOBS, type PoolOptions } from '../../server/src/scan/pool';
import type { ScanResult } from '../../server/src/scan/result';
import { ResultCache } from '../../server/src/scan/reuse';
import { testEngine } from '../engine';

const REPO = resolve(__dirname, '..', '..');

describe('scan/pool: the scan on worker threads', function () {
  this.timeout(180_000);
  let dir: string;
  // No detector budget to run out of: a time-out on a busy machine would differ between any two runs.
  const settings = mergeSettings({ registry: { enabled: false }, detectorBudgetMs: 60_000 });
  const folders = new FolderServices({ trusted: true, snapshot: true, log: () => {} });
  const saved = process.env.VOUCH_TEST_FAULTS;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-pool-'));
    // The detector fixtures and the demo: every family, both languages, configuration files, findings with fixes.
    cpSync(join(REPO, 'test', 'detectors'), join(dir, 'detectors'), { recursive: true });
    cpSync(join(REPO, 'demo'), join(dir, 'demo'), { recursive: true });
  });
  after(() => {
    folders.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.VOUCH_TEST_FAULTS;
    else process.env.VOUCH_TEST_FAULTS = saved;
  });

  const pool = (root: string, extra: Partial<PoolOptions> = {}): PoolOptions => {
    folders.for(root, settings);
    return { jobs: 2, services: folders.workerServices(root)!, batch: 3, minFilesPerWorker: 1, ...extra };
  };
  const scan = async (root: string, extra: Partial<ScanRun> = {}): Promise<ScanResult> =>
    runScan({ engine: await testEngine(), root, settings, services: folders.for(root, settings), keepText: true, ...extra });
  const report = async (format: 'json' | 'sarif', s: ScanResult): Promise<string> =>
    formatReport(format, { ...s, durationMs: 0 }, (await testEngine()).rules(), () => undefined);

  it('reports byte for byte what the in-thread scan reports (JSON and SARIF)', async () => {
    const one = await scan(dir);
    const progress: string[] = [];
    const two = await scan(dir, { pool: pool(dir), onProgress: (_d, _t, path) => path && progress.push(path) });
    assert.ok(one.files.length > 50 && one.fileCount > 100, `a fixture with findings: ${one.files.length} files`);
    assert.equal(await report('json', two), await report('json', one));
    assert.equal(await report('sarif', two), await report('sarif', one));
    // Every walked file is told once (the verdict collects changed paths from progress).
    assert.equal(progress.length, new Set(progress).size);
    assert.equal(progress.length, one.fileCount + one.skipped.filter((s) => s.unanalysed).length);
  });

  it('stays on this thread when there are too few files for two workers', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-pool-small-'));
    try {
      // A worker's engine would load the fault detectors and die on this file; this thread's does not.
      for (let i = 0; i < 3; i++) writeFileSync(join(root, `f${i}.js`), i === 1 ? '// __vouch_exit__\n' : 'const a = 1;\n');
      process.env.VOUCH_TEST_FAULTS = '1';
      const s = await scan(root, { root, pool: pool(root, { minFilesPerWorker: 2 }) });
      assert.deepEqual([s.fileCount, s.skipped, s.warnings], [3, [], undefined]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('runs one job on a worker when asked to keep this thread free (the editor report), in-thread otherwise', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-pool-one-'));
    try {
      // Only a worker's engine loads the fault detectors and dies on the marked file: listed as not analysed.
      for (let i = 0; i < 4; i++) writeFileSync(join(root, `f${i}.js`), i === 2 ? '// __vouch_exit__\n' : 'const a = 1;\n');
      process.env.VOUCH_TEST_FAULTS = '1';
      const off = await scan(root, { root, pool: pool(root, { jobs: 1, offThread: true }) });
      assert.deepEqual(off.skipped.map((k) => [k.path, k.unanalysed]), [['f2.js', true]]);
      assert.equal(off.fileCount, 3);
      const here = await scan(root, { root, pool: pool(root, { jobs: 1 }) });
      assert.deepEqual([here.fileCount, here.skipped], [4, []]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('leaves the editor a core and holds at most two report workers', () => {
    assert.deepEqual([1, 2, 3, 4, 16].map((cores) => editorJobs(cores)), [1, 1, 2, 2, MAX_EDITOR_JOBS]);
  });

  it('package look-ups go to the calling thread\'s registry, with the same verdicts', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-pool-registry-'));
    try {
      // Two near misses of left-pad: `leftpad` by its owner (no finding), `left-pads` by a stranger.
      const deps = { 'left-pad': '1.0.0', 'lefft-padd-not-real': '1.0.0', leftpad: '1.0.0', 'left-pads': '1.0.0' };
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', dependencies: deps }));
      for (let i = 0; i < 6; i++) writeFileSync(join(root, `m${i}.js`), "const a = require('left-pad');\nconst b = require('lefft-padd-not-real');\n");
      const asked: string[] = [];
      const owners: Record<string, string[]> = { 'left-pad': ['azer'], leftpad: ['azer'], 'left-pads': ['mallory'] };
      const registry: RegistryService = {
        offline: false,
        popular: () => new Map([['left-pad', 1_000_000]]),
        lookup: async (ecosystem, name) => {
          asked.push(name);
          return { ecosystem, name, exists: name !== 'lefft-padd-not-real', source: 'registry' };
        },
        owners: async (_ecosystem, name) => {
          asked.push(`owners:${name}`);
          return owners[name];
        },
      };
      const services = { ...folders.for(root, settings), registry };
      const one = await runScan({ engine: await testEngine(), root, settings, services });
      const inThread = asked.splice(0);
      const two = await runScan({ engine: await testEngine(), root, settings, services, pool: pool(root) });
      assert.equal(await report('json', two), await report('json', one));
      assert.ok(one.files.some((f) => f.findings.some((x) => x.ruleId === 'nonexistent-package')), 'the made-up name is reported');
      const suspicious = two.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'suspicious-package').map((x) => x.message.split('`')[1]));
      assert.deepEqual(suspicious, ['left-pads']);
      assert.ok(asked.includes('owners:leftpad'), 'the workers asked for owners through the calling thread');
      assert.deepEqual([...new Set(asked)].sort(), [...new Set(inThread)].sort());
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the editor report\'s reuse cache works through the workers: asked before a file, told after', async () => {
    const cache = new ResultCache();
    const services = folders.for(dir, settings);
    const reuse = () => cache.forRun(dir, 'config', services);
    const inThread = await scan(dir);
    const first = await scan(dir, { pool: pool(dir), reuse: reuse() });
    assert.equal(first.reused, 0);
    assert.ok(cache.size >= first.fileCount - 5, `results kept: ${cache.size} of ${first.fileCount}`);
    const again = await scan(dir, { pool: pool(dir), reuse: reuse() });
    assert.equal(again.reused, cache.size);
    assert.equal(await report('json', again), await report('json', inThread));
    // A manifest the dependency rules read changes: the files that read it are analysed again.
    writeFileSync(join(dir, 'demo', 'package.json'), '{ "name": "demo", "dependencies": {} }\n');
    const changed = await scan(dir, { pool: pool(dir), reuse: reuse() });
    assert.ok(changed.reused! < again.reused!, `${changed.reused} < ${again.reused}`);
    assert.equal(await report('json', changed), await report('json', await scan(dir)));
  });

  it('cancels: the run rejects with the abort and the workers stop reporting', async () => {
    const abort = new AbortController();
    let after = 0;
    let rejected = false;
    const run = scan(dir, {
      pool: pool(dir, { batch: 1 }), signal: abort.signal,
      onProgress: (done) => {
        if (rejected) after++;
        if (done >= 2) abort.abort();
      },
    });
    await assert.rejects(run, (e: Error) => e.name === 'AbortError');
    rejected = true;
    await new Promise((go) => setTimeout(go, 500));
    assert.equal(after, 0, 'no file reported after the run was cancelled');
  });

  it('a worker that dies costs only the file that killed it; the rest is scanned', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-pool-crash-'));
    try {
      for (let i = 0; i < 8; i++) writeFileSync(join(root, `f${i}.js`), i === 3 ? '// __vouch_exit__\n' : 'const key = "AKIAZ3MSJV2KD7QX4N5P";\n');
      process.env.VOUCH_TEST_FAULTS = '1';
      const logs: string[] = [];
      const s = await scan(root, { root, pool: pool(root, { batch: 2, log: (m) => logs.push(m) }) });
      assert.deepEqual(s.skipped.map((k) => [k.path, k.unanalysed]), [['f3.js', true]]);
      assert.match(s.skipped[0].reason, /analysis worker stopped \(exit code 70\)/);
      assert.equal(s.fileCount, 7);
      assert.deepEqual(s.files.map((f) => f.path), ['f0.js', 'f1.js', 'f2.js', 'f4.js', 'f5.js', 'f6.js', 'f7.js']);
      assert.ok(s.warnings?.some((w) => /analysis worker stopped/.test(w)), String(s.warnings));
      assert.ok(logs.some((l) => /handed out again/.test(l)) && logs.some((l) => /not analysed/.test(l)), logs.join('\n'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it(`fails with a message after ${MAX_CRASHES} worker stops`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'vouch-pool-crashes-'));
    try {
      for (let i = 0; i < 6; i++) writeFileSync(join(root, `f${i}.js`), '// __vouch_exit__\n');
      process.env.VOUCH_TEST_FAULTS = '1';
      await assert.rejects(scan(root, { root, pool: pool(root, { batch: 2 }) }), /worker threads stopped 4 times .*--jobs 1/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
