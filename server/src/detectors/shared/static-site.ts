// Templates rendered once, before any visitor: a static site generator's theme or site (Hexo, Eleventy) and a
// documentation generator's (a JSDoc or TypeDoc theme, jsdoc-to-markdown's, compodoc's), from the author's configuration, posts and doc
// comments; and a code generator's (a Yeoman generator's `templates/`), from the developer's answers when it runs.
import type { ProjectService } from '../../core/services';

const ELEVENTY_CONFIG = /^(?:\.eleventy\.[cm]?js|eleventy\.config\.[cm]?[jt]s)$/;
const HEXO_THEME_NAME = /"name"\s*:\s*"(?:@[\w.-]+\/)?hexo-theme-[\w.-]+"/;
/**
 * A JSDoc template or jsdoc-to-markdown's (dmd): its description says so, or its keywords (`jsdoc-template`, or `jsdoc`
 * beside `template`/`theme`). A package merely named after JSDoc (a CLI, a Swagger middleware) is not one.
 */
const JSDOC_TEMPLATE = [
  /"description"\s*:\s*"[^"\n]*(?:jsdoc(?:2md|-to-markdown)|jsdoc\s*3?\s*(?:template|theme)|(?:template|theme)\s+for\s+jsdoc)/i,
  /"keywords"\s*:\s*\[[^\]]*"jsdoc-?(?:template|theme|2md|-to-markdown)"/i,
];
const JSDOC_KEYWORDS = /"keywords"\s*:\s*\[(?=[^\]]*"jsdoc3?")[^\]]*"(?:template|theme)"/i;
/** Whether a manifest's text says its package is a JSDoc template (or theme) or jsdoc-to-markdown's. */
export const jsdocTemplateManifest = (manifest: string): boolean => JSDOC_TEMPLATE.some((re) => re.test(manifest)) || JSDOC_KEYWORDS.test(manifest);
/**
 * A documentation generator or its theme or plugin (TypeDoc's themes, typedoc-plugin-markdown, SassDoc's theme, compodoc,
 * apidoc, docco): its templates write the project's own doc comments and Readme, once, when the docs are built.
 */
const DOCS_GENERATOR = [
  /"description"\s*:\s*"[^"\n]*(?:\b(?:typedoc|sassdoc|esdoc|compodoc)\b|documentation (?:tool|generator|template|theme)|docs? generator)/i,
  /"keywords"\s*:\s*\[[^\]]*"(?:typedoc|sassdoc|esdoc)-?(?:theme|template|plugin)"|"keywords"\s*:\s*\[[^\]]*"typedocplugin"/i,
  /"keywords"\s*:\s*\[(?=[^\]]*"documentation")[^\]]*"generator"/i,
];
const docsGeneratorManifest = (manifest: string): boolean => jsdocTemplateManifest(manifest) || DOCS_GENERATOR.some((re) => re.test(manifest));
/** A code generator: named `generator-…` (Yeoman's convention) or built on yeoman-generator. */
const GENERATOR = /"name"\s*:\s*"(?:@[\w.-]+\/)?generator-[\w.-]+"|"yeoman-generator"\s*:/;
const TEMPLATE_DIR = /^_?templates?$/;

/** What renders a template before any visitor sees it: a static or documentation site, or a code generator. */
export type BuildTime = 'site' | 'generator' | undefined;

/**
 * Whether the template at `path` belongs to a static site: a Hexo theme's `layout/` (the theme's root holds its
 * `_config.yml` beside `languages/` or `source/`, or a manifest named `hexo-theme-…`), a Hexo site (`_config.yml`
 * beside `scaffolds/` and `themes/`), a folder under an Eleventy config, or a documentation generator's package
 * (`site`); or to a code generator's `templates/` folder (`generator`), judged by its nearest manifest.
 */
export function buildTimeTemplate(project: ProjectService | undefined, path: string): BuildTime {
  if (!project) return undefined;
  const parts = path.split('/');
  let manifestSeen = false;
  for (let i = parts.length - 1; i >= 0; i--) {
    const dir = parts.slice(0, i).join('/');
    const names = project.list(dir);
    if (!names) continue;
    const has = (n: string) => names.includes(n);
    if (names.some((n) => ELEVENTY_CONFIG.test(n))) return 'site';
    const manifest = has('package.json') ? project.readFile(dir ? `${dir}/package.json` : 'package.json') : undefined;
    if (manifest !== undefined && !manifestSeen) {
      manifestSeen = true;
      if (docsGeneratorManifest(manifest)) return 'site';
      if (GENERATOR.test(manifest) && parts.slice(i, -1).some((seg) => TEMPLATE_DIR.test(seg))) return 'generator';
    }
    if (!has('_config.yml')) continue;
    if (has('scaffolds') && has('themes')) return 'site';
    if (parts[i] !== 'layout') continue;
    if (has('languages') || has('source')) return 'site';
    if (manifest && HEXO_THEME_NAME.test(manifest)) return 'site';
  }
  return undefined;
}
