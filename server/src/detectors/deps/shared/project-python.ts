// What the project around a Python file declares and has installed, read through the ProjectService:
// requirements*.txt, pyproject.toml, setup.cfg, setup.py (as text) and Pipfile; poetry.lock / uv.lock;
// local modules; virtualenv site-packages (their listing, and `top_level.txt` of each distribution).
import type { ProjectService } from '../../../core/services';
import type { ManifestEntry } from './manifest-npm';
import { parseLockNames, parsePyproject, parseRequirements, parseSetupCfg, parseSetupPy } from './manifest-python';
import { ancestors, join } from './project-npm';
import { normalizePypi } from './python-import-names';

export interface PyProject {
  /** Manifest files found, nearest first (requirements files before pyproject.toml). */
  manifests: Array<{ path: string; text: string; entries: ManifestEntry[] }>;
  /** Normalised distribution name → entry. */
  declared: Map<string, ManifestEntry & { file: string }>;
  /** Normalised distribution name → installed version (from *.dist-info / *.egg-info). */
  installed: Map<string, string>;
  /** Top-level module names present in site-packages. */
  installedModules: Set<string>;
  isLocalModule(top: string): boolean;
  /** Which kind of distribution provides this top-level module: one the project declares (or locks), one installed, or none. */
  provides(top: string): 'declared' | 'installed' | undefined;
  /** The declared distributions (not installed) whose names say they provide this top-level module. */
  providers(top: string): string[];
}

const VENVS = ['.venv', 'venv', 'env', '.env'];
const REQUIREMENTS = /^requirements[\w.-]*\.(?:txt|in)$/i;

function manifestFiles(project: ProjectService, dir: string): string[] {
  const names = project.list(dir) ?? [];
  const reqs = names.filter((n) => REQUIREMENTS.test(n)).sort((a, b) => a.length - b.length).map((n) => join(dir, n));
  const reqDir = names.includes('requirements') ? (project.list(join(dir, 'requirements')) ?? []).filter((n) => n.endsWith('.txt')).map((n) => join(dir, `requirements/${n}`)) : [];
  // A setup.py inside a package (beside its `__init__.py`) builds that subpackage (numpy.distutils'
  // `configuration()`), it declares no project's dependencies.
  const setupPy = names.includes('__init__.py') ? [] : ['setup.py'];
  return [...reqs, ...reqDir, ...['pyproject.toml', 'setup.cfg', ...setupPy, 'Pipfile'].filter((n) => names.includes(n)).map((n) => join(dir, n))];
}

function parseManifest(path: string, text: string): ManifestEntry[] {
  if (path.endsWith('setup.cfg')) return parseSetupCfg(text);
  if (path.endsWith('setup.py')) return parseSetupPy(text);
  if (path.endsWith('.toml') || path.endsWith('Pipfile')) return parsePyproject(text);
  return parseRequirements(text);
}

function sitePackages(project: ProjectService, dir: string): string[] {
  const out: string[] = [];
  for (const venv of VENVS) {
    const lib = join(dir, `${venv}/lib`);
    for (const py of project.list(lib) ?? []) if (py.startsWith('python')) out.push(`${lib}/${py}/site-packages`);
    if (project.exists(join(dir, `${venv}/Lib/site-packages`))) out.push(join(dir, `${venv}/Lib/site-packages`));
  }
  return out;
}

/**
 * A distribution name that says it provides the module: `foo` from `foo`, `python-foo`, `foo-client`,
 * `django-foo` (PEP 503 forms). Without installed metadata this is what a declaration tells.
 */
export function namesModule(dist: string, top: string): boolean {
  const t = normalizePypi(top);
  return dist === t || dist.startsWith(`${t}-`) || dist.endsWith(`-${t}`) || dist.includes(`-${t}-`);
}

export function pyProject(project: ProjectService, relPath: string): PyProject {
  const dirs = ancestors(relPath);
  const locked = new Set<string>();
  const distInfos: string[] = [];
  let topLevel: Set<string> | undefined;
  const out: PyProject = { manifests: [], declared: new Map(), installed: new Map(), installedModules: new Set(), isLocalModule: () => false, provides: () => undefined, providers: () => [] };
  for (const dir of dirs) {
    for (const path of manifestFiles(project, dir)) {
      const text = project.readFile(path);
      if (text === undefined) continue;
      const entries = parseManifest(path, text);
      out.manifests.push({ path, text, entries });
      for (const e of entries) if (!out.declared.has(normalizePypi(e.name))) out.declared.set(normalizePypi(e.name), { ...e, file: path });
    }
    // Lock files name every resolved distribution (transitive ones too): they provide modules, they do not declare them.
    for (const lock of ['poetry.lock', 'uv.lock']) {
      const text = project.readFile(join(dir, lock));
      if (text !== undefined) for (const n of parseLockNames(text)) locked.add(normalizePypi(n));
    }
    for (const site of sitePackages(project, dir)) {
      for (const entry of project.list(site) ?? []) {
        const meta = /^(.+?)-([^-]+?)\.(?:dist-info|egg-info)$/.exec(entry);
        if (meta) {
          out.installed.set(normalizePypi(meta[1]), meta[2]);
          distInfos.push(`${site}/${entry}`);
        } else {
          out.installedModules.add(entry.replace(/\.py$|\.(?:cpython|abi3).*\.(?:so|pyd)$/, ''));
        }
      }
    }
  }
  // Project modules: `top.py` or a `top/` package next to the file, in an ancestor, or under a src/ layout.
  const roots = [...new Set(dirs.flatMap((d) => [d, join(d, 'src')]))];
  // Compiled extension modules (`apt_pkg.cpython-311-x86_64-linux-gnu.so`) and stubs count too.
  const compiled = (r: string, top: string) => (project.list(r) ?? []).some((n) => n.startsWith(`${top}.`) && /\.(?:so|pyd|pyi)$/.test(n));
  // A workspace that is itself a package (its folder opened directly) imports itself by the folder's name.
  const self = project.rootName && project.exists('__init__.py') ? project.rootName : undefined;
  // A namespace package (PEP 420) may hold only subpackages: create-llama's reflex `app/` has `api/`, `services/model.py`.
  const pkgDir = (dir: string, depth: number): boolean => (project.list(dir) ?? []).some((n) => n.endsWith('.py') || (depth > 0 && !n.includes('.') && pkgDir(join(dir, n), depth - 1)));
  out.isLocalModule = (top) => top === self ||
    roots.some((r) => project.exists(join(r, `${top}.py`)) || project.exists(join(r, `${top}/__init__.py`)) || pkgDir(join(r, top), 1) || compiled(r, top));
  out.providers = (top) => [...out.declared.keys()].filter((d) => namesModule(d, top) && !out.installed.has(d));
  out.provides = (top) => {
    for (const d of [...out.declared.keys(), ...locked]) if (namesModule(d, top)) return 'declared';
    if (out.installedModules.has(top)) return 'installed';
    // Editable installs and renamed packages: the modules each installed distribution lists, read once.
    if (!topLevel) {
      topLevel = new Set();
      for (const d of distInfos.slice(0, 2000)) {
        for (const line of (project.readFile(`${d}/top_level.txt`) ?? '').split('\n')) if (line.trim()) topLevel.add(line.trim().split(/[/.]/)[0]);
      }
    }
    return topLevel.has(top) ? 'installed' : undefined;
  };
  return out;
}
