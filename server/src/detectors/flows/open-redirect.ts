// Flags redirects to a target taken from input: `res.redirect(req.query.next)`, `redirect(request.args
// ['next'])`, `location.href = params.get('to')`. Phishing links then bounce through the trusted
// domain. Relative targets with a fixed prefix and checked targets are not flagged (CWE-601).
import type { Flow } from '../../analysis';
import { controlsTarget, flowRule } from '../shared/flow-rule';
import { pageOriginHead, pageParamSet } from '../shared/page-origin';

const SELF_URL = /^(url|originalUrl|path|baseUrl|hostname|host|path_info|full_path|get_full_path|build_absolute_uri|get_host|headers\.(?:x-forwarded-)?host)\b/i;
/**
 * A request handed in as a parameter (Tryton's `def html_editor(request, …)`) names its fields after itself:
 * `request.url`. Only its absolute URL forms count as its own there — scheme and host included, so a path
 * such as `//evil.example` stays on this site; a bare path does not (`urljoin(host, request.path)` follows it).
 */
const OWN_ABSOLUTE = /^(?:url|base_url|host_url|url_root|build_absolute_uri\(\))$/;
function ownAbsoluteUrl(f: Flow): boolean {
  const { detail = '', sourceText } = f.origin;
  return /^[A-Za-z_]\w*$/.test(sourceText) && detail.startsWith(`${sourceText}.`) && OWN_ABSOLUTE.test(detail.slice(sourceText.length + 1));
}

/** `req.get('host')`, `req.header('Host')`: the host the client asked for. */
const HOST_HEADER = /\.(?:get|header)\(\s*['"](?:x-forwarded-)?host['"]\s*\)$/i;

/**
 * A request header: a link or a form cannot set one (a custom header needs script and a CORS preflight),
 * and the Referer a link sends names the attacker's own page, where the user came from (saltcorn's
 * "back" redirects, its `scgotourl` header): shown at low confidence.
 */
const HEADER = /^headers?\b/;
/** Django's copy of the request headers (`request.META.get('HTTP_REFERER')`, django-rq's "back"), and the page the user
 *  came from (`document.referrer`, etherpad's "return to pad"), as above. */
const META_HEADER = /\bMETA\b\s*(?:\.\s*get\s*\(|\[)\s*['"]HTTP_/;
const REFERRER = /^(?:window\.)?document\.referrer\b/;

/** The page's own URL (`location.href`, `document.URL`). */
const PAGE_URL = /^(?:window\.|document\.)?location(?:\.href)?$|^document\.(?:URL|documentURI|baseURI)$/;

/**
 * The page's own URL used whole (`const { callbackUrl = window.location.href } = options`, next-auth), also through a
 * helper of the file that redirects with it as it came (jquery-pjax's `locationReplace(location.href)`): the user stays
 * on this site. Passed into another call (`new URL(location.href)`) or read further, it is parsed for a part the
 * attacker wrote, and still counts.
 */
function ownPage(f: Flow, text: string): boolean {
  if (f.origin.label !== 'browser') return false;
  if (ownPrefix(text.slice(f.origin.source.start, f.origin.source.end)) || upALevel(f, text)) return true;
  if (!PAGE_URL.test(f.origin.sourceText)) return false;
  const next = /^\s*(\S)/.exec(text.slice(f.origin.source.end))?.[1];
  const prev = /(\S)\s*$/.exec(text.slice(Math.max(0, f.origin.source.start - 80), f.origin.source.start))?.[1];
  // An argument (`new URL(location.href)`) but not to a helper redirecting with it as it came, or read further (`.split(…)`).
  const whole = f.origin.via === 'summary' && f.at.param?.path.length === 0 && f.origin.detail === f.origin.sourceText;
  const argument = (prev === '(' || prev === ',') && (next === ')' || next === ',') && !whole;
  return !argument && next !== '.' && next !== '[';
}

/**
 * A leading slice of the page's own URL (`location.href.substring(0, location.href.lastIndexOf('/'))`,
 * `href.split('#')[0]`, etherpad's "back to pad") keeps its scheme and host: the user stays on this site.
 */
const PAGE_HEAD = /^((?:window\.|document\.)?location(?:\.href)?|document\.(?:URL|documentURI|baseURI))\s*\.\s*(?:(?:substring|slice|substr)\s*\(\s*0\s*,|split\s*\()/;
/**
 * The page's own URL with one word swapped for another (`location.href.replace('inspector.html', 'toolbox.html')`,
 * node-inspector): no `/`, `:` or `@` in either literal, so the scheme and host stay. A whole path segment
 * swapped for another (`location.href.replace('/-/', '/#/')`, docsify's old-style links): `/x/` cannot match
 * inside `scheme://host`, and one slash on each side of the new text cannot start a new host.
 */
const PAGE_SWAP = /^(?:(?:window\.|document\.)?location(?:\.href)?|document\.(?:URL|documentURI|baseURI))(?:\s*\.\s*replace(?:All)?\(\s*(?:(['"])[\w.-]+\1|(['"])\/[\w.-]+\/\2)\s*,\s*(?:(['"])[\w.-]*\3|(['"])\/[\w.#?-]+\/\4)\s*\))+$/;
function ownPrefix(source: string): boolean {
  if (PAGE_SWAP.test(source)) return true;
  const m = PAGE_HEAD.exec(source);
  if (!m) return false;
  let depth = 0;
  let end = -1;
  for (let i = m[0].lastIndexOf('('); i < source.length && end < 0; i++) {
    if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) end = i;
  }
  const rest = end < 0 ? null : source.slice(end + 1).replace(/\s+/g, '');
  // Leading slices of a leading slice (`href.split('#')[0].split('?')[0]`, ioBroker vis's "open project") keep it too.
  return /^(?:\[0\])?(?:\.split\((['"`])[^'"`]*\1\)\[0\])*$/.test(rest ?? '-') && (!m[0].includes('split') || rest!.startsWith('[0]'));
}

/**
 * The page's own URL split into parts that lose only trailing ones before they are joined again (`parts =
 * location.href.split('/'); parts.pop(); location = parts.join('/')`, raneto's "close edit"): the scheme and host stay.
 */
function upALevel(f: Flow, text: string): boolean {
  const source = text.slice(f.origin.source.start, f.origin.source.end);
  if (!PAGE_HEAD.test(source) || !/split\s*\([^()]*\)$/.test(source)) return false;
  const name = /(?:^|[^\w$.])([\w$]+)\s*=\s*$/.exec(text.slice(Math.max(0, f.origin.source.start - 80), f.origin.source.start))?.[1];
  if (!name) return false;
  const uses = [...text.slice(f.origin.source.end, f.sink.call.end).matchAll(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])\\s*(\\.\\s*\\w+)?`, 'g'))].map((u) => (u[1] ?? '').replace(/[\s.]/g, ''));
  return uses.at(-1) === 'join' && uses.every((u) => u === 'pop' || u === 'join' || u === 'length');
}

/**
 * The page's own URL parsed whole into a URL object that is sent back whole (`const url = new URL(location.href);
 * url.searchParams.set('page', n); location.href = url.href`, evershop's admin grids): search, hash and path edits keep
 * its scheme and host. Setting its href, protocol, host, hostname or port on the way, or the variable anew, counts.
 */
function ownUrlObject(f: Flow, text: string): boolean {
  if (f.origin.label !== 'browser' || f.sink.helper || !PAGE_URL.test(f.origin.sourceText)) return false;
  const before = text.slice(Math.max(0, f.origin.source.start - 80), f.origin.source.start);
  const name = /(?:^|[^\w$.])([\w$]+)\s*=\s*new\s+URL\(\s*$/.exec(before)?.[1];
  if (!name || !/^\s*\)\s*(?![\s.[?(])/.test(text.slice(f.origin.source.end)) || f.sink.span.start < f.origin.source.end) return false;
  // What the sink is given: an assignment's right side, or a call's first argument (`location.assign(url)`).
  const sink = text.slice(f.sink.span.start, f.sink.span.end).replace(/\s+/g, '');
  const sent = (/^[\w$.]+=(?!=)(.*?);?$/.exec(sink) ?? /^[\w$.]+\((.*?)(?:,[^()]*)?\);?$/.exec(sink))?.[1];
  if (!sent || ![name, `${name}.href`, `${name}.toString()`, `String(${name})`].includes(sent)) return false;
  const id = name.replace(/\$/g, '\\$');
  const set = new RegExp(`(?<![\\w$.])${id}(?:\\s*\\.\\s*(?:href|protocol|host|hostname|port))?\\s*=(?!=)`);
  return !set.test(text.slice(f.origin.source.end, f.sink.call.start));
}

export const openRedirect = flowRule({
  id: 'open-redirect',
  meta: { title: 'Redirect to a target from untrusted input', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-601'] },
  kinds: ['redirect'],
  labels: ['request', 'browser'],
  impact: 'can send users from your domain to any site (open redirect)',
  // The request's own URL, path or host (Host header included: a browser sends the host it asked for)
  // sends the user back to this site (http → https, trailing slashes).
  weak: (f) => HEADER.test(f.origin.detail ?? '') || META_HEADER.test(f.origin.sourceText) || (f.origin.label === 'browser' && REFERRER.test(f.origin.sourceText)),
  // The page's origin first: a `/` or its own path next keeps the user on this site, input next does not
  // (`location.origin + next` with `next` = `@evil.example`).
  accept: (f, ctx) => {
    const origin = pageOriginHead(f, ctx.text);
    return (controlsTarget(f.sink.value) || origin === 'open') && origin !== 'own' && !SELF_URL.test(f.origin.detail ?? '') && !ownAbsoluteUrl(f)
      && !HOST_HEADER.test(f.origin.sourceText) && !ownPage(f, ctx.text) && !ownUrlObject(f, ctx.text) && !pageParamSet(f, ctx.text);
  },
});
