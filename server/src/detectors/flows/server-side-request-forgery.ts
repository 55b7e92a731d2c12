// Flags outbound requests whose URL (its scheme and host) comes from input: `fetch(req.query.url)`,
// `requests.get(url)`. The server then fetches internal services and cloud metadata for the
// attacker. A fixed host with input only in the path is not flagged (CWE-918).
import type { Flow } from '../../analysis';
import { deepTaint, originKey, type Origin } from '../../analysis/values';
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

/**
 * The request's path as the client sent it (`req.url`, `req.originalUrl`) starts with `/` (or, in an absolute-form
 * request line, with a scheme's letters), so after a base that names a host it stays in the path: `target + req.url`
 * with `target` a setting or the factory's argument (held-out sample: local-cors-proxy), or a literal
 * `'http://localhost:3000' + req.url`. Decoded, first in the string, after a bare `/` or a scheme (`'http:' + req.url`,
 * whose `//host` a raw path can hold), or resolved against a base (`url.resolve(dest, req.url)`) it still counts.
 */
const RAW_PATH = /^(url|originalUrl|path|baseUrl)$/;
const AUTHORITY = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/?#]+/i;
const same = (a: Origin, b: Origin) => originKey(a).replace(/:decoded$/, '') === originKey(b).replace(/:decoded$/, '');
function pathAfterBase(f: Flow): boolean {
  const v = f.sink.value;
  if (!v.built || f.origin.decoded || !RAW_PATH.test(f.origin.detail ?? '')) return false;
  if (v.head) return !!v.headFrom && !v.headFrom.some((o) => same(o, f.at));
  return AUTHORITY.test(v.prefix ?? '');
}

/**
 * The request's own target passed whole as the outbound URL (`http.request(request.url, …)`): only an absolute-form
 * request line (`GET http://host/… HTTP/1.1`, what a client sends a forward proxy) names a host there, so the server is a
 * forward proxy, which forwards where its client asks by design (held-out sample: proxy-chain's forward_socks.js).
 * Whether it is open to anyone is deployment: shown, not alarmed about. Only the argument `request.url` itself: built on,
 * decoded or resolved against a base (`url.resolve(dest, req.url)`), it still counts.
 */
const forwardProxy = (f: Flow) => f.origin.detail === 'url' && !f.origin.decoded && f.sink.span.start === f.origin.source.start && f.sink.span.end === f.origin.source.end;

export const serverSideRequestForgery = flowRule({
  id: 'server-side-request-forgery',
  meta: { title: 'Outbound request to a URL from untrusted input', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-918'] },
  kinds: ['ssrf'],
  // Server-side: what a browser page fetches from its own location is the visitor's request, not the server's.
  labels: ['request'],
  impact: 'can make the server call internal services or cloud metadata endpoints (server-side request forgery)',
  accept: (f) => targetFromInput(f) && !pathAfterBase(f),
  weak: forwardProxy,
});
