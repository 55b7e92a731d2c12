// Which release of a PyPI package the project runs, for removed-package-api's Python half: an installed
// distribution (`*.dist-info` / `*.egg-info` in a virtualenv), then the nearest declaration (requirements,
// pyproject, setup.cfg / setup.py, Pipfile) when every release it allows decides, then poetry.lock / uv.lock.
// Nothing is assumed: a package declared nowhere, or a range that allows the older releases, says nothing.
import type { ProjectService } from '../../../core/services';
import { pyProject } from '../../deps/shared/project-python';
import { ancestors, join } from '../../deps/shared/project-npm';
import type { Verdict } from './removed-versions';

type Release = number[];

const parse = (v: string): Release => v.split('.').map((n) => Number.parseInt(n, 10) || 0);
function compare(a: Release, b: Release): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** The lowest and (exclusive) highest release a PEP 440 / Poetry specifier allows, where it says. */
export function bounds(spec: string): { low?: Release; high?: Release } {
  // A TOML inline table (`{ version = "^4.2", extras = [...] }`) or a quoted string: the version part only.
  const text = (/\bversion\s*=\s*["']([^"']*)["']/.exec(spec)?.[1] ?? spec).replace(/^\s*\[[^\]]*\]/, '').replace(/["'()]/g, '').split(';')[0];
  let low: Release | undefined;
  let high: Release | undefined;
  const raise = (r: Release) => { if (!low || compare(r, low) > 0) low = r; };
  const cap = (r: Release) => { if (!high || compare(r, high) < 0) high = r; };
  for (const clause of text.split(',')) {
    const m = /^\s*(===|==|~=|>=|<=|!=|>|<|\^|~)?\s*v?(\d+(?:\.\d+)*)(\.\*)?\s*$/.exec(clause);
    if (!m) continue;
    const [, op = '==', version, star] = m;
    const r = parse(version);
    if (op === '!=') continue;
    if (op === '<') cap(r);
    else if (op === '<=') cap([...r.slice(0, -1), r[r.length - 1] + 1]);
    else {
      raise(r);
      if (op === '==' || op === '===') cap(star ? [...r.slice(0, -1), r[r.length - 1] + 1] : [...r, 0, 1]);
      else if (op === '~=') cap(r.length > 1 ? [...r.slice(0, -2), r[r.length - 2] + 1] : [r[0] + 1]);
      else if (op === '^') cap(r[0] > 0 ? [r[0] + 1] : [0, (r[1] ?? 0) + 1]);
      else if (op === '~') cap(r.length > 1 ? [r[0], r[1] + 1] : [r[0] + 1]);
    }
  }
  return { low, high };
}

/** The version poetry.lock / uv.lock nearest `path` resolved for `name` (normalised), if any. */
function lockedVersion(project: ProjectService, path: string, name: string): string | undefined {
  for (const dir of ancestors(path)) {
    for (const lock of ['poetry.lock', 'uv.lock']) {
      const text = project.readFile(join(dir, lock));
      if (text === undefined) continue;
      const m = new RegExp(`\\[\\[package\\]\\]\\s*\\nname\\s*=\\s*"${name}"\\s*\\nversion\\s*=\\s*"([^"]+)"`, 'i').exec(text);
      return m?.[1];
    }
  }
  return undefined;
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Whether the project's `name` is at or past `removedIn` (`4.0`): undefined when nothing can tell. */
export function pyVerdict(removedIn: string, name: string, shown: string, project: ProjectService | undefined, path: string): Verdict {
  if (!project) return undefined;
  const removed = parse(removedIn);
  const py = pyProject(project, path);
  const installed = py.installed.get(name);
  if (installed && /^\d/.test(installed)) return { applies: compare(parse(installed), removed) >= 0, evidence: `${shown} ${installed} is installed here`, assumed: false };
  const declared = py.declared.get(name);
  if (declared && !declared.local) {
    const { low, high } = bounds(declared.spec);
    if (low && compare(low, removed) >= 0) return { applies: true, evidence: `${base(declared.file)} declares ${declared.name}${declared.spec.trim() ? ` ${declared.spec.trim()}` : ''}`, assumed: false };
    if (high && compare(high, removed) <= 0) return { applies: false, evidence: '', assumed: false };
  }
  const locked = lockedVersion(project, path, name);
  if (locked) return { applies: compare(parse(locked), removed) >= 0, evidence: `the lockfile has ${shown} ${locked}`, assumed: false };
  return undefined;
}

/** Other packages whose releases require one of this package (Flask 3.0 → Werkzeug 3.0): name → its release → this package's least release. */
export type RequiredBy = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * `pyVerdict`, and when the project says nothing of `name`'s release, what a package that requires it
 * says: the project is at or past the removal when it declares a release of that package which needs
 * `name` at or past it (Flask 3.0 declared: Werkzeug is 3.0 or later). An older release of that package
 * says nothing (`name` may still be newer).
 */
export function pyVerdictVia(removedIn: string, name: string, shown: string, project: ProjectService | undefined, path: string, requiredBy?: RequiredBy, shownOf?: (pkg: string) => string): Verdict {
  const own = pyVerdict(removedIn, name, shown, project, path);
  if (own || !requiredBy) return own;
  const removed = parse(removedIn);
  for (const [other, releases] of Object.entries(requiredBy)) {
    // The first release of the other package that needs `name` at or past the removal.
    const first = Object.entries(releases).filter(([, least]) => compare(parse(least), removed) >= 0).sort(([a], [b]) => compare(parse(a), parse(b)))[0];
    if (!first) continue;
    const v = pyVerdict(first[0], other, shownOf?.(other) ?? other, project, path);
    if (v?.applies) return { ...v, evidence: `${v.evidence}, which requires ${shown} ${first[1]} or later` };
  }
  return undefined;
}
