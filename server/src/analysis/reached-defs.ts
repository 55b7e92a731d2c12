// Which module-level definitions of a Python file calls to some of its functions can reach, read from
// the text alone before anything is lowered: an importer that calls two helpers of a module needs
// their summaries, not the whole module's. Rules:
// - A definition is a top-level `def` or `class` (decorated or not) whose name the text shows; any
//   other top-level statement (imports, assignments, `if`, `try`, definitions whose name cannot be read)
//   is always kept, and the names it mentions are reached.
// - The named functions are reached; so is every definition whose name a reached statement mentions
//   (an identifier anywhere in its text outside string literals: a call, a decorator, a base class, a
//   default value, an alias), and so on until nothing new is reached.
// - Unreached definitions can be left out of the lowering: nothing that is kept names them, so no walk
//   from the kept code can call them, which is what makes the reached functions' summaries the same as
//   a whole-module lowering's. Names in strings (`getattr(mod, 'f')`) are not references: the walk
//   cannot follow those either.

/** What is read of a top-level statement: its node type and its span in the text. */
export interface TopSpan {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);
/** The defined name after any one-line decorators; a decorator spanning lines leaves it unread (kept). */
const DEF_NAME = /^(?:@[^\n]*\n[ \t]*)*(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)/;
/**
 * Python string literals with their prefix, triple-quoted first (an unclosed one runs to the end), and
 * comments. f-strings are matched so that the quotes inside them are not, and then kept: their `{…}`
 * parts are code.
 */
const STRINGS = /(?<!\w)([rRbBuUfF]{0,2})(?:"""[\s\S]*?(?:"""|$(?![\s\S]))|'''[\s\S]*?(?:'''|$(?![\s\S]))|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?)|#[^\n]*/g;
const IDENTIFIER = /[A-Za-z_]\w*/g;

/** The identifiers a statement's text mentions outside string literals (f-strings' parts included) and comments. */
export function mentions(text: string): Set<string> {
  const code = text.replace(STRINGS, (m: string, prefix: string | undefined) => (prefix && /f/i.test(prefix) ? m : ' '));
  return new Set(code.match(IDENTIFIER) ?? []);
}

/**
 * The definitions among `tops` that no call to `names` can reach, each with its name (a module-level
 * name it still binds); every other statement is kept.
 */
export function unreachedDefinitions<T extends TopSpan>(tops: readonly T[], source: string, names: ReadonlySet<string>): Map<T, string> {
  const byName = new Map<string, T[]>();
  const nameOf = new Map<T, string>();
  const queue: string[] = [...names];
  for (const t of tops) {
    const m = DEFINITIONS.has(t.type) ? DEF_NAME.exec(source.slice(t.start, t.end)) : null;
    if (!m) {
      queue.push(...mentions(source.slice(t.start, t.end)));
      continue;
    }
    nameOf.set(t, m[1]);
    const same = byName.get(m[1]);
    if (same) same.push(t);
    else byName.set(m[1], [t]);
  }
  const reached = new Set<string>();
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (reached.has(name)) continue;
    reached.add(name);
    for (const t of byName.get(name) ?? []) queue.push(...mentions(source.slice(t.start, t.end)));
  }
  const out = new Map<T, string>();
  for (const [t, name] of nameOf) if (!reached.has(name)) out.set(t, name);
  return out;
}
