// Folders a project generator copies into the project it creates, found by how its command reads them:
// create-new-app's `main.js` copies `dir('./files/server.js')`, typescript-express-starter's `bin/config.js` names
// `path.join(__dirname, '../devtools')`. Their files' imports are the created project's, declared by the manifest
// the generator writes, not by the generator's own. Only a manifest with a `bin` (a command) is a generator; only
// the command's own folder is read, and a folder it imports from (`require('../lib/cli')`) is its code, not a copy.
import type { ProjectService } from '../../../core/services';

// Per project and manifest: the texts last read and what they gave. The editor's project lives long and its reads
// are cached by modification time, so unchanged texts are the same strings and the check is cheap.
const cache = new WeakMap<ProjectService, Map<string, { texts: Array<string | undefined>; folders: Set<string> }>>();
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

/** The command's files (manifest-relative): its bin entries, and the other scripts of a bin folder. */
function commandFiles(project: ProjectService, dir: string, bins: string[]): string[] {
  const files = new Set<string>();
  for (const bin of bins) {
    files.add(bin);
    const folder = bin.includes('/') ? bin.slice(0, bin.lastIndexOf('/')) : '';
    // A command at the package's root shares its folder with everything: read it alone.
    if (!folder) continue;
    for (const name of project.list(dir + folder) ?? []) if (CODE.test(name)) files.add(`${folder}/${name}`);
  }
  return [...files].slice(0, MAX_FILES);
}

/** Top-level folders (relative to the manifest's) that the command's files name as paths to copy. */
function copiedFolders(project: ProjectService, dir: string, bins: string[], files: string[], texts: Array<string | undefined>): Set<string> {
  const found = new Set<string>();
  const binDirs = new Set(bins.map((b) => (b.includes('/') ? b.slice(0, b.indexOf('/')) : '')));
  const imported = new Set<string>();
  let chars = 0;
  for (const [i, file] of files.entries()) {
    const text = texts[i];
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
  const bins = binPaths(manifestText).map(normal).filter((b) => b !== '');
  if (!bins.length) return false;
  const files = commandFiles(project, dir, bins);
  const texts = [manifestText, ...files.map((f) => project.readFile(dir + f))];
  let byManifest = cache.get(project);
  if (!byManifest) cache.set(project, (byManifest = new Map()));
  let entry = byManifest.get(manifestPath);
  if (!entry || entry.texts.length !== texts.length || entry.texts.some((t, i) => t !== texts[i])) {
    entry = { texts, folders: copiedFolders(project, dir, bins, files, texts.slice(1)) };
    byManifest.set(manifestPath, entry);
  }
  return entry.folders.has(rest.slice(0, rest.indexOf('/')));
}

/**
 * Whether a folder between `dir` (a manifest's) and the file is an Angular-devkit schematic's templates: `files/` beside
 * the schematic's schema.json, or a folder its factory hands to `url()` (@nestjs/schematics' sub-app factory applies
 * `url(join('./workspace', options.language))`).
 */
export function inSchematicTemplates(project: ProjectService, dir: string, segs: string[]): boolean {
  return segs.slice(0, -1).some((seg, i) => {
    const at = `${dir}${segs.slice(0, i).join('/')}${i ? '/' : ''}`;
    if (!project.exists(`${at}schema.json`)) return false;
    if (seg === 'files') return true;
    const factories = (project.list(at.replace(/\/$/, '')) ?? []).filter((n) => /\.factory\.[cm]?[jt]s$/.test(n) && !n.endsWith('.d.ts'));
    const named = [`'./${seg}'`, `'./${seg}/`, `"./${seg}"`, `"./${seg}/`, `\`./${seg}`];
    return factories.some((f) => {
      const text = project.readFile(at + f) ?? '';
      // a module specifier (`require('./helpers')`) is the factory's code, not a template folder
      const spec = (pos: number) => /(?:require\(|import\(|\bfrom)\s*$/.test(text.slice(Math.max(0, pos - 12), pos));
      const copied = (n: string) => {
        for (let pos = text.indexOf(n); pos >= 0; pos = text.indexOf(n, pos + 1)) if (!spec(pos)) return true;
        return false;
      };
      return /\burl\b/.test(text) && named.some(copied);
    });
  });
}
