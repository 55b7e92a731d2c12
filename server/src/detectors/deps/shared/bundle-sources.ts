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
