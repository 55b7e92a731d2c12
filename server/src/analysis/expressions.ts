// Expressions and assignments of the flow analysis: names (with their bindings, imports and
// sources), member reads, built strings, object and array literals, destructuring and stores.
import { evalCall, sitesOfGlobalStore, sitesOfStore } from './calls';
import { Env } from './env';
import { checkGuard } from './guards';
import type { Expr, Pattern, Span } from './ir';
import type { Analyzer, Frame } from './interpret';
import { caughtError, origin, sensitive, sensitiveName, stringified } from './labels';
import { readMember, readPath } from './objects';
import { addStep, carry, deepTaint, EMPTY, join, joinText, mergeOrigins, originKey, type Origin, type Value } from './values';

/**
 * A package bound whole (`const jwt = require('jsonwebtoken')`, `import * as jwt from 'jose'`) is code, not a value: what
 * its calls return (`jwt.decode(token)`: the claims) does not carry a secret for being reached through its name.
 * Relative modules (`require('./secrets')`) and members (`import { token } from …`) keep their names' weight.
 */
const PACKAGE = /^(?:@[\w-]+\/)?[\w-]+$/;

export function nameValue(a: Analyzer, e: Expr & { k: 'name' }, f: Frame): Value {
  const b = e.binding;
  // A name only assigned, never declared, is the global object's until this walk gives it a value
  // (`location = location.hash.slice(1)` reads the page's location).
  if (!b || (b.implicit && f.env.get(b) === undefined)) {
    if (e.name === '<caught>') return caughtError(e.span, 'exception');
    const src = a.models.sourcePaths.get(e.name);
    if (src) return sourceValue(src, e.span, e.name);
    return { taint: [], path: e.name };
  }
  let v = f.env.get(b);
  if (v === undefined) {
    if (b.import) v = { taint: [], path: b.import.name === '*' ? b.import.module : `${b.import.module}.${b.import.name}` };
    else if (a.funcOfBinding.has(b.id)) v = { taint: [], fn: a.funcOfBinding.get(b.id) };
    else v = EMPTY;
    if (b.import) {
      const src = a.models.sourcePaths.get(v.path!);
      if (src) v = { ...sourceValue(src, e.span, e.name), path: v.path };
    }
  }
  if (v.taint.length && v.taint.some((o) => f.env.isChecked(originKey(o)))) v = { ...v, taint: v.taint.filter((o) => !f.env.isChecked(originKey(o))) };
  const kind = sensitiveName(b.name);
  if (kind && !v.object && !v.fn && !(v.path && PACKAGE.test(v.path))) v = { ...v, taint: mergeOrigins(v.taint, [sensitive(kind, e.span, e.name)]) };
  return v;
}

export function evalExpr(a: Analyzer, e: Expr, f: Frame): Value {
  switch (e.k) {
    case 'name':
      if (e.name === '<import>') return nameValue(a, { ...e, name: e.binding?.name ?? '' }, { ...f, env: new Env(null) });
      return nameValue(a, e, f);
    case 'member': {
      const obj = evalExpr(a, e.object, f);
      if (e.key) evalExpr(a, e.key, f);
      return readMember(a, obj, e, false);
    }
    case 'call':
      return evalCall(a, e, f);
    case 'lit':
      if (e.regex) return { taint: [], lit: e.regex };
      return typeof e.value === 'string' ? { taint: [], lit: e.value, prefix: e.value, text: e.value } : { taint: [], lit: e.value };
    case 'concat':
      return concat(e.parts.map((p) => evalExpr(a, p, f)));
    case 'object':
      return object(a, e, f);
    case 'array': {
      const items = e.items.map((it) => (it.k === 'spread' ? spread(a, it, f) : evalExpr(a, it, f)));
      return { taint: [], element: join(...items), fields: new Map(items.map((v, i) => [String(i), v])) };
    }
    case 'func':
      a.summary(e.fn, f.env, e.fn.parent?.id === f.fn.id);
      return { taint: [], fn: e.fn };
    case 'cond': {
      if (e.test) evalExpr(a, e.test, f);
      const checked = e.test ? checkGuard(a, e.test, f) : { then: [], else: [] };
      const saved = f.env;
      // `ok(x) ? x : fallback`: the first option sees the checks that hold where the test is true.
      const vs = e.options.map((o, i) => {
        f.env = saved.overlay();
        for (const c of i === 0 ? checked.then : checked.else) c.apply(f.env);
        return evalExpr(a, o, f);
      });
      f.env = saved;
      const v = join(...vs);
      return e.test ? { ...v, taint: v.taint.map((o) => ({ ...o, guards: [...(o.guards ?? []), e.test!.span] })) } : v;
    }
    case 'op':
      for (const o of e.operands) evalExpr(a, o, f);
      return EMPTY;
    case 'spread':
      return spread(a, e, f);
    case 'assign': {
      const v = evalExpr(a, e.value, f);
      assign(a, e.target, v, f, e.span);
      return v;
    }
    case 'seq': {
      let v = EMPTY;
      for (const p of e.parts) v = evalExpr(a, p, f);
      return v;
    }
    case 'other':
      return join(...e.parts.map((p) => evalExpr(a, p, f)));
  }
}

function spread(a: Analyzer, e: Expr & { k: 'spread' }, f: Frame): Value {
  const v = evalExpr(a, e.expr, f);
  return v.element ?? carry(v);
}

export function concat(vs: Value[]): Value {
  let taint: Origin[] = [];
  let prefix = '';
  let open = true;
  const text: string[] = [];
  vs.forEach((v, i) => {
    const lit = typeof v.lit === 'string' || typeof v.lit === 'number' ? String(v.lit) : undefined;
    if (lit !== undefined) text.push(lit);
    if (open) {
      if (lit !== undefined) prefix += lit;
      else if (v.prefix !== undefined && i === 0) { prefix += v.prefix; open = false; } else open = false;
    }
    const t = deepTaint(v).map(stringified);
    if (t.length) taint = mergeOrigins(taint, t);
    if (v.text) text.push(v.text);
  });
  const allLit = vs.every((v) => v.lit !== undefined && v.lit !== null);
  const head = vs.length > 0 && (deepTaint(vs[0]).length > 0 || vs[0].head === true);
  const headFrom = head ? vs[0].headFrom ?? deepTaint(vs[0]) : undefined;
  return { taint, prefix: prefix.slice(0, 200), built: true, head, headFrom, text: joinText(text), lit: allLit ? vs.map((v) => String(v.lit)).join('').slice(0, 400) : undefined };
}

function object(a: Analyzer, e: Expr & { k: 'object' }, f: Frame): Value {
  const fields = new Map<string, Value>();
  let taint: Origin[] = [];
  let element: Value | undefined;
  for (const p of e.props) {
    if (p.keyExpr) evalExpr(a, p.keyExpr, f);
    let v = evalExpr(a, p.value, f);
    if (p.spread) {
      if (v.fields) for (const [k, fv] of v.fields) fields.set(k, fv);
      taint = mergeOrigins(taint, v.taint);
      if (v.object) taint = mergeOrigins(taint, deepTaint(readPath(a, v, [], p.span)));
      continue;
    }
    if (p.key !== null) {
      const kind = (p.value.k === 'name' || p.value.k === 'member') && !v.taint.some((o) => o.label === 'sensitive') ? sensitiveName(p.key) : null;
      if (kind && kind !== 'record') v = { ...v, taint: mergeOrigins(v.taint, [sensitive(kind, p.value.span, a.src(p.value.span))]) };
      fields.set(p.key, v);
    } else element = join(element, v);
  }
  return { taint, fields, element };
}

/** The current value of an assignment target (for `+=`). */
export function evalPattern(a: Analyzer, p: Pattern, f: Frame): Value {
  if (p.k === 'bind') return f.env.get(p.binding) ?? EMPTY;
  if (p.k === 'member') return evalExpr(a, p.target, f);
  return EMPTY;
}

export function assign(a: Analyzer, p: Pattern, v: Value, f: Frame, at: Span): void {
  switch (p.k) {
    case 'bind': {
      const step = { span: p.span, text: p.binding.name };
      // A parameter that is itself the source is not a step on its own path.
      const named = v.taint.length ? { ...v, taint: v.taint.map((o) => (!o.steps.length && o.source.start === p.span.start ? o : { ...o, steps: addStep(o.steps, step) })) } : v;
      f.env.set(p.binding, named);
      if (v.fn) a.funcOfBinding.set(p.binding.id, v.fn);
      if (p.binding.implicit) sitesOfGlobalStore(a, f, p.binding.name, v, at);
      return;
    }
    case 'object':
      for (const prop of p.props) {
        let fv = prop.rest ? v : prop.key !== null ? readMember(a, v, { k: 'member', span: prop.value.span, object: { k: 'other', span: at, parts: [] }, prop: prop.key, key: null }, false) : carry(v);
        if (prop.dflt) fv = join(fv, evalExpr(a, prop.dflt, f));
        if (v.validates && !fv.validates) fv = { ...fv, validates: v.validates };
        assign(a, prop.value, fv, f, at);
      }
      return;
    case 'array':
      p.items.forEach((item, i) => {
        if (!item) return;
        let iv = item.rest ? v : v.fields?.get(String(i)) ?? v.element ?? carry(v);
        if (item.dflt) iv = join(iv, evalExpr(a, item.dflt, f));
        assign(a, item.value, iv, f, at);
      });
      return;
    case 'member':
      return store(a, p, v, f, at);
    case 'other':
      return;
  }
}

/** `obj.x = v`: store sinks (`innerHTML`, `location.href`, `ctx.body`), then the object's new value. */
function store(a: Analyzer, p: Pattern & { k: 'member' }, v: Value, f: Frame, at: Span): void {
  const t = p.target;
  if (t.k !== 'member') return;
  const obj = evalExpr(a, t.object, f);
  if (t.key) evalExpr(a, t.key, f);
  sitesOfStore(a, f, t, obj, v, at);
  const root = t.object.k === 'name' ? t.object.binding : null;
  // `req.path = other` after a check of `req.path`: the field holds what was stored, checked no more.
  if (root && obj.object && t.prop && obj.validated?.has(t.prop) && (v.taint.length || v.fields)) {
    f.env.set(root, { ...obj, validated: new Set([...obj.validated].filter((k) => k !== t.prop)) });
  }
  if (!root || obj.object || !v.taint.length && !v.fields) return;
  const old = f.env.get(root) ?? EMPTY;
  if (t.prop !== null) {
    const fields = new Map(old.fields ?? []);
    fields.set(t.prop, v);
    f.env.set(root, { ...old, fields });
  } else f.env.set(root, { ...old, element: join(old.element, v) });
}

export function sourceValue(src: { label?: string; object?: string; trust?: 'high' | 'low' }, span: Span, text: string): Value {
  if (src.object) return { taint: [], object: src.object };
  return { taint: [origin(src.label ?? 'request', span, text, { trust: src.trust ?? 'high', detail: text })] };
}

/** `db` in `this.db.query`, `getPool` in `getPool().query`. */
export function lastName(e: Expr): string | undefined {
  if (e.k === 'name') return e.name;
  if (e.k === 'member') return e.prop ?? undefined;
  if (e.k === 'call') return lastName(e.callee);
  return undefined;
}

