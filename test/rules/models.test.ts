// Every model pack: it validates against rules/models/schema.json, is registered, its regexes compile,
// and its own samples behave (each `match` sample makes its rule fire, each `noMatch` does not).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { MODEL_PACKS } from '../../server/src/analysis/model-packs';
import type { ModelPack, ModelSample } from '../../server/src/analysis/model-types';
import type { LanguageId } from '../../server/src/core/types';
import { findingsOf } from '../detectors/harness';

const DIR = join(__dirname, '..', '..', 'rules', 'models');
const schema = JSON.parse(readFileSync(join(DIR, 'schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function languageOf(pack: ModelPack, s: ModelSample): LanguageId {
  return (s.language as LanguageId | undefined) ?? (pack.languages[0] === 'python' ? 'python' : 'typescript');
}

/** Every regex a pack holds (receivers, conditions, sanitizer arguments). */
function regexes(pack: ModelPack): string[] {
  const out: string[] = [];
  const visit = (v: unknown, key = ''): void => {
    if (typeof v === 'string' && ['receiver', 'receiverCall', 'matches', 'regex', 'valuePrefix'].includes(key) && !v.startsWith('@')) out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => visit(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'tests') visit(x, k);
  };
  visit(pack);
  return out;
}

describe('model packs', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'schema.json');
  it('names a callee in one propagator per language and receiver: the first that matches wins, so a later one would be dead', () => {
    const seen = new Map<string, string>();
    const dead: string[] = [];
    for (const pack of MODEL_PACKS) {
      (pack.propagators ?? []).forEach((p, i) => {
        const callees = [p.callee ?? []].flat();
        for (const language of pack.languages) {
          for (const c of new Set(callees)) {
            const key = `${language} ${c} ${p.receiver ?? ''}`;
            const where = `${pack.model}#${i}`;
            if (seen.has(key)) dead.push(`${key}: ${seen.get(key)} and ${where}`);
            else seen.set(key, where);
          }
          if (callees.length !== new Set(callees).size) dead.push(`${pack.model}#${i} lists a callee twice`);
        }
      });
    }
    assert.deepEqual(dead, []);
  });

  it('every pack file is registered in analysis/model-packs.ts', () => {
    assert.deepEqual(files.map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')).model).sort(), MODEL_PACKS.map((p) => p.model).sort());
  });
  for (const f of files) {
    it(`${f} validates against rules/models/schema.json`, () => {
      assert.ok(validate(JSON.parse(readFileSync(join(DIR, f), 'utf8'))), JSON.stringify(validate.errors, null, 2));
    });
  }
  for (const pack of MODEL_PACKS) {
    describe(`model ${pack.model}`, () => {
      it('regexes compile', () => {
        for (const r of regexes(pack)) assert.doesNotThrow(() => new RegExp(r), r);
      });
      pack.tests.match.forEach((s, i) => {
        it(`match ${i + 1}: ${s.rule}`, async () => {
          const found = await findingsOf(s.rule, { code: s.code, language: languageOf(pack, s) }, languageOf(pack, s));
          assert.ok(found.length > 0, `expected ${s.rule} on:\n${s.code}`);
        });
      });
      pack.tests.noMatch.forEach((s, i) => {
        it(`noMatch ${i + 1}: ${s.rule}`, async () => {
          const found = await findingsOf(s.rule, { code: s.code, language: languageOf(pack, s) }, languageOf(pack, s));
          assert.deepEqual(found.map((x) => x.message), []);
        });
      });
    });
  }
});
