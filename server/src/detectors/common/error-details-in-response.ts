// Flags handlers that send a caught error's stack, raw object or message to the client. Assistants
// write `catch (err) { res.status(500).json({ error: err.message, stack: err.stack }) }` or
// `except Exception as e: return jsonify(error=str(e)), 500` to make failures easy to debug; in
// production that hands attackers paths, queries and versions (CWE-209). Candidates come from the
// syntax of each language and from the flow analysis (`const detail = err.stack`, `fail(res, err)`,
// an aliased `res`); one policy decides over both.
import type { Flow } from '../../analysis';
import { JS_LIKE } from '../../core/languages';
import type { Confidence, Detector, DetectorContext, Severity } from '../../core/types';
import { flowExposures, mergeExposures, syntaxSinks, type ExposureHit, type ExposureSink } from '../shared/exposure';
import { jsExposureNodes } from '../shared/js-nodes';
import { pyNodes } from '../shared/py-nodes';
import { RULE_META } from '../shared/rule-meta';
import { devServerMiddleware } from '../shared/web-app-signals';
import { jsErrorSinks } from '../shared/error-details-js';
import { pythonErrorSinks } from '../shared/error-details-python';

type Level = 'stack' | 'whole' | 'message';
const LEVELS: readonly Level[] = ['stack', 'whole', 'message'];

const SHAPE: Record<Level, { severity: Severity; confidence: Confidence; what: string }> = {
  stack: { severity: 'warning', confidence: 'high', what: 'its stack trace or internal details' },
  whole: { severity: 'warning', confidence: 'medium', what: 'the raw error object' },
  message: { severity: 'info', confidence: 'low', what: 'the raw error message' },
};


const levelOf = (f: Flow): Level | null => (f.origin.label === 'error' && LEVELS.includes(f.origin.detail as Level) ? (f.origin.detail as Level) : null);

/**
 * Fastify's `reply.send(err)` (also after `.code(n)`, `.type(t)`, `.header(k, v)`) hands the Error to the framework's error
 * handler, as Express's `next(err)` does: that handler decides what the client sees, not this line.
 */
const HANDED_TO_FRAMEWORK = /^reply(?:\s*\.\s*(?:code|status|type|header|headers)\s*\([^()]*\))*\s*\.\s*send\s*\(\s*([\w$]+)\s*\)$/;

/**
 * `next ? next(err) : res.json(err)` in an Express handler or middleware: `next` is always given there, so
 * the error goes to the framework's handler and the response after `:` is never sent (flowise's SSO).
 */
const HANDED_OFF_FIRST = /\b(next|done)\s*\?\s*\1\s*\([^()]*\)\s*:\s*$/;

/**
 * The hit to report for one response: the worst, leaving out dev-only branches, hand-offs, built-in errors sent
 * whole (`{}` as JSON) and messages of 4xx answers (a validation message is what a 400 is for), unless the error
 * came from a database call: its text names tables, columns, indexes and values whatever the status. A validation
 * call's result sent whole with a 4xx is its field messages, what the 400 is for.
 */
function pick(sink: ExposureSink, text: string): ExposureHit | undefined {
  const clientError = sink.status !== undefined && sink.status >= 400 && sink.status < 500;
  const handedOff = HANDED_TO_FRAMEWORK.exec(text.slice(sink.start, sink.end))?.[1];
  if (HANDED_OFF_FIRST.test(text.slice(Math.max(0, sink.start - 160), sink.start))) return undefined;
  // `err.message || err`: the error itself only when it has no message (a thrown string), so its message in
  // effect: the `err.message` hit stands for both.
  const level = (h: ExposureHit) => (h.level === 'whole' && new RegExp(String.raw`\b${escapeName(h.text)}\s*\.\s*message\s*\|\|\s*$`).test(text.slice(Math.max(0, h.start - 80), h.start)) ? 'message' : h.level);
  return [...sink.hits].sort((a, b) => LEVELS.indexOf(a.level as Level) - LEVELS.indexOf(b.level as Level))
    .find((h) => level(h) === h.level && !((h.level === 'message' || h.validation) && clientError && !h.store) && !h.devOnly && !(h.level === 'whole' && (h.text === handedOff || h.builtIn)));
}

const escapeName = (name: string) => name.replace(/[$.]/g, (c) => `\\${c}`);

/**
 * Python: the caught exception returned as it is from a clause naming a class of the code's own (`except
 * NoApplicableCode as e: return e`, pywps): a web framework takes back only an exception that is itself a response
 * (werkzeug's `HTTPException`, an OWS exception report), which renders its own answer. Low, not silent: its text may
 * still reach the page. A catch-all (`except Exception as e`) keeps the rule's confidence.
 */
function returnsOwnErrorClass(text: string, sink: ExposureSink, h: ExposureHit): boolean {
  if (h.level !== 'whole' || !/^return\s+([\w]+)\s*$/.test(text.slice(sink.start, sink.end)) || !/^\w+$/.test(h.text)) return false;
  const clauses = [...text.slice(Math.max(0, h.start - 2000), h.start).matchAll(new RegExp(String.raw`\bexcept\s+\(?\s*([\w.]+)\s*\)?\s+as\s+${h.text}\s*:`, 'g'))];
  const caught = clauses.pop()?.[1].split('.').pop() ?? '';
  return !!caught && !/^(?:Exception|BaseException)$/.test(caught);
}

export const errorDetailsInResponse: Detector = {
  id: 'error-details-in-response',
  meta: { ...RULE_META['error-details-in-response'], needs: ['js', 'python', 'analysis', jsExposureNodes.id, pyNodes.id] },
  languages: [...JS_LIKE, 'python'],
  keywords: ['err', 'catch', 'exception', 'except', 'traceback', 'exc_info'],
  run(ctx: DetectorContext) {
    const flows = flowExposures(ctx, ['response', 'html-response'], levelOf, () => 'a caught error');
    // A dev server's own middleware answers the developer who runs it (maizzle's email preview). Low, not silent:
    // the same server may be started on a shared host.
    const devServer = devServerMiddleware(ctx.text);
    for (const sink of mergeExposures(syntaxSinks(ctx, jsErrorSinks, pythonErrorSinks), flows)) {
      const hit = pick(sink, ctx.text);
      if (!hit) continue;
      const shape = SHAPE[hit.level as Level];
      const confidence: Confidence = devServer || (ctx.languageId === 'python' && returnsOwnErrorClass(ctx.text, sink, hit)) ? 'low' : hit.indirect ? (shape.confidence === 'high' ? 'medium' : 'low') : shape.confidence;
      ctx.report({
        start: hit.start, end: hit.end, related: hit.related,
        kind: hit.level,
        message: `The response sends ${hit.store ? "a database error's raw message" : shape.what} (\`${hit.text.replace(/\s+/g, ' ').slice(0, 40)}\`), which tells attackers about your code, queries and versions; log it on the server and send a generic message with a request id.`,
        severity: shape.severity,
        confidence,
      });
    }
  },
};
