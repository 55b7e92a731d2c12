// Evidence that a missing member is known to its author, shared by phantom-member in both languages: the author
// silenced the static member check on that very line, or the file is input data for a tool (a fixture), never run.

/** Folders of input data for a tool's tests (a documenter's sample sources, a parser's cases): read, not run. */
export const FIXTURE_DATA = /(?:^|\/)(?:fixtures?|__fixtures__|testdata)\//i;

/**
 * Whether the Python line of `pos` (or a `# pylint: disable-next=` line above it) silences the member check: pylint's
 * `no-member` / `E1101`, a bare or `attr-defined` `# type: ignore`, `# pyright: ignore`, a bare `# noqa`. The author
 * saw the checker complain and kept the name on purpose (libcloud's `itertools.izip` in its Python 2 fallback).
 */
const SILENCED = /#.*?(?:pylint:\s*disable=[\w, -]*\b(?:no-member|E1101)\b|type:\s*ignore(?:\[[^\]]*\battr-defined\b[^\]]*\])?(?!\[)|pyright:\s*ignore|noqa\b(?!:))/;
const SILENCED_NEXT = /^\s*#\s*pylint:\s*disable-next=[\w, -]*\b(?:no-member|E1101)\b/;

export function pyMemberCheckSilenced(text: string, pos: number): boolean {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const end = text.indexOf('\n', pos);
  const above = start > 0 ? text.slice(text.lastIndexOf('\n', start - 2) + 1, start - 1) : '';
  return SILENCED.test(text.slice(pos, end < 0 ? text.length : end)) || SILENCED_NEXT.test(above);
}
