// Whether a secret-shaped match sits in a comment that presents it as an example: a plugin's header comment showing
// what the user's token or webhook URL "looks like" (`# ... which might look something like: xoxb-1234-...`).
// A key pasted into a comment with no such words (a commented-out assignment) is not one. In Python, a docstring
// (a triple-quoted string) counts as such a comment.

/** A comment line: `#`, `//`, or a block comment's `*` / `/*` continuation, after indentation. */
const COMMENT_LINE = /^[ \t]*(?:#|\/\/|\/?\*)/;
const EXAMPLE_WORDS = /\blook(?:s|ing)?\b[^\n]{0,30}\blike\b|\be\.g\.|\bfor (?:example|instance)\b|\bsuch as\b/i;
/** How many comment lines above the match's line may hold the words (a sentence, then the sample on its own lines). */
const LINES_ABOVE = 5;

export function inExampleComment(text: string, start: number): boolean {
  let ls = text.lastIndexOf('\n', start - 1) + 1;
  let le = text.indexOf('\n', start);
  let line = text.slice(ls, le === -1 ? text.length : le);
  if (!COMMENT_LINE.test(line)) return false;
  for (let i = 0; ; i++) {
    if (EXAMPLE_WORDS.test(line)) return true;
    if (i === LINES_ABOVE || ls === 0) return false;
    le = ls - 1;
    ls = text.lastIndexOf('\n', le - 1) + 1;
    line = text.slice(ls, le);
    // The comment ends here: words above a code line describe something else.
    if (!COMMENT_LINE.test(line)) return false;
  }
}

/** A docstring's heading for a sample on the lines below it (`Example input:`, `Examples:`). */
const EXAMPLE_HEADING = /^[ \t]*(?:an? )?(?:example|sample)s?\b[^\n]*:[ \t]*$/im;

/**
 * Whether the match sits in a Python triple-quoted string (a docstring) that presents it as an example on the lines
 * just above it (autobahn's OpenSSH key parser: `Example input:`, then a key). `strings` are the file's string spans.
 */
export function inExampleDocstring(text: string, start: number, strings: ReadonlyArray<[number, number]>): boolean {
  const span = strings.find(([s, e]) => s <= start && start < e);
  if (!span || !/^[rRbBuUfF]{0,2}(?:"""|''')/.test(text.slice(span[0], span[0] + 5))) return false;
  const above = text.slice(span[0], start).split('\n').slice(-(LINES_ABOVE + 1)).join('\n');
  return EXAMPLE_WORDS.test(above) || EXAMPLE_HEADING.test(above);
}
