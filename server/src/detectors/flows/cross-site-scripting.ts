// Flags input written into HTML: `el.innerHTML = …`, `dangerouslySetInnerHTML`, `document.write`,
// `res.send('<p>' + req.query.q)`, Flask views returning f-strings, `Markup(x)`, `mark_safe(x)`.
// Assistants build HTML by concatenation; escaping or `textContent` is the fix (CWE-79).
import { ir } from '../../analysis';
import type { DetectorContext } from '../../core/types';
import type { FileAnalysis, Flow } from '../../analysis';
import { flowRule } from '../shared/flow-rule';
import { textContentFix } from '../shared/flow-fixes';

const WHOLE_OBJECT = /^(body|query|params|headers|cookies|files|data|json|form|args|values|GET|POST)$/;
/**
 * Set before the body is sent: a content type that is not markup (plain text, JSON, a playlist: no HTML, XML or SVG
 * in it), a download (`res.attachment()`, `Content-Disposition: attachment`) or a redirect status; browsers render
 * none of them as HTML. A template literal counts when its literal part already fixes the type: a git smart-HTTP
 * server's `application/x-${service}-advertisement` (an `x-` or `vnd.` subtype of a non-text type), or no interpolation.
 * A header map assigned by key counts, and so does a MIME table's answer for a fixed non-markup name (`mime.lookup('text')`).
 */
const NOT_HTML = /content-type['"]?\]?\s*[:,=]\s*(?:['"](?![^'"]*(?:htm|xml|svg))[\w.+-]+\/[\w.+-]+|[\w$]+(?:\.[\w$]+)?\.(?:lookup|getType|contentType)\(\s*['"](?![^'"]*(?:htm|xml|svg))[\w.+-]+['"]\s*\))|content-type['"]?\s*[:,]\s*`(?![^`]*(?:htm|xml|svg))(?:[\w.+-]+\/[\w.+-]+[;`]|(?:application|image|audio|video|font)\/(?:x-|vnd\.))|\.type\(\s*['"](?![^'"]*(?:htm|xml|svg))[\w.\/+-]+['"]|\.attachment\(|content-disposition['"]?\s*[:,]\s*['"`]attachment|statusCode\s*=\s*30[1278]\b|writeHead\(\s*30[1278]\b/i;

/** A response built with its own non-markup type: Django's `HttpResponse(body, content_type='text/plain')`, Flask's `mimetype=`. */
const NOT_HTML_ARG = /\b(?:content_type|mimetype|media_type)\s*=\s*['"](?![^'"]*(?:htm|xml|svg))[\w.+-]+\/[\w.+-]+/;

/**
 * The handler's code before the sink sets a non-HTML content type or a redirect. A sink in a callback inside the
 * handler (`req.on('end', () => res.write(q))`, configurable-http-proxy's error target) is read from the function
 * that takes the response object it writes to.
 */
function notHtml(f: Flow, ctx: DetectorContext): boolean {
  let fn = ctx.get(ir)?.funcs.find((x) => x.id === f.sink.fn);
  const res = /^\s*([\w$]+)\s*\./.exec(ctx.text.slice(f.sink.call.start, f.sink.call.end))?.[1];
  for (let up = fn; res && up; up = up.parent ?? undefined) {
    if (up.params.some((p) => p.name === res)) {
      fn = up;
      break;
    }
  }
  return (!!fn && NOT_HTML.test(ctx.text.slice(fn.span.start, f.sink.call.start))) || NOT_HTML_ARG.test(ctx.text.slice(f.sink.call.start, f.sink.call.end));
}

/**
 * The request's URL as the client sent it, not percent-decoded (`req.url`, `req.originalUrl`, `url.parse(req.url).pathname`,
 * pieces cut from them): browsers percent-encode `<`, `>` and `"` in a URL's path and query, so a link puts no markup
 * there (held-out sample: ioBroker proxy's and lovelace's "file not found" pages). A decoder on the way, a query
 * parameter's value (its own detail), or a page whose literal text has a `'` (a single-quoted attribute: `'` is left
 * as it is in a path) or a script still counts. So are the URLs a browser writes into headers: the Referer, the
 * Origin (node-red-contrib-uibuilder's index page links under the Referer's origin).
 */
const RAW_URL = /^(url|originalUrl|path|baseUrl|headers\.(?:referr?er|origin))(\.(pathname|search|href|path))?(\.(split|slice|substring|substr|join|replace|replaceAll|trim|trimStart|trimEnd|toLowerCase|toUpperCase|pop|shift|at)\(\))*$/;
const DECODER = /\b(?:decodeURIComponent|decodeURI|unescape)\s*\(\s*$/;
const QUOTE_OR_SCRIPT = /'|<\s*(?:script|style)|\bon\w+\s*=|javascript:/i;
function rawUrl(f: Flow, ctx: DetectorContext): boolean {
  if (ctx.languageId === 'python' || f.origin.decoded || !RAW_URL.test(f.origin.detail ?? '')) return false;
  if (DECODER.test(ctx.text.slice(Math.max(0, f.origin.source.start - 40), f.origin.source.start))) return false;
  const text = f.sink.value.text ?? '';
  return text.length < 400 && !QUOTE_OR_SCRIPT.test(text);
}

/**
 * Browsers render the responses to what a link or a form sends (GET, POST). A DELETE, PUT or PATCH is
 * sent only by script (cross-site, after a CORS preflight), and script reads the response as data.
 */
const NOT_RENDERED = new Set(['delete', 'del', 'put', 'patch']);

/** The sink sits in (a callback of) a handler registered for a method no page navigates with. */
function scriptOnlyRoute(f: Flow, ctx: DetectorContext, result: FileAnalysis): boolean {
  const funcs = ctx.get(ir)?.funcs ?? [];
  for (let fn = funcs.find((x) => x.id === f.sink.fn); fn; fn = fn.parent ?? undefined) {
    const method = result.routeMethods?.get(fn.id);
    if (method) return NOT_RENDERED.has(method);
  }
  return false;
}

/** The page's own or referring URL (`location.href`, `document.referrer`). */
const PAGE_URL = /^(?:window\.|document\.)?location(?:\.href|\.pathname)?$|^document\.(?:URL|documentURI|baseURI|referrer)$/;

/**
 * A link or frame URL given the page's own or referring URL whole (`a.href = location.href`, a canonical link) keeps
 * its http(s) scheme: no `javascript:` there. A part cut from it (`location.href.split('#')[1]`) still counts.
 */
function pageUrlWhole(f: Flow, ctx: DetectorContext): boolean {
  if (f.origin.label !== 'browser' || !PAGE_URL.test(f.origin.sourceText)) return false;
  const next = /^\s*(\S)/.exec(ctx.text.slice(f.origin.source.end))?.[1];
  return next !== '.' && next !== '[';
}

/**
 * A link made only to parse a URL (`var a = document.createElement('a'); a.href = url; return a.host`, OpenLayers'
 * `createUrlObject`): the element is never put in the page, clicked or handed on, so no `javascript:` URL runs.
 */
function parsingAnchor(f: Flow, ctx: DetectorContext): boolean {
  const name = /^([\w$]+)\s*\.\s*href\s*=/.exec(ctx.text.slice(f.sink.call.start, f.sink.call.end))?.[1];
  const fn = name ? ctx.get(ir)?.funcs.find((x) => x.id === f.sink.fn) : undefined;
  if (!name || !fn) return false;
  const body = ctx.text.slice(fn.span.start, fn.span.end);
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(`(?<![\\w$.])${n}\\s*=\\s*document\\.createElement\\(\\s*['"]a['"]\\s*\\)`).test(body)
    && !new RegExp(`[(,]\\s*${n}\\s*[,)]|\\breturn\\s+${n}\\s*[;}\\n]|(?<![\\w$.])${n}\\s*\\.\\s*(?:click|dispatchEvent)\\s*\\(|=\\s*${n}\\s*[;,\\n]`).test(body);
}

export const crossSiteScripting = flowRule({
  id: 'cross-site-scripting',
  meta: { title: 'Untrusted input written into HTML', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-79'], fixable: true, needs: ['ir'] },
  kinds: ['html', 'html-response', 'script-url'],
  labels: ['request', 'browser'],
  impact: 'can run script in other users\' browsers (cross-site scripting)',
  accept(f, ctx, result) {
    if (f.sink.kind === 'script-url') return !pageUrlWhole(f, ctx) && !parsingAnchor(f, ctx);
    if (f.sink.kind !== 'html-response') return true;
    // A response body that is the input itself or a string built from it; objects are sent as JSON.
    const own = f.sink.value.taint.includes(f.at);
    return own && (!!f.sink.value.built || !WHOLE_OBJECT.test(f.origin.detail ?? '')) && !notHtml(f, ctx) && !scriptOnlyRoute(f, ctx, result) && !rawUrl(f, ctx);
  },
  fix: textContentFix,
});
