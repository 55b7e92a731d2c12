// Flags outbound requests whose URL (its scheme and host) comes from input: `fetch(req.query.url)`,
// `requests.get(url)`. The server then fetches internal services and cloud metadata for the
// attacker. A fixed host with input only in the path is not flagged (CWE-918).
import { controlsTarget, flowRule } from '../shared/flow-rule';

export const serverSideRequestForgery = flowRule({
  id: 'server-side-request-forgery',
  meta: { title: 'Outbound request to a URL from untrusted input', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-918'] },
  kinds: ['ssrf'],
  // Server-side: what a browser page fetches from its own location is the visitor's request, not the server's.
  labels: ['request'],
  impact: 'can make the server call internal services or cloud metadata endpoints (server-side request forgery)',
  accept: (f) => controlsTarget(f.sink.value),
});
