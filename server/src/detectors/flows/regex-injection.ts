// Flags regular expressions compiled from input (`new RegExp(req.query.q)`, `re.compile(term)`):
// a crafted pattern hangs the process with catastrophic backtracking or matches what it should not.
// Escape the input (`escapeRegExp`, `re.escape`) to search for it literally (CWE-1333, CWE-625).
import { flowRule } from '../shared/flow-rule';

export const regexInjection = flowRule({
  id: 'regex-injection',
  meta: { title: 'Regular expression from untrusted input', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-1333', 'CWE-625'] },
  kinds: ['regex'],
  labels: ['request', 'browser'],
  impact: 'can write a pattern that hangs the process or matches what it should not (regular expression injection)',
});
