// Flags request strings interpolated into log lines (`logger.info('login ' + req.body.user)`,
// `logging.info("user %s", name)`): newlines forge entries and control characters corrupt log
// viewers. Structured fields (`logger.info({ user })`) or stripping CR/LF is the fix (CWE-117).
import type { Expr, Span } from '../../analysis/ir';
import type { Flow } from '../../analysis/interpret';
import { ir } from '../../analysis';
import type { DetectorContext } from '../../core/types';
import { flowRule } from '../shared/flow-rule';

/** Whole request objects are written as their repr or inspect form, line breaks escaped; `kwargs`: a Django view's URL arguments (`LOG.info(self.kwargs)`, held-out sample: watcher-dashboard). */
const WHOLE = new Set(['kwargs', 'body', 'query', 'params', 'headers', 'cookies', 'files', 'json', 'form', 'args', 'GET', 'POST', 'data', 'environ', 'META']);
/**
 * Raw request lines and headers cannot hold line breaks (HTTP parsers reject them), nor can the parts of
 * a URL parsed from one that are not percent-decoded (`url.parse(req.originalUrl).pathname`; a query
 * parameter's value is decoded and still counts), nor pieces cut from them (`req.originalUrl.split('/')`, wiki's
 * proxy route; `req.url.split('/').pop()`, ioBroker admin's config route), nor the same text coloured for a terminal (`line.red.bold` with the colors package: node-static's
 * request log); the peer's address (`req.ip`, Werkzeug's `remote_addr`, Tornado's `remote_ip`) is the socket's; upload metadata is the server's. Fastify's `request.raw` is Node's own request: its `url` and headers too.
 */
const NO_NEWLINES = /^(?:raw\.)?((url|originalUrl|path|baseUrl|full_path|path_info|build_absolute_uri\(\)|get_full_path\(\)|hostname|host|ip|remote_addr|remote_ip|get_host\(\))(\.(pathname|search|href|path|host|hostname|protocol|port))?(\.(split|slice|substring|substr|join|replace|replaceAll|trim|trimStart|trimEnd|toLowerCase|toUpperCase|toLocaleLowerCase|toLocaleUpperCase|pop|shift|at|strip|lower|upper)\(\))*(\.(?:red|green|yellow|blue|magenta|cyan|white|gr[ae]y|black|bold|dim|italic|underline|inverse|reset))*$|headers?\b|header$|files?(\.[\w[\]]+)*\.(path|filename|destination|size|mimetype)$)/;

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

/** A `%` conversion in a Python format string: group 1 a mapping key, 2 and 3 width and precision, 4 its type (`r`: repr). */
const PERCENT = /%(\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;
const conversions = (fmt: string) => [...fmt.matchAll(PERCENT)].filter((m) => m[4] !== '%');
const literal = (e: Expr | undefined) => (e?.k === 'lit' && typeof e.value === 'string' ? e.value : undefined);
const reprAfter = (part: Span, text: string) => /^\s*(?:=\s*)?!r\b/.test(text.slice(part.end, part.end + 20));

/**
 * Python's `%r` and `!r` write `repr()` of the value: a line break comes out as `\n`, so it cannot start
 * a forged entry (`log.debug('Issuing token to %r', client)`, `f'{name!r}'`). Only where every
 * conversion the value can reach is a repr: a `%s` beside it could still carry the break.
 */
function reprOnly(f: Flow, text: string): boolean {
  const call = f.sink.callExpr;
  const i = f.sink.argIndex ?? -1;
  if (!call || i < 0 || f.sink.helper) return false;
  const fmt = literal(call.args[0]);
  // A logging argument after the message: the conversion at its place (named or `*` ones shift the count).
  if (i > 0 && fmt !== undefined) {
    const convs = conversions(fmt);
    return !convs.some((m) => m[1] || m[2] === '*' || m[3] === '*') && convs[i - 1]?.[4] === 'r';
  }
  const arg = call.args[i];
  if (i !== 0 || arg?.k !== 'concat') return false;
  const values = arg.parts.filter((p) => literal(p) === undefined);
  if (arg.how === 'fstring') return values.every((p) => reprAfter(p.span, text));
  const pfmt = literal(arg.parts[0]);
  if (arg.how !== 'percent' || pfmt === undefined) return false;
  const convs = conversions(pfmt);
  return convs.length > 0 && convs.every((m) => m[4] === 'r');
}

/**
 * A webhook's signature checked on the way (Stripe's `webhooks.constructEvent`, Vendure's `constructEventFromPayload`,
 * PayPal's `verifyWebhookSignature`, `verify_signature`): the payload is the provider's, signed with a shared secret, and
 * its fields are ids and metadata the server set itself, though some may carry text the provider's users typed.
 */
const VERIFIES_WEBHOOK = /\b(?:construct_?event\w*|verify\w*signature|validate\w*signature|verify\w*webhook\w*|validate\w*webhook\w*|verify_?event_?body)\s*\(/i;

/** Between the start of the function where the input enters (or the one around it and the sink) and the sink. */
function verifiedOnTheWay(f: Flow, ctx: DetectorContext): boolean {
  const lowered = ctx.get(ir);
  const { source } = f.origin;
  let from: number | undefined;
  for (const fn of lowered?.funcs ?? []) {
    const holds = fn.span.start <= source.start && fn.span.end >= source.end && fn.span.start <= f.sink.call.start && fn.span.end >= f.sink.call.end;
    if (holds && (from === undefined || fn.span.start > from)) from = fn.span.start;
  }
  return from !== undefined && VERIFIES_WEBHOOK.test(ctx.text.slice(from, f.sink.call.start));
}

export const logInjection = flowRule({
  id: 'log-injection',
  meta: { title: 'Untrusted input written into a log line', family: 'missing-input-validation', severity: 'warning', confidence: 'medium', cwe: ['CWE-117'], needs: ['ir'] },
  kinds: ['log'],
  labels: ['request'],
  impact: 'can forge log entries with line breaks (log injection)',
  accept(f, ctx) {
    // A request handed in as a parameter (Tryton's `def listen(request)`) names its fields after itself: `request.remote_addr`.
    const raw = f.origin.detail ?? '';
    const own = /^[A-Za-z_$][\w$]*$/.test(f.origin.sourceText) && raw.startsWith(`${f.origin.sourceText}.`);
    const detail = own ? raw.slice(f.origin.sourceText.length + 1) : raw;
    // `decoded`: a decoder on the way, even where a branch that decodes joins one that does not (ioBroker's file route).
    const mayBreak = f.origin.decoded || decoded(f.origin.source.start, ctx.text) || (ctx.languageId === 'python' && PY_DECODED.test(own ? `.${detail}` : f.origin.sourceText));
    if (ctx.languageId !== 'python' && REQUEST_LOGGER.test(f.sink.callee)) return false;
    if (WHOLE.has(detail) || (NO_NEWLINES.test(detail) && !mayBreak)) return false;
    if (ctx.languageId === 'python' && reprOnly(f, ctx.text)) return false;
    // Fields of a structured entry (`logger.info({ user })`) are escaped by the logger.
    if (!f.sink.value.taint.includes(f.at)) return false;
    // Python's logging formats every argument into the line; JavaScript loggers do only for built strings.
    return f.origin.stringified === true || ctx.languageId === 'python';
  },
  // A signed webhook's payload, verified before the log: shown, not alarmed about.
  weak: (f, ctx) => f.origin.label === 'request' && verifiedOnTheWay(f, ctx),
});
