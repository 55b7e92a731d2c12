// Package references found in one file: what name, where, and how it was referenced. Pure helpers
// shared by the extractors; the verdicts are decided in verdicts.ts.
import type { Ecosystem } from '../../../core/services';

export type RefKind = 'import' | 'manifest' | 'install';

export interface PackageRef {
  ecosystem: Ecosystem;
  /** Registry name: the npm package, or the PyPI distribution (after import-name mapping). */
  name: string;
  /** Offsets of the package name as written (the import's first segment, the manifest key…). */
  start: number;
  end: number;
  kind: RefKind;
  /** Python imports: the dotted module path as written (`google.cloud.storage`). */
  importName?: string;
  /** The name was derived from an import-name mapping, so the text shows the import name, not `name`. */
  mapped?: boolean;
  /** Other registry names that would provide the import (the import name itself, other candidates): asked only when `name` does not exist. */
  alternatives?: string[];
  /** Python: the import name is in the import-name map, so a module of that name is known to exist. */
  knownImport?: boolean;
  /** Inside try/except ImportError or try/catch: an optional dependency, not required to be declared. */
  optional?: boolean;
  /** Imported inside a function: needed only when that function runs (optional backends, drivers). */
  lazy?: boolean;
  /** `import type` / type-only positions: satisfied by `@types/<name>` too. */
  typeOnly?: boolean;
  /** Python: imported after the file extends `sys.path`, so it may be a module of a folder the script adds. */
  searchPath?: boolean;
}

// npm names: lower-case, URL-safe; an upper-case or `$`/`~` first segment is an alias, not a package.
const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** The npm package a bare specifier names (`@a/b/c` → `@a/b`, `lodash/fp` → `lodash`), or undefined. */
export function npmPackageOf(specifier: string): string | undefined {
  if (!specifier || /^[./#~]|^@\/|[:!?*\\\s]/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (specifier.startsWith('@') && parts.length < 2) return undefined;
  return NPM_NAME.test(name) && name.length <= 214 ? name : undefined;
}

export function isValidNpmName(name: string): boolean {
  return NPM_NAME.test(name) && name.length <= 214;
}

// PEP 508 distribution names: letters, digits, and . _ - inside.
const PYPI_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

export function isValidPypiName(name: string): boolean {
  return PYPI_NAME.test(name);
}
