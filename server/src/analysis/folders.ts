// Folder paths that do not end with a separator: a prefix test against one (`full.startsWith(root)`)
// lets a sibling folder sharing the prefix through (`/srv/app-old` for `/srv/app`), so it is no containment
// check for file paths (values.ts `prefixOnly`). Known only where the file shows how the folder was made.
import type { Expr } from './ir';
import type { Analyzer, Frame } from './interpret';

/** Calls whose result is a folder without a trailing separator (the filesystem's root aside). */
const SEPLESS_CALLS = new Set(['path.resolve', 'path.posix.resolve', 'os.path.abspath', 'os.path.realpath', 'os.path.normpath', 'fs.realpathSync', 'fs.realpathSync.native', 'process.cwd', 'os.getcwd']);
const JOINS = new Set(['path.join', 'path.posix.join', 'os.path.join', 'posixpath.join']);

/** Whether the call `e` (at `path`) returns a folder path known not to end with a separator (values.ts `sepless`). */
export function seplessPath(path: string | undefined, e: Expr & { k: 'call' }): boolean {
  if (!path) return false;
  if (SEPLESS_CALLS.has(path)) return true;
  // `path.join(__dirname, 'public')`: a join ends as its last part does.
  const last = e.args[e.args.length - 1];
  return JOINS.has(path) && last?.k === 'lit' && typeof last.value === 'string' && last.value !== '' && !/[/\\]$/.test(last.value);
}

/** An absolute folder written out without a trailing separator (`'/srv/app'`, `'C:\\data'`). */
const SEPLESS_LITERAL = /^(?:\/|[A-Za-z]:[\\/])[^*?<>|]*[^/\\]$/;

/** Whether `e` is a folder path known not to end with a separator (values.ts `sepless`), so a prefix test against it is not containment. */
export function seplessFolder(a: Analyzer, e: Expr, f: Frame): boolean {
  if (e.k === 'lit') return typeof e.value === 'string' && SEPLESS_LITERAL.test(e.value);
  const v = a.peek(e, f);
  return !!v.sepless || v.path === '__dirname' || (typeof v.lit === 'string' && SEPLESS_LITERAL.test(v.lit));
}
