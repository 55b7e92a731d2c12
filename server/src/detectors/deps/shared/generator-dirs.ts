// Folders a project generator copies into the project it creates, found by how its command reads them:
// create-new-app's `main.js` copies `dir('./files/server.js')`, typescript-express-starter's `bin/config.js` names
// `path.join(__dirname, '../devtools')`. Their files' imports are the created project's, declared by the manifest
// the generator writes, not by the generator's own. Only a manifest with a `bin` (a command) is a generator; only
// the command's own folder is read, and a folder it imports from (`require('../lib/cli')`) is its code, not a copy.
import type { ProjectService } from '../../../core/services';

const cache = new WeakMap<ProjectService, Map<string, Set<string>>>();
const MAX_FILES = 24;
const MAX_CHARS = 200_000;
const CODE = /\.(?:[cm]?js|ts)$/;

function binPaths(text: string): string[] {
  try {
    const bin = (JSON.parse(text) as { bin?: unknown }).bin;
    if (typeof bin === 'string') return [bin];
    if (bin && typeof bin === 'object') return Object.values(bin).filter((v): v is string => typeof v === 'string');
  } catch {
    // not JSON: no command
  }
  return [];
}

function normal(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/');
}

/** Top-level folders (relative to the manifest's) that the generator's command names as paths to copy. */
function copiedFolders(project: ProjectService, manifestPath: string, manifestText: string): Set<string> {
  const found = new Set<string>();
  const dir = manifestPath.slice(0, manifestPath.lastIndexOf('/') + 1);
  const bins = binPaths(manifestText).map(normal).filter((b) => b !== '');
  if (!bins.length) return found;
  const files = new Set<string>();
  for (const bin of bins) {
    files.add(bin);
    const folder = bin.includes('/') ? bin.slice(0, bin.lastIndexOf('/')) : '';
    // A command at the package's root shares its folder with everything: read it alone.
    if (!folder) continue;
    for (const name of project.list(dir + folder) ?? []) if (CODE.test(name)) files.add(`${folder}/${name}`);
  }
  const binDirs = new Set(bins.map((b) => (b.includes('/') ? b.slice(0, b.indexOf('/')) : '')));
  const imported = new Set<string>();
  let chars = 0;
  for (const file of [...files].slice(0, MAX_FILES)) {
    const text = project.readFile(dir + file);
    if (!text || (chars += text.length) > MAX_CHARS) break;
    const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const m of text.matchAll(/(?:(?:require|import)\(\s*|\bfrom\s+)['"`](\.{1,2}\/[^'"`\s]*)/g)) imported.add(normal(base + m[1]).split('/')[0]);
    // A path in a string that is no module specifier: not after require( / import( / from.
    for (const m of text.matchAll(/(?<!(?:require|import)\(\s*|\bfrom\s+)(['"`])((?:\.{1,2}\/)*[\w@-][\w.@-]*)(?:\/[^'"`\s]*)?\1/g)) {
      const raw = m[0].slice(1, -1);
      if (!raw.includes('/') && !/^\.{1,2}\//.test(raw)) continue;
      const top = normal(base + raw).split('/')[0];
      if (top && !binDirs.has(top) && project.list(dir + top)) found.add(top);
    }
  }
  for (const top of imported) found.delete(top);
  return found;
}

/** Whether `path` lies in a folder that the generator owning `manifestPath` copies into the projects it creates. */
export function inCopiedFolder(project: ProjectService, manifestPath: string, manifestText: string, path: string): boolean {
  const dir = manifestPath.slice(0, manifestPath.lastIndexOf('/') + 1);
  if (!path.startsWith(dir)) return false;
  const rest = path.slice(dir.length);
  if (!rest.includes('/')) return false;
  let byManifest = cache.get(project);
  if (!byManifest) cache.set(project, (byManifest = new Map()));
  let folders = byManifest.get(manifestPath);
  if (!folders) byManifest.set(manifestPath, (folders = copiedFolders(project, manifestPath, manifestText)));
  return folders.has(rest.slice(0, rest.indexOf('/')));
}
