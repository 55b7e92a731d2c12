// An integration a library ships for the users who opt into it (oracledb's `plugins/token/extensionAzure/` requiring
// `@azure/msal-node`, a bot framework's `storage/redis.js` beside `memory.js` and `mongo.js`): a module in a
// plugins/extensions/integrations/adapters/providers/storage folder, named after the SDK it wraps, that no other file of the package loads. The user loads it by its path and installs the SDK, as the library's
// docs say; the library's manifest need not list it. Loaded by the package's own code, it is a dependency like any other.
import type { AsyncDetectorContext } from '../../../core/types';

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
  return !(ws.files() ?? []).some((f) => f.startsWith(dir) && !f.startsWith(inside) && /\.[cm]?[jt]sx?$/.test(f) && !!ws.derived(f, SPEC_MEMO, loadedNames)?.has(unit));
}
