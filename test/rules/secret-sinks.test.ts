// The secret-sink pack: it validates against its schema, its receivers compile, and its own samples
// behave (each `match` sample is reported by hardcoded-secret-in-sink at exactly its `value`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { LanguageId } from '../../server/src/core/types';
import { findingsOf } from '../detectors/harness';

const DIR = join(__dirname, '..', '..', 'rules', 'secret-sinks');
const pack = JSON.parse(readFileSync(join(DIR, 'sinks.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(DIR, 'schema.json'), 'utf8')));
const RULE = 'hardcoded-secret-in-sink';

interface Sample { language: LanguageId; code: string; value?: string }

describe('secret-sinks pack', () => {
  it('validates against rules/secret-sinks/schema.json', () => {
    assert.ok(validate(pack), JSON.stringify(validate.errors, null, 2));
  });
  it('receivers compile', () => {
    for (const c of pack.calls) if (c.receiver) assert.doesNotThrow(() => new RegExp(c.receiver), c.receiver);
  });
  (pack.tests.match as Sample[]).forEach((s, i) => {
    it(`match ${i + 1}: ${s.value}`, async () => {
      const found = await findingsOf(RULE, { code: s.code, language: s.language }, s.language);
      const quoted = s.code.lastIndexOf(`${s.value}'`);
      const start = quoted >= 0 ? quoted : s.code.lastIndexOf(s.value!); // a URL's password ends at `@`
      assert.deepEqual(found.map((f) => f.range.start.character + s.code.split('\n').slice(0, f.range.start.line).join('\n').length + (f.range.start.line ? 1 : 0)), [start]);
    });
  });
  (pack.tests.noMatch as Sample[]).forEach((s, i) => {
    it(`noMatch ${i + 1}`, async () => {
      const found = await findingsOf(RULE, { code: s.code, language: s.language }, s.language);
      assert.deepEqual(found.map((f) => f.message), []);
    });
  });
});
