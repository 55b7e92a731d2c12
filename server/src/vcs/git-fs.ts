// The file system isomorphic-git sees: read-only (every write is refused, so reading a baseline can
// never touch the repository, its index or its refs), bounded (reads go through safe-read with caps,
// loose objects are inflated once with a ceiling before isomorphic-git inflates them) and aware of
// linked worktrees, whose objects and refs live in the common git folder (`commondir`), which
// isomorphic-git does not follow.
import { promises as fsp } from 'node:fs';
import { join, sep } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { PromiseFsClient } from 'isomorphic-git';
import { readFileSafe } from '../io/safe-read';

/** A pack file is read whole by isomorphic-git; larger ones leave the baseline unavailable. */
export const MAX_PACK_BYTES = 1024 * 1024 * 1024;
/** An inflated loose object, and any other file in the git folder (the index, refs, pack indexes). */
export const MAX_OBJECT_BYTES = 256 * 1024 * 1024;

/** Files each linked worktree keeps for itself; everything else is read from the common folder. */
const PER_WORKTREE = /^(?:HEAD|index|ORIG_HEAD|MERGE_HEAD|CHERRY_PICK_HEAD|REVERT_HEAD|BISECT_[A-Z_]+|logs\/HEAD|refs\/(?:bisect|worktree|rewritten)(?:\/.*)?)$/;
const LOOSE_OBJECT = /(?:^|\/)objects\/[0-9a-f]{2}\/[0-9a-f]{38,62}$/;

function error(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** A read-only fs (promise API) over `gitdir`, redirecting shared files to `commondir` when they differ. */
export function readOnlyGitFs(gitdir: string, commondir: string, maxObjectBytes = MAX_OBJECT_BYTES): PromiseFsClient {
  const map = (p: string): string => {
    if (commondir === gitdir || (!p.startsWith(gitdir + sep) && !p.startsWith(gitdir + '/'))) return p;
    const rel = p.slice(gitdir.length + 1).split(sep).join('/');
    return PER_WORKTREE.test(rel) ? p : join(commondir, rel);
  };
  const refuse = async (): Promise<never> => {
    throw error('EROFS', 'Vouch reads the repository and never writes to it');
  };
  const readFile = async (p: string, options?: string | { encoding?: string }): Promise<Buffer | string> => {
    const path = map(p);
    const cap = path.endsWith('.pack') ? MAX_PACK_BYTES : maxObjectBytes;
    const read = readFileSafe(path, cap);
    if (!read.ok) {
      if (read.kind === 'missing') throw error('ENOENT', `${path} does not exist`);
      if (read.code === 'EISDIR') throw error('EISDIR', `${path} is a folder`);
      throw error(read.kind === 'too-large' ? 'EFBIG' : 'EIO', `${path} ${read.reason}`);
    }
    // A few kilobytes of zlib can inflate to gigabytes: check the ceiling before isomorphic-git inflates it.
    if (LOOSE_OBJECT.test(path.split(sep).join('/'))) {
      try {
        inflateSync(read.bytes, { maxOutputLength: maxObjectBytes });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw error('EFBIG', `${path} inflates past the ${maxObjectBytes} byte limit`);
      }
    }
    const encoding = typeof options === 'string' ? options : options?.encoding;
    return encoding ? read.bytes.toString(encoding as BufferEncoding) : Buffer.from(read.bytes);
  };
  return {
    promises: {
      readFile,
      writeFile: refuse, mkdir: refuse, rmdir: refuse, unlink: refuse, symlink: refuse, chmod: refuse,
      stat: (p: string) => fsp.stat(map(p)),
      lstat: (p: string) => fsp.lstat(map(p)),
      readdir: (p: string) => fsp.readdir(map(p)),
      readlink: (p: string) => fsp.readlink(map(p)),
    },
  };
}
