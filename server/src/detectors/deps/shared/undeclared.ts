// The undeclared-dependency verdict: an import the nearest manifest does not declare, with the fix
// that adds it at the installed (or the registry's latest) version.
import type { PackageFacts, ProjectService } from '../../../core/services';
import type { AsyncDetectorContext } from '../../../core/types';
import type { Collected, Located } from './collect';
import { addDependencyFix } from './dep-fixes';
import { inHostBuiltFolder } from './host-built-folders';
import type { Verdict } from './verdicts';
import { jsdocHosted } from './jsdoc-host';

const code = (s: string) => `\`${s}\``;
export const origin = (f: PackageFacts | undefined) => (f?.source === 'snapshot' ? ' (offline snapshot)' : '');

/** A Python import that a declared, locked or installed distribution provides (never "not on PyPI"). */
export const providedBy = (c: Collected, r: Located) => (r.kind === 'import' && r.ecosystem === 'pypi' ? c.py?.provides(r.importName ?? r.name) : undefined);

// pytest runs the tests and test helpers (`testing/`, `testutils/`, conftest.py) that import it.
const TEST_RUNNERS = new Set(['pytest', 'nose', 'nose2']);
const PY_TEST_PATH = /(?:^|\/)(?:tests?|testing|testutils|test_utils)\/|(?:^|\/)(?:conftest|test_[^/]*|[^/]*_tests?)\.py$/;

// A build tool's own config (`vite.config.js` importing `vite`) needs only devDependencies. A manifest
// chain with no devDependencies at all was stripped of them on publish (firebase-tools' tarball ships its
// MCP apps' vite configs), so it cannot say whether the tool, or what the bundler packs beside its config,
// is declared: shown, not alarmed about.
const BUILD_CONFIG = /(?:^|\/)(?:[\w-]+\.config(?:\.[\w-]+)?\.[cm]?[jt]s|[Gg]runtfile\.[cm]?[jt]s|[Gg]ulpfile(?:\.[\w-]+)?\.[cm]?[jt]s)$/;
/** A bundler's config: the files beside it are its input, bundled at build time (the MCP apps' `mcp-app.js`). */
const BUNDLER_CONFIG = /^(?:vite|webpack|rollup|esbuild|parcel|tsup|rspack)\.config(?:\.[\w-]+)?\.[cm]?[jt]s$/;

const stripped = (c: Collected) => !!c.npm && !c.npm.manifests.some((m) => m.manifest.entries.some((e) => e.section === 'devDependencies'));

function strippedBuildConfig(ctx: AsyncDetectorContext, c: Collected): boolean {
  if (!stripped(c)) return false;
  if (BUILD_CONFIG.test(ctx.path)) return true;
  const project = ctx.services.project as ProjectService | undefined;
  return !!project?.list(ctx.path.slice(0, Math.max(0, ctx.path.lastIndexOf('/'))))?.some((n) => BUNDLER_CONFIG.test(n));
}

/**
 * A type-only import (`import type { Context } from '@netlify/edge-functions'`) under manifests stripped of their
 * devDependencies on publish: nothing runs it, and the typings it names were a devDependency the tarball no longer
 * lists (@netlify/plugin-nextjs ships its edge runtime's sources so). Shown, not alarmed about.
 */
const strippedTypeImport = (c: Collected, r: Located) => !!r.typeOnly && stripped(c);

/**
 * A declaration the compiler emitted beside its `.js` (`lib/url.d.ts` next to `lib/url.js`), or vue-tsc beside its
 * component (`Preview.d.vue.ts` next to `Preview.vue`, as @nuxt/content ships them): its `import("…")` types spell out
 * inferred types (express's Router as `express-serve-static-core`, `import("vue").DefineComponent`), nothing runs
 * them, and the dependency, if one is missing, belongs to the source it was compiled from. A hand-written
 * declaration has no such sibling.
 */
function emittedDeclaration(ctx: AsyncDetectorContext, r: Located): boolean {
  const m = /^(.*)\.d\.(?:([cm]?)ts|([\w-]+)\.ts)$/.exec(ctx.path);
  const project = ctx.services.project as ProjectService | undefined;
  return !!m && !!r.typeOnly && !!project?.exists(m[3] !== undefined ? `${m[1]}.${m[3]}` : `${m[1]}.${m[2]}js`);
}

/**
 * A scope alone as an object key with a value that is no plain string (`'@generated': generatedFilesDir` in docusaurus'
 * lib/webpack/base.js, `"@theme": themeDir` in vitepress' Vite setup): a bundler alias the package's code configures.
 */
const ALIAS_KEY = /(['"])(@[\w.-]+)\1\s*:(?!\s*['"`](?![./]))/g;
const ALIAS_MEMO = {};
const aliasKeys = (text: string): Set<string> => new Set(/['"]@/.test(text) ? [...text.matchAll(ALIAS_KEY)].map((m) => m[2]) : []);

/** Whether code of the importing package aliases the scope, so the bundler it drives resolves the import. */
function aliasedInPackage(ctx: AsyncDetectorContext, c: Collected, r: Located): boolean {
  const ws = ctx.services.workspace;
  const manifest = c.npm?.manifests[0]?.path;
  if (r.ecosystem !== 'npm' || !r.name.startsWith('@') || r.installed !== undefined || !ws?.files || manifest === undefined) return false;
  const scope = r.name.slice(0, r.name.indexOf('/'));
  const dir = manifest.slice(0, manifest.lastIndexOf('/') + 1);
  return (ws.files() ?? []).some((f) => f.startsWith(dir) && /\.[cm]?[jt]sx?$/.test(f) && !!ws.derived(f, ALIAS_MEMO, aliasKeys)?.has(scope));
}

/**
 * A test file whose manifest chain declares no test runner: its tests run from somewhere else, a monorepo root whose
 * devDependencies bring the assertion libraries (theia's packages ship their `*.spec.ts` with only build scripts
 * declared). Whether the import is declared there cannot be told from here: shown, not alarmed about. A test
 * runner imported by name is no such library: the file says which runner it needs, and the manifest lacks it; nor is
 * a file using its runtime's built-in runner, which runs from this package.
 */
const JS_TEST_RUNNERS = /^(?:mocha|jest|vitest|ava|tap|jasmine|karma|uvu|@playwright\/test|@jest\/globals|ts-jest|c8|nyc|tape|lab|@hapi\/lab|cypress|@web\/test-runner|@japa\/runner)$/;
/** A test itself (a spec, a file under test/), not the examples or fixtures other test paths also cover. */
const JS_TEST_FILE = /(?:^|\/)(?:tests?|__tests__|specs?)\/|[._](?:test|spec)\.[cm]?[jt]sx?$/;
/** A runtime's own test runner (`node:test`, `bun:test`): the file runs from its package, with no runner to declare (svix). */
const BUILTIN_RUNNER = /\bfrom\s+['"](?:node:test|bun:test)['"]|\brequire\(\s*['"]node:test['"]\s*\)/;
function testsRunElsewhere(ctx: AsyncDetectorContext, c: Collected, r: Located): boolean {
  return JS_TEST_FILE.test(ctx.path) && !BUILTIN_RUNNER.test(ctx.text) && r.ecosystem === 'npm' && !JS_TEST_RUNNERS.test(r.name) && !!c.npm?.manifests.length && !c.npm.manifests.some((m) => m.manifest.entries.some((e) => JS_TEST_RUNNERS.test(e.name)));
}

/**
 * A story (`Button.stories.tsx`) under manifests that declare no Storybook: stories run from a Storybook set up
 * elsewhere, a monorepo root whose workspaces bring the data providers and translations they import (react-admin's
 * packages ship theirs importing `ra-data-fakerest`, a sibling package). Shown, not alarmed about.
 */
const STORY_FILE = /\.stor(?:y|ies)\.[cm]?[jt]sx?$/;
const storiesRunElsewhere = (ctx: AsyncDetectorContext, c: Collected, r: Located) => STORY_FILE.test(ctx.path) && r.ecosystem === 'npm'
  && !!c.npm?.manifests.length && !c.npm.manifests.some((m) => m.manifest.entries.some((e) => e.name === 'storybook' || e.name.startsWith('@storybook/')));

/**
 * A folder whose code requires a module no npm package can be named after (a leading `_`: `_GenericMarshal`; Node's
 * own `_stream_readable` aside) is written for a runtime with built-in modules of its own (meshcentral's agent
 * scripts, run by the MeshAgent binaries beside them): its other bare names (`message-box`, `promise`) are as likely
 * that runtime's as npm's. Shown, not alarmed about.
 */
const FOREIGN_BUILTIN = /\brequire\(\s*['"]_(?!(?:http|stream|tls)_)[A-Za-z]/;
const FOREIGN_MEMO = {};
function foreignRuntimeFolder(ctx: AsyncDetectorContext, r: Located): boolean {
  if (r.ecosystem !== 'npm') return false;
  if (FOREIGN_BUILTIN.test(ctx.text)) return true;
  const ws = ctx.services.workspace;
  const dir = ctx.path.slice(0, Math.max(0, ctx.path.lastIndexOf('/')));
  const names = (ctx.services.project as ProjectService | undefined)?.list(dir) ?? [];
  return !!ws && names.some((n) => /\.[cm]?js$/.test(n) && !!ws.derived(dir ? `${dir}/${n}` : n, FOREIGN_MEMO, (t) => FOREIGN_BUILTIN.test(t)));
}

export function undeclared(ctx: AsyncDetectorContext, c: Collected, r: Located, facts: PackageFacts | undefined, suspicious: boolean): Verdict | undefined {
  if (r.kind !== 'import' || r.declared || r.optional || !r.hasManifest || providedBy(c, r) === 'declared') return undefined;
  // Under `if TYPE_CHECKING:` Python never imports it: a type checker's dependency, not the program's.
  if (r.ecosystem === 'pypi' && r.typeOnly) return undefined;
  if (r.ecosystem === 'pypi' && TEST_RUNNERS.has(r.name.toLowerCase()) && PY_TEST_PATH.test(ctx.path)) return undefined;
  if (aliasedInPackage(ctx, c, r)) return undefined;
  const jsdoc = jsdocHosted(ctx, c, r);
  if (jsdoc === 'jsdoc') return undefined;
  const nearest = r.ecosystem === 'npm' ? c.npm?.manifests[0]?.path : c.py?.manifests[0]?.path;
  const manifest = nearest ?? 'the project manifest';
  const version = r.installed || (facts?.exists ? facts.latest : undefined);
  const message = r.installed !== undefined
    ? `${code(r.name)} is imported but not declared in ${manifest}; it is only installed indirectly, so a clean install may drop it.`
    : r.ecosystem === 'npm' && r.typeOnly
      // `import type`: erased when compiled, so it is the type check that fails, not the program.
      ? `${code(r.name)} is imported for its types but neither declared in ${manifest} nor installed, so type-checking fails on a fresh checkout (the compiled code does not load it)${origin(facts)}.`
      : `${code(r.name)} is imported but neither declared in ${manifest} nor installed, so the import fails on a fresh checkout${origin(facts)}.`;
  // Adding a suspicious name to the manifest would only make the trap permanent.
  // Imported inside a function (an optional integration or driver): needed only when that function runs.
  // Only its `@types/…` declared, from TypeScript: the author means to use its types alone (loopback's
  // `import {ServeStaticOptions} from 'serve-static'`, erased when compiled); low unless proven otherwise.
  const typesOnly = r.ecosystem === 'npm' && /\.[cm]?tsx?$/.test(ctx.path) && !!c.npm?.declared.get(`@types/${r.name.startsWith('@') ? r.name.slice(1).replace('/', '__') : r.name}`);
  const low = r.lazy || typesOnly || r.example || jsdoc === 'dependency' || (r.ecosystem === 'npm' && (strippedBuildConfig(ctx, c) || strippedTypeImport(c, r) || emittedDeclaration(ctx, r) || testsRunElsewhere(ctx, c, r) || storiesRunElsewhere(ctx, c, r) || foreignRuntimeFolder(ctx, r) || inHostBuiltFolder(ctx, c.npm?.manifests[0]?.path, c.npm?.manifests[0]?.manifest.entries.map((e) => e.name))));
  return { kind: 'undeclared', ref: r, message, fix: version && !suspicious ? addDependencyFix(ctx, c, r, version) : undefined, confidence: low ? 'low' : undefined };
}
