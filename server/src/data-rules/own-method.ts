// A project's own method that shares a removed API's name is not the removed API: `self.assertRaisesRegexp(…)` in a
// test base class that defines `def assertRaisesRegexp(self, …)` (a Tor library's test runner, for Python 2.6) calls
// that method. The same file's `super(…).assertRaisesRegexp(…)` still reaches unittest's and keeps the finding.

/** Whether the match (`.name(`) is called on `self`/`cls` in a file that defines a method of that name. */
export function ownMethodCall(text: string, start: number, end: number): boolean {
  const m = /^\.([A-Za-z_]\w*)[ \t]*\($/.exec(text.slice(start, end));
  if (!m || !/(?<![\w.])(?:self|cls)$/.test(text.slice(Math.max(0, start - 8), start))) return false;
  return new RegExp(String.raw`^[ \t]*(?:async[ \t]+)?def[ \t]+${m[1]}[ \t]*\([ \t]*(?:self|cls)\b`, 'm').test(text);
}
