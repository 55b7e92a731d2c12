// Interfaces of the services the slow tier needs. Hosts (server, CLI, tests) inject implementations
// through `Services`; detectors import only these types, never the implementations.

export type Ecosystem = 'npm' | 'pypi';

/** What a registry (or the bundled snapshot) says about one package name. */
export interface PackageFacts {
  ecosystem: Ecosystem;
  name: string;
  exists: boolean;
  /** ISO time the name was first published. */
  created?: string;
  /** Number of published versions. */
  versions?: number;
  latest?: string;
  /** Deprecation message of the latest version (npm) or yanked/inactive note (PyPI). */
  deprecated?: string;
  /** Monthly downloads where known (npm download counts or the snapshot's). */
  monthlyDownloads?: number;
  /** Where the answer came from; messages say so when it is the offline snapshot. */
  source: 'registry' | 'cache' | 'snapshot';
}

export interface RegistryService {
  /**
   * Facts about a package name, or undefined when nothing is known (look-ups disabled and the
   * snapshot has no answer, registry unreachable, time-out). Only the name leaves the machine.
   */
  lookup(ecosystem: Ecosystem, name: string, signal?: AbortSignal): Promise<PackageFacts | undefined>;
  /** Popular names with monthly downloads (npm) or a rank-derived weight (PyPI), for typosquat checks. */
  popular(ecosystem: Ecosystem): ReadonlyMap<string, number>;
  /** Whether answers come only from the bundled snapshot (offline setting or untrusted workspace). */
  readonly offline: boolean;
}

/** Read-only access to the project around a file. Paths are workspace-relative, forward slashes. */
export interface ProjectService {
  readFile(relPath: string): string | undefined;
  exists(relPath: string): boolean;
  /** Directory entries (names only), or undefined when the folder does not exist. */
  list(relDir: string): string[] | undefined;
}

/** Well-known service names in `Services`. */
export const REGISTRY = 'registry';
export const PROJECT = 'project';
