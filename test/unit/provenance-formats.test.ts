// Attribution formats other tools write (server/src/provenance-formats/): Agent Trace records and git-ai
// notes parsed from fixtures written from their specifications, every malformed or unknown record
// skipped with a reason, record paths confined to the repository, claims placed in the working tree
// (found again after edits, never over lines Vouch records, never twice), and Vouch's regions out and
// back in as Agent Trace.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProvenanceRegion } from '../../server/src/core/provenance-types';
import { regionHash } from '../../server/src/core/region-hash';
import { parseAgentTrace, recordId, toAgentTrace, type ExportRegion } from '../../server/src/provenance-formats/agent-trace';
import { LineTable, placeClaims, recordPath, relocate, textLines, type Claim, type PlaceContext } from '../../server/src/provenance-formats/claims';
import { parseGitAiNote, parseLineRanges } from '../../server/src/provenance-formats/git-ai';
import { rangeText, regionLines } from '../../server/src/review/policy';
import { FILES, FIXTURES } from './provenance-workspace';

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const spans = (claims: readonly Claim[]) => claims.map((c) => `${c.path}:${c.lines[0]}-${c.lines[1]}:${c.source}:${c.confidence}`);
const COMMIT = 'a'.repeat(40);

/** A context over FILES (or `files`), with `base` as every file's text at any revision. */
function context(existing: Record<string, ProvenanceRegion[]> = {}, files = FILES, base?: Record<string, string>): PlaceContext {
  return {
    existing,
    workspacePath: (p) => recordPath(p),
    current: (p) => (p in files ? { text: files[p] } : { reason: 'does not exist in the working tree' }),
    atRevision: (_rev, p) => base?.[p],
  };
}

describe('provenance formats: record paths', () => {
  const table: Array<[string, string]> = [
    ['src/app.ts', 'src/app.ts'], ['./src/./app.ts', 'src/app.ts'], ['src\\app.ts', 'src/app.ts'], ['src//app.ts', 'src/app.ts'],
    ['../../etc/passwd', 'climbs out'], ['src/../../x', 'climbs out'], ['/etc/passwd', 'absolute'], ['C:\\Windows\\x', 'absolute'],
    ['\\\\server\\share', 'absolute'], ['.git/config', 'inside .git'], ['.vouch/reviews.jsonl', "Vouch's own"],
    ['', 'not a path'], ['src/a\u001b[31m.ts', 'control characters'], ['.', 'not a path'],
  ];
  for (const [raw, want] of table) {
    it(`${JSON.stringify(raw)} → ${want}`, () => {
      const r = recordPath(raw);
      if ('path' in r) assert.equal(r.path, want);
      else assert.match(r.reason, new RegExp(want.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    });
  }
});

describe('provenance formats: Agent Trace', () => {
  it('reads the valid records of a JSON Lines file and skips each bad one with its reason', () => {
    const p = parseAgentTrace(fixture('traces.jsonl'), 'traces.jsonl');
    assert.deepEqual(spans(p.claims), [
      'src/app.ts:3-5:agent:medium',
      'src/util.ts:1-2:agent:low',
      'src/util.ts:4-6:agent:medium',
      '../../etc/passwd:1-1:agent:medium',
      '/etc/passwd:1-1:agent:medium',
      'src/app.ts:40-45:agent:medium',
      'src/app.ts:12-12:completion:medium',
    ]);
    assert.deepEqual(p.skipped.map((s) => [s.where.replace(/ \(.*/, ''), s.reason.replace(/ \(.*/, '')]), [
      ['traces.jsonl line 8', 'is not JSON'],
      ['traces.jsonl line 3', 'record has version 2.0.0, which this Vouch does not know'],
      ['traces.jsonl line 4', 'record has no UUID "id"'],
      ['traces.jsonl line 9', 'ends'],
    ]);
    assert.deepEqual(p.ignored.map((s) => s.reason), ['lines 9-10 of src/app.ts are attributed to a human: not assisted']);
    const first = p.claims[0];
    assert.equal(first.key, '3f1c2a9e-7b4d-4e21-9c3a-5d6e7f801234');
    assert.equal(first.time, '2026-01-23T14:30:00.000Z');
    assert.equal(first.revision, undefined);
    // A jj change id is not a git commit: the lines are the working tree's.
    assert.equal(p.claims[2].revision, undefined);
  });

  it('reads a JSON array of records; offsets in timestamps become UTC', () => {
    const p = parseAgentTrace(fixture('records.json'), 'records.json');
    assert.deepEqual(spans(p.claims), ['./src/app.ts:8-10:agent:medium']);
    assert.equal(p.claims[0].time, '2026-01-25T08:00:00.000Z');
    assert.equal(p.ignored.length, 1);
    assert.deepEqual(p.skipped, []);
  });

  const record = (over: Record<string, unknown>) => JSON.stringify({
    version: '0.1.0', id: '3f1c2a9e-7b4d-4e21-9c3a-5d6e7f801234', timestamp: '2026-01-23T14:30:00Z',
    files: [{ path: 'src/app.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 3, end_line: 5 }] }] }], ...over,
  });
  const malformed: Array<[string, Record<string, unknown>, RegExp]> = [
    ['no version', { version: undefined }, /no "version"/],
    ['a version that is not semver', { version: 'v1' }, /not X\.Y or X\.Y\.Z/],
    ['an unknown major version', { version: '3.1' }, /does not know/],
    ['a bad timestamp', { timestamp: 'yesterday' }, /RFC 3339/],
    ['an impossible date', { timestamp: '2026-13-45T99:00:00Z' }, /RFC 3339/],
    ['files that are not a list', { files: {} }, /no "files" list/],
    ['an unknown vcs', { vcs: { type: 'cvs', revision: '1.1' } }, /"vcs"/],
    ['a git revision that is not a commit id', { vcs: { type: 'git', revision: 'HEAD' } }, /not a commit id/],
    ['metadata that is not an object', { metadata: [1] }, /"metadata"/],
    ['a string, not a record', {}, /not a JSON object/],
  ];
  for (const [what, over, reason] of malformed) {
    it(`skips a record with ${what}`, () => {
      const text = what.startsWith('a string') ? '"hello"' : record(over);
      const p = parseAgentTrace(text, 't.json');
      assert.deepEqual(p.claims, []);
      assert.equal(p.skipped.length, 1);
      assert.match(p.skipped[0].reason, reason);
    });
  }

  it('skips bad parts of a record and keeps the rest', () => {
    const p = parseAgentTrace(record({
      files: [
        { path: 'src/app.ts', conversations: [{ contributor: { type: 'robot' }, ranges: [{ start_line: 1, end_line: 1 }] }] },
        { path: 'src/app.ts', conversations: [{ contributor: { type: 'ai' }, ranges: [{ start_line: 0, end_line: 1 }, { start_line: 1.5, end_line: 2 }, { start_line: 3, end_line: 5 }, { start_line: '1', end_line: 2 }] }] },
        { path: 'src/app.ts' },
        'src/app.ts',
        { path: 'src/app.ts', conversations: [{ ranges: [{ start_line: 1, end_line: 1 }] }, { contributor: { type: 'ai' } }] },
      ],
    }), 't.json');
    assert.deepEqual(spans(p.claims), ['src/app.ts:3-5:agent:medium']);
    assert.equal(p.skipped.length, 7);
    // No contributor at all: origin unknown, not assisted.
    assert.equal(p.ignored.length, 1);
  });

  it('reads 1.0 (the reference implementation) and refuses to nest without limit', () => {
    assert.equal(parseAgentTrace(record({ version: '1.0' }), 't').claims.length, 1);
    const deep = record({ metadata: { x: JSON.parse('['.repeat(100) + ']'.repeat(100)) } });
    const p = parseAgentTrace(deep, 't.json');
    assert.deepEqual(p.claims, []);
    assert.match(p.skipped[0].reason, /nested more than/);
  });

  it('takes a git revision to read the lines in', () => {
    const p = parseAgentTrace(record({ vcs: { type: 'git', revision: 'A'.repeat(40) } }), 't');
    assert.equal(p.claims[0].revision, 'a'.repeat(40));
  });
});

describe('provenance formats: git-ai notes', () => {
  it('reads prompt and session keys, ignores humans, skips bad entries with a reason', () => {
    const p = parseGitAiNote(fixture('note-v3.txt'), COMMIT, '2026-05-04T10:00:00.000Z');
    assert.deepEqual(spans(p.claims), ['src/app.ts:3-5:agent:medium', 'src/app.ts:8-10:agent:medium', 'src/my file.ts:1-2:agent:medium', '../outside.ts:1-1:agent:medium']);
    assert.ok(p.claims.every((c) => c.revision === COMMIT && c.time === '2026-05-04T10:00:00.000Z'));
    assert.deepEqual(p.claims.map((c) => c.key.split(':').slice(1).join(':')), ['c9883b05a2487d6d', 'c9883b05a2487d6d', 's_c9883b05a2487d::t_9f8e7d6c5b4a32', 'c9883b05a2487d6d']);
    assert.deepEqual(p.skipped.map((s) => s.reason.replace(/ \(.*/, '')), [
      'has an unknown key "zz_not_a_key"',
      "names prompt 0123456789abcdef, which the note's metadata does not describe as an AI agent's",
      'has lines that are not 1-based numbers and ranges',
    ]);
    assert.deepEqual(p.ignored.map((s) => s.reason), ["line 12 of src/app.ts is a human's: not assisted"]);
  });

  it('skips a note of an unknown schema version, or with no divider, whole', () => {
    assert.match(parseGitAiNote(fixture('note-unknown-version.txt'), COMMIT, 't').skipped[0].reason, /authorship\/4\.0\.0.*does not know/);
    assert.match(parseGitAiNote(fixture('note-no-divider.txt'), COMMIT, 't').skipped[0].reason, /no '---' line/);
    for (const meta of ['[]', '{"schema_version": "authorship/3.0.0", "prompts": []}', 'not json', '{"prompts": {}}']) {
      const p = parseGitAiNote(`src/app.ts\n  0123456 1\n---\n${meta}`, COMMIT, 't');
      assert.deepEqual(p.claims, [], meta);
      assert.equal(p.skipped.length, 1, meta);
    }
  });

  it('accepts 7-digit keys and CRLF notes; entries need a file line first', () => {
    const meta = '{"schema_version":"authorship/3.0.0","base_commit_sha":"x","prompts":{"abcdef0":{"agent_id":{"tool":"t","id":"1","model":"m"}}}}';
    const p = parseGitAiNote(`  abcdef0 1\r\nsrc/app.ts\r\n  abcdef0 1,3-4\r\n   abcdef0 2\r\n---\r\n${meta}`, COMMIT, 't');
    assert.deepEqual(spans(p.claims), ['src/app.ts:1-1:agent:medium', 'src/app.ts:3-4:agent:medium']);
    assert.deepEqual(p.skipped.map((s) => s.where), ['note on aaaaaaaaaaaa line 1', 'note on aaaaaaaaaaaa line 4']);
  });

  it('parses line ranges exactly as the standard writes them', () => {
    assert.deepEqual(parseLineRanges('1-4,9-10,12'), [[1, 4], [9, 10], [12, 12]]);
    for (const bad of ['', '0', '4-1', '1,,2', '1-', ' 1', '1-2-3', '1e3', '99999999999']) assert.equal(parseLineRanges(bad), undefined, bad);
  });
});

describe('provenance formats: placing claims in the working tree', () => {
  const claim = (path: string, lines: [number, number], over: Partial<Claim> = {}): Claim => ({
    format: 'agent-trace', key: 'k', where: 'w', path, lines, source: 'agent', confidence: 'medium', time: '2026-01-01T00:00:00.000Z', ...over,
  });

  it('makes whole-line unreviewed regions whose hash is the text of those lines', async () => {
    const placed = await placeClaims([claim('src/app.ts', [3, 5])], context());
    const [region] = placed.added['src/app.ts'];
    assert.deepEqual(region.range, { start: { line: 2, character: 0 }, end: { line: 4, character: 26 } });
    assert.equal(region.hash, regionHash(rangeText(FILES['src/app.ts'], region.range)));
    assert.match(rangeText(FILES['src/app.ts'], region.range), /^export async function load[\s\S]*JSON\.parse\(text\);$/);
    assert.match(region.id, /^agent-trace-[0-9a-f]{24}$/);
  });

  it('skips paths outside the repository, missing files and lines past the end', async () => {
    const placed = await placeClaims([
      claim('../../etc/passwd', [1, 1]), claim('/etc/passwd', [1, 1]), claim('src/gone.ts', [1, 1]), claim('src/app.ts', [13, 14]),
    ], context());
    assert.deepEqual(placed.imported, []);
    assert.deepEqual(placed.skipped.map((s) => s.reason), [
      'path "../../etc/passwd" climbs out of the repository (..)',
      'path "/etc/passwd" is an absolute path: record paths must be relative to the repository',
      'lines 13-14 of src/app.ts reach past the end of the file (12 lines)',
      'src/gone.ts does not exist in the working tree',
    ]);
  });

  it('trims blank lines, and ignores spans that are only blank', async () => {
    const placed = await placeClaims([claim('src/app.ts', [2, 3]), claim('src/app.ts', [6, 8]), claim('src/app.ts', [11, 11])], context());
    assert.deepEqual(placed.added['src/app.ts'].map((r) => regionLines(r.range)), [[3, 3], [6, 8]]);
    assert.deepEqual(placed.ignored.map((s) => s.reason), ['line 11 of src/app.ts is blank']);
  });

  it("keeps Vouch's own regions: an import covers only the lines they do not", async () => {
    const own: ProvenanceRegion = { id: 'mine', source: 'completion', confidence: 'high', time: 't', range: { start: { line: 3, character: 2 }, end: { line: 3, character: 20 } }, hash: 'h' };
    const placed = await placeClaims([claim('src/app.ts', [3, 5]), claim('src/app.ts', [4, 4])], context({ 'src/app.ts': [own] }));
    assert.deepEqual(placed.added['src/app.ts'].map((r) => regionLines(r.range)), [[3, 3], [5, 5]]);
    assert.equal(placed.unchanged.length, 1);
  });

  it('is idempotent: placing the same claims over their own result adds nothing', async () => {
    const claims = parseAgentTrace(fixture('traces.jsonl'), 'traces.jsonl').claims;
    const first = await placeClaims(claims, context());
    assert.equal(first.imported.length, 4);
    const again = await placeClaims(claims, context(first.added));
    assert.deepEqual(again.imported, []);
    assert.equal(again.unchanged.length, 4);
  });

  it('finds lines again when the file changed since the revision, and skips them when they are gone', async () => {
    const edited = { ...FILES, 'src/app.ts': '// header\n// more\n' + FILES['src/app.ts'].replace("  return list.length;\n", '  return list.length + 0;\n') };
    const placed = await placeClaims([
      claim('src/app.ts', [3, 5], { revision: COMMIT }), claim('src/app.ts', [8, 10], { revision: COMMIT }),
    ], context({}, edited, FILES));
    assert.deepEqual(placed.added['src/app.ts'].map((r) => regionLines(r.range)), [[5, 7]]);
    assert.match(placed.skipped[0].reason, /src\/app\.ts changed since commit aaaaaaaaaaaa: lines 8-10 are no longer there/);
  });

  it('git-ai lines need the file in their commit', async () => {
    const placed = await placeClaims([claim('src/app.ts', [1, 1], { format: 'git-ai', revision: COMMIT })], context({}, FILES, {}));
    assert.match(placed.skipped[0].reason, /not in commit aaaaaaaaaaaa/);
  });

  it('relocation is bounded on hostile repetitive text', () => {
    const lines = Array.from({ length: 200_000 }, () => 'x');
    const base = new LineTable([...lines.slice(0, 100_000), 'y']);
    const started = performance.now();
    assert.equal(relocate(base, new LineTable(lines), [1, 100_001]), undefined);
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(relocate(new LineTable(['a', 'b', 'c']), new LineTable(['z', 'a ', 'b', 'c', 'a', 'b', 'c']), [1, 3]), [2, 4]);
    assert.deepEqual(textLines('a\r\nb\n'), ['a', 'b']);
  });
});

describe('provenance formats: Vouch regions as Agent Trace and back', () => {
  const region = (id: string, source: ProvenanceRegion['source'], start: number, end: number, confidence: ProvenanceRegion['confidence'] = 'high'): ProvenanceRegion => {
    const range = { start: { line: start - 1, character: 0 }, end: { line: end - 1, character: textLines(FILES['src/app.ts'])[end - 1].length } };
    return { id, source, confidence, time: '2026-04-01T12:00:00.000Z', range, hash: regionHash(rangeText(FILES['src/app.ts'], range)) };
  };

  it('round trip: export then import into an empty record yields the same regions (new ids)', async () => {
    const regions = [region('r1', 'completion', 3, 5), region('r2', 'paste', 8, 10, 'medium'), region('r3', 'agent', 12, 12, 'low')];
    const exported: ExportRegion[] = regions.map((r) => ({ path: 'src/app.ts', region: r, lines: regionLines(r.range), revision: COMMIT }));
    const records = toAgentTrace(exported, '9.9.9');
    assert.equal(records.length, 3);
    assert.deepEqual(records[1], {
      version: '0.1.0', id: recordId('src/app.ts', 'r2'), timestamp: '2026-04-01T12:00:00.000Z', vcs: { type: 'git', revision: COMMIT },
      tool: { name: 'vouch', version: '9.9.9' },
      files: [{ path: 'src/app.ts', conversations: [{ contributor: { type: 'unknown' }, ranges: [{ start_line: 8, end_line: 10 }] }] }],
      metadata: { 'dev.vouch': { region: 'r2', source: 'paste', confidence: 'medium' } },
    });
    const parsed = parseAgentTrace(records.map((r) => JSON.stringify(r)).join('\n'), 'out.jsonl');
    assert.deepEqual(parsed.skipped, []);
    const placed = await placeClaims(parsed.claims, context({}, FILES, FILES));
    const strip = ({ id: _id, ...r }: ProvenanceRegion) => r;
    assert.deepEqual(placed.added['src/app.ts'].map(strip), regions.map(strip));
    // Into the workspace they came from: nothing new.
    assert.deepEqual((await placeClaims(parsed.claims, context({ 'src/app.ts': regions }))).imported, []);
  });

  it('record ids are UUIDs the schema accepts, the same for the same region', () => {
    const id = recordId('src/app.ts', 'r1');
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(recordId('src/app.ts', 'r1'), id);
    assert.notEqual(recordId('src/b.ts', 'r1'), id);
  });
});
