// Every data rule: the pack validates against rules/schema.json, and each rule's own samples behave.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { PACKS } from '../../server/src/data-rules/packs';
import type { DataRule } from '../../server/src/data-rules/types';
import type { LanguageId } from '../../server/src/core/types';
import { applyEdits, findingsOf } from '../detectors/harness';

const RULES_DIR = join(__dirname, '..', '..', 'rules');
const schema = JSON.parse(readFileSync(join(RULES_DIR, 'schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function sampleLanguage(rule: DataRule): LanguageId {
  if (rule.tests.language) return rule.tests.language as LanguageId;
  return rule.languages === '*' ? 'plaintext' : (rule.languages[0] as LanguageId);
}

describe('rule packs', () => {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.json') && f !== 'schema.json');
  it('every pack file is registered in data-rules/packs.ts', () => {
    assert.deepEqual(files.map((f) => JSON.parse(readFileSync(join(RULES_DIR, f), 'utf8')).pack).sort(), PACKS.map((p) => p.pack).sort());
  });
  for (const f of files) {
    it(`${f} validates against rules/schema.json`, () => {
      const ok = validate(JSON.parse(readFileSync(join(RULES_DIR, f), 'utf8')));
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    });
  }
  it('rule ids are unique across packs', () => {
    const ids = PACKS.flatMap((p) => p.rules.map((r) => r.id));
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });

  for (const pack of PACKS) {
    describe(`pack ${pack.pack}`, () => {
      for (const rule of pack.rules) {
        const language = sampleLanguage(rule);
        rule.tests.match.forEach((code, i) => {
          it(`${rule.id} matches sample ${i + 1}`, async () => {
            const found = await findingsOf(rule.id, { code, language }, language);
            assert.ok(found.length > 0, `no finding in: ${code}`);
            const fixed = rule.tests.fixed?.[i];
            if (fixed !== undefined) assert.equal(applyEdits(code, found.flatMap((x) => x.fix?.edits ?? [])), fixed);
          });
        });
        rule.tests.noMatch.forEach((code, i) => {
          it(`${rule.id} ignores sample ${i + 1}`, async () => {
            assert.deepEqual((await findingsOf(rule.id, { code, language }, language)).map((x) => x.message), []);
          });
        });
      }
    });
  }
});
