// The workspace index behind cross-file summaries and breaking-change reach: resolves an import to a
// workspace file the way Node/TypeScript and Python would (relative specifiers, extensions, index
// files, packages of npm/yarn/pnpm workspaces), lists the workspace's source files, and memoises what
// the analysis derives from a file per path and content. Reads go through the ProjectService, so the
// index never leaves the workspace root; big files and old entries are dropped. The memo is keyed by the
// project's `version` of a file (a stat) where it has one, so it keeps what was derived, not the texts:
// questions about a whole package (does any file alias this scope?) ask every file of it again and again.
import { posix } from 'node:path';
import { languageOf } from '../core/languages';
import { factsUnder, type ProjectService, type WorkspaceIndex } from '../core/services';
import { packageEntries, workspacePackages } from './workspace-packages';

/** Bundles and generated files this size are not helpers anyone calls by hand (the analysis skips them too). */
export const MAX_INDEXED_BYTES = 512 * 1024;
/** Files with something derived kept; entries hold no text where the project versions files. */
const MAX_ENTRIES = 25_000;

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
  /** The project's version of the file, or its text where the project has no `version`. */
  version: string;
  byKey: WeakMap<object, { value: unknown }>;
}

/** Folders never listed as workspace sources: dependencies, build output, caches, virtual environments. */
const NOT_SOURCES = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'vendor', 'third_party', '__pycache__', 'venv', 'site-packages']);
const MAX_FILES = 20_000;
/** How long a listing of the workspace is reused (the editor asks on every slow-tier run); a scan's snapshot keeps one. */
const FILES_TTL_MS = 2000;

export class ProjectIndex implements WorkspaceIndex {
  private readonly memo = new Map<string, Entry>();
  private packages: { manifest: string | undefined; map: ReturnType<typeof workspacePackages> } | undefined;
  private listing: { at: number; files: string[] } | undefined;
  /** Per listing (a new one when it is walked again), per key, per folder: `folderFacts`' answers. */
  private readonly folders = new WeakMap<readonly string[], WeakMap<object, Map<string, unknown>>>();

  constructor(
    private readonly project: ProjectService,
    private readonly options: { filesTtlMs?: number } = {},
  ) {}

  resolve(fromPath: string, specifier: string, language: 'js' | 'python'): string | undefined {
    const candidates = language === 'js' ? jsCandidates(fromPath, specifier) : pyCandidates(fromPath, specifier);
    const found = candidates.find((c) => c !== fromPath && this.isFile(c));
    if (found || language !== 'js' || /^[./]/.test(specifier)) return found;
    return packageEntries(this.workspacePackages(), specifier).find((c) => c !== fromPath && this.isFile(c));
  }

  /** Whether the project reads `relPath` as a file, asked by a stat where it can be. */
  private isFile(relPath: string): boolean {
    return (this.project.version ? this.project.version(relPath) : this.project.readFile(relPath)) !== undefined;
  }

  /** The monorepo's packages, read again when the root manifest changes. */
  private workspacePackages(): ReturnType<typeof workspacePackages> {
    const manifest = this.project.readFile('package.json');
    if (!this.packages || this.packages.manifest !== manifest) this.packages = { manifest, map: manifest === undefined && !this.project.exists('pnpm-workspace.yaml') ? new Map() : workspacePackages(this.project) };
    return this.packages.map;
  }

  files(): readonly string[] {
    const now = performance.now();
    if (this.listing && now - this.listing.at < (this.options.filesTtlMs ?? FILES_TTL_MS)) return this.listing.files;
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of this.project.list(dir) ?? []) {
        if (files.length >= MAX_FILES) return;
        const rel = dir ? `${dir}/${name}` : name;
        const lang = languageOf(name);
        if (lang === 'python' || lang?.startsWith('javascript') || lang?.startsWith('typescript')) files.push(rel);
        else if (!lang && !name.startsWith('.') && !NOT_SOURCES.has(name) && this.project.list(rel) !== undefined) walk(rel);
      }
    };
    walk('');
    this.listing = { at: now, files };
    return files;
  }

  folderFacts<T, R>(dir: string, key: object, accept: RegExp, derive: (text: string, path: string) => T, combine: (facts: ReadonlyArray<readonly [string, T]>) => R): R {
    const files = this.files();
    let byKey = this.folders.get(files);
    if (!byKey) this.folders.set(files, (byKey = new WeakMap()));
    let byDir = byKey.get(key);
    if (!byDir) byKey.set(key, (byDir = new Map()));
    if (byDir.has(dir)) return byDir.get(dir) as R;
    const out = combine(factsUnder(files, dir, accept, (f) => this.derived(f, key, derive)));
    byDir.set(dir, out);
    return out;
  }

  derived<T>(relPath: string, key: object, derive: (text: string, path: string) => T): T | undefined {
    const entry = this.entry(relPath);
    if (!entry) return undefined;
    let hit = entry.byKey.get(key);
    if (!hit) {
      let value: T | undefined;
      const text = this.text(relPath, entry);
      try {
        value = text === undefined ? undefined : derive(text, relPath);
      } catch {
        value = undefined;
      }
      hit = { value };
      entry.byKey.set(key, hit);
    }
    return hit.value as T | undefined;
  }

  async derivedAsync<T>(relPath: string, key: object, derive: (text: string, path: string) => Promise<{ value: T | undefined } | undefined>): Promise<T | undefined> {
    const entry = this.entry(relPath);
    if (!entry) return undefined;
    const hit = entry.byKey.get(key);
    if (hit) return hit.value as T | undefined;
    const text = this.text(relPath, entry);
    if (text === undefined) return undefined;
    let box: { value: T | undefined } | undefined;
    try {
      box = await derive(text, relPath);
    } catch {
      box = { value: undefined };
    }
    // Kept on the entry of the version it was derived from: a newer version starts a new entry.
    if (box) entry.byKey.set(key, box);
    return box?.value;
  }

  cached<T>(relPath: string, key: object): { value: T | undefined } | undefined {
    const entry = this.entry(relPath);
    return entry?.byKey.get(key) as { value: T | undefined } | undefined;
  }

  /** The entry's text: its version where that is the text, else read (undefined when it is no longer indexable). */
  private text(relPath: string, entry: Entry): string | undefined {
    if (!this.project.version) return entry.version;
    const text = this.project.readFile(relPath);
    return text !== undefined && text.length <= MAX_INDEXED_BYTES ? text : undefined;
  }

  /** The memo's entry for the file's current version (a new one when it changed), most recently used. */
  private entry(relPath: string): Entry | undefined {
    let version: string | undefined;
    if (this.project.version) {
      const v = this.project.version(relPath);
      if (v && v.size <= MAX_INDEXED_BYTES) version = v.key;
    } else {
      const text = this.project.readFile(relPath);
      if (text !== undefined && text.length <= MAX_INDEXED_BYTES) version = text;
    }
    if (version === undefined) return undefined;
    let entry = this.memo.get(relPath);
    // Least recently used first out: a hit moves to the end of the map's order.
    this.memo.delete(relPath);
    if (!entry || entry.version !== version) entry = { version, byKey: new WeakMap() };
    this.memo.set(relPath, entry);
    if (this.memo.size > MAX_ENTRIES) this.memo.delete(this.memo.keys().next().value!);
    return entry;
  }
}
