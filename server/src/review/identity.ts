// Who is reviewing: git's user.name/user.email for the workspace folder (what commits will carry),
// falling back to the OS user. In an untrusted workspace nothing runs: a repository's config can
// point git at programs (core.fsmonitor and friends), so only the OS user is used there.
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

export interface Reviewer {
  name: string;
  email?: string;
}

export function gitConfig(cwd: string, key: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile('git', ['config', '--get', key], { cwd, timeout: 3000, windowsHide: true }, (err, stdout) => {
        const v = String(stdout ?? '').trim();
        resolve(err || !v ? undefined : v);
      });
    } catch {
      resolve(undefined);
    }
  });
}

export function osUser(): Reviewer {
  try {
    const name = userInfo().username;
    if (name) return { name };
  } catch {
    // No passwd entry (some containers).
  }
  return { name: process.env.USER || process.env.USERNAME || 'unknown' };
}

const cache = new Map<string, Promise<Reviewer>>();

/** The reviewer for a folder; cached per folder and trust state for the life of the server. */
export function reviewerFor(root: string, trusted: boolean): Promise<Reviewer> {
  if (!trusted || !root) return Promise.resolve(osUser());
  let r = cache.get(root);
  if (!r) {
    r = (async () => {
      const [name, email] = await Promise.all([gitConfig(root, 'user.name'), gitConfig(root, 'user.email')]);
      return name ? { name, ...(email ? { email } : {}) } : { ...osUser(), ...(email ? { email } : {}) };
    })();
    cache.set(root, r);
  }
  return r;
}
