// Lists the files a scan covers: supported languages, honouring .gitignore files (nested ones too),
// the built-in excludes and the user's include/exclude globs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isIncluded } from '../core/config';
import { languageOf } from '../core/languages';
import type { VouchSettings } from '../protocol';

const NEVER_DESCEND = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.next', '.e2e-cache']);

interface Layer {
  dir: string;
  ig: Ignore;
}

function readGitignore(dir: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
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

/** Files under `start` (a file or folder) that the settings include, as absolute paths, sorted. */
export function listFiles(root: string, start: string, settings: VouchSettings): string[] {
  const out: string[] = [];
  let st;
  try {
    st = statSync(start);
  } catch {
    return out;
  }
  if (st.isFile()) {
    const rel = toRelative(root, start);
    if (languageOf(rel) && isIncluded(rel, settings, true)) out.push(start);
    return out;
  }
  const walk = (dir: string, layers: Layer[]): void => {
    const own = settings.respectGitignore ? readGitignore(dir) : undefined;
    const here = own ? [...layers, { dir, ig: own }] : layers;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (NEVER_DESCEND.has(e.name) || ignoredBy(here, abs, true)) continue;
        walk(abs, here);
      } else if (e.isFile()) {
        const rel = toRelative(root, abs);
        if (!languageOf(rel) || ignoredBy(here, abs, false) || !isIncluded(rel, settings)) continue;
        out.push(abs);
      }
    }
  };
  walk(start, []);
  return out;
}
