// The undeclared-dependency verdict: an import the nearest manifest does not declare, with the fix
// that adds it at the installed (or the registry's latest) version.
import type { PackageFacts, ProjectService } from '../../../core/services';
import type { AsyncDetectorContext } from '../../../core/types';
import type { Collected, Located } from './collect';
import { addDependencyFix } from './dep-fixes';
import { folderFacts } from '../../shared/folder-facts';
import { inHostBuiltFolder } from './host-built-folders';
import type { Verdict } from './verdicts';
import { browserBuildInput, bundledSource } from './bundle-sources';
import { hostSupplied } from './host-model';
import { jsdocHosted } from './jsdoc-host';
import { besideImporter } from './module-roots';
import { optInEntry, optInIntegration } from './opt-in-integration';
import { platformOwnModule } from './platform-folder';
import { runsElsewhere } from './run-elsewhere';
import { usedOnlyAsTypes } from './type-uses';

const code = (s: string) => `\`${s}\``;
export const origin = (f: PackageFacts | undefined) => (f?.source === 'snapshot' ? ' (offline snapshot)' : '');

/** A Python import that a declared, locked or installed distribution provides (never "not on PyPI"). */
export const providedBy = (c: Collected, r: Located) => (r.kind === 'import' && r.ecosystem === 'pypi' ? c.py?.provides(r.importName ?? r.name) : undefined);

// pytest runs the tests and test helpers (`testing/`, `testutils/`, conftest.py) that import it.
const TEST_RUNNERS = new Set(['pytest', 'nose', 'nose2']);
const PY_TEST_PATH = /(?:^|\/)(?:tests?|testing|testutils|test_utils)\/|(?:^|\/)(?:conftest|test_[^/]*|[^/]*_tests?)\.py$/;

/**
 * A scope alone as an object key with a value that is no plain string (`'@generated': generatedFilesDir` in docusaurus'
 * lib/webpack/base.js, `"@theme": themeDir` in vitepress' Vite setup): a bundler alias the package's code configures;
 * so is a scope's `/*` pattern (`'@fixtures/*': ['fixtures/lib/*']`), tsconfig `paths` the code hands to a compiler.
 */
const ALIAS_KEY = /(['"])(@[\w.-]+)(?:\/\*)?\1\s*:(?!\s*['"`](?![./]))/g;
const ALIAS_MEMO = {};
const unionOf = (facts: ReadonlyArray<readonly [string, ReadonlySet<string>]>): ReadonlySet<string> => new Set(facts.flatMap(([, s]) => [...s]));
const aliasKeys = (text: string): Set<string> => new Set(/['"]@/.test(text) ? [...text.matchAll(ALIAS_KEY)].map((m) => m[2]) : []);

/** Whether code of the importing package aliases the scope, so the bundler it drives resolves the import. */
function aliasedInPackage(ctx: AsyncDetectorContext, c: Collected, r: Located): boolean {
  const ws = ctx.services.workspace;
  const manifest = c.npm?.manifests[0]?.path;
  if (r.ecosystem !== 'npm' || !r.name.startsWith('@') || r.installed !== undefined || !ws || manifest === undefined) return false;
  const scope = r.name.slice(0, r.name.indexOf('/'));
  const dir = manifest.slice(0, manifest.lastIndexOf('/') + 1);
  return !!folderFacts(ws, dir, ALIAS_MEMO, /\.[cm]?[jt]sx?$/, aliasKeys, unionOf)?.has(scope);
}

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
  // A TypeScript value import whose names only annotate types is erased when compiled, as `import type` is.
  if (r.ecosystem === 'npm' && !r.typeOnly && usedOnlyAsTypes(ctx, r.start)) r = { ...r, typeOnly: true };
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
  // The policy: high only for what the package's own code loads when it runs. Types (nothing loads them), code run
  // only on some path (inside a function), examples, files run by a tool the manifests do not declare, a host's
  // runtime, JSDoc's modules, a shipped bundle's sources (or the browser shims that fed it), a file beside the importer that a bundler's module root names, an opt-in integration's SDK and a platform folder's own
  // platform's modules may all be supplied from elsewhere: shown at low confidence.
  const low = r.lazy || typesOnly || r.example || jsdoc === 'dependency' || (r.ecosystem === 'npm' && (!!r.typeOnly || runsElsewhere(ctx, c, r) || hostSupplied(c, r, ctx.path) || foreignRuntimeFolder(ctx, r) || inHostBuiltFolder(ctx, c.npm?.manifests[0]?.path) || bundledSource(ctx) || browserBuildInput(ctx, c.npm?.manifests[0]?.path) || besideImporter(ctx.services.project as ProjectService | undefined, ctx.path, r.name) || optInIntegration(ctx, c.npm?.manifests[0]?.path, r.name) || optInEntry(ctx, c.npm?.manifests[0]?.path, r.name) || platformOwnModule(ctx.path, c.npm?.manifests[0]?.path, r.name)));
  return { kind: 'undeclared', ref: r, message, fix: version && !suspicious ? addDependencyFix(ctx, c, r, version) : undefined, confidence: low ? 'low' : undefined };
}
