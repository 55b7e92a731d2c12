// Flags redirects to a target taken from input: `res.redirect(req.query.next)`, `redirect(request.args
// ['next'])`, `location.href = params.get('to')`. Phishing links then bounce through the trusted
// domain. Relative targets with a fixed prefix and checked targets are not flagged (CWE-601).
import { controlsTarget, flowRule } from '../shared/flow-rule';

const SELF_URL = /^(url|originalUrl|path|baseUrl|hostname|host|path_info|full_path|get_full_path|build_absolute_uri|get_host|headers\.(?:x-forwarded-)?host)\b/i;
/** `req.get('host')`, `req.header('Host')`: the host the client asked for. */
const HOST_HEADER = /\.(?:get|header)\(\s*['"](?:x-forwarded-)?host['"]\s*\)$/i;

export const openRedirect = flowRule({
  id: 'open-redirect',
  meta: { title: 'Redirect to a target from untrusted input', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-601'] },
  kinds: ['redirect'],
  labels: ['request', 'browser'],
  impact: 'can send users from your domain to any site (open redirect)',
  // The request's own URL, path or host (Host header included: a browser sends the host it asked for)
  // sends the user back to this site (http → https, trailing slashes).
  accept: (f) => controlsTarget(f.sink.value) && !SELF_URL.test(f.origin.detail ?? '') && !HOST_HEADER.test(f.origin.sourceText),
});
