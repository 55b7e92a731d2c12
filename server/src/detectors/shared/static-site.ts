// Templates of a static site generator's theme or site (Hexo, Eleventy): rendered once, at build time, from the
// author's configuration and posts. No visitor's input reaches them, so raw output there is the author's own markup.
import type { ProjectService } from '../../core/services';

const ELEVENTY_CONFIG = /^(?:\.eleventy\.[cm]?js|eleventy\.config\.[cm]?[jt]s)$/;
const HEXO_THEME_NAME = /"name"\s*:\s*"(?:@[\w.-]+\/)?hexo-theme-[\w.-]+"/;

/**
 * Whether the template at `path` belongs to a static site: a Hexo theme's `layout/` (the theme's root holds its
 * `_config.yml` beside `languages/` or `source/`, or a manifest named `hexo-theme-…`), a Hexo site (`_config.yml`
 * beside `scaffolds/` and `themes/`), or a folder under an Eleventy config.
 */
export function staticSiteTemplate(project: ProjectService | undefined, path: string): boolean {
  if (!project) return false;
  const parts = path.split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const dir = parts.slice(0, i).join('/');
    const names = project.list(dir);
    if (!names) continue;
    const has = (n: string) => names.includes(n);
    if (names.some((n) => ELEVENTY_CONFIG.test(n))) return true;
    if (!has('_config.yml')) continue;
    if (has('scaffolds') && has('themes')) return true;
    if (parts[i] !== 'layout') continue;
    if (has('languages') || has('source')) return true;
    const manifest = has('package.json') ? project.readFile(dir ? `${dir}/package.json` : 'package.json') : undefined;
    if (manifest && HEXO_THEME_NAME.test(manifest)) return true;
  }
  return false;
}
