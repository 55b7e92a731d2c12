// Folders a plugin hands to its host application's build: a Vendure plugin names its Angular admin extension
// `extensionPath: path.join(__dirname, 'ui')`, and the host's ui-devkit copies that folder into the admin app it
// compiles, whose own manifest brings `@angular/core` and `@vendure/admin-ui`. The plugin's manifest need not list
// them; a library only the extension uses still belongs there, so such imports are shown, not alarmed about.
// A Medusa (v1) plugin's admin extension is the `admin/` folder of its sources or build (`src/admin`, `dist/admin`):
// the host's @medusajs/admin builds it into the admin app, which brings `react`; the plugin declares that builder.
import type { ProjectService } from '../../../core/services';
import type { AsyncDetectorContext } from '../../../core/types';

/** `extensionPath: path.join(__dirname, 'ui')`, also compiled (`path_1.default.join`) or with `resolve`, `'./ui/'`. */
const EXTENSION_PATH = /\bextensionPath\s*:\s*[\w$.]*?\b(?:join|resolve)\(\s*__dirname\s*,\s*(['"`])(?:\.\/)?([\w.-]+)\/?\1\s*\)/g;
const MEMO = {};
const CODE = /\.(?:[cm]?js|tsx?)$/;

const named = (text: string): ReadonlySet<string> =>
  new Set(text.includes('extensionPath') ? [...text.matchAll(EXTENSION_PATH)].map((m) => m[2]) : []);

/** The builders that compile a plugin's `<sources or build>/admin/` folder into the host's admin app. */
const ADMIN_BUILDERS = new Set(['@medusajs/admin', '@medusajs/admin-sdk']);

/** A file in the `admin/` folder one level below the manifest's folder, in a package that declares an admin builder. */
function inAdminExtension(path: string, root: string, declared: readonly string[]): boolean {
  const segs = path.slice(root.length).split('/');
  return segs.length > 2 && segs[1] === 'admin' && declared.some((n) => ADMIN_BUILDERS.has(n));
}

/**
 * Whether a folder between the nearest manifest (`manifest`) and the file is named as a host build's extension
 * folder by a code file beside it (the plugin's entry, one level up), or is a Medusa admin extension (`declared`: the
 * manifest's dependency names, any section).
 */
export function inHostBuiltFolder(ctx: AsyncDetectorContext, manifest: string | undefined, declared: readonly string[] = []): boolean {
  const ws = ctx.services.workspace;
  const project = ctx.services.project as ProjectService | undefined;
  if (manifest === undefined) return false;
  const root = manifest.slice(0, manifest.lastIndexOf('/') + 1);
  if (!ctx.path.startsWith(root)) return false;
  if (inAdminExtension(ctx.path, root, declared)) return true;
  if (!ws || !project) return false;
  const segs = ctx.path.slice(root.length).split('/').slice(0, -1);
  for (let i = 0; i < segs.length; i++) {
    const parent = root + segs.slice(0, i).join('/');
    const dir = parent.endsWith('/') ? parent.slice(0, -1) : parent;
    const files = (project.list(dir) ?? []).filter((n) => CODE.test(n));
    if (files.some((n) => ws.derived(dir ? `${dir}/${n}` : n, MEMO, named)?.has(segs[i]))) return true;
  }
  return false;
}
