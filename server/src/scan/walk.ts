// Lists the files a scan covers: supported languages, honouring .gitignore files (nested ones too),
// the built-in excludes and the user's include/exclude globs. Symbolic links are followed while they stay
// inside the scanned folder; each real folder and file is visited once, so link loops end.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isIncluded } from '../core/config';
import { languageOf } from '../core/languages';
import type { VouchSettings } from '../core/settings';
import { kindOf, readTextSafe } from '../io/safe-read';

const NEVER_DESCEND = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.next', '.e2e-cache']);

interface Layer {
  dir: string;
  ig: Ignore;
}

/** Ignore files are small; a bigger one is refused rather than matched line by line. */
const MAX_IGNORE_BYTES = 1_000_000;

function readGitignore(dir: string, onSkip: SkipReporter): Ignore | undefined {
  const file = join(dir, '.gitignore');
  const read = readTextSafe(file, MAX_IGNORE_BYTES);
  if (!read.ok) {
    if (read.kind !== 'missing') onSkip(file, `.gitignore ${read.reason}; its rules do not apply`);
    return undefined;
  }
  try {
    return ignore().add(read.text);
  } catch {
    return undefined;
  }
}

function ignoredBy(layers: readonly Layer[], abs: string, isDir: boolean): boolean {
  for (const l of layers) {
    const rel = relative(l.dir, abs).split(sep).join('/');
    if (rel && l.ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

export function toRelative(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

export type SkipReporter = (abs: string, reason: string) => void;

/**
 * Files under `start` (a file or folder) that the settings include, as absolute paths in walk order.
 * `onSkip` hears about folders and links that could not be followed.
 */
export function listFiles(root: string, start: string, settings: VouchSettings, onSkip: SkipReporter = () => {}): string[] {
  const out: string[] = [];
  let st;
  try {
    st = statSync(start);
  } catch (e) {
    onSkip(start, describe(e, 'path'));
    return out;
  }
  if (st.isFile()) {
    const rel = toRelative(root, start);
    if (languageOf(rel) && isIncluded(rel, settings, true)) out.push(start);
    return out;
  }
  if (!st.isDirectory()) {
    onSkip(start, 'not a regular file or folder');
    return out;
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(start);
  } catch (e) {
    onSkip(start, describe(e, 'folder'));
    return out;
  }
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  const walk = (dir: string, realDir: string, layers: Layer[]): void => {
    seenDirs.add(realDir);
    const own = settings.respectGitignore ? readGitignore(dir, onSkip) : undefined;
    const here = own ? [...layers, { dir, ig: own }] : layers;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      onSkip(dir, describe(e, 'folder'));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let special: string | undefined;
      let real = join(realDir, e.name);
      if (e.isSymbolicLink()) {
        if (NEVER_DESCEND.has(e.name)) continue;
        try {
          real = realpathSync(abs);
          const target = statSync(real);
          isDir = target.isDirectory();
          isFile = target.isFile();
          if (!isDir && !isFile) special = kindOf(target);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ELOOP') onSkip(abs, 'symbolic link loop');
          else if (languageOf(e.name)) onSkip(abs, 'broken symbolic link');
          continue;
        }
        if (!isInside(realRoot, real)) {
          if (isDir || languageOf(e.name)) onSkip(abs, 'symbolic link points outside the scanned folder');
          continue;
        }
        if (isDir && (seenDirs.has(real) || isInside(real, realDir))) {
          if (isInside(real, realDir)) onSkip(abs, 'symbolic link loop (points at a parent folder)');
          continue;
        }
      }
      if (isDir) {
        if (NEVER_DESCEND.has(e.name) || seenDirs.has(real) || ignoredBy(here, abs, true)) continue;
        walk(abs, real, here);
      } else if (isFile) {
        const rel = toRelative(root, abs);
        if (!languageOf(rel) || ignoredBy(here, abs, false) || !isIncluded(rel, settings)) continue;
        if (seenFiles.has(real)) continue;
        seenFiles.add(real);
        out.push(abs);
      } else if (languageOf(e.name) && !ignoredBy(here, abs, false) && isIncluded(toRelative(root, abs), settings)) {
        // A FIFO or device under a source file's name is never opened, and the report says so.
        onSkip(abs, `file is ${special ?? kindOf(e)}, not a regular file`);
      }
    }
  };
  walk(start, realRoot, []);
  return out;
}

function describe(e: unknown, what: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${what} does not exist`;
  if (code === 'EACCES' || code === 'EPERM') return `${what} could not be read (permission denied)`;
  if (code === 'ELOOP') return 'symbolic link loop';
  return `${what} could not be read (${code ?? (e as Error).message})`;
}
