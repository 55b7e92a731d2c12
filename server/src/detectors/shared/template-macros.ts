// Jinja/Nunjucks macros whose parameter is written raw (`{% macro entry(title) %}{{ title | safe }}`): when every
// call of the macro in the template passes a literal there (`{% call entry('iOS <small>…</small>') %}`), the raw
// value is the template's own markup, not a visitor's (mitmproxy's onboarding page). The calls are also read in the
// workspace's templates that import this one (`{% import '_utils.html' as utils %}`, then `utils.entry(…)`: bepasty).
import type { ProjectService } from '../../core/services';

const MACRO = /\{%-?\s*macro\s+(\w+)\s*\(([^)]*)\)\s*-?%\}|\{%-?\s*endmacro\b/g;
const LITERAL = /^(?:'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|-?\d+(?:\.\d+)?|true|false|True|False|none|None)$/;

/**
 * The top-level comma-separated items of an argument or parameter list (strings and brackets kept whole), read
 * from `from` up to the bracket that closes it (`end`: its offset, -1 when the text ends first).
 */
function items(list: string, from = 0): { items: string[]; end: number } {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = from;
  for (let i = from; i < list.length; i++) {
    const c = list[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && depth-- === 0) {
      const last = list.slice(start, i).trim();
      return { items: last ? [...out, last] : out, end: i };
    } else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = list.slice(start).trim();
  return { items: last ? [...out, last] : out, end: -1 };
}

/** The macro open at `at` (its name and parameter names), if `at` lies between a `{% macro %}` and its `{% endmacro %}`. */
function enclosingMacro(text: string, at: number): { name: string; params: string[]; defaults: string[] } | undefined {
  let open: RegExpMatchArray | undefined;
  for (const m of text.matchAll(MACRO)) {
    if (m.index! >= at) break;
    open = m[1] ? m : undefined;
  }
  if (!open) return undefined;
  const list = items(open[2]).items;
  const params = list.map((p) => p.split('=')[0].trim());
  const defaults = list.map((p) => (p.includes('=') ? p.slice(p.indexOf('=') + 1).trim() : ''));
  return { name: open[1], params, defaults };
}

/**
 * The argument lists of every call of `name` in the template (`{% call name(…) %}`, `{{ name(…) }}`; through an
 * imported module's name too when `qualified`, `{{ utils.name(…) }}`), or undefined when one cannot be read.
 */
function callArguments(text: string, name: string, qualified = false): string[][] | undefined {
  const out: string[][] = [];
  const call = new RegExp(`(?:\\{%-?\\s*call(?:\\([^)]*\\))?\\s+|\\{\\{-?\\s*)${qualified ? '(?:\\w+\\.)?' : ''}${name}\\s*\\(`, 'g');
  for (const m of text.matchAll(call)) {
    const args = items(text, m.index! + m[0].length);
    if (args.end < 0) return undefined;
    out.push(args.items);
  }
  return out;
}

/**
 * `value` is a parameter of the macro around `at`, and every call in the template, and in the templates `importers`
 * gives (the texts of those that import this one), passes it a literal.
 */
export function literalMacroParameter(text: string, at: number, value: string, importers: () => readonly string[] = () => []): boolean {
  if (!/^\w+$/.test(value)) return false;
  const macro = enclosingMacro(text, at);
  const index = macro?.params.indexOf(value) ?? -1;
  if (!macro || index < 0) return false;
  const calls = callArguments(text, macro.name);
  for (const other of importers()) {
    const more = callArguments(other, macro.name, true);
    if (!more) return false;
    calls?.push(...more);
  }
  if (!calls?.length) return false;
  return calls.every((args) => {
    const named = args.find((a) => new RegExp(`^${value}\\s*=`).test(a));
    const positional = args.filter((a) => !/^\w+\s*=/.test(a));
    const arg = named ? named.slice(named.indexOf('=') + 1).trim() : positional[index] ?? macro.defaults[index];
    return arg === '' || LITERAL.test(arg ?? '');
  });
}

/** Extensions of templates that can import a macro module. */
const MACRO_TEMPLATES = /\.(?:html?|j2|jinja2?|njk|nunjucks|xml|txt)$/i;
/** At most this many files of the templates folder are listed. */
const MAX_TEMPLATES = 400;

/**
 * The texts of the other templates that import the template at `path` by its file name (`{% import '_utils.html'
 * as utils %}`, `{% from "macros/_forms.html" import field %}`), searched under the templates folder around it (the
 * nearest `templates`/`views` ancestor, else its own folder).
 */
export function importingTemplates(project: Pick<ProjectService, 'list' | 'readFile'> | undefined, path: string, tick: () => void): string[] {
  if (!project) return [];
  const dirs = path.split('/').slice(0, -1);
  const rootAt = dirs.map((d) => /^(?:templates?|views|layouts|jinja2?)$/i.test(d)).lastIndexOf(true);
  const root = dirs.slice(0, rootAt >= 0 ? rootAt + 1 : dirs.length).join('/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const imports = new RegExp(`\\{%-?\\s*(?:import|from)\\s+['"](?:[^'"]*/)?${escaped}['"]`);
  const out: string[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    for (const name of project.list(dir) ?? []) {
      if (++seen > MAX_TEMPLATES) return;
      tick();
      const rel = dir ? `${dir}/${name}` : name;
      if (MACRO_TEMPLATES.test(name)) {
        const text = rel === path ? undefined : project.readFile(rel);
        if (text?.includes(base) && imports.test(text)) out.push(text);
      } else if (depth < 4 && !name.startsWith('.') && !/\.\w+$/.test(name)) walk(rel, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}
