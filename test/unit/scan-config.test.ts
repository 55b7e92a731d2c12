// Policy file reading: missing, malformed, wrong type and unknown keys are told apart.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfigFile } from '../../server/src/scan/config-file';

describe('scan: policy file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-cfg-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('a policy file cannot choose the key that signs a person\'s reviews; it can turn signing and verdict policy on', () => {
    const r = readConfigFile(file('sign.json', JSON.stringify({ review: { sign: true, signingKey: './evil_key' }, verdict: { alwaysReview: ['infra/**'] } })));
    assert.deepEqual(r.settings.review, { sign: true });
    assert.deepEqual(r.settings.verdict, { alwaysReview: ['infra/**'] });
    assert.ok(r.problems.some((p) => /review\.signingKey: ignored in the policy file/.test(p)), r.problems.join('\n'));
  });

  it('a missing file is marked missing, not an error', () => {
    const r = readConfigFile(join(dir, 'none.json'));
    assert.equal(r.missing, true);
    assert.equal(r.error, undefined);
  });

  it('malformed JSON is an error with line and column, and keeps what parsed for the editor', () => {
    const r = readConfigFile(file('bad.json', '{\n  "minimumConfidence": "high",\n  "rules": { "a": "off" \n'));
    assert.match(r.error ?? '', /bad\.json is not valid JSON: \w+ at line \d+, column \d+/);
    assert.equal(r.settings.minimumConfidence, 'high');
  });

  it('comments and trailing commas are fine; empty files are empty policies', () => {
    const r = readConfigFile(file('ok.json', '// policy\n{ "exclude": ["gen/**",], }\n'));
    assert.equal(r.error, undefined);
    assert.deepEqual(r.settings.exclude, ['gen/**']);
    assert.deepEqual(readConfigFile(file('empty.json', '  \n')), { settings: {}, problems: [], path: join(dir, 'empty.json') });
  });

  it('a non-object or a folder is an error; unknown keys are problems only', () => {
    assert.match(readConfigFile(file('arr.json', '[1, 2]')).error ?? '', /must contain a JSON object/);
    mkdirSync(join(dir, 'folder.json'));
    assert.match(readConfigFile(join(dir, 'folder.json')).error ?? '', /is a folder/);
    const r = readConfigFile(file('unknown.json', '{ "rulez": {} }'));
    assert.equal(r.error, undefined);
    assert.match(r.problems.join('\n'), /unknown key "rulez"/);
  });
});
