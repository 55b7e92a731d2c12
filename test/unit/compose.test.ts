// scan/compose.ts: the one composition every host uses — services per folder and the scan pipeline.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeSettings } from '../../server/src/core/config';
import { regionHash } from '../../server/src/core/region-hash';
import { FolderServices, runScan } from '../../server/src/scan/compose';
import { TypeCheckService } from '../../server/src/typecheck/service';
import { ThreadedTypeService } from '../../server/src/typecheck/threaded';
import { ThreadedSummaries } from '../../server/src/project/threaded-summaries';
import { SUMMARIES } from '../../server/src/analysis/cross-file';
import { annotateProvenance } from '../../server/src/scan/provenance';
import type { ScanResult } from '../../server/src/scan/result';
import { testEngine } from '../engine';

const KEY_LINE = 'const key = "AKIAZ3MSJV2KD7QX4N5P";\n';

describe('scan/compose', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-compose-'));
    mkdirSync(join(dir, '.vouch'));
    writeFileSync(join(dir, 'keys.js'), `// settings\n${KEY_LINE}`);
    writeFileSync(join(dir, '.vouch', 'provenance.json'), JSON.stringify({
      'keys.js': [{ id: 'k1', source: 'paste', confidence: 'high', time: '2025-01-01T00:00:00.000Z', range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, hash: regionHash(KEY_LINE) }],
    }));
    writeFileSync(join(dir, '.vouch', 'reviews.jsonl'), 'not json\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runScan: both tiers, then provenance; caller warnings come before provenance warnings', async () => {
    const settings = mergeSettings({ registry: { enabled: false } });
    const scan = await runScan({ engine: await testEngine(), warnings: ['parser note'], root: dir, settings, services: {} });
    const file = scan.files.find((f) => f.path === 'keys.js');
    const key = file?.findings.find((f) => f.ruleId === 'aws-access-key-id');
    assert.ok(key);
    assert.deepEqual(file?.findingProvenance?.[key.id], { regionId: 'k1', source: 'paste', state: 'unreviewed' });
    assert.equal(scan.provenance.total.assistedLines, 1);
    assert.equal(scan.warnings?.[0], 'parser note');
    assert.ok(scan.warnings?.slice(1).some((w) => w.startsWith('review ledger:')), String(scan.warnings));
  });

  it('annotateProvenance leaves the scan it is given as it was', () => {
    const scan: ScanResult = { root: dir, files: [{ path: 'keys.js', language: 'javascript', findings: [], notices: [] }], fileCount: 1, skipped: [], durationMs: 0 };
    const before = structuredClone(scan);
    const annotated = annotateProvenance(scan, mergeSettings());
    assert.deepEqual(scan, before);
    assert.equal(annotated.files[0].provenance?.assistedLines, 1);
  });

  it('FolderServices: one set per folder; the type checker only when asked for, on a worker thread when asked for, and so are imported files\' summaries', () => {
    const settings = mergeSettings({ registry: { enabled: false } });
    const plain = new FolderServices({ trusted: true, log: () => {} });
    const typed = new FolderServices({ trusted: true, log: () => {}, typeRoots: () => [dir] });
    const threaded = new FolderServices({ trusted: true, log: () => {}, typeRoots: () => [dir], typeWorker: { log: () => {} }, summaryWorker: { log: () => {} } });
    try {
      const a = plain.for(dir, settings);
      assert.equal(plain.for(dir, settings).project, a.project);
      assert.equal(a.types, undefined);
      assert.deepEqual(a.dependencies, settings.dependencies);
      assert.ok(typed.for(dir, settings).types instanceof TypeCheckService);
      assert.ok(threaded.for(dir, settings).types instanceof ThreadedTypeService);
      // Imported files' summaries: on a worker thread only when asked for (the language server).
      assert.equal(a[SUMMARIES], undefined);
      assert.ok(threaded.for(dir, settings)[SUMMARIES] instanceof ThreadedSummaries);
    } finally {
      plain.dispose();
      typed.dispose();
      threaded.dispose();
    }
  });

  it('releaseIdleThreads stops the idle type checker and summariser (the workspace report frees them for its scan)', async function () {
    this.timeout(120_000);
    const settings = mergeSettings({ registry: { enabled: false } });
    const folders = new FolderServices({ trusted: true, log: () => {}, typeRoots: () => [dir], typeWorker: { log: () => {} }, summaryWorker: { log: () => {} } });
    try {
      const services = folders.for(dir, settings);
      const types = services.types as ThreadedTypeService;
      const summaries = services[SUMMARIES] as ThreadedSummaries;
      await types.check({ path: join(dir, 'a.js'), text: "require('fs').readFileSync('x');\n" });
      await summaries.exports({ path: join(dir, 'b.js'), text: 'export function f(x) { return x; }\n', language: 'js' }, []);
      const threads = [types.thread, summaries.thread];
      assert.ok(threads.every(Boolean), 'both threads running');
      const exited = threads.map((t) => new Promise((r) => t!.once('exit', r)));
      folders.releaseIdleThreads();
      await Promise.all(exited);
      assert.equal(types.thread, undefined);
      assert.equal(summaries.thread, undefined);
    } finally {
      folders.dispose();
    }
  });
});
