// Path classification shared by the engine, the CLI and the server.
// Folders: `test/`, `__tests__/`, `fixtures/`…, and those with test as one word of their name
// (`oidc-test-env/`, `api_tests/`, `test-utils/`), not `latest/` or `contest/`; a `testsuite/` (borg's); the test projects of
// Django apps (`testapp/`, `testproject/`, `testsite/`) and their `testsettings.py`; a package's
// `examples/` (fastify's), code to read and copy, not to deploy, under any name that says so (an OAuth client's
// `oauth2example/`, `express-example/`, an SDK's `samples/` of runnable calls with sandbox keys); type tests (tstyche's `index.tst.ts`, tsd's and
// vitest's `index.test-d.ts`, and the DefinitelyTyped/dtslint `<name>-tests.ts` a package keeps beside its typings,
// such as `ts-tests.ts`: assertions about types, never run, not `contests.ts`); a development server's own file
// (`server-dev.js`, `DevServer.js`), run on a developer's machine; a test helper module (`src/test-helpers.ts`, `test-utils.js`,
// `testSetup.ts`: what specs import to sign a fake user in); a Python package's test data beside its tests
// (django-environ's `test_env.txt`, `test_settings.ini`); a package's example configuration (wait-on's `exampleConfig.js`,
// `config.sample.js`) and its example environment file (`.env.example`, `.env.sample`, `.env.template`: a help-desk SDK's
// made-up key beside `user@mars.com`): documentation of its options, copied and edited, as `examples/` is (`src/example.js`
// and `.env.production` are code and configuration); a
// script named `test.js` (unifi-client's `lib/test.js` against a test controller), as `tests.py` is.
const TEST_PATH = /(^|\/)(tests?|__tests__|spec|specs|fixtures?|__fixtures__|__mocks__|testdata|test[-_]?suites?|e2e|(?:[\w.]+[-_]|[a-z\d]+)?examples?(?:[-_][\w.]+)?|samples?|test(?:app|apps|project|proj|site)|(?:[\w.]+[-_])?tests?(?:[-_][\w.]+)?)\/|(\.|_)(test|spec|tst)\.[a-z]+$|\.test-d\.[cm]?tsx?$|-tests\.[cm]?tsx?$|(^|\/)test_[^/]+\.(?:py|txt|env|ini|cfg)$|(^|\/)tests?\.(?:py|[cm]?[jt]s)$|_test\.py$|(^|\/)(?:conftest|testsettings)\.py$|(^|\/)(?:dev[-_.]?server|server[-_.]dev)\.[cm]?[jt]s$|(^|\/)test[-_]?(?:helpers?|utils?|setup)\.[cm]?[jt]sx?$|(^|\/)(?:examples?|samples?)[-_.]?(?:config|conf|settings|options)\.[cm]?[jt]s$|(^|\/)[\w-]*(?:config|conf|settings|options)[-_.](?:examples?|samples?)\.[cm]?[jt]s$|(^|\/)\.env[-_.](?:examples?|samples?|template|dist)$/i;

export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

/** Generated, vendored or minified paths skipped unless the user includes them explicitly. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/built/**',
  '**/out/**',
  '**/coverage/**',
  '**/vendor/**',
  '**/third_party/**',
  '**/.venv/**',
  '**/venv/**',
  // Installed Python packages (a virtualenv under another name, a vendored install): dependencies, as node_modules.
  '**/site-packages/**',
  '**/dist-packages/**',
  '**/__pycache__/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.output/**',
  '**/.svelte-kit/**',
  '**/storybook-static/**',
  '**/*.min.*',
  '**/*-min.*',
  '**/*.bundle.*',
  '**/*.chunk.*',
  '**/*.map',
  '**/package-lock.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/*.generated.*',
  '**/*.g.ts',
  '**/*_pb2.py',
  '**/*_pb2_grpc.py',
];

/**
 * Bundler output named by its content hash (`main.3f2a9c1b.js`, `index-BfE3x9Qd.js`,
 * `chunk-4TDTMHNR.mjs`): hex of 8+ with a digit and a letter, or 8 letters and digits with an upper-case
 * letter and a digit, as the last part of the name before a script or style extension.
 */
const HASHED_NAME = /[.-]([0-9a-f]{8,32}|[A-Za-z0-9_]{8})\.(?:[cm]?js|css)$/;

export function isHashedOutputName(path: string): boolean {
  const m = HASHED_NAME.exec(path.slice(path.lastIndexOf('/') + 1));
  if (!m) return false;
  const part = m[1];
  return /[0-9]/.test(part) && (/^[0-9a-f]+$/.test(part) ? /[a-f]/.test(part) : /[A-Z]/.test(part));
}
