// Fact `static-mounts`: the places a JS/TS or Python file serves a folder over HTTP (express.static,
// serve-static, koa-static, sirv, serve-index, @fastify/static, Flask send_from_directory and
// static_folder, Starlette StaticFiles, aiohttp add_static, Django's static `serve` view), each with
// what the folder is (served-roots.ts), whether it lists directories or serves dotfiles, and whether
// an environment check or an auth middleware in the same route chain guards it. Which calls and
// options count is data (rules/exposure/served-folders.json); the two rules decide.
import { ir } from '../../analysis';
import type { Expr, FileIR } from '../../analysis/ir';
import type { Fact } from '../../core/types';
import { callSites, envGuarded, type Call, type CallSite } from './ir-sites';
import { ServedRoots, type Served } from './served-roots';
import { chainGuarded } from './route-guards';
import { FileValues, kwargOf, propOf } from '../common/secret-sink-values';
import data from '../../../../rules/exposure/served-folders.json';

interface ServerSpec {
  language: string; callee?: string[]; plugin?: string[]; view?: string[]; method?: string;
  root: { index?: number; kwarg?: string; option?: string }; options?: number; file?: { index?: number; kwarg?: string };
  dotfiles?: { key: string; value: string | boolean }; listing?: boolean; listingOption?: string; listingKwarg?: string;
}

export interface StaticMount {
  /** The serving call (or the view reference for Django's `serve`). */
  readonly span: { start: number; end: number };
  readonly server: string;
  /** The folder expression, when there is one. */
  readonly root?: { start: number; end: number };
  readonly served?: Served;
  /** The option or call that turns on directory listing (serve-index, `list: true`, `show_index=True`). */
  readonly listing?: { start: number; end: number };
  /** The option that serves dotfiles (`dotfiles: 'allow'`, `hidden: true`). */
  readonly dotfiles?: { start: number; end: number };
  /** Under an environment/DEBUG check, or behind an auth middleware in the same chain. */
  readonly guarded: boolean;
}

const SERVERS = data.servers as ServerSpec[];
/** Words without which none of the servers can appear (`static` alone is every TS class with a static member). */
const HINT = /serve-static|koa-static|\bsirv\b|serve-index|fastify-static|@fastify\/static|send_from_directory|static_folder|StaticFiles|add_static|django\.views\.static/;
const mayServe = (text: string) => HINT.test(text) || (text.includes('express') && /\.static\s*\(/.test(text));

const isTrue = (e: Expr | undefined) => e?.k === 'lit' && (e.value === true || e.value === 'true');

class Mounts {
  private readonly values: FileValues;
  private readonly roots: ServedRoots;
  readonly out: StaticMount[] = [];

  constructor(private readonly lowered: FileIR, private readonly text: string) {
    this.values = new FileValues(lowered, text);
    this.roots = new ServedRoots(this.values, text);
  }

  site(s: CallSite): void {
    const { call } = s;
    let path: string | undefined | null = null;
    const pathOf = () => (path === null ? (path = this.values.pathOf(call.callee)) : path);
    for (const spec of SERVERS) {
      if (spec.language !== this.lowered.language) continue;
      if (spec.callee && spec.callee.includes(pathOf() ?? '')) this.mount(s, spec, call, call.args, call);
      else if (spec.method && call.callee.k === 'member' && call.callee.prop === spec.method) this.mount(s, spec, call, call.args, call);
      else if (spec.plugin && call.callee.k === 'member' && call.callee.prop === 'register' && call.args[0] && spec.plugin.includes(this.values.pathOf(call.args[0]) ?? '')) {
        this.mount(s, spec, call, call.args, undefined);
      } else if (spec.view) {
        const i = call.args.findIndex((a) => spec.view!.includes(this.values.pathOf(a) ?? ''));
        if (i >= 0) this.mount(s, spec, call.args[i], call.args.slice(i), undefined, call.args[i + 1]);
      }
    }
  }

  private mount(s: CallSite, spec: ServerSpec, at: Expr, args: readonly Expr[], kw: Call | undefined, options0?: Expr): void {
    const opt = (key: string | undefined) => {
      const o = this.values.resolve(options0 ?? (spec.options !== undefined ? args[spec.options] : undefined));
      return key && o?.k === 'object' ? propOf(o, key) : undefined;
    };
    const arg = (a: { index?: number; kwarg?: string; option?: string } | undefined) =>
      !a ? undefined : a.option ? opt(a.option) : (a.kwarg && kw ? kwargOf(kw.kwargs, a.kwarg) : undefined) ?? (a.index !== undefined ? args[a.index] : undefined);
    // `send_from_directory(folder, 'favicon.ico')`: one fixed file, not the folder.
    const file = arg(spec.file);
    if (spec.file && (!file || file.k === 'lit')) return;
    const root = arg(spec.root);
    const served = root ? this.roots.classify(root) : undefined;
    const listingOpt = spec.listingOption ? opt(spec.listingOption) : spec.listingKwarg && kw ? kwargOf(kw.kwargs, spec.listingKwarg) : undefined;
    const listing = spec.listing ? at.span : isTrue(listingOpt) ? this.spanOf(spec.listingOption ?? spec.listingKwarg!, listingOpt!) : undefined;
    const dot = spec.dotfiles ? opt(spec.dotfiles.key) : undefined;
    const dotfiles = dot?.k === 'lit' && (dot.value === spec.dotfiles!.value || (spec.dotfiles!.value === true && isTrue(dot))) ? this.spanOf(spec.dotfiles!.key, dot) : undefined;
    if (!served && !listing && !dotfiles) return;
    const guarded = envGuarded(s.guards, this.text) || (!!s.parent && chainGuarded(s.parent, s.call, this.text));
    this.out.push({ span: at.span, server: this.text.slice(at.span.start, at.span.end).split('(')[0].trim(), root: root?.span, served, listing, dotfiles, guarded });
  }

  /** `list: true` / `show_index=True`: from the key to the value (the value alone when the key is not found just before it). */
  private spanOf(key: string, value: Expr): { start: number; end: number } {
    const before = this.text.lastIndexOf(key, value.span.start);
    if (before < 0 || value.span.start - before >= key.length + 6) return value.span;
    return { start: /['"]/.test(this.text[before - 1] ?? '') ? before - 1 : before, end: value.span.end };
  }
}

export const staticMounts: Fact<readonly StaticMount[]> = {
  id: 'static-mounts',
  compute(ctx) {
    if (!mayServe(ctx.text) || ctx.path.endsWith('.d.ts')) return [];
    const lowered = ctx.get(ir);
    if (!lowered) return [];
    const m = new Mounts(lowered, ctx.text);
    for (const s of callSites(lowered, () => ctx.checkBudget())) m.site(s);
    return m.out;
  },
};
