// Flags regular expressions compiled from input (`new RegExp(req.query.q)`, `re.compile(term)`):
// a crafted pattern hangs the process with catastrophic backtracking or matches what it should not.
// Escape the input (`escapeRegExp`, `re.escape`) to search for it literally (CWE-1333, CWE-625).
import type { DetectorContext } from '../../core/types';
import type { Flow } from '../../analysis/interpret';
import { flowRule } from '../shared/flow-rule';

/**
 * `new RegExp(pattern, flags);` or `re.compile(pattern)` as a statement of its own, its value dropped: a check that
 * the pattern compiles (inside a `try`, parse-server's query validation). Compiling runs no match, so nothing can
 * backtrack; shown at low confidence. The call ends its statement: `;`, `}` or the end of the line, no `.test(…)`.
 */
function discarded(f: Flow, ctx: DetectorContext): boolean {
  const { text } = ctx;
  const before = text.slice(0, f.sink.call.start).replace(/(\bnew)?[ \t]*$/, ''); // the call's span may leave `new` out
  const prev = before.replace(/\s+$/, '');
  const opens = /(^|[;{}])$/.test(prev) || (ctx.languageId === 'python' && /:$/.test(prev))
    || (/\n$/.test(before) && /[\w)\]'"]$/.test(prev) && !/\breturn$/.test(prev));
  const after = text.slice(f.sink.call.end);
  return opens && /^[ \t]*(;|}|\r?\n(?![ \t]*[.?[(])|$|#)/.test(after);
}

export const regexInjection = flowRule({
  id: 'regex-injection',
  meta: { title: 'Regular expression from untrusted input', family: 'missing-input-validation', severity: 'warning', confidence: 'high', cwe: ['CWE-1333', 'CWE-625'] },
  kinds: ['regex'],
  labels: ['request', 'browser'],
  impact: 'can write a pattern that hangs the process or matches what it should not (regular expression injection)',
  weak: discarded,
});
