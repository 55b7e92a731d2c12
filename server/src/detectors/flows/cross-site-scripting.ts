// Flags input written into HTML: `el.innerHTML = …`, `dangerouslySetInnerHTML`, `document.write`,
// `res.send('<p>' + req.query.q)`, Flask views returning f-strings, `Markup(x)`, `mark_safe(x)`.
// Assistants build HTML by concatenation; escaping or `textContent` is the fix (CWE-79).
import { ir } from '../../analysis';
import type { DetectorContext } from '../../core/types';
import type { Flow } from '../../analysis';
import { flowRule } from '../shared/flow-rule';
import { textContentFix } from '../shared/flow-fixes';

const WHOLE_OBJECT = /^(body|query|params|headers|cookies|files|data|json|form|args|values|GET|POST)$/;
/** Set before the body is sent: a plain-text or JSON content type, or a redirect status (browsers render neither as HTML). */
const NOT_HTML = /content-type['"]?\s*[:,]\s*['"](?:text\/plain|application\/json)|\.type\(\s*['"](?:text|txt|json|text\/plain|application\/json)['"]|statusCode\s*=\s*30[1278]\b|writeHead\(\s*30[1278]\b/i;

/** The handler's code before the sink sets a non-HTML content type or a redirect. */
function notHtml(f: Flow, ctx: DetectorContext): boolean {
  const fn = ctx.get(ir)?.funcs.find((x) => x.id === f.sink.fn);
  return !!fn && NOT_HTML.test(ctx.text.slice(fn.span.start, f.sink.call.start));
}

export const crossSiteScripting = flowRule({
  id: 'cross-site-scripting',
  meta: { title: 'Untrusted input written into HTML', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-79'], fixable: true, needs: ['ir'] },
  kinds: ['html', 'html-response'],
  labels: ['request', 'browser'],
  impact: 'can run script in other users\' browsers (cross-site scripting)',
  accept(f, ctx) {
    if (f.sink.kind !== 'html-response') return true;
    // A response body that is the input itself or a string built from it; objects are sent as JSON.
    const own = f.sink.value.taint.includes(f.at);
    return own && (!!f.sink.value.built || !WHOLE_OBJECT.test(f.origin.detail ?? '')) && !notHtml(f, ctx);
  },
  fix: textContentFix,
});
