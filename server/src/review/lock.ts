// An exclusive lock beside a file, for appends from several processes (two editor windows, an editor
// and the CLI): created with O_EXCL, holding the owner's pid, host and time. A lock whose owner died
// (same host, pid gone) or that is older than any append could take is stale and is broken. Sync on
// purpose: an append holds it for a read and one write, a few milliseconds.
import { closeSync, fstatSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** An append holds the lock for milliseconds; a lock this old was left by a crash or a hung process. */
export const STALE_LOCK_MS = 10_000;
const WAIT_MS = 5_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number): void => void Atomics.wait(sleeper, 0, 0, ms);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock at `path` was left behind: its owner on this host is gone, or it is too old. */
function stale(path: string, now: number): { ino: number } | undefined {
  try {
    const st = statSync(path);
    if (now - st.mtimeMs > STALE_LOCK_MS) return { ino: st.ino };
    const [pid, host] = readFileSync(path, 'utf8').split('\n');
    // A lock still being written (empty) is not stale; only a named dead owner on this host is.
    if (host === hostname() && Number(pid) > 0 && !alive(Number(pid))) return { ino: st.ino };
  } catch {
    // Gone meanwhile: the next attempt creates it.
  }
  return undefined;
}

/** Runs `fn` holding `<file>.lock`; throws after waiting `waitMs` for another holder. */
export function withFileLock<T>(file: string, fn: () => T, waitMs = WAIT_MS): T {
  const path = `${file}.lock`;
  const deadline = Date.now() + waitMs;
  let fd: number | undefined;
  for (let pause = 2; fd === undefined; pause = Math.min(pause * 2, 50)) {
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const old = stale(path, Date.now());
      if (old) {
        // Re-check it is the same file judged stale, so a fresh lock taken meanwhile is not removed.
        try {
          if (statSync(path).ino === old.ino) unlinkSync(path);
        } catch {
          // Removed by another waiter.
        }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${path} is held by another process; try again (delete it if no Vouch is running)`);
      sleep(pause + Math.random() * pause);
    }
  }
  try {
    writeSync(fd, `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`);
    return fn();
  } finally {
    const ino = fstatSync(fd).ino;
    closeSync(fd);
    try {
      // Broken as stale after a very long hold and taken by another process: that lock is not ours.
      if (statSync(path).ino === ino) unlinkSync(path);
    } catch {
      // Already gone.
    }
  }
}
