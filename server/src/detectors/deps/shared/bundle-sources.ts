// A source of a bundle shipped beside it: the source map of `studio/main.js` lists `./studio/main_dev.js` and the
// components it imports (jsreport-authentication), so the bundler resolved their imports at build time, bundling
// them or leaving them to the host as externals (`external "Studio"`). Nothing loads the source itself at run
// time: its imports are shown, not alarmed about.
import type { ProjectService } from '../../../core/services';
import type { AsyncDetectorContext } from '../../../core/types';

const MAP = /\.[cm]?js\.map$/;

/** Whether a source map in the file's folder (not the file's own) lists the file among the sources it bundled. */
export function bundledSource(ctx: AsyncDetectorContext): boolean {
  const project = ctx.services.project as ProjectService | undefined;
  const slash = ctx.path.lastIndexOf('/');
  const dir = ctx.path.slice(0, Math.max(0, slash));
  const base = ctx.path.slice(slash + 1);
  const tail = dir ? `${dir.slice(dir.lastIndexOf('/') + 1)}/${base}` : base;
  for (const name of project?.list(dir)?.filter((n) => MAP.test(n) && n !== `${base}.map`) ?? []) {
    const text = project?.readFile(dir ? `${dir}/${name}` : name);
    if (!text?.includes(base)) continue;
    let sources: unknown;
    try {
      sources = (JSON.parse(text) as { sources?: unknown }).sources;
    } catch {
      continue;
    }
    if (!Array.isArray(sources) || sources.length < 2) continue;
    if (sources.some((s) => typeof s === 'string' && (s.replace(/^[\w-]+:\/\/\/?/, '').replace(/^\.\//, '') === base || s.endsWith(`/${tail}`)))) return true;
  }
  return false;
}

const norm = (p: string) => p.replace(/^\.\//, '').replace(/\.[cm]?js$/, '');
const folderOf = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);
/** A bundle's place or name (`dist/sdk.js`, `umd/sdk.js`, `sdk.bundle.js`); a browser twin of the main file (`lib/client.js`) is code a user's bundler follows. */
const BUNDLE = /^(?:dist|build|bundles?|umd)\/|\.(?:bundle|umd|min)\.[cm]?js$/;

/**
 * A browser build's input: the manifest's `browser` field swaps the main file for a shipped bundle (an object-storage
 * SDK's `"./lib/client.js": "./dist/sdk.js"`), so the bundler a user runs takes that bundle whole and never reaches the
 * shims the field also names (`"urllib": "./shims/xhr.js"`) nor the other files of their folders (a vendored copy of an
 * HTTP shim): the package's own build bundled them, and Node never loads browser shims. The main file's folder is code,
 * and a main file swapped for a browser twin that is no bundle leads a user's bundler on to the shims.
 */
export function browserBuildInput(ctx: AsyncDetectorContext, manifest: string | undefined): boolean {
  const project = ctx.services.project as ProjectService | undefined;
  const dir = manifest === undefined ? '' : folderOf(manifest);
  if (!manifest || !project || !ctx.path.startsWith(dir)) return false;
  let m: { main?: unknown; browser?: unknown };
  try {
    m = JSON.parse(project.readFile(manifest) ?? '') as typeof m;
  } catch {
    return false;
  }
  if (!m?.browser || typeof m.browser !== 'object') return false;
  const main = norm(typeof m.main === 'string' ? m.main : 'index.js');
  const targets = Object.entries(m.browser as Record<string, unknown>);
  if (!targets.some(([k, v]) => norm(k) === main && typeof v === 'string' && BUNDLE.test(v.replace(/^\.\//, '')))) return false;
  const rel = ctx.path.slice(dir.length);
  const code = folderOf(main);
  return targets.some(([k, v]) => typeof v === 'string' && norm(k) !== main && ((f) => f !== '' && !code.startsWith(f) && rel.startsWith(f))(folderOf(norm(v))));
}
