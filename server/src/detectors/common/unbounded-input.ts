// Flags request bodies and uploads read whole with no size limit: `req.on('data', c => body += c)`
// with no length check, `multer()` without `limits`, Flask `request.get_data()`,
// `request.stream.read()` and `request.files[…].read()` in an app without `MAX_CONTENT_LENGTH`.
// One large request then exhausts the server's memory (CWE-770, CWE-400).
import { analysis, ir, type FileAnalysis } from '../../analysis';
import type { FileIR } from '../../analysis/ir';
import type { Expr, Stmt } from '../../analysis/ir';
import { importsOf } from '../../analysis/roles';
import { forEachExpr, callsOf } from '../../analysis/walk';
import { JS_LIKE } from '../../core/languages';
import { onlyAssigned } from '../shared/bound-values';
import { insideResponseListener } from '../shared/client-requests';
import type { Detector, DetectorContext } from '../../core/types';
import { devServerMiddleware } from '../shared/web-app-signals';

const LIMIT_NAME = /length|size|limit|max|bytes|total|received/i;
const REQUEST_NAME = /^(req|request|incoming|msg)$/;

/** Does a function body compare a size (`body.length > MAX`) or give up on the request (`destroy()`)? */
function checksSize(body: readonly Stmt[]): boolean {
  let found = false;
  forEachExpr(body, (e) => {
    if (e.k === 'op' && /^[<>]=?$/.test(e.op) && e.operands.some((o) => (o.k === 'member' && LIMIT_NAME.test(o.prop ?? '')) || (o.k === 'name' && LIMIT_NAME.test(o.name)))) found = true;
    if (e.k === 'call' && e.callee.k === 'member' && /^(destroy|abort|pause|unpipe)$/.test(e.callee.prop ?? '')) found = true;
  });
  return found;
}

/** A client call's request: `session.request(headers)` (HTTP/2), `http.request(url)`, `https.get(url)`. */
const CLIENT_CALL = (e: Expr): boolean => e.k === 'call' && e.callee.k === 'member'
  && (e.callee.prop === 'request' || (e.callee.prop === 'get' && e.callee.object.k === 'name' && /^https?2?$/.test(e.callee.object.name)));

/**
 * Is the receiver a request this code sent (every assignment in its scope is a client call)? Its `data` events are the
 * upstream server's response (node-apn reading APNs' answer), not a body a client sends in.
 */
const sentRequest = (recv: Expr): boolean => recv.k === 'name' && onlyAssigned(recv.binding, CLIENT_CALL);

/**
 * The statement that keeps appending chunks (`body += chunk`, `chunks.push(chunk)`), if any; also a concise arrow's body
 * (`c => chunks.push(c)`, `d => (body += d)`: an expression whose `+=` the lowering keeps as a plain assignment).
 */
function accumulation(body: readonly Stmt[], chunk: number, text: string): { start: number; end: number } | undefined {
  const uses = (e: Expr | null): boolean => {
    let hit = false;
    // `bytes += chunk.length` counts; it does not keep the data.
    const counted = new Set<Expr>();
    if (e) forEachExpr([{ k: 'expr', span: e.span, expr: e }], (x) => {
      if (x.k === 'member' && /^(length|byteLength|size)$/.test(x.prop ?? '')) counted.add(x.object);
      if (x.k === 'name' && x.binding?.id === chunk && !counted.has(x)) hit = true;
    });
    return hit;
  };
  let at: { start: number; end: number } | undefined;
  const visit = (stmts: readonly Stmt[]) => {
    for (const s of stmts) {
      if (s.k === 'let' && s.op === '+=' && uses(s.value)) at ??= s.span;
      const e = s.k === 'expr' ? s.expr : s.k === 'return' ? s.value : null;
      if (e?.k === 'call' && e.callee.k === 'member' && e.callee.prop === 'push' && e.args.some(uses)) at ??= s.span;
      if (e?.k === 'assign' && /^\s*\+=/.test(text.slice(e.target.span.end, e.value.span.start)) && uses(e.value)) at ??= s.span;
      if (s.k === 'if') { visit(s.then); visit(s.else); }
      if (s.k === 'block' || s.k === 'loop' || s.k === 'try') visit(s.k === 'try' ? [...s.body, ...s.handler] : s.body);
    }
  };
  visit(body);
  return at;
}

/**
 * `multer().none()`, or an instance used only as `upload.none()` (automatisch's webhook router): multer then rejects every
 * file (LIMIT_UNEXPECTED_FILE) and keeps text fields, which busboy caps at 1 MB each.
 */
function fieldsOnly(text: string, start: number, end: number): boolean {
  if (/^\s*\.\s*none\s*\(/.test(text.slice(end, end + 40))) return true;
  const name = /([\w$]+)\s*=\s*$/.exec(text.slice(Math.max(0, start - 80), start))?.[1];
  const uses = name ? [...text.matchAll(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\b(\\s*\\.\\s*(\\w+))?`, 'g'))].filter((u) => u.index < start - 80 || u.index >= start) : [];
  return uses.length > 0 && uses.every((u) => u[2] === 'none');
}

/**
 * Whose memory a body fills: a dev server's own middleware (a Vite plugin's `configureServer` mock API) or a test double
 * the file defines (`class FakeS3`, `class MockServer`: it keeps what tests send, in memory by design) answers the
 * developer and their tests, on their machine. Low, not silent: the same code may be started on a shared host.
 */
const TEST_DOUBLE_CLASS = /\bclass\s+(?:Fake|Mock|Stub)(?:[A-Z\d_]\w*)?\b/;
/** A server on an ephemeral loopback port (a test harness's `listen(0, '127.0.0.1')`): only whoever was handed the port reaches it. */
const EPHEMERAL_LOOPBACK = /\.listen\(\s*0\s*,\s*['"`](?:127\.0\.0\.1|localhost|::1)['"`]/;
const developersOwn = (text: string): boolean => devServerMiddleware(text) || TEST_DOUBLE_CLASS.test(text) || EPHEMERAL_LOOPBACK.test(text);

function javascript(ctx: DetectorContext, lowered: FileIR): void {
  let own: boolean | undefined;
  // What the file imports is asked only once a `multer(…)` call turns up (a walk of its own).
  let imports: ReadonlySet<string> | undefined;
  for (const fn of lowered.funcs) {
    callsOf(fn).forEach((e) => {
      if (e.callee.k === 'name' && e.callee.name === 'multer' && (imports ??= importsOf(lowered)).has('multer')) {
        const opts = e.args[0];
        if (opts && (opts.k !== 'object' || opts.props.some((p) => p.key === 'limits' || p.spread))) return;
        if (fieldsOnly(ctx.text, e.span.start, e.span.end)) return;
        ctx.report({ start: e.span.start, end: e.span.end, kind: 'upload', message: 'This multer upload has no `limits`, so a client can send files of any size and number; set `limits: { fileSize, files }`.' });
        return;
      }
      if (e.callee.k !== 'member') return;
      const c = e.callee;
      // req.on('data', chunk => …) on a request (ctx.req in Koa).
      if (/^(on|once|addListener)$/.test(c.prop ?? '') && e.args[0]?.k === 'lit' && e.args[0].value === 'data' && e.args[1]?.k === 'func') {
        const recv = c.object.k === 'name' ? c.object.name : c.object.k === 'member' ? c.object.prop ?? '' : '';
        const handler = e.args[1].fn;
        const chunk = handler.params[0]?.pattern;
        if (!REQUEST_NAME.test(recv) || chunk?.k !== 'bind' || checksSize(handler.body) || sentRequest(c.object) || insideResponseListener(lowered, ctx.text, c.object, e.span)) return;
        const at = accumulation(handler.body, chunk.binding.id, ctx.text);
        if (at) ctx.report({ ...at, kind: 'stream', ...((own ??= developersOwn(ctx.text)) ? { confidence: 'low' as const } : {}), message: 'The request body is collected chunk by chunk with no size limit, so one large request can exhaust the server\'s memory; stop reading (and answer 413) past a maximum size.' });
      }
    });
  }
}

function python(ctx: DetectorContext, lowered: FileIR, r: FileAnalysis): void {
  // The analysis lists the file's imports (every file that reads `request.…` is analysed).
  if (!r.imports.has('flask') || /MAX_CONTENT_LENGTH/.test(ctx.text)) return;
  const message = 'The whole request body is read with no size limit and the app sets no `MAX_CONTENT_LENGTH`, so one large request can exhaust memory; set `app.config["MAX_CONTENT_LENGTH"]` or read in bounded chunks.';
  for (const fn of lowered.funcs) {
    callsOf(fn).forEach((e) => {
      if (e.callee.k !== 'member' || e.args.length || e.kwargs.length) return;
      const text = ctx.text.slice(e.callee.span.start, e.callee.span.end);
      if (text === 'request.get_data' || text === 'request.stream.read') ctx.report({ start: e.span.start, end: e.span.end, kind: 'body', message });
    });
  }
  for (const f of r.flows) {
    if (f.sink.kind !== 'unbounded-read' || f.origin.label !== 'request' || f.sink.callExpr?.args.length) continue;
    if (!/^(files|stream)/.test(f.origin.detail ?? '')) continue;
    ctx.report({ start: f.sink.call.start, end: f.sink.call.end, kind: 'upload', message });
  }
}

export const unboundedInput: Detector = {
  id: 'unbounded-input',
  meta: { title: 'Request body read with no size limit', family: 'missing-input-validation', severity: 'warning', confidence: 'medium', cwe: ['CWE-770', 'CWE-400'], needs: ['ir', 'analysis'] },
  languages: [...JS_LIKE, 'python'],
  keywords: ["'data'", '"data"', 'multer', 'get_data', 'stream.read', '.read('],
  run(ctx: DetectorContext) {
    // Only files that collect a body, configure multer or use Flask can have a finding: check the text before lowering.
    if (!/\bmulter\b|\bon\(\s*['"]data['"]|\bflask\b/.test(ctx.text)) return;
    const lowered = ctx.get(ir);
    if (!lowered) return;
    if (lowered.language === 'js') return javascript(ctx, lowered);
    const r = ctx.get(analysis);
    if (r) python(ctx, lowered, r);
  },
};
