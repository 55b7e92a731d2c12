// Flags outbound requests whose URL (its scheme and host) comes from input: `fetch(req.query.url)`,
// `requests.get(url)`. The server then fetches internal services and cloud metadata for the
// attacker. A fixed host with input only in the path is not flagged (CWE-918).
import type { Flow } from '../../analysis';
import { deepTaint } from '../../analysis/values';
import { controlsTarget, flowRule } from '../shared/flow-rule';

/** Where a request-options object (`axios(config)`, `http.request(options)`) says to go. */
const TARGET_FIELDS = ['url', 'baseURL', 'uri', 'href', 'host', 'hostname', 'origin'];

/**
 * Whether the input decides the request's target. Given an options object, only its target fields
 * count: input in `data`, `params` or `headers` goes to the fixed host the object names (flowise's
 * FireCrawl client posting a query to its API).
 */
function targetFromInput(f: Flow): boolean {
  const v = f.sink.value;
  if (f.sink.model.field || !v.fields?.size || v.taint.length) return controlsTarget(v);
  // The field this flow's input arrived in (`at`: a helper's parameter for flows through summaries).
  return TARGET_FIELDS.some((k) => {
    const t = v.fields!.get(k);
    return !!t && deepTaint(t).includes(f.at) && controlsTarget(t);
  });
}

export const serverSideRequestForgery = flowRule({
  id: 'server-side-request-forgery',
  meta: { title: 'Outbound request to a URL from untrusted input', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-918'] },
  kinds: ['ssrf'],
  // Server-side: what a browser page fetches from its own location is the visitor's request, not the server's.
  labels: ['request'],
  impact: 'can make the server call internal services or cloud metadata endpoints (server-side request forgery)',
  accept: targetFromInput,
});
