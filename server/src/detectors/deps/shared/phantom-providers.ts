// A Python import that only a declared distribution provides, when that distribution does not exist on
// PyPI either (`from markdown_safeview import render_markdown` with `django-markdown-safeview` in
// requirements.txt): the import fails as surely as the install. The manifest entry is reported in the
// manifest; this finds the import, where the code that needs it is read and written.
import type { PackageFacts, RegistryService } from '../../../core/services';
import type { Collected, Located } from './collect';
import { providedBy } from './undeclared';

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
