// Model packs (rules/models/*.json) compiled into lookup tables. A call site is described by its
// resolved path (imports traced: `child_process.exec`), its method name and its receiver; each
// table answers "which entries match this site" in a map look-up plus a few globs.
import type {
  CallbackModel, CallMatch, ModelLanguage, ModelPack, ObjectModel, ParamRole, PropagatorModel, RouteModel, SanitizerModel,
  SinkModel, SourceModel,
} from './model-types';

export interface Site {
  /** Resolved callee path, when the callee is an import, a global or a member of one. */
  path?: string;
  method?: string;
  /** Last name of the receiver (`db` in `this.db.query`), its text, and its role object. */
  receiverName?: string;
  receiverText?: string;
  receiverObject?: string;
  isNew: boolean;
}

const globRe = (glob: string) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^.]*')}$`);

/** What `find` answers when nothing matches (most calls): one shared, frozen array. */
const NONE: readonly never[] = Object.freeze([]);
/** Paths whose path matches are kept; the cache starts over past this many (a long session sees many). */
const MAX_PATHS = 4096;

export class CallIndex<T extends CallMatch> {
  private readonly byPath = new Map<string, T[]>();
  private readonly globs: Array<{ re: RegExp; item: T }> = [];
  private readonly byMethod = new Map<string, T[]>();
  private readonly receivers = new Map<string, RegExp>();
  /** Entries whose callee (exact or glob) matches a path, in `find`'s order: every call tests the same few paths. */
  private readonly pathMatches = new Map<string, readonly T[]>();

  add(item: T): void {
    this.pathMatches.clear();
    for (const c of item.callee ?? []) {
      if (c.includes('*')) this.globs.push({ re: globRe(c), item });
      else this.byPath.set(c, [...(this.byPath.get(c) ?? []), item]);
    }
    for (const m of item.method ?? []) this.byMethod.set(m, [...(this.byMethod.get(m) ?? []), item]);
    // Case-sensitive: `^[A-Z]` tells a model class (`User.find`) from a variable (`users.find`).
    if (item.receiver && !item.receiver.startsWith('@') && !this.receivers.has(item.receiver)) this.receivers.set(item.receiver, new RegExp(item.receiver));
  }

  get size(): number {
    return this.byPath.size + this.globs.length + this.byMethod.size;
  }

  /** The entries matching a call site, in order: by path (exact, then globs), then by method and receiver. */
  find(site: Site): readonly T[] {
    let out: T[] | undefined;
    if (site.path) {
      for (const t of this.byPathOf(site.path)) if (t.new === undefined || t.new === site.isNew) (out ??= []).push(t);
    }
    if (site.method) {
      const byMethod = this.byMethod.get(site.method);
      if (byMethod) {
        for (const t of byMethod) {
          if (!out?.includes(t) && (t.new === undefined || t.new === site.isNew) && this.receiverOk(t, site)) (out ??= []).push(t);
        }
      }
    }
    return out ?? NONE;
  }

  private byPathOf(path: string): readonly T[] {
    let hits = this.pathMatches.get(path);
    if (!hits) {
      const list = [...(this.byPath.get(path) ?? [])];
      for (const g of this.globs) if (g.re.test(path) && !list.includes(g.item)) list.push(g.item);
      hits = list.length ? list : NONE;
      if (this.pathMatches.size >= MAX_PATHS) this.pathMatches.clear();
      this.pathMatches.set(path, hits);
    }
    return hits;
  }

  private receiverOk(t: T, site: Site): boolean {
    if (!t.receiver) return true;
    if (t.receiver.startsWith('@')) return site.receiverObject === t.receiver.slice(1);
    const re = this.receivers.get(t.receiver)!;
    return (!!site.receiverName && re.test(site.receiverName)) || (!!site.receiverText && re.test(site.receiverText));
  }
}

export interface Models {
  readonly language: ModelLanguage;
  readonly sinks: CallIndex<SinkModel>;
  readonly stores: Map<string, SinkModel[]>;
  readonly sanitizers: CallIndex<SanitizerModel>;
  readonly sanitizingMembers: Map<string, SanitizerModel>;
  readonly propagators: CallIndex<PropagatorModel>;
  readonly callbacks: CallIndex<CallbackModel>;
  readonly validators: CallIndex<CallMatch>;
  readonly middleware: CallIndex<CallMatch>;
  readonly exits: CallIndex<CallMatch>;
  readonly sourceCalls: CallIndex<SourceModel & CallMatch>;
  readonly sourcePaths: Map<string, SourceModel>;
  /** Callee paths of source calls (`input`, `os.getenv`). */
  readonly sourceCallNames: string[];
  readonly objects: Map<string, ObjectModel>;
  readonly params: ParamRole[];
  readonly routes: RouteModel[];
  readonly cleanAnnotation: RegExp;
}

/** Compiles the packs for one language (and the team's extensions, which are packs too). */
export function compileModels(packs: readonly ModelPack[], language: ModelLanguage): Models {
  const m: Models = {
    language,
    sinks: new CallIndex(), stores: new Map(), sanitizers: new CallIndex(), sanitizingMembers: new Map(), propagators: new CallIndex(),
    callbacks: new CallIndex(), validators: new CallIndex(), middleware: new CallIndex(), exits: new CallIndex(),
    sourceCalls: new CallIndex(), sourcePaths: new Map(), sourceCallNames: [], objects: new Map(), params: [], routes: [], cleanAnnotation: /^$/,
  };
  const clean: string[] = [];
  for (const p of packs) {
    if (!p.languages.includes(language)) continue;
    for (const s of p.sinks ?? []) {
      if (s.store) for (const st of s.store) m.stores.set(st, [...(m.stores.get(st) ?? []), s]);
      else m.sinks.add(s);
    }
    for (const s of p.sanitizers ?? []) {
      if (s.member) for (const name of s.member) m.sanitizingMembers.set(name, s);
      else m.sanitizers.add(s);
    }
    for (const s of p.propagators ?? []) m.propagators.add(s);
    for (const s of p.callbacks ?? []) m.callbacks.add(s);
    for (const s of p.validators ?? []) m.validators.add(s);
    for (const s of p.middleware ?? []) m.middleware.add(s);
    for (const s of p.exits ?? []) m.exits.add(s);
    for (const s of p.sources ?? []) {
      for (const path of s.path ?? []) m.sourcePaths.set(path, s);
      // Labelled values (`value`, and methods: a digest) are not ways in: they do not open a file to the walk.
      if (s.call) {
        m.sourceCalls.add({ ...s, callee: s.call });
        if (!s.value) m.sourceCallNames.push(...s.call);
      } else if (s.method) {
        m.sourceCalls.add({ ...s });
      }
    }
    for (const [name, o] of Object.entries(p.objects ?? {})) m.objects.set(name, mergeObject(m.objects.get(name), o));
    m.params.push(...(p.params ?? []));
    m.routes.push(...(p.routes ?? []));
    clean.push(...(p.cleanAnnotations ?? []));
  }
  if (clean.length) (m as { cleanAnnotation: RegExp }).cleanAnnotation = new RegExp(`^(?:${clean.join('|')})$`);
  return m;
}

function mergeObject(a: ObjectModel | undefined, b: ObjectModel): ObjectModel {
  if (!a) return b;
  return {
    fields: { ...a.fields, ...b.fields },
    methods: { ...a.methods, ...b.methods },
    stores: { ...a.stores, ...b.stores },
  };
}
