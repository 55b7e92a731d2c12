// Flags handlers that send a whole user/account row to the client: `const user = await
// User.findById(id); res.json(user)`, `jsonify(user.__dict__)`, a FastAPI route returning an ORM user
// with no `response_model`. Assistants do this to "return the user"; it ships the password hash,
// reset tokens and internal flags (CWE-200, CWE-359). Candidates come from the syntax of each language
// and from the flow analysis (rows through `.then(rows => …)`, renamed rows, helpers); one policy decides.
import type { Flow } from '../../analysis';
import { JS_LIKE } from '../../core/languages';
import type { Detector, DetectorContext } from '../../core/types';
import { flowExposures, mergeExposures, syntaxSinks } from '../shared/exposure';
import { jsExposureNodes } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';
import { CLEANED, jsRecordSinks } from './database-record-js';
import { pythonRecordSinks } from './database-record-python';


/**
 * Rows the analysis saw fetched (a name alone is not a row), sent by an explicit response call (a
 * route's bare `return` is left to the syntax, which knows FastAPI's `response_model`), and not
 * cleaned on the way (`delete user.password`, a rest pattern without the password, `toJSON`).
 */
function levelOf(ctx: DetectorContext): (f: Flow) => string | null {
  return (f) => {
    if (f.origin.label !== 'record' || f.origin.detail !== 'fetch' || f.sink.callee === 'return') return null;
    return CLEANED.test(ctx.text.slice(f.origin.source.start, f.sink.call.end)) ? null : 'record';
  };
}

export const databaseRecordInResponse: Detector = {
  id: 'database-record-in-response',
  meta: { ...RULE_META['database-record-in-response'], needs: ['js', 'python', 'analysis', jsExposureNodes.id] },
  languages: [...JS_LIKE, 'python'],
  keywords: ['find', 'select *', 'select  *', '__dict__', 'vars(', 'model_to_dict', 'asdict', 'serialize', 'fastapi', '.get(', '.first(', '.all('],
  run(ctx: DetectorContext) {
    const flows = flowExposures(ctx, ['response'], levelOf(ctx), () => 'a whole user row is fetched here:');
    for (const sink of mergeExposures(syntaxSinks(ctx, jsRecordSinks, pythonRecordSinks), flows)) {
      const hit = sink.hits[0];
      if (!hit) continue;
      ctx.report({
        start: hit.start, end: hit.end, related: hit.related,
        message: `\`${hit.text.replace(/\s+/g, ' ').slice(0, 40)}\` is a whole user record fetched without a projection, so the response also carries the password hash and internal fields; select or map only the fields the client needs.`,
        confidence: hit.indirect ? 'low' : undefined,
      });
    }
  },
};
