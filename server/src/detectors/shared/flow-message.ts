// The message and related locations of a flow finding: where the input entered, the names it went
// through, the sink, and the one check it passed when that check is a prefix test without a separator.
import type { Flow, Step } from '../../analysis';
import type { Span } from '../../analysis/ir';
import type { DetectorContext, RelatedStep } from '../../core/types';
import { lineOf } from './lines';

const code = (s: string) => '`' + s.replace(/\s+/g, ' ').replace(/`/g, "'").slice(0, 60) + '`';

/** A step's name; a helper imported from another workspace file with its file: `runQuery()` in `db/users.js`. */
const stepName = (s: Step) => (s.file ? `${code(s.text)} in ${code(s.file)}` : code(s.text));

export function describe(flow: Flow, ctx: DetectorContext, impact: string): { message: string; related: RelatedStep[] } {
  const { origin, sink } = flow;
  const names = origin.steps.map(stepName).filter((t, i, all) => all.indexOf(t) === i);
  const through = names.length ? ` through ${names.join(', ')}` : '';
  const src = `${code(origin.sourceText)} (line ${lineOf(ctx, origin.source.start)})`;
  // A sink inside an imported helper is reported at the call; the sink itself is named with its file and line.
  const where = sink.helper ? `${code(sink.callee)} in ${code(sink.helper.file)}, line ${sink.helper.line}` : `${code(sink.callee)}, line ${lineOf(ctx, sink.call.start)}`;
  const what = sink.model.what ? `${sink.model.what} (${where})` : `${sink.helper ? where : code(sink.callee)} (line ${lineOf(ctx, sink.call.start)})`;
  // A prefix test against a folder without a trailing separator is a check, but not containment.
  const test = prefixOnly(flow);
  const checked = !test ? ' with no check on the way'
    : `; its only check${test.end > test.start ? `, ${code(ctx.text.slice(test.start, test.end))} (line ${lineOf(ctx, test.start)}),` : ''} compares with a folder that has no trailing separator, so a sibling folder sharing the prefix (\`/srv/app-old\` for \`/srv/app\`) passes`;
  const message = `${origin.trust === 'low' ? 'Input' : 'Untrusted input'} ${src} reaches ${what}${through}${checked}, so an attacker ${impact}.`;
  const related: RelatedStep[] = [
    { start: origin.source.start, end: origin.source.end, message: `${origin.label === 'request' ? 'request input' : `${origin.label} input`} ${code(origin.sourceText)} enters here` },
    ...origin.steps.map((s) => ({ start: s.span.start, end: s.span.end, message: `flows into ${stepName(s)}` })),
    ...(test && test.end > test.start ? [{ start: test.start, end: test.end, message: 'prefix test without a trailing separator' }] : []),
    { start: sink.span.start, end: sink.span.end, message: `reaches ${code(sink.callee)}${sink.helper ? ` in ${code(sink.helper.file)}` : ''}` },
  ];
  return { message, related };
}

/** The prefix test a file-path flow passed (values.ts `prefixOnly`), if that was its only check. */
export function prefixOnly(f: Flow): Span | undefined {
  return f.sink.kind === 'path' ? f.origin.prefixOnly : undefined;
}
