// A git repository read from its object store with isomorphic-git: no git process, so no hooks,
// config, filters or aliases of the workspace run. Loose and packed objects, packed refs, linked
// worktrees (git-fs.ts). Resolves revisions the way `git rev-parse` does for the forms a baseline
// uses (HEAD, branches, remote branches, tags, full and short ids, `~n` / `^n`), and the merge-base
// with a branch; reads a file at a commit; lists what changed between a commit and the working tree.
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import git from 'isomorphic-git';
import { readFileSafe, readTextSafe } from '../io/safe-read';
import { MAX_OBJECT_BYTES, readOnlyGitFs } from './git-fs';
import { ObjectStore } from './objects';

export type VcsErrorKind = 'not-a-repository' | 'unknown-revision' | 'unreadable';

/** What the CLI turns into exit 2 with this message. */
export class VcsError extends Error {
  constructor(readonly kind: VcsErrorKind, message: string) {
    super(message);
  }
}

export interface Revision {
  /** The commit the baseline is. */
  oid: string;
  /** As given: `HEAD`, `main`, `v1.2`, `1a2b3c4`. */
  rev: string;
  /** For messages: `HEAD`, `main (merge-base 1a2b3c4)`, `v1.2`. */
  label: string;
}

export type ChangeStatus = 'added' | 'modified' | 'deleted';

export interface FileChange {
  /** Repository-relative, forward slashes. */
  path: string;
  status: ChangeStatus;
}

/** git's object id of a blob with these bytes (`git hash-object`). */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Working files above this are not hashed (reported as changed). */
const MAX_WORKING_BYTES = 64 * 1024 * 1024;
const TREES_KEPT = 4;

/** The folder holding `.git` (a folder, or a file naming the git folder) at or above `start`. */
function findRepository(start: string): { workdir: string; gitdir: string; commondir: string } | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const dotgit = join(dir, '.git');
    let st;
    try {
      st = lstatSync(dotgit);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) return { workdir: dir, gitdir: dotgit, commondir: commonDir(dotgit) };
    if (st?.isFile()) {
      // A linked worktree or a submodule: `gitdir: <path>`, relative to the folder holding `.git`.
      const read = readTextSafe(dotgit, 64 * 1024);
      const m = read.ok ? /^gitdir:\s*(.+?)\s*$/m.exec(read.text) : null;
      if (m) {
        const gitdir = resolve(dir, m[1]);
        return { workdir: dir, gitdir, commondir: commonDir(gitdir) };
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function commonDir(gitdir: string): string {
  const read = readTextSafe(join(gitdir, 'commondir'), 64 * 1024);
  return read.ok && read.text.trim() ? resolve(gitdir, read.text.trim()) : gitdir;
}

export class Repository {
  private readonly fs: ReturnType<typeof readOnlyGitFs>;
  /** isomorphic-git's cache: pack indexes and packs stay loaded between calls. */
  private readonly cache = {};
  private readonly trees = new Map<string, Promise<Map<string, string>>>();
  private readonly objects: ObjectStore;

  private constructor(
    /** The working tree's root (absolute). */
    readonly workdir: string,
    readonly gitdir: string,
    commondir: string,
  ) {
    this.fs = readOnlyGitFs(gitdir, commondir);
    this.objects = new ObjectStore(join(commondir, 'objects'), MAX_OBJECT_BYTES);
  }

  /** An object from the store (fast path), or from isomorphic-git when the store has not got it. */
  private async object(oid: string, type: 'blob' | 'tree'): Promise<Buffer> {
    const o = this.objects.read(oid);
    if (o) {
      if (o.type !== type) throw new Error(`${oid} is a ${o.type}, not a ${type}`);
      return o.data;
    }
    if (type === 'blob') return Buffer.from((await git.readBlob({ ...this.args, oid })).blob);
    return Buffer.from((await git.readObject({ ...this.args, oid, format: 'content' })).object as Uint8Array);
  }

  /** The repository holding `start` (a folder or file inside its working tree). */
  static open(start: string): Repository {
    const found = findRepository(start);
    if (!found) throw new VcsError('not-a-repository', `not a git repository (or any of the parent folders): ${start}`);
    return new Repository(found.workdir, found.gitdir, found.commondir);
  }

  private get args() {
    return { fs: this.fs, dir: this.workdir, gitdir: this.gitdir, cache: this.cache };
  }

  /** The commit `rev` names; a branch names its merge-base with HEAD (what a pull request changes). */
  async resolve(rev: string): Promise<Revision> {
    // Ref names cannot hold `~` or `^`: what follows the first of them is the ancestry suffix.
    const m = /^([^~^]*)(.*)$/s.exec(rev.trim())!;
    const base = m[1] === '@' || m[1] === '' ? 'HEAD' : m[1];
    const unknown = (why = '') => new VcsError('unknown-revision', `unknown revision ${rev}${why}`);
    if (!/^[\w./@{}+-]+$/.test(base) || base.includes('..') || !/^(?:[~^]\d*)*$/.test(m[2])) throw unknown();
    let oid: string | undefined;
    let branch = false;
    if (base === 'HEAD') {
      oid = await git.resolveRef({ ...this.args, ref: 'HEAD' }).catch(() => undefined);
      if (!oid) throw unknown(' (the repository has no commits yet)');
    } else {
      const full = await git.expandRef({ ...this.args, ref: base }).catch(() => undefined);
      if (full) {
        oid = await git.resolveRef({ ...this.args, ref: full }).catch(() => undefined);
        branch = full.startsWith('refs/heads/') || full.startsWith('refs/remotes/');
      } else if (/^[0-9a-f]{4,40}$/i.test(base)) {
        oid = await git.expandOid({ ...this.args, oid: base.toLowerCase() }).catch((e: Error) => {
          if (/ambiguous/i.test(e.message) || e.name === 'AmbiguousError') throw unknown(' (the short id is ambiguous)');
          return undefined;
        });
      }
    }
    if (!oid) throw unknown();
    oid = await this.peel(oid).catch(() => undefined);
    if (!oid) throw unknown(' (it does not name a commit)');
    for (const step of m[2].match(/[~^]\d*/g) ?? []) {
      const n = step.length > 1 ? Number(step.slice(1)) : 1;
      for (let i = 0; i < (step[0] === '~' ? n : 1); i++) {
        const { commit } = await git.readCommit({ ...this.args, oid });
        const parent = commit.parent[step[0] === '^' ? n - 1 : 0];
        if (!parent) throw unknown(' (no such ancestor)');
        oid = parent;
      }
    }
    if (branch && m[2] === '') {
      const head = await git.resolveRef({ ...this.args, ref: 'HEAD' }).catch(() => undefined);
      const bases = head ? await git.findMergeBase({ ...this.args, oids: [head, oid] }).catch(() => []) : [];
      if (bases[0] && bases[0] !== oid) return { oid: bases[0], rev, label: `${rev} (merge-base ${String(bases[0]).slice(0, 7)})` };
    }
    return { oid, rev, label: rev };
  }

  /** An annotated tag's commit; a commit as it is. */
  private async peel(oid: string): Promise<string> {
    for (let i = 0; i < 8; i++) {
      const o = await git.readObject({ ...this.args, oid, format: 'parsed' });
      if (o.type === 'commit') return oid;
      if (o.type !== 'tag') throw new Error(`${oid} is a ${o.type}`);
      oid = (o.object as { object: string }).object;
    }
    throw new Error('tag chain too long');
  }

  /** Every file of a commit: repository-relative path → blob id (symbolic links and submodules left out). */
  tree(commit: string): Promise<Map<string, string>> {
    let hit = this.trees.get(commit);
    if (!hit) {
      hit = this.readTreeFiles(commit);
      hit.catch(() => this.trees.delete(commit));
      this.trees.set(commit, hit);
      if (this.trees.size > TREES_KEPT) this.trees.delete(this.trees.keys().next().value!);
    }
    return hit;
  }

  private async readTreeFiles(commit: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const { commit: c } = await git.readCommit({ ...this.args, oid: commit });
    let trees = 0;
    const visit = async (oid: string, prefix: string): Promise<void> => {
      // Object reads are synchronous: let the event loop in now and then (the server shares its thread).
      if (++trees % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
      const data = await this.object(oid, 'tree');
      // Entries: "<mode> <name>\0" and 20 bytes of id; folders are mode 40000, links 120000, submodules 160000.
      for (let i = 0; i < data.length; ) {
        const space = data.indexOf(0x20, i);
        const nul = data.indexOf(0, space);
        if (space < 0 || nul < 0 || nul + 21 > data.length) throw new Error(`malformed git tree ${oid}`);
        const mode = data.toString('latin1', i, space);
        const path = prefix + data.toString('utf8', space + 1, nul);
        const id = data.toString('hex', nul + 1, nul + 21);
        i = nul + 21;
        if (mode === '40000') await visit(id, path + '/');
        else if (mode !== '120000' && mode !== '160000') out.set(path, id);
      }
    };
    await visit(c.tree, '');
    return out;
  }

  /** The bytes of a blob. */
  async blob(oid: string): Promise<Uint8Array> {
    return this.object(oid, 'blob');
  }

  /** A file's blob id and text at a commit, or null when the commit has no such file. */
  async fileAt(commit: string, path: string): Promise<{ oid: string; text: string } | null> {
    const oid = (await this.tree(commit)).get(path);
    if (!oid) return null;
    return { oid, text: Buffer.from(await this.blob(oid)).toString('utf8') };
  }

  /** The index (staging area): path → blob id of stage 0. */
  async index(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    await git.walk({
      ...this.args,
      trees: [git.STAGE()],
      map: async (path, [entry]) => {
        if (entry && path !== '.' && (await entry.type()) === 'blob') out.set(path, (await entry.oid()) as string);
        return true;
      },
    }).catch(() => undefined);
    return out;
  }

  /**
   * Files that differ between `commit` and the working tree: committed since, staged, or changed in the
   * working tree (by content: git's blob id of the working file). `extra` names working files the
   * caller walked (repository-relative), so new untracked files count as added.
   */
  async changes(commit: string, extra: Iterable<string> = []): Promise<FileChange[]> {
    const [tree, index] = await Promise.all([this.tree(commit), this.index()]);
    const paths = new Set([...tree.keys(), ...index.keys(), ...extra]);
    const out: FileChange[] = [];
    for (const path of [...paths].sort()) {
      const base = tree.get(path);
      const working = this.workingIds(path);
      const staged = index.get(path);
      if (!working && staged === undefined) {
        if (base) out.push({ path, status: 'deleted' });
        continue;
      }
      const differs = !working || !working.includes(base!) || (staged !== undefined && staged !== base);
      if (differs) out.push({ path, status: base ? (working ? 'modified' : 'deleted') : 'added' });
    }
    return out;
  }

  /**
   * git's blob ids a working file may stand for: its bytes, and with CRLF line ends also its bytes with
   * LF (what `core.autocrlf` checks in; Vouch runs no filters, so it accepts either). Undefined when
   * the file is missing, special or too large.
   */
  workingIds(path: string): string[] | undefined {
    const read = readFileSafe(join(this.workdir, path), MAX_WORKING_BYTES);
    if (!read.ok) return read.kind === 'too-large' ? [] : undefined;
    const ids = [blobId(read.bytes)];
    if (read.bytes.includes('\r\n')) ids.push(blobId(Buffer.from(read.bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1')));
    return ids;
  }
}
