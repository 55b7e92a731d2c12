// Node.js built-in module names (data), as `require('node:module').builtinModules` lists them on
// Node 18–22, plus the `node:`-only ones. Imports of these are never looked up on a registry.
const NAMES = [
  'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto',
  'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'inspector', 'inspector/promises', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks',
  'process', 'punycode', 'querystring', 'readline', 'readline/promises', 'repl', 'stream', 'stream/consumers',
  'stream/promises', 'stream/web', 'string_decoder', 'sys', 'timers', 'timers/promises', 'tls', 'trace_events', 'tty',
  'url', 'util', 'util/types', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib',
  // Only reachable with the `node:` prefix.
  'sea', 'sqlite', 'test', 'test/reporters',
];

const PREFIX_ONLY = new Set(['sea', 'sqlite', 'test', 'test/reporters']);

export const NODE_BUILTINS: ReadonlySet<string> = new Set(NAMES.filter((n) => !PREFIX_ONLY.has(n)));

/** Whether a module specifier names a runtime built-in: Node's (`fs`, `fs/promises`, `node:test`), Bun's (`bun`, `bun:sqlite`: drizzle-orm's bun-sql driver). */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:') || specifier.startsWith('bun:') || specifier === 'bun') return true;
  return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]);
}

/**
 * PhantomJS's own modules (`webpage`, `system`, `webserver`), in a script the PhantomJS binary runs: one that calls
 * `phantom.exit(…)` or the like, or declares the `phantom` global (html-pdf's and markdown-pdf's render scripts).
 * Outside such a script the names are npm's like any other.
 */
const PHANTOM_MODULES = new Set(['webpage', 'system', 'webserver']);
const PHANTOM_SCRIPT = /\bphantom\.(?:exit|callback|injectJs|onError|addCookie|clearCookies|deleteCookie|args)\b|\/\*\s*(?:global|eslint-env)\b[^*]*\bphantom(?:js)?\b/;

export function isPhantomModule(text: string, specifier: string): boolean {
  return PHANTOM_MODULES.has(specifier) && PHANTOM_SCRIPT.test(text);
}
