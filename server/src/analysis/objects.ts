// Reading members: resolved module paths (`cp.exec` → `child_process.exec`), fields of role objects
// (`req.query` is input, `ctx.request` is a Koa request), fields of object literals, and the labels
// a member read keeps or drops (`err.stack` stays an error, `password.length` is a number).
import type { Expr, Span } from './ir';
import type { Analyzer } from './interpret';
import { sourceValue } from './expressions';
import { sensitive, sensitiveName } from './labels';
import { carry, clear, EMPTY, mergeOrigins, type Origin, type Value } from './values';

function isValidated(obj: Value, prop: string): boolean {
  return !!obj.validated && (obj.validated.has('*') || obj.validated.has(prop));
}

/** A role object's field or method result: input with a label, or a nested role object. */
export function roleMember(a: Analyzer, obj: Value, prop: string, kind: 'fields' | 'methods', span: Span): Value | undefined {
  const model = obj.object ? a.models.objects.get(obj.object) : undefined;
  // Own keys only: `req.constructor` or `request.toString` is not a model entry (request/request.js crashed the walk).
  const table = model?.[kind];
  const spec = table && Object.hasOwn(table, prop) ? table[prop] : undefined;
  if (!spec) return undefined;
  if (spec.startsWith('@')) return { taint: [], object: spec.slice(1), validated: obj.validated?.has('*') ? obj.validated : undefined };
  if (isValidated(obj, prop)) return EMPTY;
  const [label, detail] = spec.split(':');
  return { taint: [a.origin(label, span, { detail: detail ?? prop })] };
}

/** `process.argv[0]`: a field or element of a source path that its model says is not input. */
function notInput(a: Analyzer, path: string, e: Expr & { k: 'member' }): boolean {
  const key = e.prop ?? (e.key?.k === 'lit' && typeof e.key.value === 'number' ? String(e.key.value) : null);
  return key !== null && !!a.models.sourcePaths.get(path)?.notInput?.includes(key);
}

export function readMember(a: Analyzer, obj: Value, e: Expr & { k: 'member' }, peek: boolean): Value {
  const prop = e.prop;
  if (obj.path && !obj.object) {
    const path = `${obj.path}.${prop ?? '*'}`;
    const src = a.models.sourcePaths.get(path);
    if (src) return { ...sourceValue(src, e.span, a.src(e.span)), path };
    if (!obj.taint.length || notInput(a, obj.path, e)) return { taint: [], path };
  }
  if (obj.object) {
    if (prop === null) return EMPTY;
    return roleMember(a, obj, prop, 'fields', e.span) ?? EMPTY;
  }
  if (prop !== null) {
    const san = a.models.sanitizingMembers.get(prop);
    if (san) return clear(obj.fields?.get(prop) ?? carry(obj), san.clears);
  }
  if (prop !== null && obj.fields?.has(prop)) return obj.fields.get(prop)!;
  if (prop === null && obj.element) return obj.element;
  let taint: Origin[] = [];
  for (const o of obj.taint) {
    const m = a.member(o, prop, e.span);
    if (m) taint.push(m);
  }
  if (!peek && prop !== null) {
    const kind = sensitiveName(prop);
    if (kind) taint = mergeOrigins(taint, [sensitive(kind, e.span, a.src(e.span))]);
  }
  return taint.length ? { taint, path: obj.path ? `${obj.path}.${prop ?? '*'}` : undefined } : obj.path ? { taint: [], path: `${obj.path}.${prop ?? '*'}` } : EMPTY;
}

/** Follows a summary's parameter path (`['query', 'id']`, `['get()']`) from an argument's value. */
export function readPath(a: Analyzer, v: Value, path: readonly string[], span: Span): Value {
  let cur = v;
  for (const seg of path) {
    if (!cur.taint.length && !cur.object && !cur.fields && !cur.element) return EMPTY;
    const call = seg.endsWith('()');
    const name = call ? seg.slice(0, -2) : seg;
    if (cur.object) {
      cur = roleMember(a, cur, name, call ? 'methods' : 'fields', span) ?? EMPTY;
      continue;
    }
    if (!call && cur.fields?.has(name)) {
      cur = cur.fields.get(name)!;
      continue;
    }
    if (name === '[]' && cur.element) {
      cur = cur.element;
      continue;
    }
    const taint = cur.taint.map((o) => a.member(o, call ? `${name}()` : name === '[]' ? null : name, span)).filter((o): o is Origin => !!o);
    cur = { taint };
  }
  return cur;
}
