// ESLint flat config for the bench: security plugins only (eslint-plugin-security + @microsoft/eslint-plugin-sdl),
// espree for JS, typescript-eslint's parser (no type information) for TS. Plugins resolve from bench/.work/peers.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const peers = join(dirname(dirname(fileURLToPath(import.meta.url))), '.work', 'peers');
const require = createRequire(join(peers, 'package.json'));
const load = async (name) => {
  const m = await import(pathToFileURL(require.resolve(name)).href);
  return m.default ?? m;
};

const security = await load('eslint-plugin-security');
const sdl = await load('@microsoft/eslint-plugin-sdl');
const tseslint = await load('typescript-eslint');

export default [
  // The corpus's own inline directives must not switch rules off (or name rules not loaded here).
  { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
  { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } },
  // The SDL preset brings its own older eslint-plugin-security (no rules enabled by it): use the current one.
  ...sdl.configs.recommended.filter((c) => !(c.plugins?.security && !c.rules)),
  security.configs.recommended,
];
