// Flags MongoDB filters taken from request objects: `User.findOne({ user: req.body.user, pass:
// req.body.pass })` accepts `{ "$ne": null }` and logs anyone in; `$where` runs JavaScript. Assistants
// pass parsed JSON straight into filters because the driver accepts it (CWE-943).
import type { Flow } from '../../analysis/interpret';
import type { DetectorContext } from '../../core/types';
import { flowRule } from '../shared/flow-rule';

/** A database or collection named by the request (`req.params.collectionName`, `db.collection(req.query.c)`). */
const CHOSEN = /\b(?:req|request|ctx)\.(?:params|query|body)\.\w*(?:collection|coll|db|database|model|table)\w*\b|\bcollection\(\s*(?:req|request|ctx)\.(?:params|query|body)\b/i;
const escape = (s: string) => s.replace(/[$]/g, '\\$&');

/**
 * The collection itself is the client's choice: a database browser (mongo-gui's `const model = getModel(req)`, a model
 * built from `req.params.dbName` and `collectionName`), whose filters are the client's by design; shown at low
 * confidence. The receiver is read as written, through its declaration in the function and one helper of the file.
 */
function browsedCollection(f: Flow, ctx: DetectorContext): boolean {
  if (f.sink.kind !== 'nosql') return false;
  const dot = f.sink.callee.lastIndexOf('.');
  const receiver = dot > 0 ? f.sink.callee.slice(0, dot) : '';
  if (CHOSEN.test(receiver)) return true;
  if (!/^[\w$]+$/.test(receiver)) return false;
  const before = ctx.text.slice(0, f.sink.call.start);
  const decl = [...before.matchAll(new RegExp(`\\b(?:const|let|var)\\s+${escape(receiver)}\\s*=\\s*([^;\\n]{1,200})`, 'g'))].pop()?.[1];
  if (!decl) return false;
  if (CHOSEN.test(decl)) return true;
  const helper = /^(?:await\s+)?(?:new\s+)?([\w$]+)\(\s*(?:req|request|ctx)\s*\)/.exec(decl)?.[1];
  if (!helper) return false;
  const def = new RegExp(`\\bfunction\\s+${escape(helper)}\\s*\\(|\\b${escape(helper)}\\s*=\\s*(?:async\\s*)?(?:function\\b|\\()`).exec(ctx.text);
  return !!def && CHOSEN.test(ctx.text.slice(def.index, def.index + 400));
}

export const nosqlInjection = flowRule({
  id: 'nosql-injection',
  meta: { title: 'Database filter from untrusted input', family: 'missing-input-validation', severity: 'error', confidence: 'high', cwe: ['CWE-943'] },
  kinds: ['nosql', 'nosql-where'],
  labels: ['request'],
  impact: 'can inject query operators such as `$ne` or `$where` and match records it should not (NoSQL injection)',
  weak: browsedCollection,
  accept(f, ctx) {
    if (f.sink.kind === 'nosql-where') return true;
    // Python frameworks parse query strings and forms into strings; only JSON bodies hold objects.
    if (ctx.languageId === 'python' && !/^(json|get_json|data)/.test(f.origin.detail ?? '')) return false;
    // Route parameters are always strings; values turned into strings cannot carry operators.
    const detail = f.origin.detail ?? '';
    return !f.origin.stringified && !f.sink.value.built && !detail.startsWith('params') && !detail.startsWith('param') && !detail.startsWith('header');
  },
});
