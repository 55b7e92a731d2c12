// Flags handlers that send a whole user/account row to the client: `const user = await
// User.findById(id); res.json(user)`, `jsonify(user.__dict__)`, a FastAPI route returning an ORM user
// with no `response_model`. Assistants do this to "return the user"; it ships the password hash,
// reset tokens and internal flags (CWE-200, CWE-359). Candidates come from the syntax of each language
// and from the flow analysis (rows through `.then(rows => …)`, renamed rows, helpers); one policy decides.
import type { Flow } from '../../analysis';
import { JS_LIKE } from '../../core/languages';
import type { AsyncDetectorContext, Detector, DetectorContext } from '../../core/types';
import { flowExposures, mergeExposures, syntaxSinks, type ExposureHit } from '../shared/exposure';
import { jsExposureNodes } from '../shared/js-nodes';
import { RULE_META } from '../shared/rule-meta';
import { localImports, someImportedModule } from '../shared/imported-modules';
import { CLEANED, jsRecordSinks } from '../shared/database-record-js';
import { pythonRecordSinks } from '../shared/database-record-python';


/**
 * Fields of a stored object that no response needs, whoever asks: password hashes, card numbers and
 * security codes, social security numbers, private keys (tokens and emails are often meant to go out).
 */
const STORED_SECRET: ReadonlyArray<[RegExp, string]> = [
  [/^(hashed_?)?(password|passwd|pwd)(_?(hash|digest))?$/i, 'password hash'],
  [/^(cvv2?|cvc2?|card_?security_?code|card_?number|credit_?card(_?number)?|cc_?(num|number))$/i, 'card number or security code'],
  [/^(ssn|social_?security(_?number)?)$/i, 'social security number'],
  [/^(private|secret)_?key$/i, 'private key'],
];
/** Request input echoed back is another matter: only fields read from stored objects count. */
const INPUT_ROOT = /^(req|request|ctx|body|params|query|form|payload|input|args|event)\b/;

/**
 * An object a `generate…()` call just returned (wildduck's `asp = await userHandler.generateASP(…)`): its password is
 * the new secret, shown to its owner once when it is made, not a stored hash.
 */
const generated = (text: string, root: string): boolean =>
  new RegExp(`(?:\\b(?:const|let|var)\\s+|[^.\\w$])${root.replace(/\$/g, '\\$')}\\s*=\\s*(?:await\\s+)?(?:[\\w$]+\\.)*generate[A-Z_]\\w*\\(`).test(text);

function storedSecret(f: Flow, text: string): string | null {
  if (f.origin.label !== 'sensitive' || f.origin.via !== 'direct') return null;
  const m = /^([\w$]+)(?:\.[\w$]+|\[\s*['"][\w$]+['"]\s*\])*(?:\.([\w$]+)|\[\s*['"]([\w$]+)['"]\s*\])$/.exec(f.origin.sourceText);
  if (!m || INPUT_ROOT.test(m[1]) || generated(text, m[1])) return null;
  const field = m[2] ?? m[3];
  return STORED_SECRET.find(([re]) => re.test(field))?.[1] ?? null;
}

/**
 * Rows the analysis saw fetched (a name alone is not a row), sent by an explicit response call (a
 * route's bare `return` is left to the syntax, which knows FastAPI's `response_model`), and not
 * cleaned on the way (`delete user.password`, a rest pattern without the password, `toJSON`); and
 * stored secrets picked field by field into a response (`{ cvv: order.cvv }`), graded by what they are.
 */
function levelOf(ctx: DetectorContext): (f: Flow) => string | null {
  return (f) => {
    if (f.sink.callee === 'return') return null;
    if (f.origin.label !== 'record' || f.origin.detail !== 'fetch') return storedSecret(f, ctx.text.slice(0, f.origin.source.start));
    return CLEANED.test(ctx.text.slice(f.origin.source.start, f.sink.call.end)) ? null : 'record';
  };
}

const KINDS: Record<string, string> = { record: 'record', serializer: 'serializer' };

function messageOf(hit: ExposureHit): string {
  const text = `\`${hit.text.replace(/\s+/g, ' ').slice(0, 40)}\``;
  if (hit.level === 'record') return `${text} is a whole user record fetched without a projection, so the response also carries the password hash and internal fields; select or map only the fields the client needs.`;
  if (hit.level === 'serializer') {
    const [name, model] = hit.text.split(':');
    return `\`${name}\` serialises every field of \`${model}\` (\`fields = "__all__"\`), so every response built with it carries the password hash, permission flags and internal fields; list the fields clients need.`;
  }
  return `${text} is a stored ${hit.level} and goes out in this response, where any client (and every log or cache on the way) can read it; leave it out of the response.`;
}

export const databaseRecordInResponse: Detector = {
  id: 'database-record-in-response',
  meta: { ...RULE_META['database-record-in-response'], needs: ['js', 'python', 'analysis', jsExposureNodes.id] },
  languages: [...JS_LIKE, 'python'],
  keywords: ['find', 'select *', 'select  *', '__dict__', 'vars(', 'model_to_dict', 'asdict', 'serialize', 'fastapi', '.get(', '.first(', '.all('],
  run(ctx: DetectorContext) {
    // Whole rows in a file that imports workspace modules wait for the slow tier, which reads those modules (the model).
    const held = localImports(ctx).length > 0;
    for (const hit of hitsOf(ctx)) if (!held || hit.level !== 'record') report(ctx, hit, false);
  },
  async runAsync(ctx: AsyncDetectorContext) {
    const imports = localImports(ctx);
    const rows = imports.length ? hitsOf(ctx).filter((h) => h.level === 'record') : [];
    // Modules are read only for a file with a whole row to decide.
    const hidden = rows.length > 0 && someImportedModule(ctx, imports, HIDDEN, hidesPassword);
    for (const hit of rows) report(ctx, hit, hidden);
  },
};

/**
 * The model module keeps the password out of reads somewhere (sqlpad's `User.findAll` projecting `{ password: 0,
 * passhash: 0 }`, a Mongoose field with `select: false`, a Sequelize scope excluding it, a `toJSON` that deletes it):
 * a row fetched through it may well come without the hash, so whole rows are shown at low confidence.
 */
const HIDES_PASSWORD = /\b(?:password|passwd|passhash|hashed_?password|password_?hash)['"]?\s*:\s*(?:0|false)\b|['"]-(?:password|passwd|passhash|hashed_?password)\b|\bexclude\s*:\s*\[[^\]]{0,200}(?:password|passhash)|\bselect\s*:\s*false\b|\bdelete\s+[\w$.]+\.(?:password|passhash)\b/i;
const hidesPassword = (text: string): boolean => HIDES_PASSWORD.test(text);
const HIDDEN = {};

function hitsOf(ctx: DetectorContext): ExposureHit[] {
  const flows = flowExposures(ctx, ['response'], levelOf(ctx), () => 'a whole user row is fetched here:');
  return mergeExposures(syntaxSinks(ctx, jsRecordSinks, pythonRecordSinks), flows).flatMap((sink) => sink.hits.slice(0, 1));
}

/** `hidden`: an imported model keeps the password out of reads, so a whole row is shown at low confidence. */
function report(ctx: DetectorContext, hit: ExposureHit, hidden: boolean): void {
  const low = hit.indirect || hidden;
  ctx.report({ start: hit.start, end: hit.end, related: hit.related, kind: KINDS[hit.level] ?? 'field', message: messageOf(hit), confidence: low ? 'low' : undefined });
}
