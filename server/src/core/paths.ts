// Path classification shared by the engine, the CLI and the server.
const TEST_PATH = /(^|\/)(tests?|__tests__|spec|specs|fixtures?|__fixtures__|__mocks__|testdata|e2e)\/|(\.|_)(test|spec)\.[a-z]+$|(^|\/)test_[^/]+\.py$|_test\.py$|(^|\/)conftest\.py$/i;

export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

/** Generated, vendored or minified paths skipped unless the user includes them explicitly. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/coverage/**',
  '**/vendor/**',
  '**/third_party/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
  '**/.next/**',
  '**/*.min.js',
  '**/*.min.css',
  '**/*.bundle.js',
  '**/*.map',
  '**/package-lock.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/*.generated.*',
  '**/*.g.ts',
];
