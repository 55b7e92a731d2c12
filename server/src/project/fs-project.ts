// ProjectService over the file system, confined to one workspace root: small reads only, cached by
// modification time so the slow tier can ask for the same manifests on every keystroke.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ProjectService } from '../core/services';

/** Manifests, lock-free metadata and tsconfig files are small; anything larger is not read. */
const MAX_BYTES = 2_000_000;
const MAX_ENTRIES = 5_000;

interface Cached<T> {
  mtimeMs: number;
  value: T;
}

export interface FsProjectOptions {
  /** Text of files open in the editor (absolute path → text); wins over the disk. */
  overlay?: (absPath: string) => string | undefined;
}

export class FsProject implements ProjectService {
  private readonly files = new Map<string, Cached<string | undefined>>();
  private readonly dirs = new Map<string, Cached<string[] | undefined>>();

  constructor(
    readonly root: string,
    private readonly options: FsProjectOptions = {},
  ) {}

  /** Absolute path for a workspace-relative one, or undefined when it would leave the root. */
  private abs(relPath: string): string | undefined {
    if (!isAbsolute(this.root) || isAbsolute(relPath) || relPath.includes('\0')) return undefined;
    const p = resolve(this.root, relPath);
    const rel = relative(this.root, p);
    return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel)) ? p : undefined;
  }

  private mtime(p: string): { mtimeMs: number; size: number; isDir: boolean } | undefined {
    try {
      const st = statSync(p);
      return { mtimeMs: st.mtimeMs, size: st.size, isDir: st.isDirectory() };
    } catch {
      return undefined;
    }
  }

  readFile(relPath: string): string | undefined {
    const p = this.abs(relPath);
    if (!p) return undefined;
    const open = this.options.overlay?.(p);
    if (open !== undefined) return open;
    const st = this.mtime(p);
    if (!st || st.isDir || st.size > MAX_BYTES) return undefined;
    const hit = this.files.get(p);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit.value;
    let value: string | undefined;
    try {
      value = readFileSync(p, 'utf8');
    } catch {
      value = undefined;
    }
    this.files.set(p, { mtimeMs: st.mtimeMs, value });
    return value;
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

