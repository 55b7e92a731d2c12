// Flags SQL text built from untrusted input: `db.query("… WHERE id = " + req.params.id)`,
// `cursor.execute(f"… {name}")`. Assistants concatenate because it reads naturally; parameterised
// queries (`?`, `$1`, `%s` with a parameter list) are the fix that has existed for decades (CWE-89).
import type { Flow } from '../../analysis';
import { flowRule } from '../shared/flow-rule';
import { parameterizeFix } from '../shared/flow-fix-sql';

const SQL_TEXT = /\b(select|insert|update|delete|from|where|values|order\s+by|group\s+by|limit|offset|join|into|set|and|or|like|in|union|exec|drop|create|alter|truncate|merge|replace|call)\b/i;
const CONDITION_TEXT = /[=<>]|\b(like|in|between|asc|desc|and|or|not)\b/i;

/** A raw query from input is injection whether it was concatenated or passed whole. */
function isInjection(f: Flow): boolean {
  // The query text itself (or the `text`/`sql` of a config object), not its parameter list.
  const v = [f.sink.value, f.sink.value.fields?.get('text'), f.sink.value.fields?.get('sql'), f.sink.value.element].find((x) => x?.taint.includes(f.at));
  if (!v) return false;
  if (f.sink.model.certain) return true;
  if (f.sink.kind === 'sql-builder') return !!v.built && CONDITION_TEXT.test(v.text ?? '');
  if (v.built) return SQL_TEXT.test(v.text ?? '') || !v.text;
  // sqlite3's `db.get(sql)` / `all` / `each` / `run` share their names with key-value stores (PouchDB's
  // `db.get(id)`): passed whole, a field counts only when it is named as query text.
  if (KEY_METHODS.test(f.sink.callee) && !QUERY_FIELD.test(f.origin.detail ?? '')) return false;
  return (f.origin.detail ?? '').includes('.') || f.origin.label !== 'request';
}

const KEY_METHODS = /\.(?:get|all|each|run)$/;
const QUERY_FIELD = /(?:sql|query|stmt|statement|where|filter|order|sort|expr\w*)$/i;

export const sqlInjection = flowRule({
  id: 'sql-injection',
  meta: { title: 'SQL built from untrusted input', family: 'missing-input-validation', severity: 'error', confidence: 'high', cwe: ['CWE-89'], fixable: true },
  kinds: ['sql', 'sql-builder'],
  impact: 'can read, change or delete any data in the database (SQL injection)',
  accept: isInjection,
  fix: (f, ctx, result) => parameterizeFix(f, ctx, result.imports),
});
