// Validates a SARIF log against the official SARIF 2.1.0 JSON schema (shipped by @microsoft/jest-sarif
// as sarif-2.1.0-rtm.5.json, the final 2.1.0 schema). The schema is draft-04; ajv 8 speaks draft-07,
// whose keywords the schema uses identically once `id` is renamed `$id`.
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';

let validate: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (validate) return validate;
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // The schema's `language` pattern has a stray `]` that only non-unicode regular expressions accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  validate = ajv.compile(schema);
  return validate;
}

/** Schema errors as readable lines; empty when the log is valid SARIF 2.1.0. */
export function sarifErrors(log: unknown): string[] {
  const v = schemaValidator();
  if (v(log)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
