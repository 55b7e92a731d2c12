// Flags input written into HTML: `el.innerHTML = …`, `dangerouslySetInnerHTML`, `document.write`,
// `res.send('<p>' + req.query.q)`, Flask views returning f-strings, `Markup(x)`, `mark_safe(x)`.
// Assistants build HTML by concatenation; escaping or `textContent` is the fix (CWE-79).
import { flowRule } from '../shared/flow-rule';
import { textContentFix } from '../shared/flow-fixes';

const WHOLE_OBJECT = /^(body|query|params|headers|cookies|files|data|json|form|args|values|GET|POST)$/;

export const crossSiteScripting = flowRule({
  id: 'cross-site-scripting',
  meta: { title: 'Untrusted input written into HTML', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-79'], fixable: true },
  kinds: ['html', 'html-response'],
  labels: ['request', 'browser'],
  impact: 'can run script in other users\' browsers (cross-site scripting)',
  accept(f) {
    if (f.sink.kind !== 'html-response') return true;
    // A response body that is the input itself or a string built from it; objects are sent as JSON.
    const own = f.sink.value.taint.includes(f.at);
    return own && (!!f.sink.value.built || !WHOLE_OBJECT.test(f.origin.detail ?? ''));
  },
  fix: textContentFix,
});
