// Flags input that is deserialised by formats that can build arbitrary objects: `pickle.loads`,
// `yaml.load` without a safe loader, `marshal`, `jsonpickle`, `node-serialize`. Loading them runs
// attacker code; JSON or `yaml.safe_load` is the fix (CWE-502).
import { flowRule } from '../shared/flow-rule';
import { safeLoadFix } from '../shared/flow-fixes';

export const unsafeDeserialization = flowRule({
  id: 'unsafe-deserialization',
  meta: { title: 'Untrusted data deserialised unsafely', family: 'missing-input-validation', severity: 'error', confidence: 'high', cwe: ['CWE-502'], fixable: true },
  kinds: ['deserialize'],
  // A command-line tool opening what its user names is its job: only web input counts here.
  labels: ['request', 'browser'],
  impact: 'can make the loader build objects that run code (unsafe deserialisation)',
  fix: safeLoadFix,
});
