// Flags redirects to a target taken from input: `res.redirect(req.query.next)`, `redirect(request.args
// ['next'])`, `location.href = params.get('to')`. Phishing links then bounce through the trusted
// domain. Relative targets with a fixed prefix and checked targets are not flagged (CWE-601).
import { controlsTarget, flowRule } from '../shared/flow-rule';

export const openRedirect = flowRule({
  id: 'open-redirect',
  meta: { title: 'Redirect to a target from untrusted input', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-601'] },
  kinds: ['redirect'],
  keywords: ['redirect', 'location', 'window.open'],
  labels: ['request', 'browser'],
  impact: 'can send users from your domain to any site (open redirect)',
  accept: (f) => controlsTarget(f.sink.value),
});
