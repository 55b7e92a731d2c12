// Who a registry says owns a package, read from the registry's own records only: npm's top-level
// `maintainers` (the `npm owner` list) and PyPI's `ownership` (account roles and organization).
// Never `author`, per-version `maintainers` or `_npmUser`, nor PyPI's author/maintainer fields: a
// publisher writes those, and a squat copies the real package's to look like it (some registries,
// such as Verdaccio, store a version as the publisher sent it).

const lower = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim().toLowerCase() : undefined);

/** npm `maintainers`: `{ name, email }` objects or old `"name <email>"` strings; undefined when absent. */
export function npmOwners(doc: unknown): string[] | undefined {
  const list = (doc as { maintainers?: unknown } | null)?.maintainers;
  if (!Array.isArray(list)) return undefined;
  const out = new Set<string>();
  for (const m of list) {
    if (typeof m === 'string') {
      const [, name, email] = /^\s*([^<]*?)\s*(?:<([^>]*)>)?\s*$/.exec(m) ?? [];
      for (const v of [lower(name), lower(email)]) if (v) out.add(v);
    } else if (m && typeof m === 'object') {
      for (const v of [lower((m as { name?: unknown }).name), lower((m as { email?: unknown }).email)]) if (v) out.add(v);
    }
  }
  return [...out];
}

/** PyPI JSON API `ownership: { roles: [{ role, user }], organization }`; undefined when absent. */
export function pypiOwners(doc: unknown): string[] | undefined {
  const own = (doc as { ownership?: { roles?: unknown; organization?: unknown } } | null)?.ownership;
  if (!own || typeof own !== 'object') return undefined;
  const out = new Set<string>();
  if (Array.isArray(own.roles)) for (const r of own.roles) {
    const user = lower((r as { user?: unknown } | null)?.user);
    if (user) out.add(user);
  }
  const org = lower(own.organization);
  if (org) out.add(`org:${org}`);
  return [...out];
}
