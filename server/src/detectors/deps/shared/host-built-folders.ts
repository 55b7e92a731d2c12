// Folders a plugin hands to its host application's build: a Vendure plugin names its Angular admin extension
// `extensionPath: path.join(__dirname, 'ui')`, and the host's ui-devkit copies that folder into the admin app it
// compiles, whose own manifest brings `@angular/core` and `@vendure/admin-ui`. The plugin's manifest need not list
// them; a library only the extension uses still belongs there, so such imports are shown, not alarmed about.
// (A Medusa plugin's admin/ folder, which its host's admin builder compiles, is in the host model: rules/hosts.)
// Likewise JSX sources in a folder that compiled code beside it names by path from `__dirname`: Remix's dev tool
// hands `path.resolve(__dirname, "config", "defaults")`'s entry.client.tsx to the app's bundler when the app has none.
// Node cannot load JSX, so the package's process never imports them; the app's build resolves their imports.
import type { ProjectService } from '../../../core/services';
import type { AsyncDetectorContext } from '../../../core/types';

/** `extensionPath: path.join(__dirname, 'ui')`, also compiled (`path_1.default.join`) or with `resolve`, `'./ui/'`. */
const EXTENSION_PATH = /\bextensionPath\s*:\s*[\w$.]*?\b(?:join|resolve)\(\s*__dirname\s*,\s*(['"`])(?:\.\/)?([\w.-]+)\/?\1\s*\)/g;
const MEMO = {};
const CODE = /\.(?:[cm]?js|tsx?)$/;

const named = (text: string): ReadonlySet<string> =>
  new Set(text.includes('extensionPath') ? [...text.matchAll(EXTENSION_PATH)].map((m) => m[2]) : []);

/** `path.resolve(__dirname, "config", "defaults")`, also compiled (`path__default["default"].resolve`): the folder, `/`-joined. */
const DIRNAME_PATH = /\b(?:join|resolve)\(\s*__dirname\s*,\s*(['"][\w.-]+['"](?:\s*,\s*['"][\w.-]+['"])*)\s*\)/g;
const PATH_MEMO = {};
const COMPILED = /\.[cm]?js$/;
const JSX_SOURCE = /\.[jt]sx$/;
const pathNamed = (text: string): ReadonlySet<string> =>
  new Set(text.includes('__dirname') ? [...text.matchAll(DIRNAME_PATH)].map((m) => m[1].split(',').map((q) => q.trim().slice(1, -1)).join('/')) : []);

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
    // the file's folder, or one of its parents, below this one: `config/defaults` for config/defaults/entry.client.tsx
    const below = segs.slice(i);
    const covers = (folder: string) => { const f = folder.split('/'); return f.length <= below.length && f.every((x, k) => x === below[k]); };
    if (JSX_SOURCE.test(ctx.path) && files.some((n) => COMPILED.test(n) && [...(ws.derived(dir ? `${dir}/${n}` : n, PATH_MEMO, pathNamed) ?? [])].some(covers))) return true;
  }
  return false;
}
