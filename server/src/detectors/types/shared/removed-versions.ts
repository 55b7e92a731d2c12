// Which major of a package the workspace runs, for removed-package-api: node_modules, then the nearest
// package.json range when every version it allows decides, then the lockfile (npm, yarn, pnpm).
import semver from 'semver';
import type { ProjectService } from '../../../core/services';
import { ancestors, join, type NpmProject } from '../../deps/shared/project-npm';

/** The part of a pack entry the verdict reads. */
export interface RemovalSpan { removedIn: number; restoredIn?: number }

/** Versions of `pkg` in the lockfile nearest `path` (npm, yarn, pnpm); empty when none says. */
function lockedVersions(project: ProjectService, path: string, pkg: string): string[] {
  const name = pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  for (const dir of ancestors(path)) {
    const npm = project.readFile(join(dir, 'package-lock.json')) ?? project.readFile(join(dir, 'npm-shrinkwrap.json'));
    if (npm !== undefined) {
      const v2 = new RegExp(`"node_modules/${name}":\\s*\\{\\s*"version":\\s*"([^"]+)"`).exec(npm);
      const v1 = new RegExp(`\\n {4}"${name}":\\s*\\{\\s*"version":\\s*"([^"]+)"`).exec(npm);
      return (v2 ?? v1) ? [(v2 ?? v1)![1]] : [];
    }
    const yarn = project.readFile(join(dir, 'yarn.lock'));
    if (yarn !== undefined) {
      return [...yarn.matchAll(new RegExp(`^"?${name}@[^\\n]*:\\n(?:[ \\t]+[^\\n]*\\n)*?[ \\t]+version:?[ \\t]+"?([^"\\n]+)"?`, 'gm'))].map((m) => m[1]);
    }
    const pnpm = project.readFile(join(dir, 'pnpm-lock.yaml'));
    if (pnpm !== undefined) return [...pnpm.matchAll(new RegExp(`^\\s+/?'?${name}[@/](\\d+\\.\\d+\\.\\d+[^:('\\s]*)`, 'gm'))].map((m) => m[1]);
  }
  return [];
}

export type Verdict = { applies: boolean; evidence: string; assumed: boolean } | undefined;

const inRange = (e: RemovalSpan, major: number) => major >= e.removedIn && (e.restoredIn === undefined || major < e.restoredIn);

/** Whether the workspace's `pkg` is past `e`'s removal: undefined when nothing can tell. */
export function verdict(e: RemovalSpan, pkg: string, assume: number | undefined, project: ProjectService | undefined, path: string, deps: NpmProject | undefined): Verdict {
  const installed = deps?.installedVersion(pkg);
  const exact = installed ? semver.coerce(installed) : null;
  if (exact) return { applies: inRange(e, exact.major), evidence: `${pkg}@${installed} is installed here`, assumed: false };
  const declared = deps?.declared.get(pkg);
  const range = declared ? semver.validRange(declared.spec.trim() || '*') : null;
  if (range) {
    const older = semver.intersects(range, `<${e.removedIn}.0.0-0`);
    const restored = e.restoredIn !== undefined && semver.intersects(range, `>=${e.restoredIn}.0.0-0`);
    if (!older && !restored) return { applies: true, evidence: `package.json declares ${pkg} ${declared!.spec}`, assumed: false };
    if (!semver.intersects(range, `>=${e.removedIn}.0.0-0`)) return { applies: false, evidence: '', assumed: false };
  }
  const locked = project ? lockedVersions(project, path, pkg).map((v) => semver.coerce(v)).filter((v): v is semver.SemVer => !!v) : [];
  if (locked.length) return { applies: locked.every((v) => inRange(e, v.major)), evidence: `the lockfile has ${pkg}@${locked[0].version}`, assumed: false };
  // A range that allows older majors, with nothing locked: the older ones may be what runs.
  if (range || assume === undefined) return undefined;
  return { applies: inRange(e, assume), evidence: `no ${pkg} version is declared here, so ${assume} or later is assumed`, assumed: true };
}
