// Bundles the client, the server (and its type-checker worker) and the CLI; copies the WASM grammars next to the bundles.
// `--production`: minified, no source maps (what `npm run package` ships). `--out DIR`: the same layout under DIR
// instead of the repository, with the rule docs and data the .vsix ships (the bench runs the shipped server from there).
import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outAt = process.argv.indexOf('--out');
const root = outAt > 0 ? process.argv[outAt + 1] : '.';
if (!root) throw new Error('--out needs a folder');
const out = (file) => join(root, file);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD entry hides requires from the bundler; its ESM entry bundles cleanly.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks.
  define: { VOUCH_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href, __vouchRequire = require;" },
};

// Rule packs carry their own test samples (token-shaped strings); the bundles need only the rules.
const stripRuleSamples = {
  name: 'strip-rule-samples',
  setup(build) {
    build.onLoad({ filter: /[\\/]rules[\\/][^\\/]+\.json$/ }, async (args) => {
      const pack = JSON.parse(readFileSync(args.path, 'utf8'));
      for (const rule of pack.rules ?? []) delete rule.tests;
      return { contents: JSON.stringify(pack), loader: 'json' };
    });
  },
};
// A script compiled from a V8 code cache loses Node 20's dynamic-import callback (io/code-cache.ts), and
// web-tree-sitter imports two built-ins dynamically: in a CommonJS bundle a require does the same (the
// bundle's own: web-tree-sitter declares a local `require`).
const requireBuiltins = {
  name: 'require-builtins',
  setup(build) {
    build.onLoad({ filter: /[\\/]web-tree-sitter[\\/].*\.m?js$/ }, async (args) => {
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replace(/\bimport\((["'])((?:node:)?[\w/]+)\1\)/g, 'Promise.resolve(__vouchRequire($1$2$1))'), loader: 'js' };
    });
  },
};
// TypeScript (@ts-morph/common's copy, ~80 ms of CPU to evaluate at every start of a process or thread)
// loads on the first use of `ts`, not at start: a scan or a server thread that meets no JS/TS file never
// pays for it. server/src/core/ts.ts (`export import ts = …`, which the types need) becomes a binding that
// starts as a stand-in and, at the first property read through it, is replaced by the module itself, so
// every later `ts.x` in the bundle reads a plain variable, as before. `VOUCH_DEBUG_TS_LOAD` prints the load.
// The module is a chunk of its own (TS_CHUNK, beside each bundle that uses it: 9 of the CLI bundle's 14 MB),
// loaded through the launcher's code cache (io/code-cache.ts loadChunk): a process that never uses it does not
// read, decode or keep its source.
const TS_CHUNK = 'ts-common.js';
const lazyTypeScript = {
  name: 'lazy-typescript',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]core[\\/]ts\.ts$/ }, (args) => ({
      loader: 'js',
      contents: `
import { join } from 'node:path';
import { deferred } from './deferred';
import { loadChunk } from '../io/code-cache';
let common;
const load = () => {
  if (common) return common;
  if (process.env.VOUCH_DEBUG_TS_LOAD) process.stderr.write('vouch: TypeScript loaded\\n' + (process.env.VOUCH_DEBUG_TS_LOAD === 'stack' ? new Error().stack + '\\n' : ''));
  return (common = loadChunk(join(__dirname, ${JSON.stringify(TS_CHUNK)})));
};
let ts = deferred(() => load().ts, (real) => (ts = real));
const libFiles = () => load().getLibFiles();
export { ts, libFiles };
`,
      resolveDir: dirname(args.path),
    }));
  },
};
// @ts-morph/common carries TypeScript's lib .d.ts files (2.9 MB of text in the minified bundle) as an array literal, and
// every thread that runs a bundle keeps the bundle's whole source for as long as it runs (V8 compiles functions from it
// lazily); only the type checker reads those texts (typecheck/resolve.ts `libText`). So they move out of the source:
// the build writes them to LIB_FILES next to each bundle that has them, and the array is read from there on the first
// `getLibFiles()` (`VOUCH_DEBUG_TS_LOAD` prints it). The build fails if the module no longer has that shape.
const LIB_FILES = 'ts-lib-files.json';
const LIB_ARRAY = /const libFiles = \[\{[\s\S]*?\}\];\s*function getLibFiles\(\) \{\s*return libFiles;\s*\}/;
const lazyLibFiles = {
  name: 'lazy-lib-files',
  setup(build) {
    build.onLoad({ filter: /[\\/]@ts-morph[\\/]common[\\/]dist[\\/]ts-morph-common\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (text.split('const libFiles = [{').length !== 2 || !LIB_ARRAY.test(text)) throw new Error(`${args.path}: libFiles is no longer one array returned by getLibFiles(); update esbuild.mjs's lazy-lib-files`);
      const contents = text.replace(LIB_ARRAY, () => `let madeLibFiles;
function getLibFiles() {
    if (!madeLibFiles && process.env.VOUCH_DEBUG_TS_LOAD) process.stderr.write('vouch: TypeScript lib files made\\n');
    return (madeLibFiles ??= JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, ${JSON.stringify(LIB_FILES)}), 'utf8')));
}`);
      return { contents, loader: 'js' };
    });
  },
};
common.plugins = [stripRuleSamples, requireBuiltins, lazyTypeScript, lazyLibFiles];

const builds = [
  // The banner's clock reading is where the bundle starts to run (extension.ts reports its init time from it).
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: out('client/out/extension.js'), external: ['vscode'], banner: { js: 'var __vouchBundleStart = performance.now();\n' + common.banner.js } },
  // Also the type checker's worker (main.ts, typecheck/threaded.ts): TypeScript is bundled once.
  { ...common, entryPoints: ['server/src/main.ts'], outfile: out('server/out/server-main.js') },
  // server.js and vouch.js are small launchers that run the bundles above and below from V8's code cache
  // (server/src/io/code-cache.ts).
  { ...common, entryPoints: ['server/src/launch.ts'], outfile: out('server/out/server.js') },
  // The registry answers' worker (registry/doc-thread.ts) needs only JSON and a few fields: its own small
  // bundle, so the thread costs a few MB, not another copy of the server's (TypeScript included).
  { ...common, entryPoints: ['server/src/registry/doc-worker.ts'], outfile: out('server/out/registry-docs.js') },
  { ...common, entryPoints: ['cli/src/vouch.ts'], outfile: out('cli/out/vouch-main.js') },
  { ...common, entryPoints: ['cli/src/launch.ts'], outfile: out('cli/out/vouch.js'), banner: { js: '#!/usr/bin/env node\n' + common.banner.js } },
  // TypeScript, beside the two bundles that use it (lazy-typescript).
  ...['server/out', 'cli/out'].map((dir) => ({ ...common, entryPoints: ['@ts-morph/common'], outfile: out(join(dir, TS_CHUNK)) })),
];

// The lib texts the bundles read on first use (lazy-lib-files), beside the two bundles that carry TypeScript.
const libFiles = JSON.stringify(require('@ts-morph/common').getLibFiles().map(({ fileName, text }) => ({ fileName, text })));
const assets = [
  require.resolve('web-tree-sitter/tree-sitter.wasm'),
  require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
];
for (const dir of ['server/out', 'cli/out'].map(out)) {
  mkdirSync(dir, { recursive: true });
  for (const a of assets) copyFileSync(a, join(dir, a.split('/').pop()));
  writeFileSync(join(dir, LIB_FILES), libFiles);
}
if (root !== '.') for (const dir of ['rules/docs', 'rules/data']) cpSync(dir, out(dir), { recursive: true });

// Node's built-in module declarations, for the phantom-api checks where a project has no @types/node:
// the .d.ts files and the licence only (the ts5.6 folder serves TypeScript versions older than ts-morph's).
const nodeTypes = dirname(require.resolve('@types/node/package.json'));
for (const dir of ['server/out', 'cli/out'].map(out)) {
  cpSync(nodeTypes, join(dir, 'types', 'node'), {
    recursive: true,
    filter: (src) => !src.includes('ts5.') && (statSync(src).isDirectory() || src.endsWith('.d.ts') || src.endsWith('LICENSE')),
  });
}

// V8 keeps a script's source for its lifetime, two bytes a character if one character is not Latin-1:
// esbuild escapes strings and templates but leaves comments, regular expression literals and tagged
// templates as written, and one `…` made the CLI's 18 MB source a 36 MB string. Escaped, a comment or
// a character class means the same (a tagged template's raw text would not: those are left, and
// test/unit/bundle-memory.test.ts says so for the CLI; write the escape in the source).
const COMMENT_LINE = /^[ \t]*(?:\/\/|\/\*|\*).*$/gm;
const CHAR_CLASS_REGEX = /(?<=[=(,:;!&|?[{][ \t]*)\/\[(?:[^\]\\/\n`]|\\.)*\]\/[dgimsuvy]*/g;
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  const escape = (s) => s.replace(/[^\x00-\x7f]/g, (u) => '\\u' + u.charCodeAt(0).toString(16).padStart(4, '0'));
  const nonAscii = (s) => (/[^\x00-\x7f]/.test(s) ? escape(s) : s);
  writeFileSync(file, text.replace(COMMENT_LINE, nonAscii).replace(CHAR_CLASS_REGEX, nonAscii));
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  for (const b of builds) asciiOnly(b.outfile);
}
