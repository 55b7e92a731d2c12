// Flags MongoDB filters taken from request objects: `User.findOne({ user: req.body.user, pass:
// req.body.pass })` accepts `{ "$ne": null }` and logs anyone in; `$where` runs JavaScript. Assistants
// pass parsed JSON straight into filters because the driver accepts it (CWE-943).
import { flowRule } from '../shared/flow-rule';

export const nosqlInjection = flowRule({
  id: 'nosql-injection',
  meta: { title: 'Database filter from untrusted input', family: 'missing-input-validation', severity: 'error', confidence: 'high', cwe: ['CWE-943'] },
  kinds: ['nosql', 'nosql-where'],
  labels: ['request'],
  impact: 'can inject query operators such as `$ne` or `$where` and match records it should not (NoSQL injection)',
  accept(f, ctx) {
    if (f.sink.kind === 'nosql-where') return true;
    // Python frameworks parse query strings and forms into strings; only JSON bodies hold objects.
    if (ctx.languageId === 'python' && !/^(json|get_json|data)/.test(f.origin.detail ?? '')) return false;
    // Route parameters are always strings; values turned into strings cannot carry operators.
    const detail = f.origin.detail ?? '';
    return !f.origin.stringified && !f.sink.value.built && !detail.startsWith('params') && !detail.startsWith('param') && !detail.startsWith('header');
  },
});
