// What provides an import besides the distribution of its own name. Rules:
// - Other candidate distributions (`alternatives`): an import whose registry name does not exist may
//   still be real under another name; the first that exists stands for it, and one unknown answer leaves
//   it unknown, never "does not exist".
// - Declared providers that do not exist (`phantomProviders`): a Python import that only a declared
//   distribution provides, when that distribution does not exist on PyPI either (`from markdown_safeview
//   import render_markdown` with `django-markdown-safeview` in requirements.txt), fails as surely as the
//   install. The manifest entry is reported in the manifest; this reports the import too, where the code
//   that needs it is read and written.
import type { PackageFacts, RegistryService } from '../../../core/services';
import type { Collected, Located } from './collect';
import { providedBy } from './undeclared';
import type { Verdict } from './verdicts';

/** The imports whose only declared providers the registry says do not exist, with the provider named. */
export async function phantomProviders(
  registry: RegistryService, c: Collected, refs: readonly Located[], facts: ReadonlyMap<string, PackageFacts | undefined>, signal?: AbortSignal,
): Promise<Map<Located, string>> {
  const out = new Map<Located, string>();
  const asks = refs.flatMap((r) => {
    const own = facts.get(`${r.ecosystem}\u0000${r.name}`);
    if (!own || own.exists || providedBy(c, r) !== 'declared') return [];
    const dists = c.py?.providers(r.importName ?? r.name) ?? [];
    return dists.length ? [{ r, dists }] : [];
  });
  await Promise.all(asks.map(async ({ r, dists }) => {
    const answers = await Promise.all(dists.map((d) => registry.lookup('pypi', d, signal).catch(() => undefined)));
    // Every provider answered, and none exists (the offline list of every PyPI name answers too, as it
    // does for the manifest entry): an unknown answer (unreachable, look-ups off) proves nothing.
    if (answers.every((a) => a && !a.exists)) out.set(r, dists[0]);
  }));
  return out;
}

/** Asks an import's other candidate names (the import name itself, other distributions) when its own does not exist. */
export async function alternatives(registry: RegistryService, refs: readonly Located[], facts: Map<string, PackageFacts | undefined>, signal?: AbortSignal): Promise<void> {
  const key = (r: Located, n: string) => `${r.ecosystem}\u0000${n}`;
  const missing = refs.filter((r) => r.alternatives?.length && facts.get(key(r, r.name))?.exists === false);
  await Promise.all(missing.map(async (r) => {
    const answers = await Promise.all(r.alternatives!.map((n) => registry.lookup(r.ecosystem, n, signal).catch(() => undefined)));
    const found = answers.find((a) => a?.exists) ?? (answers.some((a) => !a) ? undefined : facts.get(key(r, r.name)));
    facts.set(key(r, r.name), found);
  }));
}

/** The verdict on an import whose declared provider does not exist. */
export function phantomVerdict(c: Collected, r: Located, dist: string): Verdict {
  const message = `\`${r.importName ?? r.name}\` would come from \`${dist}\` (declared in ${c.py?.declared.get(dist)?.file ?? 'the manifest'}), which does not exist on PyPI either: likely hallucinated, and anyone could register that name.`;
  return { kind: 'nonexistent', ref: r, message, confidence: r.optional || r.lazy ? 'low' : undefined };
}
