// Flags request objects deep-merged into others (`_.merge(config, req.body)`), property paths from
// input (`_.set(obj, req.body.path, v)`) and nested computed writes (`obj[a][b] = v` with `a` from
// input): `__proto__` keys then change every object in the process (CWE-1321).
import { flowRule } from '../shared/flow-rule';

export const prototypePollution = flowRule({
  id: 'prototype-pollution',
  meta: { title: 'Object prototype writable from untrusted input', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-1321'] },
  kinds: ['prototype'],
  languages: ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'],
  labels: ['request', 'browser'],
  impact: 'can set `__proto__` properties that every object inherits (prototype pollution)',
  // A deep merge needs an object: parsed input that was not turned into a string (route params and
  // headers are always strings); paths and keys are dangerous as strings.
  accept: (f) => f.sink.model.what !== 'a deep merge' || (!f.origin.stringified && !f.sink.value.built && !/^(params|param|header)/.test(f.origin.detail ?? '')),
});
