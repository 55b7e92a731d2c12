// Jinja/Nunjucks macros whose parameter is written raw (`{% macro entry(title) %}{{ title | safe }}`): when every
// call of the macro in the template passes a literal there (`{% call entry('iOS <small>…</small>') %}`), the raw
// value is the template's own markup, not a visitor's (mitmproxy's onboarding page).

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

/** The argument lists of every call of `name` in the template (`{% call name(…) %}`, `{{ name(…) }}`), or undefined when one cannot be read. */
function callArguments(text: string, name: string): string[][] | undefined {
  const out: string[][] = [];
  const call = new RegExp(`(?:\\{%-?\\s*call(?:\\([^)]*\\))?\\s+|\\{\\{-?\\s*)${name}\\s*\\(`, 'g');
  for (const m of text.matchAll(call)) {
    const args = items(text, m.index! + m[0].length);
    if (args.end < 0) return undefined;
    out.push(args.items);
  }
  return out;
}

/** `value` is a parameter of the macro around `at`, and every call in the template passes it a literal. */
export function literalMacroParameter(text: string, at: number, value: string): boolean {
  if (!/^\w+$/.test(value)) return false;
  const macro = enclosingMacro(text, at);
  const index = macro?.params.indexOf(value) ?? -1;
  if (!macro || index < 0) return false;
  const calls = callArguments(text, macro.name);
  if (!calls?.length) return false;
  return calls.every((args) => {
    const named = args.find((a) => new RegExp(`^${value}\\s*=`).test(a));
    const positional = args.filter((a) => !/^\w+\s*=/.test(a));
    const arg = named ? named.slice(named.indexOf('=') + 1).trim() : positional[index] ?? macro.defaults[index];
    return arg === '' || LITERAL.test(arg ?? '');
  });
}
