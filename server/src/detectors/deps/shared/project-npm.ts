// What the project around a JS/TS file declares and has installed, read through the ProjectService:
// nearest package.json files, npm/yarn/pnpm workspaces, tsconfig/jsconfig `paths` and `baseUrl`.
import { parse as parseJsonc } from 'jsonc-parser';
import type { ProjectService } from '../../../core/services';
import { bundlerAliases } from './bundler-aliases';
import { hostAliases } from './host-model';
import { nodeModulesFile, resolves, underModuleRoot } from './module-roots';
import { parseNpmManifest, type ManifestEntry, type NpmManifest } from './manifest-npm';

/** Folders from the file's own up to the workspace root (''), nearest first. */
export function ancestors(relPath: string): string[] {
  const parts = relPath.split('/').slice(0, -1);
  const out: string[] = [];
  for (let n = parts.length; n >= 0; n--) out.push(parts.slice(0, n).join('/'));
  return out;
}

export const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);

export interface NpmProject {
  /** package.json files from the nearest up, with their parsed entries. */
  manifests: Array<{ path: string; text: string; manifest: NpmManifest }>;
  declared: Map<string, ManifestEntry & { file: string }>;
  /** Names of the workspace's own packages (never looked up). */
  local: Set<string>;
  /** tsconfig `paths` patterns (`@/*`, `~/*`, `utils`) and `baseUrl` folders. */
  aliases: string[];
  baseUrls: string[];
  /** The file's folder and its ancestors, nearest first. */
  folders: string[];
  installedVersion(name: string): string | undefined;
}

/** Workspace globs → package folders; `dir/*` and `dir/**` list one level, other globs are exact. */
function workspaceDirs(project: ProjectService, base: string, globs: string[]): string[] {
  const out: string[] = [];
  for (const g of globs) {
    if (g.startsWith('!')) continue;
    const clean = g.replace(/^\.\//, '').replace(/\/+$/, '');
    const star = clean.search(/\*/);
    if (star < 0) out.push(join(base, clean));
    else {
      const parent = join(base, clean.slice(0, star).replace(/\/$/, ''));
      for (const e of project.list(parent) ?? []) out.push(join(parent, e));
    }
  }
  return out;
}

function pnpmGlobs(text: string | undefined): string[] {
  if (!text) return [];
  const block = /^packages:[ \t]*\n((?:[ \t]+-[^\n]*(?:\n|(?![^]))|[ \t]*#[^\n]*(?:\n|(?![^]))|[ \t]*\n)*)/m.exec(text);
  return block ? [...block[1].matchAll(/^[ \t]+-[ \t]*["']?([^"'\n#]+?)["']?[ \t]*(?:#.*)?$/gm)].map((m) => m[1]) : [];
}

function readJson(project: ProjectService, path: string): Record<string, unknown> | undefined {
  const text = project.readFile(path);
  if (text === undefined) return undefined;
  const v = parseJsonc(text, [], { allowTrailingComma: true });
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

function tsconfigAliases(project: ProjectService, dirs: string[], out: NpmProject): void {
  for (const dir of dirs) {
    for (const name of ['tsconfig.json', 'jsconfig.json', 'tsconfig.base.json', 'tsconfig.app.json']) {
      let config = readJson(project, join(dir, name));
      let configDir = dir;
      // One level of a relative `extends` is where monorepos keep their `paths`.
      for (let hop = 0; config && hop < 3; hop++) {
        const opts = config.compilerOptions as { paths?: Record<string, unknown>; baseUrl?: string } | undefined;
        for (const p of Object.keys(opts?.paths ?? {})) out.aliases.push(p);
        if (typeof opts?.baseUrl === 'string') out.baseUrls.push(join(configDir, opts.baseUrl.replace(/^\.\/?/, '')).replace(/\/$/, ''));
        const ext = typeof config.extends === 'string' && config.extends.startsWith('.') ? config.extends : undefined;
        if (!ext) break;
        const target = join(configDir, ext.endsWith('.json') ? ext : `${ext}.json`).split('/');
        const norm: string[] = [];
        for (const seg of target) seg === '..' ? norm.pop() : seg !== '.' && norm.push(seg);
        configDir = norm.slice(0, -1).join('/');
        config = readJson(project, norm.join('/'));
      }
    }
  }
}

export function npmProject(project: ProjectService, relPath: string): NpmProject {
  const dirs = ancestors(relPath);
  const out: NpmProject = { manifests: [], declared: new Map(), local: new Set(), aliases: [], baseUrls: [], folders: dirs, installedVersion: () => undefined };
  for (const dir of dirs) {
    const path = join(dir, 'package.json');
    const text = project.readFile(path);
    const manifest = text === undefined ? undefined : parseNpmManifest(text);
    if (!manifest || text === undefined || manifest.marker) continue;
    out.manifests.push({ path, text, manifest });
    if (manifest.name) out.local.add(manifest.name);
    for (const n of manifest.bundled) out.local.add(n);
    for (const e of manifest.entries) if (!out.declared.has(e.name)) out.declared.set(e.name, { ...e, file: path });
    const globs = [...manifest.workspaces, ...pnpmGlobs(project.readFile(join(dir, 'pnpm-workspace.yaml')))];
    for (const ws of workspaceDirs(project, dir, globs)) {
      const name = readJson(project, join(ws, 'package.json'))?.name;
      if (typeof name === 'string') out.local.add(name);
    }
  }
  tsconfigAliases(project, dirs, out);
  // A Deno import map names what the project imports (`"lit": "npm:lit@^3"` in deno.json): its keys resolve, its
  // `lit/` prefixes too, and Deno maps the subpaths of an `npm:`/`jsr:` entry itself (`solid-js/web`).
  // create-vite-extra's deno templates sit under the generator's package.json.
  for (const dir of dirs) {
    for (const name of ['deno.json', 'deno.jsonc']) {
      const imports = readJson(project, join(dir, name))?.imports;
      if (!imports || typeof imports !== 'object') continue;
      for (const [k, v] of Object.entries(imports)) out.aliases.push(...(k.endsWith('/') ? [`${k}*`] : /^(?:npm|jsr):/.test(String(v)) ? [k, `${k}/*`] : [k]));
    }
  }
  bundlerAliases(project, dirs, out);
  hostAliases(out.manifests, out);
  out.installedVersion = (name) => {
    for (const dir of dirs) {
      const v = readJson(project, join(dir, `node_modules/${name}/package.json`))?.version;
      if (typeof v === 'string') return v;
    }
    return undefined;
  };
  return out;
}

/** Whether a bare specifier resolves inside the project: tsconfig or bundler alias, baseUrl or module-root file, or a workspace package. */
export function isLocalSpecifier(project: ProjectService, p: NpmProject, specifier: string, pkg: string): boolean {
  if (p.local.has(pkg)) return true;
  for (const a of p.aliases) {
    const star = a.indexOf('*');
    if (star < 0 ? specifier === a : specifier.startsWith(a.slice(0, star)) && specifier.endsWith(a.slice(star + 1))) return true;
  }
  // A tsconfig's baseUrl, or for a path of two or more segments the package's own root:
  // `import("src/providers")` in a declaration file generated with a baseUrl of "." (next-auth) names
  // the package's own `src/providers/` (a one-word name such as `config` stays the npm package's).
  const own = p.manifests[0] && !specifier.startsWith('@') && specifier.includes('/') ? [p.manifests[0].path.slice(0, Math.max(0, p.manifests[0].path.lastIndexOf('/')))] : [];
  for (const base of [...p.baseUrls, ...own]) if (resolves(project, join(base, specifier))) return true;
  if (nodeModulesFile(project, p.folders, specifier, pkg)) return true;
  // Neither declared nor installed, so no package of that name is what the bundler finds first.
  return !p.declared.has(pkg) && !p.installedVersion(pkg) && underModuleRoot(project, p.folders, p.manifests[0]?.path, specifier);
}
