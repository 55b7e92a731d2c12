// Packages of a monorepo (npm and yarn `workspaces` in the root package.json, pnpm-workspace.yaml):
// which workspace file an import of a package name (or a subpath of it) names, preferring sources
// over build output, so `import { x } from '@acme/utils'` reaches packages/utils/src/index.ts.
import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ProjectService } from '../core/services';

type Manifest = { name?: unknown; main?: unknown; module?: unknown; types?: unknown; source?: unknown; exports?: unknown };

const MAX_PACKAGES = 2000;
const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'out']);

function json(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const v = text === undefined ? undefined : JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The workspace globs of the root manifest or pnpm-workspace.yaml. */
function patterns(project: ProjectService): string[] {
  const root = json(project.readFile('package.json'));
  const ws = root?.workspaces;
  const list = Array.isArray(ws) ? ws : Array.isArray((ws as { packages?: unknown })?.packages) ? (ws as { packages: unknown[] }).packages : [];
  let pnpm: unknown[] = [];
  try {
    const y = parseYaml(project.readFile('pnpm-workspace.yaml') ?? '') as { packages?: unknown };
    if (Array.isArray(y?.packages)) pnpm = y.packages;
  } catch {
    pnpm = [];
  }
  return [...list, ...pnpm].filter((p): p is string => typeof p === 'string' && !p.startsWith('!'));
}

/** Folders a workspace glob names (`packages/*`, `apps/**`, `tools/cli`). */
function expand(project: ProjectService, pattern: string): string[] {
  let dirs = [''];
  for (const seg of pattern.replace(/^\.\//, '').replace(/\/$/, '').split('/')) {
    const next: string[] = [];
    for (const d of dirs) {
      const children = (project.list(d) ?? []).filter((c) => !SKIP.has(c) && !c.startsWith('.')).map((c) => (d ? `${d}/${c}` : c));
      if (seg === '**') {
        next.push(d, ...children);
        for (const c of children) next.push(...(project.list(c) ?? []).filter((x) => !SKIP.has(x)).map((x) => `${c}/${x}`));
      } else if (seg.includes('*')) {
        const re = new RegExp('^' + seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
        next.push(...children.filter((c) => re.test(posix.basename(c))));
      } else next.push(d ? `${d}/${seg}` : seg);
    }
    dirs = next.slice(0, MAX_PACKAGES);
  }
  return dirs;
}

/** Package name → its folder (workspace-relative) and manifest. */
export function workspacePackages(project: ProjectService): Map<string, { dir: string; manifest: Manifest }> {
  const out = new Map<string, { dir: string; manifest: Manifest }>();
  for (const p of patterns(project)) {
    for (const dir of expand(project, p)) {
      const manifest = json(project.readFile(`${dir}/package.json`)) as Manifest | undefined;
      if (typeof manifest?.name === 'string' && !out.has(manifest.name)) out.set(manifest.name, { dir, manifest });
    }
  }
  return out;
}

/** The target of an `exports` entry: a string, or the first of the conditions a source reader wants. */
function exportTarget(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  for (const k of ['source', 'types', 'import', 'require', 'node', 'default']) {
    const t = exportTarget(o[k]);
    if (t) return t;
  }
  return undefined;
}

/**
 * Workspace-relative candidates for `specifier` when it names a workspace package, most likely first:
 * the manifest's entry (`exports`, `source`, `types`, `module`, `main`), the same path under `src/`
 * with a TypeScript extension when it points into build output, then `src/index` and `index`.
 */
export function packageEntries(packages: Map<string, { dir: string; manifest: Manifest }>, specifier: string): string[] {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const pkg = packages.get(name);
  if (!pkg) return [];
  const sub = specifier.slice(name.length).replace(/^\//, '');
  const m = pkg.manifest;
  const exp = m.exports && typeof m.exports === 'object' && !Array.isArray(m.exports) && Object.keys(m.exports).some((k) => k.startsWith('.')) ? (m.exports as Record<string, unknown>) : undefined;
  const entries: string[] = [];
  if (sub) {
    const t = exportTarget(exp?.[`./${sub}`]);
    if (t) entries.push(t);
    entries.push(sub, `src/${sub}`);
  } else {
    for (const t of [exportTarget(exp?.['.'] ?? (exp ? undefined : m.exports)), m.source, m.types, m.module, m.main]) if (typeof t === 'string') entries.push(t);
    entries.push('src/index', 'index');
  }
  const out: string[] = [];
  for (const e of entries) {
    const rel = posix.normalize(e).replace(/^\.\//, '');
    if (rel.startsWith('..')) continue;
    const noExt = rel.replace(/\.(d\.ts|[cm]?[jt]sx?)$/, '');
    const src = noExt.replace(/^(dist|build|lib|out)\//, 'src/');
    // Sources first: a built dist/ (or lib/, out/) beside them is what the sources compile to.
    for (const base of [src, noExt]) {
      for (const ext of ['.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js']) out.push(posix.join(pkg.dir, base + ext));
    }
  }
  return [...new Set(out)];
}
