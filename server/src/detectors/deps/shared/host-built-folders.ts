// Folders a plugin hands to its host application's build: a Vendure plugin names its Angular admin extension
// `extensionPath: path.join(__dirname, 'ui')`, and the host's ui-devkit copies that folder into the admin app it
// compiles, whose own manifest brings `@angular/core` and `@vendure/admin-ui`. The plugin's manifest need not list
// them; a library only the extension uses still belongs there, so such imports are shown, not alarmed about.
// (A Medusa plugin's admin/ folder, which its host's admin builder compiles, is in the host model: rules/hosts.)
import type { ProjectService } from '../../../core/services';
import type { AsyncDetectorContext } from '../../../core/types';

/** `extensionPath: path.join(__dirname, 'ui')`, also compiled (`path_1.default.join`) or with `resolve`, `'./ui/'`. */
const EXTENSION_PATH = /\bextensionPath\s*:\s*[\w$.]*?\b(?:join|resolve)\(\s*__dirname\s*,\s*(['"`])(?:\.\/)?([\w.-]+)\/?\1\s*\)/g;
const MEMO = {};
const CODE = /\.(?:[cm]?js|tsx?)$/;

const named = (text: string): ReadonlySet<string> =>
  new Set(text.includes('extensionPath') ? [...text.matchAll(EXTENSION_PATH)].map((m) => m[2]) : []);

/**
 * Whether a folder between the nearest manifest (`manifest`) and the file is named as a host build's extension
 * folder by a code file beside it (the plugin's entry, one level up).
 */
export function inHostBuiltFolder(ctx: AsyncDetectorContext, manifest: string | undefined): boolean {
  const ws = ctx.services.workspace;
  const project = ctx.services.project as ProjectService | undefined;
  if (manifest === undefined) return false;
  const root = manifest.slice(0, manifest.lastIndexOf('/') + 1);
  if (!ctx.path.startsWith(root)) return false;
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
