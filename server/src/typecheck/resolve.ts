// Where declarations come from: the project's node_modules (package typings or @types/*), Node's
// built-in modules (the project's @types/node, else the copy shipped with Vouch), and an in-memory lib.
import { libFiles } from '../core/ts';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** `fs`, `node:fs`, `fs/promises`, `node:test` are Node built-ins. */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

export function isBareSpecifier(specifier: string): boolean {
  return !!specifier && !specifier.startsWith('.') && !specifier.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(specifier) && !specifier.startsWith('#');
}

/** The package a bare specifier names: `@scope/pkg/sub` -> `@scope/pkg`, `node:fs/promises` -> `fs`. */
export function packageOf(specifier: string): string {
  const s = specifier.replace(/^node:/, '');
  const parts = s.split('/');
  return s.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The package a declaration file belongs to, from its path (`…/node_modules/@types/x/…` -> `x`). */
export function packageOfFile(file: string): string | undefined {
  const norm = file.split('\\').join('/');
  const i = norm.lastIndexOf('/node_modules/');
  if (i < 0) return norm.includes('/types/node/') ? 'node' : undefined;
  const parts = norm.slice(i + '/node_modules/'.length).split('/');
  if (parts[0] === '@types') return parts[1].includes('__') ? '@' + parts[1].replace('__', '/') : parts[1];
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Declarations of Node's built-ins shipped with Vouch: next to the bundle when built, else node_modules. */
export function shippedNodeTypes(): string | undefined {
  const bundled = join(__dirname, 'types', 'node', 'index.d.ts');
  if (existsSync(bundled)) return bundled;
  try {
    return join(dirname(require.resolve('@types/node/package.json')), 'index.d.ts');
  } catch {
    return undefined;
  }
}

/** The project's own @types/node (nearest node_modules walking up from `dir`), if installed. */
export function projectNodeTypes(dir: string, stopAt: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const f = join(d, 'node_modules', '@types', 'node', 'index.d.ts');
    if (existsSync(f)) return f;
    if (d === stopAt || dirname(d) === d) return undefined;
  }
}

/** Lib declarations, held in memory (the copy bundled with ts-morph, matching its TypeScript). */
export const LIB_DIR = '/__vouch_lib__';
let libTexts: Map<string, string> | undefined;
export function libText(fileName: string): string | undefined {
  libTexts ??= new Map(libFiles().map((f) => [`${LIB_DIR}/${f.fileName}`, f.text]));
  return libTexts.get(fileName.split('\\').join('/'));
}
