// Near misses of popular names, and the one way a near miss is cleared: the registry lists a common
// owner for it and the popular package (a rename or scope move such as `rollup-plugin-x` →
// `@rollup/plugin-x`, or an official companion). Owners are asked only for near misses that would
// otherwise be reported (rare), a few per file, through the registry service (cached there).
import type { Ecosystem, PackageFacts, RegistryService } from '../../../core/services';
import type { Located } from './collect';
import { namesModule } from './project-python';
import { normalizePypi } from './python-import-names';
import { typosquatOf, type PopularIndex } from './typosquat';

const DAY = 86_400_000;
/** Near misses whose owners one file version may ask about; the rest are reported as before. */
const MAX_OWNER_CHECKS = 8;

export const ageInDays = (facts: PackageFacts) => (facts.created ? (Date.now() - Date.parse(facts.created)) / DAY : undefined);

/**
 * The popular package an existing `r` is a near miss of, unless it has its own history: two years
 * and many releases make a project, not a squat of a newer or bigger name.
 */
export function nearMissOf(r: Located, facts: PackageFacts, index: PopularIndex | undefined): string | undefined {
  const squat = index && typosquatOf(r.ecosystem, r.name, index, facts.monthlyDownloads);
  // `import pyodide` beside `pyodide-py`: the popular name is the distribution of the import, not its target.
  // A known import name (`lazr`, a namespace of lazr.* distributions) is nobody's typo either.
  if (!squat || r.knownImport || (r.kind === 'import' && r.ecosystem === 'pypi' && namesModule(normalizePypi(squat), r.importName ?? r.name))) return undefined;
  // `import opensearchpy` answered by the distribution opensearch-py: the popular name is what it found.
  if (r.ecosystem === 'pypi' && normalizePypi(facts.name) === normalizePypi(squat)) return undefined;
  // `@fastify/type-provider-zod` beside `fastify-type-provider-zod`: the project's own scope, no typo.
  const folded = (n: string) => (n.startsWith('@') ? n.slice(1).replace('/', '-') : n);
  if (r.ecosystem === 'npm' && folded(r.name) === folded(squat)) return undefined;
  // npm gives a creation time only for packages that may be new (changed lately): with none, many
  // releases are history enough. A known creation time two years old is history too, once the name
  // had a second release (`karma-chai`, 2013, three versions): a squat is one upload, and recent.
  const age = ageInDays(facts);
  const versions = facts.versions ?? 0;
  const established = age === undefined ? r.ecosystem === 'npm' && versions >= 10 : age >= 730 && versions >= 2;
  return established ? undefined : squat;
}

const words = (n: string) => n.replace(/^@[^/]+\//, '').toLowerCase().split(/[-._]/).filter((w) => w.length >= 3);

/**
 * `eslint-config-hexo` beside `eslint-config-next`, in hexo-cli's manifest (`own`): the words the name
 * does not share with its popular neighbour are the project's own name, so it is the project's
 * companion (its lint config, plugin), not a typo. `express-sesion` in `express-app` still differs by a typo.
 */
export function ownCompanion(own: string | undefined, r: Located, near: string): boolean {
  if (r.ecosystem !== 'npm' || !own) return false;
  const mine = new Set(words(own));
  const theirs = new Set(words(near));
  const differing = words(r.name).filter((w) => !theirs.has(w));
  return differing.length > 0 && differing.every((w) => mine.has(w));
}

/** `@bull-board/test-utils` in `@bull-board/express`'s manifest (`own`): the package's own npm scope. */
export function ownScope(own: string | undefined, r: Located): boolean {
  return r.ecosystem === 'npm' && r.kind === 'manifest' && !!own?.startsWith('@') && r.name.startsWith(own.slice(0, own.indexOf('/') + 1));
}

/** Whether two owner lists (lower-case names, e-mails, `org:` ids) have one in common; unknown → no. */
export function sharesOwner(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (!a?.length || !b?.length) return false;
  const set = new Set(a);
  return b.some((o) => set.has(o));
}

/** The existing packages among `refs` that are near misses of a popular name (and pass `also`), once per `ecosystem\0name`. */
function existingNearMisses(
  refs: readonly Located[],
  facts: ReadonlyMap<string, PackageFacts | undefined>,
  indexOf: (eco: Ecosystem) => PopularIndex | undefined,
  also: (f: PackageFacts) => boolean = () => true,
): Map<string, { r: Located; near: string }> {
  const out = new Map<string, { r: Located; near: string }>();
  for (const r of refs) {
    const key = `${r.ecosystem}\u0000${r.name}`;
    const f = facts.get(key);
    const near = f?.exists && also(f) && !out.has(key) ? nearMissOf(r, f, indexOf(r.ecosystem)) : undefined;
    if (near) out.set(key, { r, near });
  }
  return out;
}

/**
 * Fills in when each near miss among `refs` was first published, where the look-up did not say (npm's
 * abbreviated answer, for names unchanged lately): its own history may clear it (see nearMissOf).
 */
export async function addCreationTimes(
  registry: RegistryService,
  refs: readonly Located[],
  facts: Map<string, PackageFacts | undefined>,
  indexOf: (eco: Ecosystem) => PopularIndex | undefined,
  signal?: AbortSignal,
): Promise<void> {
  if (!registry.firstPublished || registry.offline) return;
  const todo = existingNearMisses(refs, facts, indexOf, (f) => !f.created);
  await Promise.all([...todo].slice(0, MAX_OWNER_CHECKS).map(async ([key, { r }]) => {
    const created = await registry.firstPublished!(r.ecosystem, r.name, signal).catch(() => undefined);
    const f = facts.get(key);
    if (created && f) facts.set(key, { ...f, created });
  }));
}

/**
 * `ecosystem\0name` of the existing near misses among `refs` that share an owner with their popular
 * neighbour. Any failure leaves a name out: it is reported as it was before owners counted.
 */
export async function sameOwnerNames(
  registry: RegistryService,
  refs: readonly Located[],
  facts: ReadonlyMap<string, PackageFacts | undefined>,
  indexOf: (eco: Ecosystem) => PopularIndex | undefined,
  signal?: AbortSignal,
): Promise<Set<string>> {
  const out = new Set<string>();
  if (!registry.owners || registry.offline) return out;
  const ask = (eco: Ecosystem, name: string) => registry.owners!(eco, name, signal).catch(() => undefined);
  await Promise.all([...existingNearMisses(refs, facts, indexOf)].slice(0, MAX_OWNER_CHECKS).map(async ([key, { r, near }]) => {
    const [mine, theirs] = await Promise.all([ask(r.ecosystem, r.name), ask(r.ecosystem, near)]);
    if (sharesOwner(mine, theirs)) out.add(key);
  }));
  return out;
}
