// ProjectService over the file system, confined to one workspace root: small reads only, cached by
// modification time so the slow tier can ask for the same manifests on every keystroke. The text cache
// is bounded (least recently used out): what is derived from other files is memoised by `version`, a
// stat, so a scan of a monorepo does not keep every text it ever read.
import { readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ProjectService } from '../core/services';
import { readTextSafe } from '../io/safe-read';

/** Manifests, lock-free metadata and tsconfig files are small; anything larger is not read. */
const MAX_BYTES = 2_000_000;
const MAX_ENTRIES = 5_000;
/** Characters of file text kept in memory: the manifests and configs every file asks about, not the workspace. */
const CACHE_CHARS = 8_000_000;
const CACHE_FILES = 20_000;

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
  /** Characters of text the read cache keeps (least recently used out); 8 million unless told. */
  cacheChars?: number;
}

type Stat = { mtimeMs: number; size: number; isDir: boolean } | undefined;

export class FsProject implements ProjectService {
  private readonly files = new Map<string, Cached<string | undefined>>();
  private cachedChars = 0;
  private readonly dirs = new Map<string, Cached<string[] | undefined>>();
  private readonly stats = new Map<string, { at: number; stat: Stat }>();
  private readonly resolved = new Map<string, string | undefined>();

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
      // Most recently used last: a hit moves to the end of the map's order.
      this.files.delete(p);
      this.files.set(p, hit);
      return hit.value;
    }
    // The stat above is only a cache key: the read checks the open handle (a FIFO or device reads as absent).
    const read = readTextSafe(p, MAX_BYTES);
    const value = read.ok ? read.text : undefined;
    this.remember(p, { mtimeMs: st.mtimeMs, value });
    return value;
  }

  version(relPath: string): { key: string; size: number } | undefined {
    const p = this.abs(relPath);
    if (!p) return undefined;
    const open = this.options.overlay?.(p);
    if (open !== undefined) return { key: open, size: open.length };
    const st = this.mtime(p);
    if (!st || st.isDir || st.size > MAX_BYTES) return undefined;
    // A file read before and found unreadable (a FIFO, a device) is absent, as readFile says.
    const hit = this.files.get(p);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.value === undefined) return undefined;
    return { key: `\0${st.mtimeMs}:${st.size}`, size: st.size };
  }

  private remember(p: string, entry: Cached<string | undefined>): void {
    const old = this.files.get(p);
    if (old) {
      this.cachedChars -= old.value?.length ?? 0;
      this.files.delete(p);
    }
    this.files.set(p, entry);
    this.cachedChars += entry.value?.length ?? 0;
    for (const [k, v] of this.files) {
      if ((this.cachedChars <= (this.options.cacheChars ?? CACHE_CHARS) && this.files.size <= CACHE_FILES) || k === p) break;
      this.files.delete(k);
      this.cachedChars -= v.value?.length ?? 0;
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

