// Label producers that are about names and shapes rather than frameworks: caught errors, whole user
// rows fetched from a database, and values whose names say they are secrets or personal data.
// The flow analysis carries these labels like request input, so the exposure rules see aliases,
// helpers and callbacks the same way the injection rules do.
import { classifyName, isRecordName } from '../detectors/shared/sensitive-names';
import type { Span } from './ir';
import type { Origin, Value } from './values';

export const ERROR_NAME = /^(e|err|error|ex|exc|exception|\w+Err(or)?)$/;
/** Error properties that carry internals (stack frames, the failing SQL, driver metadata). */
const ERROR_INTERNAL = new Set(['stack', 'sql', 'sqlMessage', 'sqlState', 'query', 'parameters', 'parent', 'original', 'originalError', 'config',
  'orig', 'statement', 'params', '__traceback__', 'pgerror']);
const ERROR_MESSAGE = new Set(['message', 'detail', 'details', 'reason', 'args']);
/** Reads that keep a whole row whole (`result.rows`, `rows[0]`, `user.dataValues`). */
/** Methods whose result is the same secret in another form (bytes, case, whitespace). */
const SAME_SECRET = new Set(['encode()', 'decode()', 'strip()', 'trim()', 'lower()', 'upper()', 'toLowerCase()', 'toUpperCase()', 'normalize()', 'toString()', 'casefold()']);
const RECORD_KEEP = new Set(['rows', 'dataValues', '_doc', 'data', 'Item', 'Items', 'recordset']);

export function origin(label: string, span: Span, text: string, extra: Partial<Origin> = {}): Origin {
  return { label, source: span, sourceText: text.slice(0, 80), steps: [], via: 'direct', trust: 'high', ...extra };
}

export function caughtError(span: Span, text: string): Value {
  return { taint: [origin('error', span, text, { detail: 'whole' })] };
}

/** What reading `.prop` does to an origin: keep it, change its detail, or drop it (`err.code`, `user.id`). */
export function memberOrigin(o: Origin, prop: string | null, span: Span, text: string): Origin | null {
  switch (o.label) {
    case 'error':
      if (o.detail !== 'whole') return o.detail === 'stack' ? o : null;
      if (prop && ERROR_INTERNAL.has(prop)) return { ...o, detail: 'stack', source: span, sourceText: text };
      if (prop && ERROR_MESSAGE.has(prop)) return { ...o, detail: 'message', source: span, sourceText: text };
      return null;
    case 'record':
      return prop === null || RECORD_KEEP.has(prop) ? o : null;
    case 'sensitive':
      // The same text re-encoded (`password.encode()`, `pw.trim()`) is the secret; its length or a slice is not.
      return prop && SAME_SECRET.has(prop) ? o : null;
    case 'param':
      return { ...o, param: { ...o.param!, path: [...o.param!.path, prop ?? '[]'] } };
    default: {
      // Fields of input are input; its length or size is a number.
      if (prop === 'length' || prop === 'size') return null;
      // Reading deeper into the source expression itself (`req.query` → `req.query.file`) names the source fully.
      const deeper = !o.steps.length && span.start === o.source.start && span.end > o.source.end;
      return { ...o, detail: o.detail && prop ? `${o.detail}.${prop}` : o.detail, ...(deeper ? { source: span, sourceText: text.slice(0, 80) } : {}) };
    }
  }
}

/** `${err}`, `str(e)`, `'x' + err`: a whole error becomes its message. */
export function stringified(o: Origin): Origin {
  if (o.label === 'error' && o.detail === 'whole') return { ...o, detail: 'message', stringified: true };
  return o.stringified ? o : { ...o, stringified: true };
}

const nameCache = new Map<string, string | null>();

/** A secret or personal-data name (`password`, `apiKey`, `ssn`), or a whole user record's name. */
export function sensitiveName(name: string): string | null {
  let hit = nameCache.get(name);
  if (hit === undefined) {
    hit = classifyName(name) ?? (isRecordName(name) ? 'record' : null);
    if (nameCache.size > 5000) nameCache.clear();
    nameCache.set(name, hit);
  }
  return hit;
}

export function sensitive(kind: string, span: Span, text: string): Origin {
  return kind === 'record' ? origin('record', span, text, { detail: 'name' }) : origin('sensitive', span, text, { detail: kind });
}

const FETCH = new Set([
  'findOne', 'findById', 'findByPk', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findOneBy',
  'findOneOrFail', 'findOneByOrFail', 'find', 'findAll', 'findMany', 'findBy', 'findByEmail', 'findByUsername',
  'get', 'get_object_or_404', 'first', 'one', 'all',
]);
const PROJECTION = /\b(select|attributes|projection|omit|exclude|fields|only|values|values_list|defer)\b|['"`]\s*-\w/;
const USER_MODEL = /user|account|customer|member|admin|employee|patient/i;
const SELECT_STAR = /\bselect\s+\*\s+from\s+["`]?(?:\w+\.)?(users?|accounts?|customers?|members?|admins?|employees?|patients?)\b/i;

/**
 * JS `get` fetches a row only on a model class (Dynamoose `User.get(key)`) or a table (`r.table('users').get(id)`);
 * on a lower-case service or map (`gladys.notificationUser.get(user)`, `cache.users.get(id)`) it is the app's own helper,
 * whose query the flow cannot see (Python's `User.query.get` / `User.objects.get` are kept).
 */
const JS_GET_MODEL = /(?:^|\.)(?:[A-Z][\w$]*|table\([^)]*\))$/;

const QUERY = new Set(['query', 'execute', 'one', 'oneOrNone', 'any', 'many', 'raw']);

/** Whether `userFetch` can say yes for this method at all (most calls are not fetches: no texts to build). */
export function mayFetch(method: string): boolean {
  return FETCH.has(method) || QUERY.has(method);
}

/** A callback's first parameter: `(u) => …`, `u => …`, `function (u) {…}`, `async (u) => …`. */
const CALLBACK_PARAM = /^(?:async\s*)?(?:function\b[^(]*\(\s*([\w$]*)|\(\s*([\w$]*)[^()]*\)\s*=>|([\w$]+)\s*=>)/;

/**
 * `USERS.find((u) => u.id === id)`: an array searched in memory (mocks-server's scaffold routes), not a query. A
 * driver's callback (`User.findOne((err, user) => …)`) takes the error first.
 */
export function arraySearch(first: string | undefined): boolean {
  const m = first === undefined ? null : CALLBACK_PARAM.exec(first);
  const param = m && (m[1] ?? m[2] ?? m[3]);
  return !!param && !/^(?:e|err|error)$/i.test(param);
}

/**
 * Is this call an unprojected fetch of user-like rows? `User.findById(id)`, `prisma.user.findUnique(…)`,
 * `User.objects.get(pk=…)`, `db.query('SELECT * FROM users …')`.
 */
export function userFetch(method: string | undefined, receiverText: string, argTexts: readonly string[], firstText: string | undefined, language?: string): boolean {
  if (!method) return false;
  if (FETCH.has(method)) {
    if (!USER_MODEL.test(receiverText) || /\b(select|only|values|defer)\s*\(/.test(receiverText) || arraySearch(argTexts[0])) return false;
    if (method === 'get' && language !== 'python' && !JS_GET_MODEL.test(receiverText)) return false;
    return argTexts.length < 2 && !argTexts.some((a) => PROJECTION.test(a));
  }
  if (QUERY.has(method)) return !!firstText && SELECT_STAR.test(firstText);
  return false;
}
