// `vouch scan --shard k/n` and `vouch merge`: the shards split the files deterministically (each file in
// exactly one shard, the same split on every run), and merging their JSON reports gives the full scan's
// findings, each once; a missing shard or a report that is not Vouch's is refused with exit 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt } from './cli.test';
import { inShard, parseShard } from '../../server/src/scan/shard';

const CLI = join(resolve(__dirname, '..', '..'), 'cli', 'out', 'vouch.js');
const KEY = (n: number) => `AKIAZ3MSJV2KD7QX${String(n).padStart(4, '0').replace(/\d/g, (d) => 'ABCDEFGHJK'[Number(d)])}`;

function vouch(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
type Report = { files: number; shard?: string; findings: Array<{ file: string; line: number; ruleId: string; findingId: string }>; suppressed: number };
const keys = (r: Report) => r.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort();

describe('cli: vouch scan --shard and vouch merge', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vouch-shard-'));
    for (let i = 0; i < 14; i++) {
      mkdirSync(join(dir, `pkg${i % 3}`), { recursive: true });
      writeFileSync(join(dir, `pkg${i % 3}`, `m${i}.js`), `// module ${i}\nconst key${i} = "${KEY(i)}";\n${i % 4 === 0 ? '// vouch-ignore-next-line aws-access-key-id: a fixture\nconst again = "' + KEY(100 + i) + '";\n' : ''}`);
    }
    writeFileSync(join(dir, 'tool.py'), 'import requests\nrequests.get("https://example.test", verify=False)\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('splits the files deterministically: every file in exactly one shard, whatever else exists', () => {
    const paths = Array.from({ length: 200 }, (_, i) => `src/dir${i % 7}/file${i}.ts`);
    const shards = [1, 2, 3, 4].map((k) => paths.filter((p) => inShard(p, { index: k - 1, count: 4 })));
    assert.equal(shards.flat().length, paths.length);
    assert.equal(new Set(shards.flat()).size, paths.length);
    assert.ok(shards.every((s) => s.length > 20), `balanced enough: ${shards.map((s) => s.length)}`);
    assert.equal(inShard('a\\b.ts', { index: 0, count: 3 }), inShard('a/b.ts', { index: 0, count: 3 }), 'Windows separators split the same');
    assert.deepEqual(parseShard('2/4'), { index: 1, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'x', '1/2/3']) assert.equal(typeof parseShard(bad), 'string', bad);
  });

  it('the merged shards equal the full scan: the same findings, each once, files added up', () => {
    const full = JSON.parse(vouch(['scan', '.', '--offline', '--fail-on', 'never', '--quiet'], dir).stdout) as Report;
    assert.ok(full.findings.length >= 15, `${full.findings.length}`);
    const out: string[] = [];
    for (const k of [1, 2, 3]) {
      const file = join(dir, `..`, `shard-${k}-${process.pid}.json`);
      const r = vouch(['scan', '.', '--offline', '--fail-on', 'never', '--quiet', '--shard', `${k}/3`, '--output', file], dir);
      assert.equal(r.code, 0, r.stderr);
      out.push(file);
    }
    try {
      const reports = out.map((f) => JSON.parse(require('node:fs').readFileSync(f, 'utf8')) as Report);
      assert.deepEqual(reports.map((r) => r.shard), ['1/3', '2/3', '3/3']);
      assert.equal(reports.reduce((n, r) => n + r.files, 0), full.files);
      const seen = reports.flatMap((r) => [...new Set(r.findings.map((f) => f.file))]);
      assert.equal(new Set(seen).size, seen.length, 'no file in two shards');
      const merged = vouch(['merge', ...out, '--fail-on', 'never'], dir);
      assert.equal(merged.code, 0, merged.stderr);
      const m = JSON.parse(merged.stdout) as Report & { shards: string[] };
      assert.deepEqual(keys(m), keys(full));
      assert.equal(m.files, full.files);
      assert.equal(m.suppressed, full.suppressed);
      assert.deepEqual(m.shards, ['1/3', '2/3', '3/3']);
      // The same shard twice adds nothing; SARIF and a failing gate work on the joined findings.
      assert.deepEqual(keys(JSON.parse(vouch(['merge', ...out, out[0], '--fail-on', 'never'], dir).stdout)), keys(full));
      const sarif = vouch(['merge', ...out, '--format', 'sarif'], dir);
      assert.equal(sarif.code, 1, 'errors among the joined findings fail the run');
      assert.equal(JSON.parse(sarif.stdout).version, '2.1.0');
      assert.equal(JSON.parse(sarif.stdout).runs[0].results.length, full.findings.length);
      // A missing shard is refused unless asked for.
      const partial = vouch(['merge', out[0], out[2]], dir);
      assert.equal(partial.code, 2);
      assert.match(partial.stderr, /shard 2\/3 missing/);
      assert.equal(vouch(['merge', out[0], out[2], '--allow-missing', '--fail-on', 'never'], dir).code, 0);
    } finally {
      for (const f of out) rmSync(f, { force: true });
    }
  });

  it('refuses what is not a Vouch JSON report, and bad arguments, with exit 2', () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"tool":{"name":"eslint"}}');
    const r = vouch(['merge', junk], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /junk\.json is not a Vouch JSON report/);
    writeFileSync(junk, 'not json');
    assert.match(vouch(['merge', junk], dir).stderr, /junk\.json is not JSON/);
    assert.equal(vouch(['merge'], dir).code, 2);
    assert.match(vouch(['scan', '.', '--shard', '4/3'], dir).stderr, /k must be between 1 and n/);
    rmSync(junk);
  });
});
