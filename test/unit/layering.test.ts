// Keeps the layers honest: server/src/core is the bottom layer (the engine, settings and provenance
// shapes that the CLI, the server and the tests all run), so it may import only itself, Node built-ins
// and npm packages — never the wire format (protocol.ts), features, scan or any other layer above it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const CORE = join(ROOT, 'server', 'src', 'core');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const BUILTINS = new Set(builtinModules);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Every module a file names: import/export declarations, `import()` types and calls, `require()`. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** `ts-morph`, `@scope/pkg/sub` → the package name. */
const packageOf = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** Why an import from a core file leaves the layer, or undefined when it stays inside. */
function violation(file: string, spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = resolve(dirname(file), spec);
    return target === CORE || target.startsWith(CORE + sep) ? undefined : `imports ${relative(ROOT, target).split(sep).join('/')}`;
  }
  if (spec.startsWith('node:') || BUILTINS.has(spec)) return undefined;
  // npm packages the extension ships with; a dev-only or missing package would fail in the bundle.
  return PACKAGE.dependencies?.[packageOf(spec)] ? undefined : `imports "${spec}", which is not a runtime dependency`;
}

describe('layering: server/src/core', () => {
  it('finds the imports the check relies on (including type-only and import() types)', () => {
    const text = `import a from 'minimatch';\nexport { b } from '../protocol';\ntype S = import('./services').RegistryService;\nimport type { F } from '../features/x';\n`;
    const file = join(CORE, 'example.ts');
    assert.deepEqual(specifiers(text).map((s) => violation(file, s)), [
      undefined, 'imports server/src/protocol', undefined, 'imports server/src/features/x',
    ]);
  });

  it('imports nothing outside server/src/core except Node built-ins and npm packages', () => {
    const files = walk(CORE);
    assert.ok(files.length > 5, 'no core files found');
    const problems = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8')).flatMap((spec) => {
        const why = violation(file, spec);
        return why ? [`${relative(ROOT, file).split(sep).join('/')} ${why}`] : [];
      }),
    );
    assert.deepEqual(problems, []);
  });
});
