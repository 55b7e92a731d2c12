// Pug raw output built only from string literals and the variables of enclosing `each` loops over literal lists
// (`- var props = ['cpu', 'arch']`, `each prop in props`, then `dd!= '<%- data.' + prop + ' %>'`): the template's own
// markup (pm2-gui writes its client-side templates so: escaping would break their `<%` tags), not a visitor's.

const STRING = /'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g;
const NAME = /^[A-Za-z_$][\w$]*$/;
const LOOP = /^([ \t]*)(?:each|for)[ \t]+([\w$]+)(?:[ \t]*,[ \t]*([\w$]+))?[ \t]+in[ \t]+(\S[^\n]*)$/;

/** `['cpu', "arch", 3]`: an array of string and number literals only. */
function literalList(list: string): boolean {
  const t = list.trim().replace(/;$/, '').replace(STRING, "''");
  if (!t.startsWith('[') || !t.endsWith(']')) return false;
  const items = t.slice(1, -1).split(',').map((s) => s.trim());
  if (items.length && items[items.length - 1] === '') items.pop();
  return items.length > 0 && items.every((s) => s === "''" || /^-?\d+(?:\.\d+)?$/.test(s));
}

/** The list a name is bound to by `- var NAME = [...]` (or let/const) on one line of the template before `at`. */
function listOf(text: string, at: number, name: string): string | undefined {
  let found: string | undefined;
  for (const line of text.slice(0, at).split('\n')) {
    const m = /^[ \t]*-[ \t]*(?:var|let|const)[ \t]+([\w$]+)[ \t]*=(.*)$/.exec(line);
    if (m && m[1] === name) found = m[2];
  }
  return found;
}

/** The loop variables of the `each`/`for` lines enclosing offset `at` (by indentation), whose list is made of literals. */
function literalLoopVariables(text: string, at: number): Set<string> {
  const end = text.indexOf('\n', at);
  const lines = text.slice(0, end < 0 ? text.length : end).split('\n');
  let indent = /^[ \t]*/.exec(lines[lines.length - 1])![0].length;
  const names = new Set<string>();
  for (let i = lines.length - 2; i >= 0 && indent > 0; i--) {
    const line = lines[i];
    if (!line.trim()) continue;
    const own = /^[ \t]*/.exec(line)![0].length;
    if (own >= indent) continue;
    indent = own;
    const m = LOOP.exec(line);
    if (!m) continue;
    const list = NAME.test(m[4].trim()) ? listOf(text, at, m[4].trim()) : m[4];
    if (list !== undefined && literalList(list)) {
      names.add(m[2]);
      if (m[3]) names.add(m[3]);
    }
  }
  return names;
}

/** Whether the raw expression at `at` joins only literals and loop variables over literal lists. */
export function literalLoopOutput(text: string, at: number, expr: string): boolean {
  const rest = expr.replace(STRING, ' ').replace(/\+/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (!rest.length || !rest.every((n) => NAME.test(n))) return false;
  const loops = literalLoopVariables(text, at);
  return rest.every((n) => loops.has(n));
}
