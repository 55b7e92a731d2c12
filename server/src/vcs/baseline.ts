// The baseline service over git (core/services.ts BaselineService): a workspace folder's files at
// one revision, read from the object store (repository.ts). The editor follows HEAD (re-resolved
// when read, at most once a second); the CLI fixes the revision it was given. What is derived from a
// baseline file (its public surface) is memoised per blob id, so an edit recomputes only its file.
import { isAbsolute, join, relative, sep } from 'node:path';
import type { BaselineFile, BaselineService } from '../core/services';
import { decodeText } from '../core/text';
import { Repository, VcsError, type Revision } from './repository';

const DERIVED_KEPT = 4096;
/** How long the editor trusts a resolved HEAD before reading the ref again (a commit moves it). */
const HEAD_TTL_MS = 1000;

export class GitBaseline implements BaselineService {
  private revision: { at: number; value: Promise<Revision | undefined> } | undefined;
  private readonly memo = new Map<string, WeakMap<object, { value: unknown }>>();

  private constructor(
    readonly repository: Repository,
    /** The workspace folder (absolute) whose relative paths `read` takes. */
    readonly root: string,
    readonly rev: string,
    fixed?: Revision,
  ) {
    if (fixed) this.revision = { at: Infinity, value: Promise.resolve(fixed) };
  }

  /** A fixed baseline (the CLI): throws VcsError when there is no repository or `rev` is unknown. */
  static async open(root: string, rev: string): Promise<GitBaseline> {
    const repository = Repository.open(root);
    return new GitBaseline(repository, root, rev, await repository.resolve(rev));
  }

  /** A baseline that follows `rev` (the editor's HEAD), or undefined outside a repository. */
  static follow(root: string, rev = 'HEAD'): GitBaseline | undefined {
    try {
      return new GitBaseline(Repository.open(root), root, rev);
    } catch (e) {
      if (e instanceof VcsError) return undefined;
      throw e;
    }
  }

  /** Whether `rev` is read again as it moves (the editor's HEAD), rather than fixed when opened. */
  get follows(): boolean {
    return this.revision?.at !== Infinity;
  }

  /** The revision now (undefined when it cannot be resolved: no commits yet, a broken ref). */
  resolved(): Promise<Revision | undefined> {
    const now = performance.now();
    if (!this.revision || now - this.revision.at > HEAD_TTL_MS) {
      this.revision = { at: now, value: this.repository.resolve(this.rev).catch(() => undefined) };
    }
    return this.revision.value;
  }

  async identity(): Promise<string | undefined> {
    return (await this.resolved())?.oid;
  }

  /** Repository-relative path of a workspace-relative one, or undefined outside the working tree. */
  repoPath(relPath: string): string | undefined {
    const rel = relative(this.repository.workdir, join(this.root, relPath));
    if (!rel || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return undefined;
    return rel.split(sep).join('/');
  }

  /** Workspace-relative path of a repository-relative one, or undefined outside the workspace folder. */
  workspacePath(repoPath: string): string | undefined {
    const rel = relative(this.root, join(this.repository.workdir, repoPath));
    if (!rel || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return undefined;
    return rel.split(sep).join('/');
  }

  async read(relPath: string): Promise<BaselineFile | null | undefined> {
    const revision = await this.resolved();
    const path = this.repoPath(relPath);
    if (!revision || !path) return undefined;
    let oid: string | undefined;
    try {
      oid = (await this.repository.tree(revision.oid)).get(path);
      if (!oid) return null;
      const decoded = decodeText(await this.repository.blob(oid));
      return 'skip' in decoded ? undefined : { oid, text: decoded.text, label: revision.label };
    } catch {
      return undefined;
    }
  }

  derived<T>(file: BaselineFile, key: object, derive: (text: string) => T): T {
    let byKey = this.memo.get(file.oid);
    this.memo.delete(file.oid);
    byKey ??= new WeakMap();
    this.memo.set(file.oid, byKey);
    if (this.memo.size > DERIVED_KEPT) this.memo.delete(this.memo.keys().next().value!);
    let hit = byKey.get(key);
    if (!hit) {
      hit = { value: derive(file.text) };
      byKey.set(key, hit);
    }
    return hit.value as T;
  }
}
