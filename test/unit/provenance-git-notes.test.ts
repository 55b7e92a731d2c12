// `vouch provenance export --to git-notes` on real temporary repositories: Vouch's regions become a
// git-ai authorship log on HEAD under refs/notes/ai (written through isomorphic-git, read back by the
// git CLI here), which `import --from git-notes` turns into the same regions again; pastes and files
// changed since HEAD are left out with a reason, and a note git-ai wrote is never replaced.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProvenanceRegion } from '../../server/src/core/provenance-types';
import { regionHash } from '../../server/src/core/region-hash';
import { gitAiPromptKey, isVouchNote, toGitAiNote } from '../../server/src/provenance-formats/git-ai-export';
import { parseGitAiNote } from '../../server/src/provenance-formats/git-ai';
import { rangeText, regionLines } from '../../server/src/review/policy';
import { recordRegions } from '../../server/src/review/provenance-record';
import { readProvenanceFile } from '../../server/src/scan/provenance';
import { runProvenance } from '../../cli/src/provenance-cmd';
import { runVerify } from '../../cli/src/verify';
import { FILES, FIXTURES, git, workspace, writeFiles } from './provenance-workspace';

async function run(dir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProvenance([...args, '--root', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function region(path: string, id: string, source: ProvenanceRegion['source'], confidence: ProvenanceRegion['confidence'], from: number, to: number): ProvenanceRegion {
  const range = { start: { line: from - 1, character: 0 }, end: { line: to, character: 0 } };
  return { id, source, confidence, time: '2026-03-01T10:00:00.000Z', range, hash: regionHash(rangeText(FILES[path], range)) };
}

/** Writes provenance.json and records each file's regions in the ledger, as the editor does on save. */
function record(dir: string, files: Record<string, ProvenanceRegion[]>): void {
  mkdirSync(join(dir, '.vouch'), { recursive: true });
  writeFileSync(join(dir, '.vouch', 'provenance.json'), JSON.stringify(files, null, 2));
  for (const [path, list] of Object.entries(files)) recordRegions(join(dir, '.vouch', 'reviews.jsonl'), path, list);
}

const summary = (dir: string) => Object.fromEntries(Object.entries(readProvenanceFile(dir).files).map(([p, l]) => [p, l.map((r) => [regionLines(r.range), r.source, r.confidence])]));

describe('vouch provenance export --to git-notes (git-ai authorship logs)', () => {
  let dir: string;
  beforeEach(() => { dir = workspace(true); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serialises regions as git-ai does: attestations, ---, pretty metadata with prompts keyed by sha256(tool:id)', () => {
    const text = toGitAiNote([
      { path: 'src/my file.ts', region: region('src/my file.ts', 'r2', 'agent', 'medium', 2, 2), lines: [2, 2] },
      { path: 'src/app.ts', region: region('src/app.ts', 'r1', 'completion', 'high', 3, 5), lines: [3, 5] },
      { path: 'src/app.ts', region: region('src/app.ts', 'p', 'paste', 'high', 8, 10), lines: [8, 10] },
    ], 'c'.repeat(40));
    const k1 = gitAiPromptKey('vouch', 'r1');
    assert.match(k1, /^[0-9a-f]{16}$/);
    assert.equal(text.split('---\n')[0], `src/app.ts\n  ${k1} 3-5\n"src/my file.ts"\n  ${gitAiPromptKey('vouch', 'r2')} 2\n`);
    const meta = JSON.parse(text.split('---\n')[1]);
    assert.deepEqual(Object.keys(meta), ['schema_version', 'git_ai_version', 'base_commit_sha', 'prompts']);
    assert.equal(meta.schema_version, 'authorship/3.0.0');
    assert.deepEqual(meta.prompts[k1].agent_id, { tool: 'vouch', id: 'r1', model: 'unknown' });
    assert.ok(isVouchNote(text));
    // Vouch's own parser reads it back, source and confidence included.
    const parsed = parseGitAiNote(text, 'c'.repeat(40), '2026-03-02T00:00:00.000Z');
    assert.deepEqual(parsed.skipped, []);
    assert.deepEqual(parsed.claims.map((c) => [c.path, c.lines, c.source, c.confidence]), [['src/app.ts', [3, 5], 'completion', 'high'], ['src/my file.ts', [2, 2], 'agent', 'medium']]);
  });

  it('round-trips: export onto HEAD, git reads the note, a workspace without .vouch imports the same regions', async () => {
    record(dir, {
      'src/app.ts': [region('src/app.ts', 'a1', 'agent', 'medium', 3, 5), region('src/app.ts', 'c1', 'completion', 'high', 12, 12)],
      'src/util.ts': [region('src/util.ts', 'p1', 'paste', 'high', 1, 2)],
      'src/my file.ts': [region('src/my file.ts', 'a2', 'agent', 'low', 1, 2)],
    });
    const expected = summary(dir);
    delete expected['src/util.ts'];
    const head = git(dir, 'rev-parse', 'HEAD');

    const dry = await run(dir, 'export', '--to', 'git-notes', '--dry-run');
    assert.equal(dry.code, 0, dry.out);
    assert.match(dry.out, /would write a note on [0-9a-f]{12} under refs\/notes\/ai: 3 regions in 2 files \(dry run/);
    assert.throws(() => git(dir, 'rev-parse', '--verify', '-q', 'refs/notes/ai'), 'a dry run writes no ref');

    const r = await run(dir, 'export', '--to', 'git-notes');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /wrote a note on [0-9a-f]{12} under refs\/notes\/ai: 3 regions in 2 files/);
    assert.match(r.out, /not exported \(1\):\n {2}src\/util\.ts 1-2: a paste/);
    // git itself finds the note on HEAD, and the objects are sound.
    const note = git(dir, 'notes', '--ref', 'ai', 'show', head);
    assert.match(note, /^src\/app\.ts\n {2}[0-9a-f]{16} 3-5\n {2}[0-9a-f]{16} 12\n"src\/my file\.ts"\n {2}[0-9a-f]{16} 1-2\n---\n\{/);
    git(dir, 'fsck', '--no-progress');
    assert.match((await run(dir, 'export', '--to', 'git-notes')).out, /already holds 3 regions in 2 files/);

    rmSync(join(dir, '.vouch'), { recursive: true });
    const back = await run(dir, 'import', '--from', 'git-notes', '--strict');
    assert.equal(back.code, 0, back.out);
    assert.deepEqual(summary(dir), expected);
    assert.equal(runVerify(['--root', dir], () => {}), 0);
  });

  it('leaves out files changed since HEAD, and never replaces a note git-ai wrote', async () => {
    record(dir, { 'src/app.ts': [region('src/app.ts', 'a1', 'agent', 'medium', 3, 5)], 'src/util.ts': [region('src/util.ts', 'a2', 'agent', 'medium', 4, 6)] });
    writeFiles(dir, { 'src/util.ts': FILES['src/util.ts'] + '// edited\n' });
    const r = await run(dir, 'export', '--to', 'git-notes');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /1 region in 1 file/);
    assert.match(r.out, /src\/util\.ts: changed since HEAD \(commit it, then export\)/);

    git(dir, 'commit', '-qam', 'next');
    git(dir, 'notes', '--ref', 'ai', 'add', '-F', join(FIXTURES, 'note-v3.txt'), 'HEAD');
    const before = git(dir, 'rev-parse', 'refs/notes/ai');
    const refused = await run(dir, 'export', '--to', 'git-notes');
    assert.equal(refused.code, 1);
    assert.match(refused.out, /already has a note under refs\/notes\/ai that Vouch did not write/);
    assert.equal(git(dir, 'rev-parse', 'refs/notes/ai'), before);
  });

  it('usage: only --ref, --dry-run and --root; a repository is needed; the ref must be a notes ref', async () => {
    await assert.rejects(run(dir, 'export', '--to', 'git-notes', '--output', 'x'), /takes only --ref, --dry-run and --root/);
    await assert.rejects(run(dir, 'export', '--to', 'git-notes', '--ref', 'refs/heads/main'), /--ref must name a notes ref/);
    const plain = workspace();
    try {
      await assert.rejects(run(plain, 'export', '--to', 'git-notes'), /is not inside a git repository/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
