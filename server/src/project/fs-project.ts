// ProjectService over the file system, confined to one workspace root: small reads only, cached by
// modification time so the slow tier can ask for the same manifests on every keystroke.
import { readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ProjectService } from '../core/services';
import { readTextSafe } from '../io/safe-read';

/** Manifests, lock-free metadata and tsconfig files are small; anything larger is not read. */
const MAX_BYTES = 2_000_000;
const MAX_ENTRIES = 5_000;
/**
 * Characters of file text kept (least recently read go first). Import resolution and the workspace index
 * read every file some other file imports: kept without a bound, a monorepo's sources all stayed in memory
 * for the whole scan (688 MB peak on 23k files against 257 MB on one package of them).
 */
export const TEXT_CACHE_CHARS = 8_000_000;
/** Files read and folders listed that are kept, at most, each (a scan asks for each a few times; the editor again on every slow-tier run). */
const MAX_KEPT = 20_000;

interface Cached<T> {
  mtimeMs: number;
  value: T;
}

export interface FsProjectOptions {
  /** Text of files open in the editor (absolute path → text); wins over the disk. */
  overlay?: (absPath: string) => string | undefined;
  /**
   * How long a stat result is trusted, in ms. Import resolution asks about the same manifests and
   * folders for every file, so re-statting each time dominated scans; the editor keeps it short.
   */
  statTtlMs?: number;
  /** Characters of file text kept at most (TEXT_CACHE_CHARS). */
  textCacheChars?: number;
}

type Stat = { mtimeMs: number; size: number; isDir: boolean } | undefined;

export class FsProject implements ProjectService {
  private readonly files = new Map<string, Cached<string | undefined>>();
  private readonly dirs = new Map<string, Cached<string[] | undefined>>();
  private readonly stats = new Map<string, { at: number; stat: Stat }>();
  private readonly resolved = new Map<string, string | undefined>();
  private textChars = 0;

  readonly rootName: string;

  constructor(
    readonly root: string,
    private readonly options: FsProjectOptions = {},
  ) {
    this.rootName = basename(root);
  }

  /** Absolute path for a workspace-relative one, or undefined when it would leave the root. */
  private abs(relPath: string): string | undefined {
    if (this.resolved.has(relPath)) return this.resolved.get(relPath);
    let out: string | undefined;
    if (isAbsolute(this.root) && !isAbsolute(relPath) && !relPath.includes('\0')) {
      const p = resolve(this.root, relPath);
      const rel = relative(this.root, p);
      out = rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel)) ? p : undefined;
    }
    if (this.resolved.size > 50_000) this.resolved.clear();
    this.resolved.set(relPath, out);
    return out;
  }

  private mtime(p: string): Stat {
    const now = performance.now();
    const hit = this.stats.get(p);
    if (hit && now - hit.at < (this.options.statTtlMs ?? 2000)) return hit.stat;
    let stat: Stat;
    try {
      // A missing file answers undefined rather than throwing: import resolution asks for many.
      const st = statSync(p, { throwIfNoEntry: false });
      stat = st && { mtimeMs: st.mtimeMs, size: st.size, isDir: st.isDirectory() };
    } catch {
      stat = undefined;
    }
    if (this.stats.size > 50_000) this.stats.clear();
    this.stats.set(p, { at: now, stat });
    return stat;
  }

  readFile(relPath: string): string | undefined {
    const p = this.abs(relPath);
    if (!p) return undefined;
    const open = this.options.overlay?.(p);
    if (open !== undefined) return open;
    const st = this.mtime(p);
    if (!st || st.isDir || st.size > MAX_BYTES) return undefined;
    const hit = this.files.get(p);
    if (hit && hit.mtimeMs === st.mtimeMs) {
      // Most recently read last: the first in the map are the first to go.
      this.files.delete(p);
      this.files.set(p, hit);
      return hit.value;
    }
    // The stat above is only a cache key: the read checks the open handle (a FIFO or device reads as absent).
    const read = readTextSafe(p, MAX_BYTES);
    const value = read.ok ? read.text : undefined;
    this.keep(p, { mtimeMs: st.mtimeMs, value });
    return value;
  }

  /** Characters of file text the cache holds now. */
  get cachedTextChars(): number {
    return this.textChars;
  }

  private keep(p: string, entry: Cached<string | undefined>): void {
    const old = this.files.get(p);
    if (old) {
      this.files.delete(p);
      this.textChars -= old.value?.length ?? 0;
    }
    this.files.set(p, entry);
    this.textChars += entry.value?.length ?? 0;
    const limit = this.options.textCacheChars ?? TEXT_CACHE_CHARS;
    for (const [q, e] of this.files) {
      if (this.textChars <= limit && this.files.size <= MAX_KEPT) break;
      this.files.delete(q);
      this.textChars -= e.value?.length ?? 0;
    }
  }

  exists(relPath: string): boolean {
    const p = this.abs(relPath);
    return !!p && (this.options.overlay?.(p) !== undefined || !!this.mtime(p));
  }

  list(relDir: string): string[] | undefined {
    const p = this.abs(relDir);
    const st = p && this.mtime(p);
    if (!p || !st || !st.isDir) return undefined;
    const hit = this.dirs.get(p);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit.value;
    let value: string[] | undefined;
    try {
      value = readdirSync(p).slice(0, MAX_ENTRIES);
    } catch {
      value = undefined;
    }
    if (this.dirs.size >= MAX_KEPT) this.dirs.clear();
    this.dirs.set(p, { mtimeMs: st.mtimeMs, value });
    return value;
  }
}

/** One FsProject per workspace root, created on first use. */
export function projectsByRoot(options: FsProjectOptions = {}): (root: string) => ProjectService {
  const byRoot = new Map<string, FsProject>();
  return (root) => {
    let p = byRoot.get(root);
    if (!p) byRoot.set(root, (p = new FsProject(root, options)));
    return p;
  };
}

