// The flow analysis over the IR: an abstract interpreter that walks each function once, in source
// order, with an environment of abstract values. Rules:
// - Assignments replace a variable's value; where branches meet, values are joined (may-taint).
//   Loop bodies run twice so values carried round the loop are seen.
// - A branch that always exits (return, throw, `abort()`, `continue`) does not reach the code after
//   the `if`; checks in the condition (allow-lists, validators, `startsWith(root)`) clean the checked
//   values in both branches and, when one branch exits, after the `if` (guards.ts).
// - Every function is analysed once, where it is defined (closures read the enclosing environment);
//   parameters without a known role are placeholders, so the walk yields a summary: which parameters
//   reach the return value and which reach sinks. Calls to functions of the file apply summaries, and
//   so do calls to functions a workspace file exports when the host gives an `importer` (imported.ts).
// - Sinks record flows; flows from placeholders go into the enclosing function's summary instead.
import { checkGuard, type Check } from './guards';
import { paramChecks, type ParamChecks } from './param-checks';
import { recordSinks } from './calls';
import { Env } from './env';
import type { Binding, Expr, FileIR, Func, Pattern, Span, Stmt } from './ir';
import { caughtError, memberOrigin, origin } from './labels';
import { assign, concat, evalExpr, evalPattern, lastName, nameValue } from './expressions';
import { readMember } from './objects';
import type { Models } from './models';
import { importsOf, paramRoles, type Roles } from './roles';
import { EMPTY, join, type Origin, type Value } from './values';
import type { SinkModel } from './model-types';
import type { Importer } from './imported';
import { mayHaveSources } from './may-have-sources';

export interface SinkHit {
  readonly kind: string;
  readonly model: SinkModel;
  /** The argument (or assigned value) that carries the data. */
  readonly span: Span;
  /** The whole call or assignment. */
  readonly call: Span;
  readonly callee: string;
  readonly status?: number;
  /** Conditions of the `if`s around the sink in its function. */
  readonly guards: readonly Span[];
  readonly fn: number;
  readonly value: Value;
  /** The call, and which argument (-1: a keyword or the receiver), for fixes. */
  readonly callExpr?: Expr & { k: 'call' };
  readonly argIndex?: number;
  /** The assignment target for store sinks (`el.innerHTML`). */
  readonly store?: Expr & { k: 'member' };
  /** For a sink inside an imported helper: the helper, its file and the sink's line there (the hit is the call). */
  readonly helper?: { readonly name: string; readonly file: string; readonly line: number };
}

export interface Flow {
  readonly sink: SinkHit;
  readonly origin: Origin;
  /** The origin as it was at the sink (a helper's parameter placeholder for flows through summaries). */
  readonly at: Origin;
}

export interface Summary {
  returns: Value;
  sinks: Array<{ sink: SinkHit; origin: Origin; at: Origin }>;
  /** Methods called on a parameter (`res.send(x)` in `fail(res, x)`): sinks once a caller passes a response. */
  deferred: Deferred[];
  checks?: ParamChecks;
}

export interface Deferred {
  readonly index: number;
  readonly method: string;
  readonly isNew: boolean;
  readonly args: Value[];
  readonly kwargs: ReadonlyArray<[string, Value]>;
  readonly spans: readonly Span[];
  readonly call: Span;
  readonly callee: string;
  readonly guards: readonly Span[];
  readonly fn: Func;
  readonly expr: Expr & { k: 'call' };
  /** The status a chain before the call set (`res.status(500).json(x)`). */
  readonly status?: number;
}

export interface Frame {
  readonly fn: Func;
  env: Env;
  readonly returns: Value[];
  readonly guards: Span[];
}

class Stop extends Error {}

export class Analyzer {
  readonly flows: Flow[] = [];
  /** Imported functions called with input, by module (recorded when there is no importer). */
  readonly importsWithInput = new Map<string, Set<string>>();
  /** Every addition to `importsWithInput`, in order, when a unit-by-unit walk records them (reuse.ts). */
  importLog: Array<readonly [string, string]> | null = null;
  readonly summaries = new Map<number, Summary>();
  private readonly active = new Set<number>();
  private readonly envOf = new Map<number, Env>();
  readonly funcOfBinding = new Map<number, Func>();
  private readonly bindingById = new Map<number, Binding>();
  readonly roles: Roles;
  readonly methodsOf = new Map<string, Func>();
  readonly imports: ReadonlySet<string>;
  /** A unit-by-unit walk's observer (reuse.ts): each function as its analysis starts, and each summary a call reuses. */
  watch: { analyzed(fn: Func): void; reused(fn: Func): void } | null = null;

  constructor(
    readonly ir: FileIR, readonly models: Models, readonly text: string, readonly tick: () => void, readonly path = '',
    /** Summaries of imported workspace functions (slow tier); none: calls to imports are unknown calls. */
    readonly importer?: Importer,
  ) {
    for (const f of ir.funcs) {
      if (f.binding) this.funcOfBinding.set(f.binding.id, f);
      if (f.owner && f.name) this.methodsOf.set(`${f.owner.name}.${f.name}`, f);
    }
    for (const b of ir.bindings) this.bindingById.set(b.id, b);
    this.imports = importsOf(ir);
    this.roles = paramRoles(ir, models, this.imports, path);
  }

  bindingOf(id: number): Binding | undefined {
    return this.bindingById.get(id);
  }

  src(s: Span): string {
    return this.text.slice(s.start, Math.min(s.end, s.start + 120));
  }

  /**
   * Whether input can enter the file at all. Without any way in, there is nothing to follow (most
   * library files); route handlers are followed anyway, for what they send (caught errors, fetched rows).
   */
  hasWork(): boolean {
    return this.roles.any || this.roles.routes.size > 0 || mayHaveSources(this.ir, this.models);
  }

  /**
   * `summarise`: walk every function even without sources (a file whose exports another file calls).
   * Returns whether it walked; a walk gives the same results whether or not it was asked to summarise.
   * `plan`: runs the walk instead (unit by unit, reuse.ts), with the same results.
   */
  run(summarise = false, plan?: (a: Analyzer) => void): boolean {
    if (!summarise && !this.hasWork()) return false;
    if (plan) {
      plan(this);
      return true;
    }
    this.analyze(this.ir.top, new Env(null));
    for (const f of this.ir.funcs) this.leftover(f);
    return true;
  }

  /** Analyses a function nobody called or passed along (exported helpers, methods, decorated routes), if not yet done. */
  leftover(f: Func): void {
    if (!this.summaries.has(f.id) && !this.active.has(f.id)) this.analyze(f, this.envOf.get(f.parent?.id ?? -1) ?? new Env(null));
  }

  /** The top-level function with its statements run by `body` (unit by unit: reuse.ts) instead of all at once. */
  analyzeTop(body: (frame: Frame) => void): void {
    this.analyze(this.ir.top, new Env(null), body);
  }

  /**
   * `here`: `env` is where `fn` is defined, in its parent's walk: a closure then sees the checks of the branch
   * it is defined in (`if (isValid(id)) db.find(q, (err, doc) => … id …)`), not only its parent's start.
   */
  summary(fn: Func, env: Env, here = false): Summary | undefined {
    if (this.active.has(fn.id)) return undefined;
    const known = this.summaries.get(fn.id);
    if (known) this.watch?.reused(fn);
    return known ?? this.analyze(fn, here ? env : this.envOf.get(fn.parent?.id ?? -1) ?? env);
  }

  private analyze(fn: Func, closure: Env, body?: (frame: Frame) => void): Summary {
    const summary: Summary = { returns: EMPTY, sinks: [], deferred: [] };
    if (fn !== this.ir.top) this.watch?.analyzed(fn);
    this.active.add(fn.id);
    this.summaries.set(fn.id, summary);
    const frame: Frame = { fn, env: new Env(closure), returns: [], guards: [] };
    this.envOf.set(fn.id, frame.env);
    for (const p of fn.params) {
      const role = this.roles.get(p);
      const placeholder: Value = {
        taint: [{ label: 'param', param: { fn: fn.id, index: p.index, path: [] }, source: p.span, sourceText: p.name ?? 'parameter', steps: [], via: 'direct', trust: 'high' }],
      };
      let v = role ?? placeholder;
      if (p.dflt) v = join(v, this.eval(p.dflt, frame));
      this.assign(p.pattern, v, frame, p.span);
    }
    try {
      if (body) body(frame);
      else this.exec(fn.body, frame);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
    summary.returns = join(...frame.returns);
    summary.checks = paramChecks(this, fn, frame);
    this.active.delete(fn.id);
    return summary;
  }

  defer(fnId: number, d: Deferred): void {
    const s = this.summaries.get(fnId);
    if (s && s.deferred.length < 100) s.deferred.push(d);
  }

  record(sink: SinkHit, o: Origin, at: Origin = o): void {
    if (o.label === 'param') {
      const s = this.summaries.get(o.param!.fn);
      if (s && s.sinks.length < 200) s.sinks.push({ sink, origin: o, at });
      return;
    }
    if (this.flows.length < 2000) this.flows.push({ sink, origin: o, at });
  }

  /** Runs statements; true when they always leave the function or the loop iteration. */
  exec(stmts: readonly Stmt[], frame: Frame): boolean {
    for (const s of stmts) if (this.stmt(s, frame)) return true;
    return false;
  }

  private stmt(s: Stmt, f: Frame): boolean {
    this.tick();
    switch (s.k) {
      case 'let': {
        let v = s.value ? this.eval(s.value, f) : EMPTY;
        if (s.op && s.op !== '=') {
          const old = evalPattern(this, s.target, f);
          v = s.op === '+=' ? this.concat([old, v]) : s.op.length > 2 ? join(old, v) : EMPTY;
        }
        this.assign(s.target, v, f, s.span);
        return false;
      }
      case 'expr': {
        const v = this.eval(s.expr, f);
        return s.expr.k === 'call' && !!v.opaque && this.isExit(s.expr, f);
      }
      case 'return': {
        const v = s.value ? this.eval(s.value, f) : EMPTY;
        f.returns.push(v);
        if (s.value) recordSinks(this, f, { path: '<return>', isNew: false }, [returned(v)], [], [s.value.span], s.span, 'return');
        return true;
      }
      case 'throw':
        if (s.value) this.eval(s.value, f);
        return true;
      case 'if':
        return this.branch(s.test, s.then, s.else, f);
      case 'loop': {
        this.exec(s.head, f);
        for (let i = 0; i < 2; i++) {
          const body = f.env.overlay();
          const saved = f.env;
          f.env = body;
          if (s.test) this.eval(s.test, f);
          this.exec(s.body, f);
          f.env = saved;
          saved.merge([body], (id) => this.bindingById.get(id));
        }
        return false;
      }
      case 'try': {
        // A body ending in a statement that only binds a name (`url = decodeURIComponent(url)`) binds it at its very end:
        // when the handler runs, the body threw before that, so there the name holds what it held before the statement.
        const last = s.body[s.body.length - 1];
        const bound = last?.k === 'let' && last.target.k === 'bind' ? last.target.binding : undefined;
        let before: Value | undefined;
        let exits = bound ? this.exec(s.body.slice(0, -1), f) : this.exec(s.body, f);
        if (bound && !exits) {
          before = f.env.get(bound) ?? EMPTY;
          exits = this.exec([last], f);
        }
        if (s.handler.length || s.catchParam) {
          const saved = f.env;
          f.env = saved.overlay();
          if (bound && before) f.env.set(bound, before);
          if (s.catchParam) this.assign(s.catchParam, caughtError(s.catchParam.span, this.src(s.catchParam.span)), f, s.catchParam.span);
          const handlerExits = this.exec(s.handler, f);
          const h = f.env;
          f.env = saved;
          // After the statement either the body ran to its end or the handler did: join the two (ioBroker's
          // `try { url = decodeURIComponent(req.url) } catch { url = req.url }` keeps both).
          if (!handlerExits) saved.merge([h, saved.overlay()], (id) => this.bindingById.get(id));
        }
        this.exec(s.finalizer, f);
        return exits && !s.handler.length;
      }
      case 'block':
        return this.exec(s.body, f);
      case 'func':
        if (s.fn.binding) f.env.set(s.fn.binding, { taint: [], fn: s.fn });
        this.summary(s.fn, f.env, s.fn.parent?.id === f.fn.id);
        return false;
      case 'jump':
        return true;
    }
  }

  /** An `if`: guards from the test clean values in both branches (a layer under each: Env.after); a branch that exits does not flow on. */
  branch(test: Expr, thenS: readonly Stmt[], elseS: readonly Stmt[], f: Frame): boolean {
    this.eval(test, f);
    const checked = checkGuard(this, test, f);
    const saved = f.env;
    const run = (stmts: readonly Stmt[], checks: Check[]): [Env, Env, boolean] => {
      const layer = saved.overlay();
      for (const c of checks) c.apply(layer);
      f.env = layer.overlay();
      f.guards.push(test.span);
      const exits = this.exec(stmts, f);
      f.guards.pop();
      const env = f.env;
      f.env = saved;
      return [layer, env, exits];
    };
    const [thenLayer, thenEnv, thenExits] = run(thenS, checked.then);
    const [elseLayer, elseEnv, elseExits] = run(elseS, checked.else);
    if (thenExits && elseExits) return true;
    if (thenExits) saved.adopt(saved.after(elseLayer, elseEnv, false));
    else if (elseExits) saved.adopt(saved.after(thenLayer, thenEnv, false));
    else saved.merge([saved.after(thenLayer, thenEnv, true), saved.after(elseLayer, elseEnv, true)], (id) => this.bindingById.get(id));
    return false;
  }

  private isExit(call: Expr, f: Frame): boolean {
    if (call.k !== 'call') return false;
    const site = this.siteOf(call, f);
    return this.models.exits.find(site).length > 0;
  }

  siteOf(call: Expr & { k: 'call' }, f: Frame): { path?: string; method?: string; receiverName?: string; receiverText?: string; receiverObject?: string; isNew: boolean } {
    const c = call.callee;
    if (c.k === 'member') {
      const recv = this.peek(c.object, f);
      return { path: recv.path && c.prop ? `${recv.path}.${c.prop}` : undefined, method: c.prop ?? undefined, receiverName: lastName(c.object), receiverText: this.src(c.object.span), receiverObject: recv.object, isNew: call.isNew };
    }
    return { path: this.peek(c, f).path, isNew: call.isNew };
  }

  /** The value of a simple expression without evaluating calls (callee resolution). */
  peek(e: Expr, f: Frame): Value {
    if (e.k === 'name') return this.nameValue(e, f);
    if (e.k === 'member' && e.object.k !== 'call') return readMember(this, this.peek(e.object, f), e, true);
    return EMPTY;
  }

  nameValue(e: Expr & { k: 'name' }, f: Frame): Value {
    return nameValue(this, e, f);
  }

  eval(e: Expr, f: Frame): Value {
    return evalExpr(this, e, f);
  }

  concat(vs: Value[]): Value {
    return concat(vs);
  }

  assign(p: Pattern, v: Value, f: Frame, at: Span): void {
    assign(this, p, v, f, at);
  }

  origin(label: string, span: Span, extra: Partial<Origin> = {}): Origin {
    return origin(label, span, this.src(span), extra);
  }

  member(o: Origin, prop: string | null, span: Span): Origin | null {
    return memberOrigin(o, prop, span, this.src(span));
  }
}

/** A returned value; `return body, 500` (a Flask response tuple) is the body with its status. */
function returned(v: Value): Value {
  const status = v.fields?.get('1')?.lit;
  return typeof status === 'number' && v.fields?.has('0') ? { ...v.fields.get('0')!, status } : v;
}
