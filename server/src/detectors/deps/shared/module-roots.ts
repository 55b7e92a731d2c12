// Module roots a bundler or NODE_PATH adds, found from the files alone (the config that names them may be missing).
import type { ProjectService } from '../../../core/services';

const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.d.ts', '/index.ts', '/index.js', '/index.tsx', '/index.jsx'];
/** TypeScript's ESM imports name the emitted `.js` of a `.ts`/`.tsx` source (`@components/common/Area.js`). */
const TS_SOURCES: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
/** `target` is a file, with a script extension or as a folder's index, or the TypeScript source of the `.js` it names. */
export const resolves = (project: ProjectService, target: string): boolean => {
  if (EXTENSIONS.some((ext) => project.exists(target + ext))) return true;
  const m = /^(.*)(\.[cm]?jsx?)$/.exec(target);
  return !!m && (TS_SOURCES[m[2]] ?? []).some((ext) => project.exists(m[1] + ext));
};

/**
 * A module root the bundler (webpack `resolve.modules`) or NODE_PATH adds, when the config that names it is not in the
 * workspace (a published package ships its front end's sources, not its webpack config): a path of two or more segments
 * that exists under one of the file's folders (anyproxy: `component/resizable-panel` from `web/src/component/…`) or under
 * a child of one (@devicefarmer/stf: `stf/device` from `res/app/control-panes/` is `res/app/components/stf/device`),
 * inside the file's package (asked only when no package of that name is declared or installed). A one-word name (`config`)
 * stays the npm package's.
 */
export function underModuleRoot(project: ProjectService, folders: readonly string[], manifest: string | undefined, specifier: string): boolean {
  // A scope that is a bundler alias of a folder of that name (evershop's webpack maps `@components` to its
  // `components/`, set in code the scan cannot read): `@components/common/Area.js` is `components/common/Area.tsx`.
  if (/^@[\w.-]+\/./.test(specifier)) return underModuleRoot(project, folders, manifest, specifier.slice(1));
  if (specifier.startsWith('@') || !specifier.includes('/')) return false;
  const first = specifier.slice(0, specifier.indexOf('/'));
  const top = manifest === undefined ? '' : manifest.slice(0, Math.max(0, manifest.lastIndexOf('/')));
  for (const dir of folders) {
    if (top && dir !== top && !dir.startsWith(`${top}/`)) return inHostPackage(project, folders, top, first, specifier);
    const entries = project.list(dir) ?? [];
    if (entries.includes(first) && resolves(project, join(dir, specifier))) return true;
    for (const child of entries) {
      if (child.startsWith('.') || child === 'node_modules' || child === first) continue;
      if (project.list(join(dir, child))?.includes(first) && resolves(project, join(dir, `${child}/${specifier}`))) return true;
    }
    if (dir === top) return inHostPackage(project, folders, top, first, specifier);
  }
  return false;
}

/**
 * A plugin's folder inside the application that loads it (an Etherpad plugin copied into Etherpad's `src/`:
 * `require('node/eejs/')` is the host's `node/eejs/`, found through the host's module root): the path exists under the
 * folder of a manifest above the plugin's own package.
 */
function inHostPackage(project: ProjectService, folders: readonly string[], top: string, first: string, specifier: string): boolean {
  if (!top) return false;
  for (const dir of folders) {
    if (dir.length >= top.length || !project.exists(join(dir, 'package.json'))) continue; // only the folders above the plugin's package
    if ((project.list(dir) ?? []).includes(first) && resolves(project, join(dir, specifier))) return true;
  }
  return false;
}

const NODE_FILES = ['.js', '.cjs', '.mjs', '.json', '.node', '/index.js', '/index.json'];
/**
 * Node's own resolution of a bare name to a module file that no package.json describes, in a `node_modules` folder on
 * the file's path (a module resolver's test fixtures `node_modules/a.js`, a vendored single-file module): it loads.
 * The nearest folder that has either wins; an installed package there is judged as installed, not as local.
 */
export function nodeModulesFile(project: ProjectService, folders: readonly string[], specifier: string, pkg: string): boolean {
  for (const dir of folders) {
    if (project.exists(join(dir, `node_modules/${pkg}/package.json`))) return false;
    const base = join(dir, `node_modules/${specifier}`);
    if (NODE_FILES.some((ext) => project.exists(base + ext))) return true;
  }
  return false;
}

/**
 * A one-word bare name that is a file beside the importer (`import * as Utils from 'utils'` in `src/index.js` beside
 * `src/utils.js`, `import 'noty.scss'` beside `src/noty.scss`):
 * the name a bundler's module root (webpack `resolve.modules: ['src', …]`, a rollup alias) resolves there, when the config
 * that sets it is not in the workspace. Node would look for the npm package, so it is shown, not alarmed about.
 */
export function besideImporter(project: ProjectService | undefined, path: string, name: string): boolean {
  if (!project || name.startsWith('@') || name.includes('/')) return false;
  const slash = path.lastIndexOf('/');
  // The importer's own name is the SDK it wraps (`lib/redis.js` requiring `redis`), never itself.
  const base = path.slice(slash + 1);
  if (name === base || name === base.replace(/\.[^.]+$/, '')) return false;
  return resolves(project, join(path.slice(0, Math.max(0, slash)), name));
}
