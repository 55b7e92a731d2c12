// Flags request strings interpolated into log lines (`logger.info('login ' + req.body.user)`,
// `logging.info("user %s", name)`): newlines forge entries and control characters corrupt log
// viewers. Structured fields (`logger.info({ user })`) or stripping CR/LF is the fix (CWE-117).
import { flowRule } from '../shared/flow-rule';

const WHOLE = new Set(['body', 'query', 'params', 'headers', 'cookies', 'files', 'json', 'form', 'args', 'GET', 'POST', 'data', 'environ', 'META']);
/**
 * Raw request lines and headers cannot hold line breaks (HTTP parsers reject them), nor can the parts of
 * a URL parsed from one that are not percent-decoded (`url.parse(req.originalUrl).pathname`; a query
 * parameter's value is decoded and still counts), nor pieces cut from them (`req.originalUrl.split('/')`, wiki's
 * proxy route; `req.url.split('/').pop()`, ioBroker admin's config route), nor the same text coloured for a terminal (`line.red.bold` with the colors package: node-static's
 * request log); upload metadata is the server's.
 */
const NO_NEWLINES = /^((url|originalUrl|path|baseUrl|full_path|path_info|build_absolute_uri\(\)|get_full_path\(\)|hostname|host|ip|get_host\(\))(\.(pathname|search|href|path|host|hostname|protocol|port))?(\.(split|slice|substring|substr|join|replace|replaceAll|trim|trimStart|trimEnd|toLowerCase|toUpperCase|toLocaleLowerCase|toLocaleUpperCase|pop|shift|at|strip|lower|upper)\(\))*(\.(?:red|green|yellow|blue|magenta|cyan|white|gr[ae]y|black|bold|dim|italic|underline|inverse|reset))*$|headers?\b|header$|files?(\.[\w[\]]+)*\.(path|filename|destination|size|mimetype)$)/;

/**
 * WSGI hands Python frameworks the path percent-decoded (PATH_INFO): `request.path`, `path_info` and
 * `full_path` can hold a `%0A` as a line break (Django's `get_full_path()` quotes it again).
 */
const PY_DECODED = /\.(path|path_info|full_path)$/;

/** `decodeURIComponent(req.originalUrl)`: percent-decoding brings back the `%0A` the HTTP parser let through. */
const DECODER = /\b(?:decodeURIComponent|decodeURI|unescape|unquote(?:_plus)?)\s*\(\s*$/;
const decoded = (start: number, text: string) => DECODER.test(text.slice(Math.max(0, start - 40), start));

/**
 * The logger a framework hangs on the request writes JSON lines, the message escaped like any field:
 * Fastify's `request.log`/`reply.log` and pino-http's `req.log` (pino), koa-pino-logger's `ctx.log`,
 * Restify's `req.log` (bunyan). A logger of the app's own stays a text line.
 */
const REQUEST_LOGGER = /^(?:req|request|reply|res|ctx)\.log\.\w+$/;

export const logInjection = flowRule({
  id: 'log-injection',
  meta: { title: 'Untrusted input written into a log line', family: 'missing-input-validation', severity: 'warning', confidence: 'medium', cwe: ['CWE-117'] },
  kinds: ['log'],
  labels: ['request'],
  impact: 'can forge log entries with line breaks (log injection)',
  accept(f, ctx) {
    const detail = f.origin.detail ?? '';
    // `decoded`: a decoder on the way, even where a branch that decodes joins one that does not (ioBroker's file route).
    const mayBreak = f.origin.decoded || decoded(f.origin.source.start, ctx.text) || (ctx.languageId === 'python' && PY_DECODED.test(f.origin.sourceText));
    if (ctx.languageId !== 'python' && REQUEST_LOGGER.test(f.sink.callee)) return false;
    if (WHOLE.has(detail) || (NO_NEWLINES.test(detail) && !mayBreak)) return false;
    // Fields of a structured entry (`logger.info({ user })`) are escaped by the logger.
    if (!f.sink.value.taint.includes(f.at)) return false;
    // Python's logging formats every argument into the line; JavaScript loggers do only for built strings.
    return f.origin.stringified === true || ctx.languageId === 'python';
  },
});
