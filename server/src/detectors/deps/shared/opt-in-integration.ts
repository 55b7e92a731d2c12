// An integration a library ships for the users who opt into it (oracledb's `plugins/token/extensionAzure/` requiring
// `@azure/msal-node`, a bot framework's `storage/redis.js` beside `memory.js` and `mongo.js`): a module in a
// plugins/extensions/integrations/adapters/providers/storage folder, named after the SDK it wraps, that no other file of the package loads. The user loads it by its path and installs the SDK, as the library's
// docs say; the library's manifest need not list it. Loaded by the package's own code, it is a dependency like any other.
import type { ProjectService, WorkspaceIndex } from '../../../core/services';
import type { AsyncDetectorContext } from '../../../core/types';
import { folderFacts } from '../../shared/folder-facts';

const INTEGRATION_DIR = /^(?:plugins?|extensions?|integrations?|adapters?|providers?|contrib|storages?|stores?)$/i;
/** Words too common to name a vendor (`node-fetch` in `plugins/node/`). */
const GENERIC = new Set(['node', 'core', 'common', 'client', 'server', 'api', 'http', 'sdk', 'types', 'utils', 'util', 'lib', 'index', 'plugin', 'extension', 'adapter', 'provider']);

/** The lowercase words of a path segment: `extensionAzure` → extension, azure; `oci-vault.js` → oci, vault. */
const words = (seg: string): string[] => seg.replace(/\.[cm]?[jt]sx?$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** The vendor a package name is after: its scope (`@azure/msal-node`), else its first word (`oci-common`). */
function vendorOf(name: string): string | undefined {
  const v = name.startsWith('@') ? name.slice(1, name.indexOf('/')) : name.split(/[-._]/)[0];
  return v.length >= 3 && !GENERIC.has(v.toLowerCase()) ? v.toLowerCase() : undefined;
}

/** Relative specifiers' last names in a file (`./plugins/extensionAzure/index.js` → extensionAzure, index). */
const SPEC = /(?:\brequire\s*\(\s*|\bfrom\s*|\bimport\s*\(?\s*)['"`](\.\.?\/[^'"`]*)['"`]/g;
const SPEC_MEMO = {};
/** The package's files under `dir` by the names they load relatively. */
const byName = (facts: ReadonlyArray<readonly [string, ReadonlySet<string>]>): ReadonlyMap<string, readonly string[]> => {
  const out = new Map<string, string[]>();
  for (const [file, names] of facts) {
    for (const n of names) {
      const files = out.get(n);
      if (files) files.push(file);
      else out.set(n, [file]);
    }
  }
  return out;
};
const loaders = (ws: WorkspaceIndex, dir: string, unit: string): readonly string[] => folderFacts(ws, dir, SPEC_MEMO, EXT, loadedNames, byName)?.get(unit) ?? [];
const loadedNames = (text: string): Set<string> => new Set(/['"`]\.\.?\//.test(text) ? [...text.matchAll(SPEC)].flatMap((m) => m[1].split('/').slice(-2).map((s) => s.replace(/\.[cm]?[jt]sx?$/, ''))) : []);

/** Whether the npm import `name` in this file is an opt-in integration's SDK (see above). */
export function optInIntegration(ctx: AsyncDetectorContext, manifest: string | undefined, name: string): boolean {
  const vendor = vendorOf(name);
  if (!manifest || !vendor) return false;
  const dir = manifest.slice(0, manifest.lastIndexOf('/') + 1);
  const segs = ctx.path.slice(dir.length).split('/');
  const from = segs.findIndex((s, i) => i < segs.length - 1 && INTEGRATION_DIR.test(s));
  // The integration's unit: the folder or file after the integrations folder that names the vendor.
  const at = from < 0 ? -1 : segs.findIndex((s, i) => i > from && words(s).includes(vendor));
  if (at < 0) return false;
  const unit = segs[at].replace(/\.[cm]?[jt]sx?$/, '');
  const inside = dir + segs.slice(0, at + 1).join('/');
  const ws = ctx.services.workspace;
  if (!ws?.files) return true;
  return !loaders(ws, dir, unit).some((f) => !f.startsWith(inside));
}

const EXT = /\.[cm]?[jt]sx?$/;
/** The subpaths a manifest's `exports` publishes (`./utilities/subscriptions/relay`), or none. */
function exportKeys(manifest: string | undefined): string[] {
  try {
    const exp = manifest ? (JSON.parse(manifest) as { exports?: unknown }).exports : undefined;
    return exp && typeof exp === 'object' ? Object.keys(exp).filter((k) => k.startsWith('./')) : [];
  } catch { return []; }
}

/** The files a manifest's `exports` points at (`"./react": { "default": "./swiper-react.mjs" }` → swiper-react.mjs). */
function exportTargets(manifest: string | undefined): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v.replace(/^\.\//, ''));
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  try { walk(manifest ? (JSON.parse(manifest) as { exports?: unknown }).exports : undefined); } catch { /* no targets */ }
  return out;
}

/**
 * A folder named after the SDK with a manifest of its own that declares nothing, inside a package (`react/package.json`
 * giving only `main`/`module`: the entry `<package>/react`): the package's folder, where that entry is published.
 */
function stubEntryParent(project: ProjectService, dir: string, vendor: string): string | undefined {
  const m = /^(.*?)([^/]+)\/$/.exec(dir);
  if (!m || !words(m[2]).includes(vendor) || !project.exists(`${m[1]}package.json`)) return undefined;
  try {
    const own = JSON.parse(project.readFile(`${dir}package.json`) ?? '') as Record<string, unknown>;
    return ['dependencies', 'peerDependencies', 'optionalDependencies'].some((k) => own[k] !== undefined) ? undefined : m[1];
  } catch { return undefined; }
}

/**
 * An opt-in entry point named after the SDK it wraps, in any folder: the package publishes it as an entry of its own (an
 * `exports` subpath, as @apollo/client's `./utilities/subscriptions/relay` requiring `relay-runtime`, an `exports` target
 * (a slider's `./react` → `swiper-react.mjs` importing `react`), a folder of that name with a manifest that declares nothing
 * (a gallery's `react/package.json`), or a root file of that name, as mssql's `msnodesqlv8.js` loading `lib/msnodesqlv8/`; not the file itself, such as an `eslint.config.js` importing
 * `@eslint/js`), and no file but its own shims (files of that name)
 * loads it. Who imports that entry installs the SDK, as the docs say; loaded by the package's other code, it keeps the
 * rule's confidence.
 */
export function optInEntry(ctx: AsyncDetectorContext, manifest: string | undefined, name: string): boolean {
  const vendor = vendorOf(name);
  const project = ctx.services.project as ProjectService | undefined;
  const ws = ctx.services.workspace;
  if (!manifest || !vendor || !project || !ws?.files) return false;
  const own = manifest.slice(0, manifest.lastIndexOf('/') + 1);
  const parent = stubEntryParent(project, own, vendor);
  const dir = parent ?? own;
  const segs = ctx.path.slice(dir.length).split('/');
  const at = segs.findIndex((s) => words(s).includes(vendor));
  if (at < 0) return false;
  const unit = segs[at].replace(EXT, '');
  const published = parent !== undefined || exportKeys(project.readFile(manifest)).some((k) => k.split('/').includes(unit))
    || exportTargets(project.readFile(manifest)).includes(ctx.path.slice(dir.length))
    || (project.list(dir.replace(/\/$/, '')) ?? []).some((n) => EXT.test(n) && n.replace(EXT, '') === unit && dir + n !== ctx.path);
  if (!published) return false;
  const inside = dir + segs.slice(0, at + 1).join('/');
  const shim = (f: string) => f.split('/').some((s) => s.replace(EXT, '') === unit);
  return !loaders(ws, dir, unit).some((f) => !f.startsWith(inside) && !shim(f));
}
