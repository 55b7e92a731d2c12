// `vouch provenance import|export` on temporary workspaces: Agent Trace files and git-ai notes in real
// git repositories (notes added with `git notes --ref ai add`) become unreviewed regions recorded in the
// ledger so `vouch verify` holds; re-importing changes nothing; Vouch's own regions win; a record that
// claims a review is still unreviewed; a review record that does not hold is never blessed by an import.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProvenanceRegion } from '../../server/src/core/provenance-types';
import { regionHash } from '../../server/src/core/region-hash';
import { readLedger } from '../../server/src/review/ledger';
import { evaluateRegions, indexLedger, rangeText, regionLines } from '../../server/src/review/policy';
import { recordRegions } from '../../server/src/review/provenance-record';
import { readProvenanceFile } from '../../server/src/scan/provenance';
import { printable, ProvenanceUsageError, runProvenance } from '../../cli/src/provenance-cmd';
import { runVerify } from '../../cli/src/verify';
import { FILES, FIXTURES, git, workspace, writeFiles } from './provenance-workspace';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'cli', 'out', 'vouch.js');

async function run(dir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProvenance([...args, '--root', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const verifies = (dir: string) => runVerify(['--root', dir], () => {});
const regions = (dir: string) => readProvenanceFile(dir).files;
const lines = (dir: string, path: string) => (regions(dir)[path] ?? []).map((r) => regionLines(r.range));
const read = (dir: string, rel: string) => (existsSync(join(dir, rel)) ? readFileSync(join(dir, rel), 'utf8') : '');
const states = (dir: string) => Object.entries(regions(dir)).flatMap(([path, list]) =>
  evaluateRegions(read(dir, path), list, indexLedger(readLedger(join(dir, '.vouch', 'reviews.jsonl')).entries, path)).map((e) => e.state));

function traces(dir: string): void {
  mkdirSync(join(dir, '.agent-trace'));
  copyFileSync(join(FIXTURES, 'traces.jsonl'), join(dir, '.agent-trace', 'traces.jsonl'));
}

describe('vouch provenance import --from agent-trace', () => {
  let dir: string;
  beforeEach(() => { dir = workspace(); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the valid records as unreviewed regions, says what it skipped and why, and verify holds', async () => {
    traces(dir);
    const r = await run(dir, 'import', '--from', 'agent-trace');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /read 1 Agent Trace file: 4 regions to import into 2 files, 0 recorded already, 1 not assisted, 7 skipped/);
    assert.match(r.out, /\.agent-trace\/traces\.jsonl line 5 .*path "\.\.\/\.\.\/etc\/passwd" climbs out of the repository/);
    assert.match(r.out, /line 6 .*path "\/etc\/passwd" is an absolute path/);
    assert.match(r.out, /line 7 .*lines 40-45 of src\/app\.ts reach past the end of the file \(12 lines\)/);
    assert.match(r.out, /line 3: record has version 2\.0\.0, which this Vouch does not know/);
    assert.deepEqual(lines(dir, 'src/app.ts'), [[3, 5], [12, 12]]);
    assert.deepEqual(lines(dir, 'src/util.ts'), [[1, 2], [4, 6]]);
    assert.deepEqual(regions(dir)['src/util.ts'].map((x) => [x.source, x.confidence]), [['agent', 'low'], ['agent', 'medium']]);
    assert.equal(verifies(dir), 0);
    assert.equal(readLedger(join(dir, '.vouch', 'reviews.jsonl')).records.length, 2);
  });

  it('imported attribution is never trusted as review: records that claim a review stay unreviewed', async () => {
    traces(dir);
    assert.equal((await run(dir, 'import', '--from', 'agent-trace')).code, 0);
    const ledger = readLedger(join(dir, '.vouch', 'reviews.jsonl'));
    // The fixture's last record says `reviewed: true` and names a reviewer in metadata: ignored.
    assert.equal(ledger.entries.length, 0);
    assert.ok(states(dir).length === 4 && states(dir).every((s) => s === 'unreviewed'), states(dir).join());
    // The same from git-ai: a prompt record saying "reviewed" is not a review either.
    const repo = workspace(true);
    try {
      git(repo, 'notes', '--ref', 'ai', 'add', '-F', join(FIXTURES, 'note-v3.txt'), 'HEAD');
      assert.equal((await run(repo, 'import', '--from', 'git-notes')).code, 0);
      assert.equal(readLedger(join(repo, '.vouch', 'reviews.jsonl')).entries.length, 0);
      assert.ok(states(repo).length > 0 && states(repo).every((s) => s === 'unreviewed'));
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('is idempotent: importing again writes nothing and appends nothing', async () => {
    traces(dir);
    await run(dir, 'import', '--from', 'agent-trace');
    const before = [read(dir, '.vouch/provenance.json'), read(dir, '.vouch/reviews.jsonl')];
    const r = await run(dir, 'import', '--from', 'agent-trace', join(dir, '.agent-trace', 'traces.jsonl'));
    assert.match(r.out, /0 regions to import into 0 files, 4 recorded already/);
    assert.deepEqual([read(dir, '.vouch/provenance.json'), read(dir, '.vouch/reviews.jsonl')], before);
  });

  it('--strict exits 1 when records were skipped; --dry-run writes nothing', async () => {
    traces(dir);
    const dry = await run(dir, 'import', '--from', 'agent-trace', '--dry-run', '--strict');
    assert.equal(dry.code, 1);
    assert.match(dry.out, /dry run: nothing written/);
    assert.equal(existsSync(join(dir, '.vouch')), false);
    assert.equal((await run(dir, 'import', '--from', 'agent-trace', join(FIXTURES, 'records.json'), '--strict')).code, 0);
  });

  it("keeps Vouch's own regions, and the ones another import brought", async () => {
    const text = FILES['src/app.ts'];
    const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 44 } };
    const own: ProvenanceRegion = { id: 'mine', source: 'completion', confidence: 'high', time: '2026-01-01T00:00:00.000Z', range, hash: regionHash(rangeText(text, range)) };
    mkdirSync(join(dir, '.vouch'));
    writeFileSync(join(dir, '.vouch', 'provenance.json'), JSON.stringify({ 'src/app.ts': [own], 'src/other.ts': [{ id: 'kept as written', odd: true }] }));
    recordRegions(join(dir, '.vouch', 'reviews.jsonl'), 'src/app.ts', [own]);
    traces(dir);
    await run(dir, 'import', '--from', 'agent-trace');
    assert.deepEqual(lines(dir, 'src/app.ts'), [[4, 4], [3, 3], [5, 5], [12, 12]]);
    assert.equal(regions(dir)['src/app.ts'][0].id, 'mine');
    // Entries this reader cannot use are left as they were.
    assert.deepEqual(JSON.parse(read(dir, '.vouch/provenance.json'))['src/other.ts'], [{ id: 'kept as written', odd: true }]);
    assert.equal(verifies(dir), 0);
  });

  it('never blesses a provenance.json that no longer matches the ledger', async () => {
    const range = { start: { line: 11, character: 0 }, end: { line: 11, character: 31 } };
    const own: ProvenanceRegion = { id: 'mine', source: 'agent', confidence: 'high', time: '2026-01-01T00:00:00.000Z', range, hash: 'h' };
    recordRegions(join(dir, '.vouch', 'reviews.jsonl'), 'src/app.ts', [own]);
    writeFileSync(join(dir, '.vouch', 'provenance.json'), '{}'); // the region removed by hand
    traces(dir);
    const r = await run(dir, 'import', '--from', 'agent-trace');
    assert.match(r.out, /src\/app\.ts: \.vouch\/provenance\.json differs from the ledger's record of this file \(run vouch verify\)/);
    assert.deepEqual(lines(dir, 'src/app.ts'), []);
    assert.deepEqual(lines(dir, 'src/util.ts'), [[1, 2], [4, 6]]);
    assert.equal(verifies(dir), 1);
  });

  it('imports nothing while the ledger chain is broken', async () => {
    mkdirSync(join(dir, '.vouch'));
    writeFileSync(join(dir, '.vouch', 'reviews.jsonl'), 'not a ledger line\n');
    traces(dir);
    const r = await run(dir, 'import', '--from', 'agent-trace');
    assert.equal(r.code, 1);
    assert.match(r.out, /nothing imported: the review record does not hold/);
    assert.equal(existsSync(join(dir, '.vouch', 'provenance.json')), false);
  });

  it('refuses a record path that leads out of the workspace through a link', async () => {
    const outside = workspace();
    try {
      symlinkSync(join(outside, 'src'), join(dir, 'linked'));
      const record = { version: '0.1.0', id: '3f1c2a9e-7b4d-4e21-9c3a-5d6e7f801234', timestamp: '2026-01-23T14:30:00Z', files: [{ path: 'linked/app.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 3, end_line: 5 }] }] }] };
      writeFileSync(join(dir, 'link.json'), JSON.stringify(record));
      const r = await run(dir, 'import', '--from', 'agent-trace', join(dir, 'link.json'));
      assert.match(r.out, /path "linked\/app\.ts" is a link that leads out of the workspace/);
      assert.equal(existsSync(join(dir, '.vouch')), false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('record paths reach the terminal escaped', async () => {
    const hostile = JSON.stringify({ version: '0.1.0', id: '3f1c2a9e-7b4d-4e21-9c3a-5d6e7f801234', timestamp: '2026-01-23T14:30:00Z', files: [{ path: 'src/\u001b]0;pwned\u0007\u202e.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 1, end_line: 1 }] }] }] });
    writeFileSync(join(dir, 'hostile.json'), hostile);
    const r = await run(dir, 'import', '--from', 'agent-trace', join(dir, 'hostile.json'));
    assert.doesNotMatch(r.out, /[\u001b\u0007\u202e]/);
    assert.match(r.out, /\\u001b/);
    assert.equal(printable('a\u001b[2Jb\u2066c\nd'), 'a\\u001b[2Jb\\u2066c\\u000ad');
  });

  it('usage errors: unknown source, missing file, flags of the other format', async () => {
    for (const args of [['import'], ['import', '--from', 'cursor'], ['import', '--from', 'agent-trace', 'nope.jsonl'], ['import', '--from', 'agent-trace', '--rev', 'HEAD'],
      ['import', '--from', 'git-notes'], ['export'], ['export', '--to', 'git-notes'], ['frobnicate'], ['import', '--from', 'agent-trace', '--bogus']]) {
      await assert.rejects(run(dir, ...args), ProvenanceUsageError, args.join(' '));
    }
  });
});

describe('vouch provenance import --from git-notes', () => {
  let dir: string;
  beforeEach(() => { dir = workspace(true); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const note = (rev: string, text: string, ref = 'ai') => {
    writeFileSync(join(dir, '.git', 'note.txt'), text);
    git(dir, 'notes', '--ref', ref, 'add', '-f', '-F', join(dir, '.git', 'note.txt'), rev);
  };
  const META = '{"schema_version":"authorship/3.0.0","base_commit_sha":"x","prompts":{"abcdef0123456789":{"agent_id":{"tool":"claude","id":"1","model":"m"}}}}';

  it('reads the note on HEAD from the object store; the regions carry the commit time; verify holds', async () => {
    git(dir, 'notes', '--ref', 'ai', 'add', '-F', join(FIXTURES, 'note-v3.txt'), 'HEAD');
    const r = await run(dir, 'import', '--from', 'git-notes');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /read 1 note under refs\/notes\/ai \(1 commit looked at\): 3 regions to import into 2 files/);
    assert.match(r.out, /path "\.\.\/outside\.ts" climbs out of the repository/);
    assert.deepEqual(lines(dir, 'src/app.ts'), [[3, 5], [8, 10]]);
    assert.deepEqual(lines(dir, 'src/my file.ts'), [[1, 2]]);
    const time = new Date(Number(git(dir, 'log', '-1', '--format=%ct')) * 1000).toISOString();
    assert.ok(Object.values(regions(dir)).flat().every((x) => x.time === time && x.source === 'agent'));
    assert.equal(verifies(dir), 0);
    assert.match((await run(dir, 'import', '--from', 'git-notes')).out, /0 regions to import into 0 files, 3 recorded already/);
  });

  it('finds the lines again after later edits, walks --since, and reads a custom --ref', async () => {
    const first = git(dir, 'rev-parse', 'HEAD');
    note('HEAD', `src/app.ts\n  abcdef0123456789 3-5\n---\n${META}`, 'agents');
    writeFiles(dir, { 'src/util.ts': FILES['src/util.ts'] + 'export const mul = (a: number, b: number) => a * b;\n' });
    git(dir, 'commit', '-qam', 'mul');
    note('HEAD', `src/util.ts\n  abcdef0123456789 7\n---\n${META}`, 'agents');
    // Since then: two lines above the attributed ones, and line 7 edited out of recognition.
    writeFiles(dir, { 'src/app.ts': '// a\n// b\n' + FILES['src/app.ts'], 'src/util.ts': FILES['src/util.ts'] + 'export const mul = 0;\n' });
    const since = await run(dir, 'import', '--from', 'git-notes', '--ref', 'agents', '--since', first.slice(0, 8));
    assert.match(since.out, /read 1 note under refs\/notes\/agents \(1 commit looked at\): 0 regions/);
    assert.match(since.out, /src\/util\.ts changed since commit [0-9a-f]{12}: line 7 is no longer there/);
    const older = await run(dir, 'import', '--from', 'git-notes', '--ref', 'refs/notes/agents', '--rev', first);
    assert.match(older.out, /1 region to import into 1 file/);
    assert.deepEqual(lines(dir, 'src/app.ts'), [[5, 7]]);
    git(dir, 'tag', 'start', first);
    assert.match((await run(dir, 'import', '--from', 'git-notes', '--ref', 'agents', '--rev', 'start')).out, /1 recorded already/);
    assert.equal(verifies(dir), 0);
  });

  it('reads notes from a fanned-out notes tree (ab/cdef…), as git writes large ones', async () => {
    const head = git(dir, 'rev-parse', 'HEAD');
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: `src/app.ts\n  abcdef0123456789 12\n---\n${META}` }).toString().trim();
    const inner = execFileSync('git', ['mktree'], { cwd: dir, input: `100644 blob ${blob}\t${head.slice(2)}\n` }).toString().trim();
    const outer = execFileSync('git', ['mktree'], { cwd: dir, input: `040000 tree ${inner}\t${head.slice(0, 2)}\n` }).toString().trim();
    const commit = git(dir, 'commit-tree', outer, '-m', 'notes');
    git(dir, 'update-ref', 'refs/notes/ai', commit);
    assert.match(git(dir, 'notes', '--ref', 'ai', 'show', head), /abcdef0123456789 12/);
    const r = await run(dir, 'import', '--from', 'git-notes');
    assert.deepEqual(lines(dir, 'src/app.ts'), [[12, 12]], r.out);
  });

  it('no note, an unknown revision or a bad ref: said plainly', async () => {
    assert.match((await run(dir, 'import', '--from', 'git-notes')).out, /read 0 notes under refs\/notes\/ai \(1 commit looked at\): 0 regions/);
    await assert.rejects(run(dir, 'import', '--from', 'git-notes', '--rev', 'no-such-branch'), /no-such-branch names no commit/);
    await assert.rejects(run(dir, 'import', '--from', 'git-notes', '--ref', '../../HEAD'), /--ref must name a notes ref/);
    note('HEAD', fixture('note-unknown-version.txt'));
    const r = await run(dir, 'import', '--from', 'git-notes', '--strict');
    assert.equal(r.code, 1);
    assert.match(r.out, /authorship\/4\.0\.0/);
  });
});

describe('vouch provenance export --to agent-trace', () => {
  let dir: string;
  beforeEach(() => { dir = workspace(true); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one record per region, naming HEAD only for files unchanged since; a fresh workspace imports the same regions', async () => {
    git(dir, 'notes', '--ref', 'ai', 'add', '-F', join(FIXTURES, 'note-v3.txt'), 'HEAD');
    await run(dir, 'import', '--from', 'git-notes');
    writeFiles(dir, { 'src/my file.ts': FILES['src/my file.ts'] + '// edited\n' });
    const out = await run(dir, 'export', '--to', 'agent-trace', '--output', join(dir, 'out', 'traces.jsonl'));
    assert.equal(out.code, 0);
    assert.match(out.err, /wrote 3 Agent Trace records/);
    const records = read(dir, 'out/traces.jsonl').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(records.map((r) => [r.files[0].path, r.files[0].conversations[0].ranges[0], r.vcs?.revision ?? null]), [
      ['src/app.ts', { start_line: 3, end_line: 5 }, git(dir, 'rev-parse', 'HEAD')],
      ['src/app.ts', { start_line: 8, end_line: 10 }, git(dir, 'rev-parse', 'HEAD')],
      ['src/my file.ts', { start_line: 1, end_line: 2 }, null],
    ]);
    const fresh = workspace();
    try {
      writeFiles(fresh, { 'src/my file.ts': FILES['src/my file.ts'] + '// edited\n' });
      const r = await run(fresh, 'import', '--from', 'agent-trace', join(dir, 'out', 'traces.jsonl'), '--strict');
      assert.equal(r.code, 0, r.out);
      const strip = (m: Record<string, ProvenanceRegion[]>) => Object.fromEntries(Object.entries(m).map(([p, l]) => [p, l.map(({ id: _id, ...x }) => x)]));
      assert.deepEqual(strip(regions(fresh)), strip(regions(dir)));
      assert.equal(verifies(fresh), 0);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
    // To stdout, with no file: the same records, nothing else.
    const stdout = await run(dir, 'export', '--to', 'agent-trace');
    assert.deepEqual(stdout.out.split('\n').map((l) => JSON.parse(l).id), records.map((r) => r.id));
  });
});

describe('vouch provenance: the built CLI', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    const newest = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((n, e) => Math.max(n, e.isDirectory() ? newest(join(d, e.name)) : /\.(ts|json)$/.test(e.name) ? statSync(join(d, e.name)).mtimeMs : 0), 0);
    const sources = Math.max(...['cli/src', 'server/src', 'rules'].map((d) => newest(join(REPO, d))));
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < sources) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit', timeout: 240_000 });
    dir = workspace(true);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const vouch = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

  it('dispatches `vouch provenance`, and `vouch verify` exits 0 after an import', () => {
    git(dir, 'notes', '--ref', 'ai', 'add', '-F', join(FIXTURES, 'note-v3.txt'), 'HEAD');
    const r = vouch('provenance', 'import', '--from', 'git-notes');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /3 regions to import into 2 files/);
    const v = vouch('verify');
    assert.equal(v.status, 0, v.stdout);
    assert.match(v.stdout, /the review record holds/);
    assert.equal(vouch('provenance', 'import', '--from', 'git-notes', '--strict').status, 1);
    const bad = vouch('provenance', 'import', '--from', 'nowhere');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Usage: vouch provenance import/);
  });
});
