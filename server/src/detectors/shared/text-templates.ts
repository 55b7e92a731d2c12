// Escaping off in a generator whose own templates are text, not HTML: auto-changelog compiles its `templates/*.hbs`
// (Markdown changelogs, a JSON one) with `noEscape: true`, since HTML-escaping would corrupt a `CHANGELOG.md`. The
// engine's options alone do not say what it renders; the package's template folder does (slow tier: it reads files).
import type { ProjectService } from '../../core/services';

/** A file that loads its templates from disk by name (`join(__dirname, '..', 'templates')`, `name + '.hbs'`, `'index.nunjucks'`). */
const LOADS_TEMPLATE_FILES = /['"`][\w-]*\.(?:hbs|handlebars|njk|nunjucks|mustache)['"`]|['"`](?:\.\.?\/)*templates?\/?['"`]/;
/** HTML signals in the file itself: its templates are pages, whatever the folder holds. */
const HTML_IN_FILE = /\.html?['"]|text\/html|<html|<\/(?:div|p|body|span|a|td|li)>|\bres\.(?:send|render|write)\b/i;
const TEMPLATE_FILE = /\.(?:hbs|handlebars|njk|nunjucks|mustache)$/;
const FOLDERS = ['templates', 'template'];
/** An HTML element or entity in a template: `<div`, `</p>`, `<br/>`, `&nbsp;` (Markdown's `<details>` counts too). */
const MARKUP = /<\/?[a-z][\w-]*(?:\s[^>]*)?\/?>|&[a-z]+;/i;

/** Whether the fast tier should leave the file's engine options to the slow tier, which can read the templates. */
export function mayRenderTextTemplates(text: string): boolean {
  return LOADS_TEMPLATE_FILES.test(text) && !HTML_IN_FILE.test(text);
}

/**
 * Whether the templates folders between the file and its package root (`templates/`, `template/`, beside any folder
 * on the way) hold engine templates and none of them has markup: the engine renders Markdown, JSON or plain text.
 */
export function rendersTextTemplates(project: ProjectService | undefined, path: string): boolean {
  if (!project) return false;
  const parts = path.split('/').slice(0, -1);
  let seen = 0;
  for (let i = parts.length; i >= 0; i--) {
    const dir = parts.slice(0, i).join('/');
    const names = project.list(dir) ?? [];
    for (const folder of FOLDERS.filter((f) => names.includes(f))) {
      const base = dir ? `${dir}/${folder}` : folder;
      for (const name of (project.list(base) ?? []).filter((n) => TEMPLATE_FILE.test(n)).slice(0, 50)) {
        const body = project.readFile(`${base}/${name}`);
        if (body === undefined) continue;
        if (MARKUP.test(body)) return false;
        seen++;
      }
    }
    if (names.includes('package.json')) break;
  }
  return seen > 0;
}
