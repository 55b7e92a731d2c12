// What imports and exports need from a git repository, read from its object store with isomorphic-git:
// never by running git (the repository is untrusted, and its config could name programs to run). The
// one write, `addNote`, serves only `vouch provenance export --to git-notes`, the explicit command.
import * as fs from 'node:fs';
import git from 'isomorphic-git';

/** A note bigger than this is not an authorship log. */
export const MAX_NOTE_BYTES = 16_000_000;
/** A file at a revision bigger than this is not read (the scan's own limit for working-tree files). */
export const MAX_FILE_BYTES = 16_000_000;
/** Commits walked for `--since` (each side). */
export const MAX_COMMITS = 1000;

export class GitStoreError extends Error {}

const OID = /^[0-9a-f]{40}$/;

/** `ai` → `refs/notes/ai`; undefined for anything that is not a plain notes ref name. */
export function notesRef(ref: string): string | undefined {
  const full = ref.startsWith('refs/') ? ref : `refs/notes/${ref}`;
  if (!/^refs\/notes\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/.test(full) || /(?:^|\/)\.|\.\.|\.lock(?:\/|$)/.test(full)) return undefined;
  return full;
}

export class GitStore {
  private readonly cache = {};

  private constructor(readonly dir: string) {}

  /** The repository holding `path`, or undefined when it is not inside one. */
  static async open(path: string): Promise<GitStore | undefined> {
    try {
      return new GitStore(await git.findRoot({ fs, filepath: path }));
    } catch {
      return undefined;
    }
  }

  /** A commit id for a ref name (`HEAD`, `main`, `refs/…`) or a full or abbreviated commit id. */
  async resolve(rev: string): Promise<string> {
    try {
      const oid = await git.resolveRef({ fs, dir: this.dir, ref: rev });
      return await this.peelToCommit(oid);
    } catch {
      if (/^[0-9a-f]{4,40}$/i.test(rev)) {
        try {
          return await this.peelToCommit(await git.expandOid({ fs, dir: this.dir, oid: rev.toLowerCase(), cache: this.cache }));
        } catch {
          // fall through to the message below
        }
      }
      throw new GitStoreError(`${rev} names no commit in ${this.dir} (give a branch, a tag, HEAD or a commit id)`);
    }
  }

  private async peelToCommit(oid: string): Promise<string> {
    const { oid: commit } = await git.readCommit({ fs, dir: this.dir, oid, cache: this.cache });
    return commit;
  }

  /** `tip` and its ancestors that `since` does not reach, newest first (at most MAX_COMMITS). */
  async commitsSince(tip: string, since?: string): Promise<string[]> {
    if (!since) return [tip];
    const walk = async (ref: string) => (await git.log({ fs, dir: this.dir, ref, depth: MAX_COMMITS, cache: this.cache })).map((c) => c.oid);
    const old = new Set(await walk(since));
    return (await walk(tip)).filter((oid) => !old.has(oid));
  }

  /** The commit's committer time, ISO. */
  async commitTime(oid: string): Promise<string> {
    const { commit } = await git.readCommit({ fs, dir: this.dir, oid, cache: this.cache });
    return new Date(commit.committer.timestamp * 1000).toISOString();
  }

  /** The text of the note on `oid` under `ref`, undefined when there is none. Fan-out trees (`ab/cdef…`) included. */
  async note(ref: string, oid: string): Promise<string | undefined> {
    let notes: string;
    try {
      notes = await git.resolveRef({ fs, dir: this.dir, ref });
    } catch {
      return undefined;
    }
    const { commit } = await git.readCommit({ fs, dir: this.dir, oid: notes, cache: this.cache });
    let tree = commit.tree;
    let rest = oid;
    // git notes fans out by two hex digits a level once a notes tree grows large.
    for (let depth = 0; depth < 20 && rest; depth++) {
      const { tree: entries } = await git.readTree({ fs, dir: this.dir, oid: tree, cache: this.cache });
      const blob = entries.find((e) => e.type === 'blob' && e.path === rest);
      if (blob) {
        const { blob: bytes } = await git.readBlob({ fs, dir: this.dir, oid: blob.oid, cache: this.cache });
        if (bytes.length > MAX_NOTE_BYTES) throw new GitStoreError(`the note on ${oid.slice(0, 12)} is ${(bytes.length / 1e6).toFixed(1)} MB, above the ${MAX_NOTE_BYTES / 1e6} MB limit`);
        return decode(bytes);
      }
      const sub = entries.find((e) => e.type === 'tree' && /^[0-9a-f]{2}$/.test(e.path) && rest.startsWith(e.path));
      if (!sub) return undefined;
      tree = sub.oid;
      rest = rest.slice(2);
    }
    return undefined;
  }

  /** A repository-relative file's text in a commit, undefined when the commit has no such file. */
  async fileAt(oid: string, path: string): Promise<string | undefined> {
    if (!OID.test(oid)) return undefined;
    try {
      const { blob } = await git.readBlob({ fs, dir: this.dir, oid, filepath: path, cache: this.cache });
      return blob.length > MAX_FILE_BYTES ? undefined : decode(blob);
    } catch {
      return undefined;
    }
  }

  /**
   * Attaches `text` as the note on `oid` under `ref` (replacing one there), as a new commit on the
   * notes ref: objects and the ref are written by isomorphic-git; no hook, filter or program runs.
   * Author: the repository's `user.name` / `user.email` as parsed from its config, else "vouch".
   */
  async addNote(ref: string, oid: string, text: string): Promise<string> {
    const config = async (path: string) => {
      const v = await git.getConfig({ fs, dir: this.dir, path }).catch(() => undefined);
      return typeof v === 'string' && v ? v : undefined;
    };
    const author = { name: (await config('user.name')) ?? 'vouch', email: (await config('user.email')) ?? '' };
    return git.addNote({ fs, dir: this.dir, ref, oid, note: text, force: true, author, committer: author, cache: this.cache });
  }

  /** HEAD's commit id, undefined in a repository without commits. */
  async head(): Promise<string | undefined> {
    try {
      return await this.resolve('HEAD');
    } catch {
      return undefined;
    }
  }
}

/** As workspace files are read (io/safe-read.ts): UTF-8 with replacement characters, BOM dropped. */
function decode(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
