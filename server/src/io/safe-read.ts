// Reads files a workspace provides, which may be hostile: a committed symlink to /dev/zero, a FIFO, a
// file swapped for a FIFO between a stat and the read. Every read opens non-blocking, checks the open
// handle (never the path again) is a regular file, caps the size and reads from that handle, so a
// special file costs one open and a clear reason instead of a hang or gigabytes.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** What a workspace file may weigh when no caller says otherwise (policy, ledger, provenance, ignore files). */
export const DEFAULT_MAX_BYTES = 8_000_000;

// O_NONBLOCK: opening a FIFO without a writer returns at once (and reads never wait); undefined on Windows.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export type SafeRead =
  | { ok: true; bytes: Buffer; size: number }
  | {
      ok: false;
      /** `missing`: no such file; `special`: not a regular file; `too-large`: over the cap; `error`: anything else. */
      kind: 'missing' | 'special' | 'too-large' | 'error';
      /** Why, in words that fit after "<file> " / "skipped: ". */
      reason: string;
      code?: string;
      size?: number;
    };

/** What a file that is not a regular file is, for messages (Stats and Dirent answer alike). */
export function kindOf(st: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

export const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

/** The bytes of a regular file of at most `maxBytes`, or why not. Never blocks, never reads past the cap. */
export function readFileSafe(path: string, maxBytes: number = DEFAULT_MAX_BYTES): SafeRead {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, kind: 'missing', reason: 'does not exist', code };
    if (code === 'ELOOP') return { ok: false, kind: 'error', reason: 'is a symbolic link loop', code };
    if (code === 'ENXIO') return { ok: false, kind: 'special', reason: 'is a special file (socket or device)', code };
    return { ok: false, kind: 'error', reason: `could not be read (${code ?? (e as Error).message})`, code };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const what = kindOf(st);
      return { ok: false, kind: 'special', reason: what === 'a folder' ? 'is a folder, not a file' : `is ${what}, not a regular file`, code: what === 'a folder' ? 'EISDIR' : undefined };
    }
    if (st.size > maxBytes) return { ok: false, kind: 'too-large', reason: `is ${mb(st.size)}, above the ${mb(maxBytes)} limit`, size: st.size };
    // One byte more than allowed tells a file that grew since fstat from one that did not.
    const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size + 1, 4096)));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > maxBytes) return { ok: false, kind: 'too-large', reason: `grew past the ${mb(maxBytes)} limit while it was read`, size: n };
        break;
      }
      let got: number;
      try {
        got = readSync(fd, buf, n, buf.length - n, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return { ok: false, kind: 'error', reason: `could not be read (${code ?? (e as Error).message})`, code };
      }
      if (got === 0) break;
      n += got;
    }
    return { ok: true, bytes: buf.subarray(0, n), size: n };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, kind: 'error', reason: `could not be read (${code ?? (e as Error).message})`, code };
  } finally {
    closeSync(fd);
  }
}

/** Text of a workspace file (UTF-8, replacement characters for bad bytes, BOM dropped), or why not. */
export function readTextSafe(path: string, maxBytes: number = DEFAULT_MAX_BYTES): { ok: true; text: string } | Extract<SafeRead, { ok: false }> {
  const r = readFileSafe(path, maxBytes);
  if (!r.ok) return r;
  const text = r.bytes.toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
