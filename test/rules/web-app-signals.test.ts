// The web-app signals pack (rules/web-app-signals/signals.json) validates against its schema; the rules that
// read it have their own tables (test/detectors/cors-open-to-any-origin, rate-limit-key-spoofable).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';

const DIR = join(__dirname, '..', '..', 'rules', 'web-app-signals');
const pack = JSON.parse(readFileSync(join(DIR, 'signals.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(DIR, 'schema.json'), 'utf8')));

describe('web-app-signals pack', () => {
  it('validates against rules/web-app-signals/schema.json', () => {
    assert.ok(validate(pack), JSON.stringify(validate.errors, null, 2));
  });
  it('lists no name twice across the JS auth packages and the CORS or rate-limit modules', () => {
    const auth = new Set<string>(pack.auth.js.packages);
    assert.deepEqual([...pack.cors.js, ...pack.rateLimit.js.packages].filter((m: string) => auth.has(m)), []);
  });
});
