// One verdict per package reference: fine, undeclared, nonexistent, suspicious or deprecated. Look-ups
// go through the injected RegistryService in parallel (it batches, caches and goes offline); the
// four rule detectors share one computation per file version through the engine's fact memo.
import type { Ecosystem, PackageFacts, RegistryService } from '../../../core/services';
import type { AsyncDetectorContext, Confidence, Fix, SlowFact } from '../../../core/types';
import { collect, type Collected, type Located } from './collect';
import { renameFix } from './dep-fixes';
import { addCreationTimes, ageInDays, nearMissOf, ownCompanion, ownScope, sameOwnerNames } from './same-owner';
import { popularIndex, typosquatOf, type PopularIndex } from './typosquat';
import { origin, providedBy, undeclared } from './undeclared';
import { alternatives, phantomProviders, phantomVerdict } from './import-providers';

export type VerdictKind = 'nonexistent' | 'suspicious' | 'undeclared' | 'deprecated';

export interface Verdict {
  kind: VerdictKind;
  ref: Located;
  message: string;
  fix?: Fix;
  confidence?: Confidence;
}

/** Host-provided options (`services.dependencies`), from the `vouch.dependencies.*` settings. */
export interface DependencyOptions {
  newPackageDays?: number;
}

const REGISTRY_NAME: Record<Ecosystem, string> = { npm: 'npm', pypi: 'PyPI' };
const code = (s: string) => `\`${s}\``;
/** A name without case or separators: `agate-dbf` and `agatedbf` are one. */
const squash = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '');

/** `sameOwner`: a near miss the registry says belongs to its popular neighbour's owners (no suspicion). */
function judge(ctx: AsyncDetectorContext, c: Collected, r: Located, facts: PackageFacts | undefined, index: PopularIndex | undefined, days: number, sameOwner: boolean, phantom?: string): Verdict[] {
  const out: Verdict[] = [];
  const reg = REGISTRY_NAME[r.ecosystem];
  if (facts && !facts.exists) {
    if (phantom) return [phantomVerdict(c, r, phantom)];
    if (providedBy(c, r)) return out;
    const near = index && typosquatOf(r.ecosystem, r.name, index);
    // Behind `try: … except ImportError` or another platform's branch, the code runs without it, as
    // written (Windows-only modules, old drivers): only a near miss of a popular name is a mistake there.
    if (r.optional && !near) return out;
    const hint = near ? `; did you mean ${code(near)}?` : '.';
    const message = `${code(r.name)} does not exist on ${reg}${origin(facts)}: likely hallucinated, and anyone could register this name${hint}`;
    // Imported inside a function (an optional driver) or after the script extends `sys.path` (its own folder's
    // module), and a package of the manifest's own scope (most likely a private sibling of its monorepo): shown,
    // not alarmed about.
    // A Python import names a module, not a distribution (`kmip` comes from PyKMIP): with no manifest to
    // say what is installed, and no popular name it misspells, an unknown one is as likely a real module.
    const unmapped = r.ecosystem === 'pypi' && r.kind === 'import' && !r.hasManifest && !near;
    // A module cannot hold the `-` or `.` of its distribution's name, so it often drops them (`agatedbf` is agate-dbf's,
    // csvkit's readers): a near miss by separators alone is most likely that distribution's module, not a typo.
    const moduleOfNear = !!near && r.ecosystem === 'pypi' && r.kind === 'import' && squash(near) === squash(r.name);
    out.push({ kind: 'nonexistent', ref: r, message, fix: near && !moduleOfNear ? renameFix(r, near) : undefined, confidence: r.optional || r.lazy || r.searchPath || unmapped || moduleOfNear || ownScope(c.npm?.manifests[0]?.manifest.name, r) ? 'low' : undefined });
    return out;
  }
  if (facts?.exists) {
    const popular = nearMissOf(r, facts, index);
    const near = popular && !ownCompanion(c.npm?.manifests[0]?.manifest.name, r, popular) ? popular : undefined;
    const ageDays = ageInDays(facts);
    // Unknown counts (PyPI, no downloads API) say nothing: outside the popular snapshot is not "few downloads".
    const lowDownloads = facts.monthlyDownloads !== undefined && facts.monthlyDownloads < 500;
    if (sameOwner) {
      // published by the popular package's owners: neither a typo trap nor an unknown newcomer
    } else if (near && r.kind === 'import' && r.optional) {
      // an optional backend the code tries by that name (`try: import pycouchdb`): chosen, not mistyped
    } else if (near) {
      const message = `${code(r.name)} exists on ${reg} but is a near miss of the popular package ${code(near)}: possibly a typo or a slopsquat${origin(facts)}.`;
      // No history at all (PyPI's offline snapshot knows only that the name exists): nothing says it is an
      // established project, nothing says it is new: shown, not alarmed about.
      const unknown = facts.created === undefined && facts.versions === undefined;
      out.push({ kind: 'suspicious', ref: r, message, fix: renameFix(r, near), confidence: r.lazy || unknown ? 'low' : 'medium' });
    } else if (ageDays !== undefined && ageDays >= 0 && ageDays < days) {
      const message = `${code(r.name)} was first published on ${reg} ${Math.floor(ageDays)} day(s) ago: check it is the package you meant before installing it${origin(facts)}.`;
      out.push({ kind: 'suspicious', ref: r, message, confidence: 'medium' });
    } else if ((facts.versions ?? Infinity) <= 2 && lowDownloads) {
      const message = `${code(r.name)} has only ${facts.versions} version(s) on ${reg} and few downloads: check it is the package you meant${origin(facts)}.`;
      out.push({ kind: 'suspicious', ref: r, message, confidence: 'low' });
    }
    if (facts.deprecated) {
      const message = `${code(r.name)} is deprecated on ${reg}: "${facts.deprecated.replace(/\s+/g, ' ').trim().slice(0, 200)}"${origin(facts)}.`;
      out.push({ kind: 'deprecated', ref: r, message });
    }
  }
  const u = undeclared(ctx, c, r, facts, out.some((v) => v.kind === 'suspicious'));
  if (u) out.push(u);
  return out;
}

async function compute(ctx: AsyncDetectorContext): Promise<Verdict[]> {
  const registry = ctx.services.registry as RegistryService | undefined;
  const c = collect(ctx, ctx.services.project);
  // Declared and installed, or declared from elsewhere than the registry (`npm:` alias, `file:`, git):
  // the manifest answers for it.
  const todo = c.refs.filter((r) => !(r.declared && (r.installed !== undefined || r.declared.local)));
  if (!todo.length) return [];
  const keys = [...new Set(todo.filter((r) => r.installed === undefined).map((r) => `${r.ecosystem}\u0000${r.name}`))];
  const facts = new Map<string, PackageFacts | undefined>();
  if (registry) {
    const answers = await Promise.all(keys.map((k) => {
      const [eco, name] = k.split('\u0000') as [Ecosystem, string];
      return registry.lookup(eco, name, ctx.signal).catch(() => undefined);
    }));
    keys.forEach((k, i) => facts.set(k, answers[i]));
    await alternatives(registry, todo, facts, ctx.signal);
  }
  if (ctx.signal?.aborted) return [];
  const indexes = new Map<Ecosystem, PopularIndex | undefined>();
  const indexOf = (eco: Ecosystem) => {
    if (!indexes.has(eco)) indexes.set(eco, registry ? popularIndex(eco, registry.popular(eco)) : undefined);
    return indexes.get(eco);
  };
  const days = (ctx.services.dependencies as DependencyOptions | undefined)?.newPackageDays ?? 30;
  if (registry) await addCreationTimes(registry, todo, facts, indexOf, ctx.signal);
  const sameOwner = registry ? await sameOwnerNames(registry, todo, facts, indexOf, ctx.signal) : new Set<string>();
  const phantoms = registry ? await phantomProviders(registry, c, todo, facts, ctx.signal) : new Map<Located, string>();
  if (ctx.signal?.aborted) return [];
  const out: Verdict[] = [];
  const suspected = new Set<string>();
  for (const r of todo) {
    ctx.checkBudget();
    const key = `${r.ecosystem}\u0000${r.name}`;
    for (const v of judge(ctx, c, r, facts.get(key), indexOf(r.ecosystem), days, sameOwner.has(key), phantoms.get(r))) {
      // A suspicious package is one finding per manifest: on its entry there when it is declared, else on
      // its first import here, never once per import site.
      if (v.kind === 'suspicious' && ((r.kind === 'import' && r.declared) || suspected.has(`${r.ecosystem}:${r.name}`))) continue;
      if (v.kind === 'suspicious') suspected.add(`${r.ecosystem}:${r.name}`);
      out.push(v);
    }
  }
  return out;
}

/** Every verdict about the package references of this file, shared by the dependency rules. */
export const dependencyVerdicts: SlowFact<Verdict[]> = { id: 'dependency-verdicts', compute };

/** The verdicts of one kind, as one rule reports them. */
export async function reportVerdicts(ctx: AsyncDetectorContext, kind: VerdictKind): Promise<void> {
  for (const v of (await ctx.get(dependencyVerdicts)) ?? []) {
    if (v.kind !== kind) continue;
    ctx.report({ start: v.ref.start, end: v.ref.end, message: v.message, fix: v.fix, confidence: v.confidence });
  }
}
