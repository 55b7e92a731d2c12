// What a name or a callee stands for within one file, for the secret-sink fact: a callee's resolved
// path (imports and `require()` traced) and the expression that makes a value (constants bound once,
// options of object literals, `Buffer.from('…')` and `'…'.encode()` wrappers). Parameters, names bound
// more than once and anything from another file stay unknown: unknown is never a literal.
import type { Binding, Expr, FileIR, Kwarg, Pattern, Stmt } from '../../analysis/ir';
import { normalizeModule } from '../../analysis/scope';
import { exprsOf } from '../../analysis/walk';

const ENV_OBJECT = /^(?:process\.env|import\.meta\.env|os\.environ|environ)$/;
const ENV_CALL = /^(?:os\.)?(?:getenv|environ\.get)$/;
const WRAPPER = /^(?:Buffer\.from|bytes|str|String|TextEncoder\(\)\.encode)$/;
const MAX_DEPTH = 4;

export class FileValues {
  /** Each binding's assigned values (declarations, assignments, destructured members), in source order. */
  private readonly defs = new Map<number, Expr[]>();

  constructor(lowered: FileIR, private readonly text: string) {
    for (const fn of lowered.funcs) {
      this.collect(fn.body);
      // Assignments inside expressions (`(k = load())`) make a variable non-constant too.
      exprsOf(fn).forEach((e) => { if (e.k === 'assign') this.bind(e.target, e.value); });
    }
  }

  textOf(e: Expr): string {
    return this.text.slice(e.span.start, e.span.end);
  }

  /** Resolved path of a callee: `jsonwebtoken.sign` for `jwt.sign` after `const jwt = require('jsonwebtoken')`. */
  pathOf(e: Expr, depth = 0): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (e.k === 'name') {
      const imp = e.binding?.import;
      if (imp) return imp.name === '*' ? imp.module : `${imp.module}.${imp.name}`;
      const v = this.only(e.binding);
      return v ? this.pathOf(v, depth + 1) : undefined;
    }
    if (e.k === 'member') {
      const base = e.prop ? this.pathOf(e.object, depth + 1) : undefined;
      return base && `${base}.${e.prop}`;
    }
    if (e.k === 'call' && e.callee.k === 'name' && e.callee.name === 'require' && !e.callee.binding) {
      const a = e.args[0];
      return a?.k === 'lit' && typeof a.value === 'string' ? normalizeModule(a.value) : undefined;
    }
    return undefined;
  }

  /** The expression that makes the value, through constants and wrappers; the expression itself when nothing is known. */
  resolve(e: Expr | undefined, depth = 0): Expr | undefined {
    if (!e || depth > MAX_DEPTH) return undefined;
    if (e.k === 'name') return this.resolve(this.only(e.binding), depth + 1);
    if (e.k === 'member' && e.prop && e.object.k === 'name') {
      // `config.secret` where `const config = { secret: '…' }` in the same file.
      const obj = this.resolve(e.object, depth + 1);
      return obj?.k === 'object' ? this.resolve(propOf(obj, e.prop), depth + 1) : undefined;
    }
    if (e.k === 'call') {
      if (WRAPPER.test(this.textOf(e.callee)) && e.args.length) return this.resolve(e.args[0], depth + 1);
      if (e.callee.k === 'member' && /^(?:encode|toString|trim)$/.test(e.callee.prop ?? '') && !e.args.length) return this.resolve(e.callee.object, depth + 1);
    }
    return e;
  }

  /** `process.env.X`, `os.environ['X']`, `os.environ.get('X')`, `os.getenv('X')`, or a constant holding one. */
  isEnvRead(e0: Expr): boolean {
    const e = e0.k === 'name' ? this.only(e0.binding) ?? e0 : e0;
    if (e.k === 'member') return ENV_OBJECT.test(this.textOf(e.object));
    if (e.k === 'call') return ENV_CALL.test(this.textOf(e.callee));
    return false;
  }

  /**
   * What another file gives the expression, when that is all it is: a member path into an imported
   * module (`config.jwt.secret` after `const config = require('./config')`, `import { SECRET } from
   * './settings'`, Python's `settings.SECRET_KEY`). Constants of this file are followed first.
   */
  importRef(e: Expr | undefined, depth = 0): { module: string; path: string[] } | undefined {
    if (!e || depth > MAX_DEPTH) return undefined;
    if (e.k === 'name') {
      const imp = e.binding?.import;
      if (imp) return { module: imp.module, path: imp.name === '*' ? [] : [imp.name] };
      return this.importRef(this.only(e.binding), depth + 1);
    }
    if (e.k === 'member' && e.prop) {
      const base = this.importRef(e.object, depth + 1);
      return base && { module: base.module, path: [...base.path, e.prop] };
    }
    const a = e.k === 'call' && e.callee.k === 'name' && e.callee.name === 'require' && !e.callee.binding ? e.args[0] : undefined;
    return a?.k === 'lit' && typeof a.value === 'string' ? { module: normalizeModule(a.value), path: [] } : undefined;
  }

  /** The one value a variable holds: bound once, never a parameter; undefined otherwise. */
  only(b: Binding | null): Expr | undefined {
    if (!b || b.kind !== 'var') return undefined;
    const d = this.defs.get(b.id);
    return d?.length === 1 ? d[0] : undefined;
  }

  private bind(p: Pattern, v: Expr | null, key: readonly string[] = []): void {
    if (p.k === 'bind' && v) {
      // `const { Pool } = require('pg')`: the binding holds that member of the value.
      const value = key.reduce<Expr>((o, k) => ({ k: 'member', span: o.span, object: o, prop: k, key: null }), v);
      this.defs.set(p.binding.id, [...(this.defs.get(p.binding.id) ?? []), value]);
    } else if (p.k === 'object' && v) {
      for (const q of p.props) if (q.key && !q.rest) this.bind(q.value, v, [...key, q.key]);
    }
  }

  private collect(stmts: readonly Stmt[]): void {
    for (const s of stmts) {
      if (s.k === 'let') this.bind(s.target, s.value);
      else if (s.k === 'if') { this.collect(s.then); this.collect(s.else); }
      else if (s.k === 'loop') { this.collect(s.head); this.collect(s.body); }
      else if (s.k === 'try') { this.collect(s.body); this.collect(s.handler); this.collect(s.finalizer); }
      else if (s.k === 'block') this.collect(s.body);
    }
  }
}

/** The values down a path of keys in nested mapping literals (`*`: any key), as `DATABASES['default']['PASSWORD']`. */
export function valuesAt(values: FileValues, e: Expr | undefined, keys: readonly string[]): Expr[] {
  const o = values.resolve(e);
  if (!keys.length) return e ? [e] : [];
  if (o?.k !== 'object') return [];
  return o.props.filter((p) => keys[0] === '*' || p.key === keys[0]).flatMap((p) => valuesAt(values, p.value, keys.slice(1)));
}

export function propOf(o: Expr & { k: 'object' }, key: string): Expr | undefined {
  for (let i = o.props.length - 1; i >= 0; i--) if (o.props[i].key === key) return o.props[i].value;
  return undefined;
}

export function kwargOf(kwargs: readonly Kwarg[], name: string): Expr | undefined {
  return kwargs.find((k) => k.name === name)?.value;
}
