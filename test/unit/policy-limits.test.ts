// Issue 7, defect 7: a hostile `.vouch.json` is refused by size and depth before it is parsed, an
// over-long glob is dropped with a problem, and the CLI says so (exit 2), never "internal error".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isIncluded, mergeSettings, sanitizeSettings } from '../../server/src/core/config';
import { jsonShapeProblem, MAX_POLICY_DEPTH, preview } from '../../server/src/core/json-limits';
import { readConfigFile } from '../../server/src/scan/config-file';
import { ensureBuilt } from './cli.test';

const CLI = join(resolve(__dirname, '..', '..'), 'cli', 'out', 'vouch.js');
const deep = (n: number) => `{ "models": ${'['.repeat(n)}${']'.repeat(n)} }`;

describe('policy file limits (issue 7)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-limits-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('refuses deep nesting and huge files before parsing; brackets in strings and comments do not count', () => {
    assert.match(jsonShapeProblem(deep(200_000)) ?? '', /nested more than/);
    assert.equal(jsonShapeProblem(deep(MAX_POLICY_DEPTH - 2)), undefined);
    assert.equal(jsonShapeProblem(`{ "a": "${'['.repeat(1000)}", /* ${'{'.repeat(1000)} */ "b": 1 } // ${'['.repeat(99)}`), undefined);
    assert.equal(jsonShapeProblem('{ "a": "\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" }'), undefined, 'escaped quotes stay inside the string');
    assert.match(jsonShapeProblem(' '.repeat(2_000_001)) ?? '', /characters long/);
    const r = readConfigFile(file('deep.json', deep(200_000)));
    assert.match(r.error ?? '', /is not used: values are nested more than \d+ levels deep/);
    assert.deepEqual(r.settings, {});
  });

  it('drops globs that are too long or brace bombs, keeps the rest, and marks the file refused', () => {
    const problems: string[] = [];
    const refused: string[] = [];
    const s = sanitizeSettings({ exclude: ['a'.repeat(70_000), 'gen/**'], include: ['{a,b}'.repeat(40)] }, problems, refused);
    assert.deepEqual(s.exclude, ['gen/**']);
    assert.match(problems.join('\n'), /exclude: ignored "a+… \(70002 characters\): too long/);
    assert.equal(refused.length, 1);
    const start = Date.now();
    assert.equal(isIncluded('src/a.js', mergeSettings(s)), false, 'the brace set compiles, bounded');
    assert.ok(Date.now() - start < 2000);
    const r = readConfigFile(file('glob.json', JSON.stringify({ minimumConfidence: 'high', exclude: ['x'.repeat(70_000)] })));
    assert.match(r.error ?? '', /exclude: ignored .* too long/);
    assert.equal(r.settings.minimumConfidence, 'high', 'the editor keeps the rest');
  });

  it('messages never print a whole value, nor overflow on a deep one', () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    assert.match(preview(v), /array/);
    assert.ok(preview('z'.repeat(10_000)).length < 100);
    assert.doesNotThrow(() => sanitizeSettings({ enable: v, include: v, models: { sinks: [{ kind: v }] } }));
  });

  it('the CLI stops with a clear error (exit 2), not an internal error', () => {
    ensureBuilt();
    for (const [name, text, expected] of [
      ['deep', deep(200_000), /\.vouch\.json is not used: values are nested more than/],
      ['glob', JSON.stringify({ exclude: ['a'.repeat(70_000)] }), /\.vouch\.json: exclude: ignored .* too long/],
    ] as const) {
      const root = mkdtempSync(join(dir, `${name}-`));
      writeFileSync(join(root, '.vouch.json'), text);
      writeFileSync(join(root, 'a.js'), 'module.exports = 1;\n');
      const r = spawnSync(process.execPath, [CLI, 'scan', '--offline', '--quiet'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, expected);
      assert.doesNotMatch(r.stderr, /internal error|please report/i);
    }
  });
});
