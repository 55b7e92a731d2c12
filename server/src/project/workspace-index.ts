// The workspace index behind cross-file summaries: resolves an import to a workspace file the way
// Node/TypeScript and Python would (relative specifiers, extensions, index files, packages) and
// memoises what the analysis derives from a file per path and content. Reads go through the
// ProjectService, so the index never leaves the workspace root; big files and old entries are dropped.
import { posix } from 'node:path';
import type { ProjectService, WorkspaceIndex } from '../core/services';

/** Bundles and generated files this size are not helpers anyone calls by hand (the analysis skips them too). */
export const MAX_INDEXED_BYTES = 512 * 1024;
const MAX_ENTRIES = 256;

const JS_EXTS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
/** TypeScript's ESM convention: `./util.js` in the source names `util.ts` on disk. */
const TS_OF: Record<string, readonly string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** Workspace-relative candidates for a JS/TS import, most specific first; none for packages. */
export function jsCandidates(fromPath: string, specifier: string): string[] {
  if (!/^\.\.?(\/|$)/.test(specifier)) return [];
  const base = posix.normalize(posix.join(posix.dirname(fromPath), specifier)).replace(/\/$/, '');
  if (base === '..' || base.startsWith('../') || posix.isAbsolute(base)) return [];
  const out: string[] = [];
  const ext = posix.extname(base);
  if (JS_EXTS.includes(ext)) out.push(base, ...(TS_OF[ext] ?? []).map((e) => base.slice(0, -ext.length) + e));
  if (base !== '.') out.push(...JS_EXTS.map((e) => base + e));
  out.push(...JS_EXTS.map((e) => posix.join(base, `index${e}`)));
  return out;
}

/**
 * Candidates for a Python module: relative ones (`.helpers`, `..lib.db`) from the importing file's
 * package; absolute ones (`app.utils`) from the workspace root, then from each folder above the file
 * (src layouts, one service of a monorepo).
 */
export function pyCandidates(fromPath: string, module: string): string[] {
  const m = /^(\.*)(.*)$/.exec(module)!;
  const dots = m[1].length;
  const parts = m[2] ? m[2].split('.') : [];
  if (parts.some((p) => !/^\w+$/.test(p))) return [];
  const under = (dir: string) => (parts.length ? [posix.join(dir, ...parts) + '.py', posix.join(dir, ...parts, '__init__.py')] : [posix.join(dir, '__init__.py')]);
  let dir = posix.dirname(fromPath);
  if (dots) {
    for (let i = 1; i < dots; i++) {
      if (dir === '.') return [];
      dir = posix.dirname(dir);
    }
    return under(dir);
  }
  if (!parts.length) return [];
  const roots = ['.'];
  const above: string[] = [];
  for (; dir !== '.' && dir !== '/' && dir !== ''; dir = posix.dirname(dir)) above.unshift(dir);
  return [...roots, ...above].flatMap(under);
}

interface Entry {
  text: string;
  byKey: WeakMap<object, { value: unknown }>;
}

export class ProjectIndex implements WorkspaceIndex {
  private readonly memo = new Map<string, Entry>();

  constructor(private readonly project: ProjectService) {}

  resolve(fromPath: string, specifier: string, language: 'js' | 'python'): string | undefined {
    const candidates = language === 'js' ? jsCandidates(fromPath, specifier) : pyCandidates(fromPath, specifier);
    return candidates.find((c) => c !== fromPath && this.project.readFile(c) !== undefined);
  }

  derived<T>(relPath: string, key: object, derive: (text: string, path: string) => T): T | undefined {
    const text = this.project.readFile(relPath);
    if (text === undefined || text.length > MAX_INDEXED_BYTES) return undefined;
    let entry = this.memo.get(relPath);
    // Least recently used last out: a hit moves to the end of the map's order.
    this.memo.delete(relPath);
    if (!entry || entry.text !== text) entry = { text, byKey: new WeakMap() };
    this.memo.set(relPath, entry);
    if (this.memo.size > MAX_ENTRIES) this.memo.delete(this.memo.keys().next().value!);
    let hit = entry.byKey.get(key);
    if (!hit) {
      let value: T | undefined;
      try {
        value = derive(text, relPath);
      } catch {
        value = undefined;
      }
      hit = { value };
      entry.byKey.set(key, hit);
    }
    return hit.value as T | undefined;
  }
}
