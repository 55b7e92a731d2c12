// Files a tool runs (tests, stories, a tool's config) answer to the manifest only when that manifest declares
// the tool: otherwise the tool and what it brings are installed elsewhere (a monorepo root, a stripped tarball's
// lost devDependencies), and whether the import is declared there cannot be told from here. Shown, not alarmed about.
import type { ProjectService } from '../../../core/services';
import type { AsyncDetectorContext } from '../../../core/types';
import type { Collected, Located } from './collect';

const declares = (c: Collected, test: (name: string) => boolean) => !!c.npm?.manifests.some((m) => m.manifest.entries.some((e) => test(e.name)));

// A build tool's own config (`vite.config.js` importing `vite`) needs only devDependencies. A manifest
// chain with no devDependencies at all was stripped of them on publish (firebase-tools' tarball ships its
// MCP apps' vite configs), so it cannot say whether the tool, or what the bundler packs beside its config,
// is declared.
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
 * A tool's config (`vitest.config.mts`, `webpack.config.js`, `Gruntfile.js`) under manifests that declare no such
 * tool: the tool runs it from elsewhere, with its plugins (@nestjs/bull ships `vitest.config.mts` importing
 * `vitest`, declared only at its monorepo's root). Declared, the config is the package's own (glances' webpack
 * config requiring `terser-webpack-plugin`, which only webpack brought).
 */
const TOOL_CONFIG = /(?:^|\/)(?:(vitest|vite|webpack|rollup|jest|tsup|rspack|esbuild|playwright|eslint|babel|postcss|tailwind|svelte|astro|nuxt|next)\.config(?:\.[\w-]+)?\.[cm]?[jt]s|([Gg]runt|[Gg]ulp)file(?:\.[\w-]+)?\.[cm]?[jt]s)$/;
function toolRunsElsewhere(ctx: AsyncDetectorContext, c: Collected): boolean {
  const m = TOOL_CONFIG.exec(ctx.path);
  if (!m || !c.npm?.manifests.length) return false;
  const tool = (m[1] ?? m[2]).toLowerCase();
  const named = new RegExp(`(?:^|[/@-])${tool}(?:css|js)?(?:$|[/-])`);
  return !declares(c, (n) => named.test(n));
}

/**
 * A test file whose manifest chain declares no test runner: its tests run from somewhere else, a monorepo root whose
 * devDependencies bring the runner and the assertion libraries (theia's packages ship their `*.spec.ts` with only
 * build scripts declared; @nestjs/graphql ships compiled specs importing `vitest`). The runner imported by name is
 * no exception: the missing runner is that layout's very signature. A file using its runtime's built-in runner
 * (`node:test`, `bun:test`, as svix's tests do) runs from this package.
 */
const JS_TEST_RUNNERS = /^(?:mocha|jest|vitest|ava|tap|jasmine|karma|uvu|@playwright\/test|@jest\/globals|ts-jest|c8|nyc|tape|lab|@hapi\/lab|cypress|@web\/test-runner|@japa\/runner)$/;
/** A test itself (a spec, a file under test/), not the examples or fixtures other test paths also cover. */
const JS_TEST_FILE = /(?:^|\/)(?:tests?|__tests__|specs?)\/|[._](?:test|spec)\.[cm]?[jt]sx?$/;
/** A script named `test.js` is a test when written for a runner (`test('…', …)`); a plain script is run by node from here. */
const TEST_SCRIPT = /(?:^|\/)tests?\.[cm]?[jt]sx?$/, RUNNER_CALL = /\b(?:describe|it|test)\(['"`]/;
const BUILTIN_RUNNER = /\bfrom\s+['"](?:node:test|bun:test)['"]|\brequire\(\s*['"]node:test['"]\s*\)/;
const testsRunElsewhere = (ctx: AsyncDetectorContext, c: Collected) => (JS_TEST_FILE.test(ctx.path) || (TEST_SCRIPT.test(ctx.path) && RUNNER_CALL.test(ctx.text))) && !BUILTIN_RUNNER.test(ctx.text)
  && !!c.npm?.manifests.length && !declares(c, (n) => JS_TEST_RUNNERS.test(n));

/**
 * A story (`Button.stories.tsx`) under manifests that declare no Storybook: stories run from a Storybook set up
 * elsewhere, a monorepo root whose workspaces bring the data providers and translations they import (react-admin's
 * packages ship theirs importing `ra-data-fakerest`, a sibling package).
 */
const STORY_FILE = /\.stor(?:y|ies)\.[cm]?[jt]sx?$/;
const storiesRunElsewhere = (ctx: AsyncDetectorContext, c: Collected) => STORY_FILE.test(ctx.path)
  && !!c.npm?.manifests.length && !declares(c, (n) => n === 'storybook' || n.startsWith('@storybook/'));

/** Whether the file is run by a tool its manifests do not declare (or can no longer say they declare). */
export const runsElsewhere = (ctx: AsyncDetectorContext, c: Collected, r: Located): boolean => r.ecosystem === 'npm'
  && (strippedBuildConfig(ctx, c) || toolRunsElsewhere(ctx, c) || testsRunElsewhere(ctx, c) || storiesRunElsewhere(ctx, c));
