// The headers of the indented blocks around a line (Python): `except ImportError:`, `try:`, `if PY2:`.
// A removed API used inside a compatibility branch only runs where it exists; data rules read these
// headers through `notInBlock`.

const indentOf = (line: string): number => /^[ \t]*/.exec(line)![0].replace(/\t/g, '        ').length;

/** At most this many lines are read upwards from a match (a module's top-level header is rarely farther). */
const MAX_LINES_UP = 2000;

/**
 * The `if` line an `else:` at this indentation belongs to, with the `elif` lines between them in source order
 * (`if HAS_SSLCONTEXT: elif HAS_URLLIB3: `), read upwards from `ls` (undefined past the limit): the `else:` runs
 * only when every one of their conditions is false.
 */
function ifOfElse(text: string, ls: number, indent: number): string | undefined {
  const elifs: string[] = [];
  for (let n = 0; ls > 0 && n < MAX_LINES_UP; n++) {
    const end = ls - 1;
    ls = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(ls, end).replace(/\r$/, '');
    if (!line.trim() || indentOf(line) > indent || line.trimStart().startsWith('#')) continue;
    const code = line.replace(/#.*$/, '').trim();
    if (indentOf(line) === indent && /^elif\b/.test(code)) { elifs.unshift(code); continue; }
    return indentOf(line) === indent && /^if\b/.test(code) ? [code, ...elifs].join(' ') : undefined;
  }
  return undefined;
}

/** The `except` clauses of the `try:` at line start `ls` (indentation `indent`), read downwards to the statement's end. */
function handlersOfTry(text: string, ls: number, indent: number): string {
  const out: string[] = [];
  let at = text.indexOf('\n', ls);
  for (let n = 0; at !== -1 && n < MAX_LINES_UP; n++) {
    const next = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, next === -1 ? text.length : next).replace(/\r$/, '');
    at = next;
    if (!line.trim() || line.trimStart().startsWith('#') || indentOf(line) > indent) continue;
    if (indentOf(line) < indent || !/^\s*(?:except|else|finally)\b/.test(line)) break;
    if (/^\s*except\b/.test(line)) out.push(line.replace(/#.*$/, '').trim());
  }
  return out.join(' ');
}

/**
 * The body of the `try:` that the `except` clause at line start `ls` (indentation `indent`) handles, read upwards
 * past any earlier clauses to the `try:` (empty past the limit or if none): what was attempted before the handler runs.
 */
function bodyOfTry(text: string, ls: number, indent: number): string {
  const lines: string[] = [];
  for (let n = 0; ls > 0 && n < MAX_LINES_UP; n++) {
    const end = ls - 1;
    ls = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(ls, end).replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (indentOf(line) > indent) { lines.unshift(line.replace(/#.*$/, '').trim()); continue; }
    if (indentOf(line) < indent) return '';
    if (/^\s*try\s*:/.test(line)) return lines.join(' ');
    if (!/^\s*except\b/.test(line)) return '';
    lines.length = 0; // an earlier handler's body: the try's own body is above it
  }
  return '';
}

/**
 * Whether a header line (`…:`, comments aside) of a block enclosing the line at `offset` matches one of
 * `headers`: each less-indented line ending in a colon above it, innermost first, up to the module level.
 * An `else:` is read with its `if` (`else: if six.PY3:`), so the branch a version check leaves out counts; a `try:`
 * with its `except` clauses (`try: except RuntimeError:`), so a body whose failure is handled can be told apart; an
 * `except` clause with its `try:` body (`except: try: data = data.tobytes()`), so a fallback after the current API can.
 */
export function inBlockHeadedBy(text: string, offset: number, headers: readonly RegExp[]): boolean {
  let ls = text.lastIndexOf('\n', offset - 1) + 1;
  // The line's own indentation: a match may start at the line's start, before it.
  let indent = indentOf(text.slice(ls, ls + 256));
  for (let n = 0; indent > 0 && ls > 0 && n < MAX_LINES_UP; n++) {
    const end = ls - 1;
    ls = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(ls, end).replace(/\r$/, '');
    const code = line.replace(/#.*$/, '').trimEnd();
    if (!code.trim() || indentOf(line) >= indent || !code.endsWith(':')) continue;
    const header = /^\s*else\s*:$/.test(code) ? `else: ${ifOfElse(text, ls, indentOf(line)) ?? ''}` : code;
    if (headers.some((h) => h.test(header))) return true;
    // The clauses are read only for a pattern that names them, so other rules' walks stay one pass upwards.
    if (/^\s*try\s*:$/.test(code) && headers.some((h) => /try/.test(h.source) && /except/.test(h.source))) {
      const withHandlers = `${code} ${handlersOfTry(text, ls, indentOf(line))}`;
      if (headers.some((h) => h.test(withHandlers))) return true;
    }
    if (/^\s*except\b/.test(code) && headers.some((h) => /try/.test(h.source) && /except/.test(h.source))) {
      if (headers.some((h) => h.test(`${code} try: ${bodyOfTry(text, ls, indentOf(line))}`))) return true;
    }
    indent = indentOf(line);
  }
  return false;
}

/**
 * Whether an earlier line of the block holding `offset` (same indentation, read upwards to the block's header)
 * matches one of `lines`: a statement before the match that changes what it does (`asyncio.set_event_loop(loop)`
 * before `asyncio.get_event_loop()`, which then returns that loop).
 */
export function afterInBlock(text: string, offset: number, lines: readonly RegExp[]): boolean {
  let ls = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = indentOf(text.slice(ls, ls + 256));
  for (let n = 0; ls > 0 && n < MAX_LINES_UP; n++) {
    const end = ls - 1;
    ls = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(ls, end).replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#') || indentOf(line) > indent) continue;
    if (indentOf(line) < indent) return false;
    if (lines.some((r) => r.test(line))) return true;
  }
  return false;
}

/** At most this many lines are joined to a match's line into one statement. */
const MAX_JOINED = 6;

/**
 * The Python statement line at `offset` with the physical lines joined to it (by single spaces, indentation kept): those a trailing
 * backslash continues, and a line that opens with a conditional expression's `else` (`spec = getfullargspec(f) if
 * PY3 \` / `else getargspec(f)`, metakernel's magics), which can only continue the line before it.
 */
export function logicalLineAt(text: string, offset: number): string {
  const lineFrom = (ls: number): string => {
    const le = text.indexOf('\n', ls);
    return text.slice(ls, le === -1 ? text.length : le).replace(/\r$/, '');
  };
  const continues = (prev: string, next: string): boolean => /\\$/.test(prev) || /^\s*else\b(?!\s*:)/.test(next);
  let ls = text.lastIndexOf('\n', offset - 1) + 1;
  const lines = [lineFrom(ls)];
  for (let n = 0; ls > 0 && n < MAX_JOINED; n++) {
    const prevStart = text.lastIndexOf('\n', ls - 2) + 1;
    const prev = lineFrom(prevStart);
    if (!continues(prev, lines[0])) break;
    lines.unshift(prev);
    ls = prevStart;
  }
  let le = text.indexOf('\n', offset);
  for (let n = 0; le !== -1 && n < MAX_JOINED; n++) {
    const next = lineFrom(le + 1);
    if (!continues(lines[lines.length - 1], next)) break;
    lines.push(next);
    le = text.indexOf('\n', le + 1);
  }
  // The first line keeps its indentation: rules anchor their line patterns at it.
  return lines.map((l, i) => (i ? l.replace(/\\$/, '').trim() : l.replace(/\\$/, '').trimEnd())).join(' ');
}
