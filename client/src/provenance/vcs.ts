// Was a file just rewritten by version control? A checkout, pull, merge, reset, rebase or stash
// rewrites working files the same way an agent does; git's own state tells them apart. Read-only
// and execute-nothing (safe in untrusted workspaces): the reflog of HEAD (`logs/HEAD`, whose lines
// carry the time and the operation) and the stash ref. No 'vscode' import: unit-tested on real
// temporary repositories.
//
// Rules: an operation counts when git recorded it within `WINDOW_MS` before the file change was
// seen, or up to when the check runs (git moves HEAD after writing the files). `commit`, `commit
// (amend)` and similar entries do not count: they record files, they do not write them. The stash ref
// counts when its content changed since the last look (pop deletes the ref and its log), and for
// every file change seen within the window of the one that noticed it (a pop writes several files).
import { closeSync, fstatSync, openSync, readSync, statSync, constants, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readTextSafe } from '../../../server/src/io/safe-read';

/** A version-control operation this long before the change was seen still explains it. */
export const WINDOW_MS = 5_000;
/** Only the tail of the reflog is read: the newest entries are at its end. */
const REFLOG_TAIL_BYTES = 8 * 1024;
/** Reflog messages of operations that rewrite working files. */
const REWRITES = /^(checkout|pull|merge|reset|rebase|cherry-pick|revert|am|switch|stash|clone|branch: Reset|restore)\b/i;

export interface ReflogEntry { at: number; message: string }

/** Parses reflog lines (`<old> <new> <name> <<email>> <unix seconds> <tz>\t<message>`), oldest first. */
export function parseReflog(text: string): ReflogEntry[] {
  const out: ReflogEntry[] = [];
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const m = /> (\d{9,11}) [+-]\d{4}$/.exec(line.slice(0, tab));
    if (m) out.push({ at: Number(m[1]) * 1000, message: line.slice(tab + 1) });
  }
  return out;
}

/** The operation in `entries` that explains a file change seen at `seenAt`, if any. */
export function rewritingOperation(entries: readonly ReflogEntry[], seenAt: number, now: number): string | undefined {
  // Reflog times have one-second resolution: widen by a second on both sides.
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.at < seenAt - WINDOW_MS - 1000) break;
    if (e.at <= now + 1000 && REWRITES.test(e.message)) return e.message.split(':')[0];
  }
  return undefined;
}

/**
 * The git directory of the repository holding `file`, searching up to `stopAt` (the workspace
 * folder). Follows a `.git` file (`gitdir: …`) of worktrees and submodules.
 */
export function findGitDir(file: string, stopAt: string): string | undefined {
  let dir = dirname(file);
  const top = resolve(stopAt);
  for (let depth = 0; depth < 64; depth++) {
    const dotGit = join(dir, '.git');
    const st = statOrUndefined(dotGit);
    if (st?.isDirectory()) return dotGit;
    if (st?.isFile()) {
      const read = readTextSafe(dotGit, 4096);
      const m = read.ok ? /^gitdir:\s*(.+?)\s*$/m.exec(read.text) : null;
      if (m) return isAbsolute(m[1]) ? m[1] : resolve(dir, m[1]);
      return undefined;
    }
    if (resolve(dir) === top) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** Remembers each repository's stash ref so that a pop (which deletes it) is seen as a change. */
export class VcsActivity {
  /** Per git directory: the stash ref's signature at the last look, and when a change of it explained a file change. */
  private readonly stash = new Map<string, { sig: string; changedAt?: number }>();

  /** Records the current state of a repository (call when a file of it is first seen). */
  watch(gitDir: string): void {
    if (!this.stash.has(gitDir)) this.stash.set(gitDir, { sig: stashState(gitDir).sig });
  }

  /**
   * A file was opened: records the state of the repository holding it (up to `stopAt`, the
   * workspace folder), once. A repository first looked at when its stash is popped has no state
   * before the pop to compare with, and the pop writes no reflog entry of HEAD.
   */
  watchFile(file: string, stopAt: string): string | undefined {
    const gitDir = findGitDir(file, stopAt);
    if (gitDir) this.watch(gitDir);
    return gitDir;
  }

  /**
   * The version-control operation that explains a change to a file of `gitDir` seen at `seenAt`,
   * or undefined (then it was written by something else).
   */
  explain(gitDir: string, seenAt: number, now = Date.now()): string | undefined {
    const before = this.stash.get(gitDir);
    const after = stashState(gitDir);
    // A changed stash explains the change when git wrote it just now, or removed it (a pop of the last entry).
    if (before !== undefined && before.sig !== after.sig && (after.mtime === undefined || after.mtime >= seenAt - WINDOW_MS - 1000)) {
      this.stash.set(gitDir, { sig: after.sig, changedAt: seenAt });
      return 'stash';
    }
    this.stash.set(gitDir, { sig: after.sig, changedAt: before?.changedAt });
    // The same stash operation wrote this file too (the first file seen took the change).
    if (before?.changedAt !== undefined && before.sig === after.sig && Math.abs(seenAt - before.changedAt) <= WINDOW_MS + 1000) return 'stash';
    const op = rewritingOperation(parseReflog(readTail(join(commonDir(gitDir), 'logs', 'HEAD'))), seenAt, now);
    if (op) return op;
    // A worktree keeps its own HEAD log.
    return commonDir(gitDir) === gitDir ? undefined : rewritingOperation(parseReflog(readTail(join(gitDir, 'logs', 'HEAD'))), seenAt, now);
  }
}

/** Worktrees share refs and the stash with the main repository (`commondir`). */
function commonDir(gitDir: string): string {
  const read = readTextSafe(join(gitDir, 'commondir'), 4096);
  return read.ok ? resolve(gitDir, read.text.trim()) : gitDir;
}

function stashState(gitDir: string): { sig: string; mtime?: number } {
  const dir = commonDir(gitDir);
  const ref = readTextSafe(join(dir, 'refs', 'stash'), 4096);
  const log = statOrUndefined(join(dir, 'logs', 'refs', 'stash'));
  return { sig: `${ref.ok ? ref.text.trim() : '-'} ${log ? `${log.size}:${log.mtimeMs}` : '-'}`, mtime: log?.mtimeMs };
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The last bytes of a regular file ('' when missing or special), from the first whole line. */
export function readTail(path: string, bytes = REFLOG_TAIL_BYTES): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile()) return '';
    const length = Math.min(bytes, st.size);
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, st.size - length);
    const text = buf.subarray(0, n).toString('utf8');
    return length < st.size ? text.slice(text.indexOf('\n') + 1) : text;
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
