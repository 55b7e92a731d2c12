// A partial no code renders by name (`views/header.ejs`, pulled in by `<% include header %>`) writes what the templates
// including it were given: its raw values are judged by the render calls of those templates (generator-express' pages
// pass `title: 'error'`), one level up, and only when every including template is rendered by code in sight.
import type { ProjectService, WorkspaceIndex } from '../../core/services';
import { renderedValues, type Origin } from './template-render-args';
import { worst } from './template-value-origin';

const MAX_FILES = 200;
/** Folders of partials (`views/partials/header.ejs`): the pages including them sit in the folder above. */
const PARTIAL_DIR = /^_?(?:partials?|includes?|layouts?|shared|common|components)$/i;
const TEMPLATE = /\.(?:ejs|hbs|handlebars|mustache|pug|jade|njk|nunjucks|html?|jinja2?|j2)$/i;

/** `<% include header %>`, `<%- include('partials/header', …) %>`, `{{> header}}`, `include header` (Pug), `{% include "header.njk" %}`. */
const includes = (text: string, name: string): boolean => {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ref = `(?:[\\w./-]*/)?${n}(?:\\.\\w+)?`;
  return new RegExp(`<%[-=_]?\\s*include\\s*\\(?\\s*['"]?${ref}['"\\s),%]|\\{\\{>\\s*['"]?${ref}['"\\s}]|^[ \\t]*include\\s+${ref}[ \\t]*$|\\{%-?\\s*include\\s+['"]${ref}['"]`, 'm').test(text);
};

/**
 * The templates that include the partial, by path: those of its folder and the folders below it, from the folder above
 * a partials folder (`views/` for `views/partials/header.ejs`); empty when none does.
 */
export function includingTemplates(project: ProjectService | undefined, path: string, tick: () => void): string[] {
  if (!project) return [];
  const slash = path.lastIndexOf('/');
  let dir = slash < 0 ? '' : path.slice(0, slash);
  for (let up = 0; up < 2 && dir && PARTIAL_DIR.test(dir.slice(dir.lastIndexOf('/') + 1)); up++) dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  const name = path.slice(slash + 1).replace(/\..*$/, '');
  if (!name) return [];
  const out: string[] = [];
  const queue = [dir];
  let seen = 0;
  while (queue.length && seen < MAX_FILES) {
    const d = queue.shift()!;
    for (const entry of project.list(d) ?? []) {
      const p = d ? `${d}/${entry}` : entry;
      if (!TEMPLATE.test(entry)) {
        if (!entry.includes('.') && entry !== 'node_modules' && project.list(p)) queue.push(p);
        continue;
      }
      if (p === path || ++seen > MAX_FILES) continue;
      tick();
      const text = project.readFile(p);
      if (text !== undefined && text.includes(name) && includes(text, name)) out.push(p);
    }
  }
  return out;
}

/**
 * What the templates including the partial at `path` were given under each name, the worst origin winning: undefined
 * (the partial's own verdict) when no template includes it, when one of them is rendered by no code in sight, or when
 * one of them is given nothing under that name.
 */
export function includedValues(workspace: WorkspaceIndex | undefined, project: ProjectService | undefined, path: string, tick: () => void): ((name: string) => Origin | undefined) | undefined {
  const parents = includingTemplates(project, path, tick).slice(0, 20);
  const judges = parents.map((p) => renderedValues(workspace, project, p, tick));
  if (!judges.length || judges.some((j) => !j)) return undefined;
  return (name) => {
    let o: Origin | undefined;
    for (const j of judges) {
      const v = j!(name);
      if (!v) return undefined;
      o = o ? worst(o, v) : v;
    }
    return o;
  };
}
