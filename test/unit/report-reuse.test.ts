// scan/reuse.ts: the editor's report reuses a file's result while the file and everything its analysis
// read (the manifest, imported workspace files) are unchanged, and never across other settings.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeSettings } from '../../server/src/core/config';
import type { VouchSettings } from '../../server/src/core/settings';
import { FolderServices, runScan } from '../../server/src/scan/compose';
import { ResultCache } from '../../server/src/scan/reuse';
import { testEngine } from '../engine';

const KEY = 'AKIAZ3MSJV2KD7QX4N5P';

describe('scan/reuse: per-file results across report runs', function () {
  this.timeout(60_000);
  let dir: string;
  const settings = mergeSettings({ registry: { enabled: false } });

  /** One report run, as features/report.ts makes it (fresh services: file answers are not cached between runs). */
  async function run(cache: ResultCache, s: VouchSettings = settings, signal?: AbortSignal) {
    const folders = new FolderServices({ trusted: true, log: () => {} });
    try {
      const services = folders.for(dir, s);
      return await runScan({ engine: await testEngine(), root: dir, settings: s, services, keepText: true, signal, reuse: cache.forRun(dir, JSON.stringify(s), services) });
    } finally {
      folders.dispose();
    }
  }
  const rules = (scan: Awaited<ReturnType<typeof run>>, path: string) => scan.files.find((f) => f.path === path)?.findings.map((f) => f.ruleId).sort() ?? [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-reuse-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', dependencies: {} }));
    writeFileSync(join(dir, 'app.js'), `const _ = require('lodash');\nconst key = "${KEY}";\n`);
    writeFileSync(join(dir, 'other.js'), `const key = "${KEY}";\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reuses every unchanged file, with the same findings', async () => {
    const cache = new ResultCache();
    const first = await run(cache);
    assert.equal(first.reused, 0);
    assert.deepEqual(rules(first, 'app.js'), ['aws-access-key-id', 'undeclared-dependency']);
    const second = await run(cache);
    assert.equal(second.reused, second.fileCount);
    assert.deepEqual(second.files.map((f) => [f.path, f.findings.map((x) => x.id)]), first.files.map((f) => [f.path, f.findings.map((x) => x.id)]));
  });

  it('analyses a file again when its text changes, or a file its analysis read (the manifest)', async () => {
    // In another folder: a file's undeclared imports read its own folder's files (undeclared-dependency's
    // other-runtime check), so a sibling's change would be one its analysis read.
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib/util.js'), `const key = "${KEY}";\n`);
    const cache = new ResultCache();
    const first = await run(cache);
    writeFileSync(join(dir, 'lib/util.js'), `const key = "${KEY}";\nconst b = 1;\n`);
    assert.equal((await run(cache)).reused, first.fileCount - 1);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', dependencies: { lodash: '^4.17.21' } }));
    const after = await run(cache);
    assert.deepEqual(rules(after, 'app.js'), ['aws-access-key-id'], 'lodash is declared now');
    assert.equal(after.reused, first.fileCount - 2, 'package.json and app.js (which read it) again; the others reused');
  });

  it('analyses an importer again when the workspace file it imports changes (cross-file flows)', async () => {
    mkdirSync(join(dir, 'api'));
    writeFileSync(join(dir, 'api/routes.js'), "const express = require('express');\nconst db = require('./db');\nconst app = express();\napp.get('/u', (req, res) => res.json(db.find(req.query.id)));\n");
    writeFileSync(join(dir, 'api/db.js'), 'exports.find = (id) => id;\n');
    const cache = new ResultCache();
    const first = await run(cache);
    assert.ok(!rules(first, 'api/routes.js').includes('sql-injection'), rules(first, 'api/routes.js').join());
    writeFileSync(join(dir, 'api/db.js'), "const conn = require('./conn');\nexports.find = (id) => conn.query('SELECT * FROM users WHERE id = ' + id);\n");
    const after = await run(cache);
    assert.equal(after.reused, first.fileCount - 2, 'db.js and routes.js again');
  });

  it('passes the workspace listing through (breaking-change reach reads it) and analyses again when it changes', () => {
    const folders = new FolderServices({ trusted: true, log: () => {} });
    const later = new FolderServices({ trusted: true, log: () => {} });
    try {
      const base = folders.for(dir, settings);
      const cache = new ResultCache();
      const hooks = cache.forRun(dir, 'c', base);
      const file = { rel: 'app.js', text: 'x' };
      const listed = hooks.services(file.rel, base).workspace?.files?.();
      assert.deepEqual([...(listed ?? [])].sort(), ['app.js', 'other.js']);
      hooks.set(file, { findings: [], notices: [] } as never);
      assert.ok(cache.forRun(dir, 'c', base).get(file), 'same listing: reused');
      writeFileSync(join(dir, 'third.js'), 'export const a = 1;\n');
      // A later run's services (each run lists afresh; the index keeps its listing for a few seconds).
      assert.equal(cache.forRun(dir, 'c', later.for(dir, settings)).get(file), undefined, 'a new source file: analysed again');
    } finally {
      folders.dispose();
      later.dispose();
    }
  });

  it('holds one copy of a read that many files recorded, as scan workers post them (fresh copies each)', () => {
    const folders = new FolderServices({ trusted: true, log: () => {} });
    try {
      const base = folders.for(dir, settings);
      const cache = new ResultCache();
      const hooks = cache.forRun(dir, 'c', base);
      const reads = () => structuredClone([['read', 'package.json', 'h1'], ['exists', 'lib/package.json', '0']] as const);
      for (const rel of ['app.js', 'other.js']) hooks.setRecorded!({ rel, text: 'x' }, { findings: [], notices: [] } as never, [...reads(), ['resolve', `js\0${rel}\0./b`, 'b.js']]);
      assert.equal(cache.distinctReads, 4, 'two shared reads and one resolve per file');
      assert.equal(cache.forRun(dir, 'c', base).get({ rel: 'app.js', text: 'x' }), undefined, 'the recorded answers are checked, shared or not');
      cache.clear();
      assert.equal(cache.distinctReads, 0);
    } finally {
      folders.dispose();
    }
  });

  it('starts its pool of reads again when it outgrows its bound, and still reuses', async () => {
    const cache = new ResultCache(1);
    const folders = new FolderServices({ trusted: true, log: () => {} });
    try {
      const base = folders.for(dir, settings);
      const hooks = cache.forRun(dir, 'c', base);
      const many = Array.from({ length: 150 }, (_, i) => ['exists', `missing-${i}`, '0'] as ['exists', string, string]);
      hooks.setRecorded!({ rel: 'app.js', text: 'x' }, { findings: [], notices: [] } as never, many);
      hooks.setRecorded!({ rel: 'other.js', text: 'y' }, { findings: [], notices: [] } as never, [['exists', 'missing-0', '0']]);
      assert.equal(cache.distinctReads, 1, 'more than a hundred reads per entry it can hold: started again');
      assert.ok(cache.forRun(dir, 'c', base).get({ rel: 'other.js', text: 'y' }), 'its entry is reused');
    } finally {
      folders.dispose();
    }
  });

  it('never reuses across settings, and keeps at most its bound', async () => {
    const cache = new ResultCache(2);
    await run(cache);
    assert.equal(cache.size, 2);
    const other = mergeSettings({ registry: { enabled: false }, rules: { 'aws-access-key-id': 'off' } });
    const scan = await run(cache, other);
    assert.equal(scan.reused, 0);
    assert.deepEqual(rules(scan, 'other.js'), []);
  });

  it('a cancelled run rejects and keeps nothing half-analysed', async () => {
    const cache = new ResultCache();
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(run(cache, settings, abort.signal), /abort/i);
    assert.equal(cache.size, 0);
  });
});
