// Fact `secret-sinks`: literals that reach a place where a value is a secret by use (session and JWT
// secrets, HMAC and cipher keys, database passwords, basic-auth tuples, Flask/Django SECRET_KEY), from
// the IR of the file: imports and require() traced for the callee, constants and object literals
// bound once in the file followed for the value. Which calls and settings count is data
// (rules/secret-sinks/sinks.json); the policy (what to say, how sure) is the rule's.
import { ir } from '../../analysis';
import type { Expr, FileIR, Func, Stmt } from '../../analysis/ir';
import { callsOf } from '../../analysis/walk';
import type { Fact } from '../../core/types';
import { comparedLiterals } from './secret-comparisons';
import { FileValues, kwargOf, propOf, valuesAt } from './secret-sink-values';
import { SinkGate } from './secret-sink-gate';
import { keyedHashOnly } from './secret-sink-keyed-hash';
import sinkPack from '../../../../rules/secret-sinks/sinks.json';

import type { At, CallSpec, ImportedSink, SettingSpec, SinkHow, SinkPack, SinkScan, SinkSecret } from './secret-sink-types';
export type { ImportedSink, SinkHow, SinkPack, SinkRole, SinkScan, SinkSecret } from './secret-sink-types';
type Lang = 'js' | 'python';
type CompiledCall = CallSpec & { res: RegExp[]; recv?: RegExp };

/** Words without which no sink in the pack can appear (checked before the file is lowered). */
const HINT = /secret|jsonwebtoken|cookie-|passport|hmac|cipher|scrypt|pbkdf2|passw|\bauth\b|jwt|sequelize|bcrypt|argon2|\bpass\b|api[-_]?key|create_engine|mongoose|mongoclient|connectionstring|from_url|createclient/i;
const MAX_DEPTH = 4;
const URL_PASSWORD = /^[a-z][\w+.-]{0,20}:\/\/[^\s:/@]{0,200}:([^\s@/]{1,200})@/i;

const globRe = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^.]*')}$`);

export class SecretSinks {
  private readonly calls: readonly CompiledCall[];
  constructor(private readonly pack: SinkPack) {
    this.calls = pack.calls.map((c) => ({ ...c, res: (c.callee ?? []).map(globRe), recv: c.receiver ? new RegExp(c.receiver) : undefined }));
  }

  find(lowered: FileIR, text: string, tick: () => void): SinkScan {
    const mine = <T extends { language: Lang }>(list: readonly T[]) => list.filter((x) => x.language === lowered.language);
    return new FileSinks(lowered, text, tick, mine(this.calls), mine(this.pack.settings)).run();
  }
}

class FileSinks {
  private readonly out = new Map<number, SinkSecret>();
  private readonly imported: ImportedSink[] = [];
  private readonly values: FileValues;

  constructor(
    private readonly lowered: FileIR, private readonly text: string, private readonly tick: () => void,
    private readonly calls: readonly CompiledCall[], private readonly settings: readonly SettingSpec[],
  ) { this.values = new FileValues(lowered, text); }

  run(): SinkScan {
    for (const fn of this.lowered.funcs) {
      this.tick();
      callsOf(fn).forEach((e) => this.call(e, fn));
      this.stores(fn.body, fn === this.lowered.top);
    }
    comparedLiterals(this.lowered, this.values, this.text, (lit, name) => this.literal(lit, { role: 'check', what: `\`${name}\``, where: 'a comparison', env: 'ADMIN_PASSWORD' }, 'compare'));
    return { literals: [...this.out.values()].sort((x, y) => x.start - y.start), imported: this.imported };
  }

  private call(e: Expr & { k: 'call' }, fn: Func): void {
    let path: string | undefined | null = null;
    for (const spec of this.calls) {
      if (spec.res.length && path === null) path = this.values.pathOf(e.callee);
      let hit = !!path && spec.res.some((re) => re.test(path!));
      if (!hit && spec.method && spec.recv && e.callee.k === 'member' && spec.method.includes(e.callee.prop ?? '')) {
        hit = spec.recv.test(this.values.textOf(e.callee.object));
      }
      if (!hit || spec.constantWith?.some((a) => this.values.resolve(a.kwarg !== undefined ? kwargOf(e.kwargs, a.kwarg) : e.args[a.index!])?.k === 'lit')) continue;
      const where = `\`${this.values.textOf(e.callee).replace(/\s+/g, ' ').slice(0, 60)}\``;
      for (const a of spec.args) {
        let v: Expr | undefined = a.kwarg !== undefined ? kwargOf(e.kwargs, a.kwarg) : e.args[a.index!];
        if (a.option) for (const key of a.option.split('.')) { const o = this.values.resolve(v); v = o?.k === 'object' ? propOf(o, key) : undefined; }
        if (a.item !== undefined) { const t = this.values.resolve(v); v = t?.k === 'array' ? t.items[a.item] : undefined; }
        const hashOnly = path === 'crypto.createHmac' && keyedHashOnly(fn, e, this.text) ? { hashOnly: true } : {};
        this.value(v, { role: spec.role ?? 'secret', what: spec.what, where, env: spec.env, url: a.url, ...hashOnly });
      }
    }
  }

  /** Assignments to settings: `SECRET_KEY = '…'` (module or class level), `app.config['SECRET_KEY'] = …`, `app.secret_key = …`. */
  private stores(stmts: readonly Stmt[], moduleOrClass: boolean): void {
    if (!this.settings.length) return;
    for (const s of stmts) {
      if (s.k === 'if') { this.stores([...s.then, ...s.else], moduleOrClass); continue; }
      if (s.k === 'try') { this.stores([...s.body, ...s.handler, ...s.finalizer], moduleOrClass); continue; }
      if (s.k === 'block') { this.stores(s.body, moduleOrClass); continue; }
      if (s.k !== 'let' || s.op || !s.value) continue;
      const t = s.target;
      if (t.k === 'bind' && t.binding.kind === 'import') continue; // `from settings import SECRET_KEY`: set there
      for (const spec of this.settings) {
        const named = t.k === 'bind' && moduleOrClass && spec.names?.includes(t.binding.name);
        const member = t.k === 'member' && t.target.k === 'member' && !!t.target.prop && (
          spec.members?.includes(t.target.prop) ||
          (spec.names?.includes(t.target.prop) && t.target.object.k === 'member' && t.target.object.prop === 'config'));
        const at: At = { role: 'secret', what: spec.what, where: `\`${this.text.slice(t.span.start, t.span.end)}\``, env: spec.env };
        if (named || member) for (const v of spec.keys ? valuesAt(this.values, s.value, spec.keys) : [s.value]) this.value(v, at);
      }
    }
  }

  /** Records the literal(s) a sink receives: the value itself, array items, or the fallback of a lookup. */
  private value(e0: Expr | undefined, at: At, how: SinkHow = 'sink', depth = 0): void {
    const e = this.values.resolve(e0);
    const ref = e0 && (!e || e.k === 'member' || e.k === 'name') ? this.values.importRef(e0) : undefined;
    if (ref && !at.url) this.imported.push({ start: e0!.span.start, end: e0!.span.end, how, ...at, ...ref });
    if (!e || depth > MAX_DEPTH) return;
    if (e.k === 'lit') return this.literal(e, at, how);
    if (e.k === 'array') return e.items.forEach((i) => this.value(i, at, how, depth + 1));
    if (e.k === 'cond') {
      // `process.env.X || 'dev'`, `os.environ.get('X') or 'dev'`, `isProd ? process.env.X : 'dev'`.
      const lookups = e.options.filter((o) => { const r = this.values.resolve(o); return !!r && r.k !== 'lit'; });
      const fb: SinkHow = lookups.some((o) => this.values.isEnvRead(o)) ? 'fallback' : lookups.length ? 'fallback-other' : how;
      // Lookups are followed only into other modules (`|| config.secret`): a literal exported there.
      for (const o of e.options) if (!lookups.includes(o) || !this.values.isEnvRead(o)) this.value(o, at, how === 'sink' ? fb : how, depth + 1);
      return;
    }
    if (e.k === 'call' && this.values.isEnvRead(e) && e.args[1]) this.value(e.args[1], at, 'fallback', depth + 1); // os.getenv('X', 'dev')
  }

  private literal(e: Expr & { k: 'lit' }, at: At, how: SinkHow): void {
    if (typeof e.value !== 'string' || !e.value.trim() || this.out.has(e.span.start)) return;
    const raw = this.text.slice(e.span.start, e.span.end);
    const open = /^([A-Za-z]{0,2})("""|'''|"|'|`)/.exec(raw);
    if (!open || /\$\{|\{\{/.test(raw)) return; // a template filled in elsewhere, not a value
    let start = e.span.start + open[0].length;
    let end = e.span.end - open[2].length;
    // A connection URL: only its password (`postgresql://app:app@db/app`).
    const url = at.url ? URL_PASSWORD.exec(this.text.slice(start, end)) : undefined;
    if (url === null) return;
    if (url) [start, end] = [start + url[0].length - url[1].length - 1, start + url[0].length - 1];
    if (end <= start) return;
    this.out.set(e.span.start, { start, end, value: this.text.slice(start, end), how, ...at, fixable: !url && open[1] === '' && open[2].length === 1 && open[2] !== '`' });
  }
}

const SINKS = new SecretSinks(sinkPack as SinkPack);
const GATE = new SinkGate(sinkPack as SinkPack);

const NONE: SinkScan = { literals: [], imported: [] };

/** The file's literals that reach a secret sink, and what sinks read from other modules (empty when the file names none). */
export const secretSinks: Fact<SinkScan> = {
  id: 'secret-sinks',
  compute(ctx) {
    if (!HINT.test(ctx.text) || ctx.path.endsWith('.d.ts') || !GATE.admits(ctx.text, ctx.languageId === 'python' ? 'python' : 'js')) return NONE;
    const lowered = ctx.get(ir);
    return lowered ? SINKS.find(lowered, ctx.text, () => ctx.checkBudget()) : NONE;
  },
};
