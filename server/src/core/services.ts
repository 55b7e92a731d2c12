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
  /**
   * Who the registry itself says may publish it, lower-case: npm `maintainers` (names and e-mails),
   * PyPI `ownership` (user names, `org:<organization>`). Never the self-declared author fields.
   */
  owners?: readonly string[];
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
  /**
   * The registry's owners of an existing package (see `PackageFacts.owners`), asking for npm's full
   * packument when the look-up's answer had none; undefined when unknown or look-ups are off.
   */
  owners?(ecosystem: Ecosystem, name: string, signal?: AbortSignal): Promise<readonly string[] | undefined>;
  /**
   * When an existing package was first published (`PackageFacts.created`), asking for npm's full
   * packument when the look-up's answer had no time; undefined when unknown or look-ups are off.
   */
  firstPublished?(ecosystem: Ecosystem, name: string, signal?: AbortSignal): Promise<string | undefined>;
  /** Whether answers come only from the bundled snapshot (offline setting or untrusted workspace). */
  readonly offline: boolean;
}

/** Read-only access to the project around a file. Paths are workspace-relative, forward slashes. */
export interface ProjectService {
  readFile(relPath: string): string | undefined;
  exists(relPath: string): boolean;
  /** Directory entries (names only), or undefined when the folder does not exist. */
  list(relDir: string): string[] | undefined;
  /**
   * What the file's text is known by without reading it (a file on disk: its modification time and size; an open
   * document: its text), and its size in bytes; undefined where `readFile` answers undefined. Memos keyed by it
   * need not keep the text.
   */
  version?(relPath: string): { key: string; size: number } | undefined;
  /** The workspace folder's own name (`cas_server`): a root that is itself a Python package imports itself by it. */
  readonly rootName?: string;
}

/** Well-known service names in `Services`. */
export const REGISTRY = 'registry';
export const PROJECT = 'project';

/** One use of an imported API that the installed typings say is not real (or deprecated). */
export interface ApiFact {
  kind: 'missing-member' | 'missing-export' | 'deprecated' | 'arity' | 'unknown-option';
  /** Offsets in the checked text. */
  start: number;
  end: number;
  /** `fs.readFileAsync`, `readFileAsync` (an import), `hots` (an option key), `new Buffer`. */
  subject: string;
  /** The module whose typings were consulted: `fs`, `express`. */
  module: string;
  /** The callee an unknown option key is passed to. */
  callee?: string;
  /** A near name the typings do have ("did you mean"). */
  suggestion?: string;
  /** The `@deprecated` JSDoc text. */
  deprecation?: string;
  /** Arity: `2`, `2–3`, `at least 1`, `1 or 3`; and the count passed. */
  expected?: string;
  got?: number;
}

/** Type-checks one JS/TS file against only the declaration files it imports (a warm per-file program). */
export interface TypeService {
  /** Facts for this text, or undefined when cancelled or not checkable. Path is workspace-relative. */
  check(file: { path: string; text: string }, signal?: AbortSignal): Promise<readonly ApiFact[] | undefined>;
}

export const TYPES = 'types';

/**
 * Workspace files beyond the one analysed, read through the host (imports one level deep, for
 * summaries of the functions they export). Paths are workspace-relative, forward slashes.
 */
export interface WorkspaceIndex {
  /** The workspace file an import in `fromPath` names, or undefined (a package, missing, outside the workspace). */
  resolve(fromPath: string, specifier: string, language: 'js' | 'python'): string | undefined;
  /**
   * `derive(text, path)` over the file's current text, memoised per path, content and `key` (what the
   * result also depends on, such as compiled models); undefined when the file is missing, larger than
   * the limit, or `derive` threw.
   */
  derived<T>(relPath: string, key: object, derive: (text: string, path: string) => T): T | undefined;
  /**
   * The same memo, derived elsewhere (a worker thread): `derive` answers a box, or undefined when it
   * gave up (cancelled, the worker died), which is not memoised; undefined as `derived` is otherwise.
   */
  derivedAsync?<T>(relPath: string, key: object, derive: (text: string, path: string) => Promise<{ value: T | undefined } | undefined>): Promise<T | undefined>;
  /** What the memo has for the file's current text and `key`, without deriving it: a box, or undefined. */
  cached?<T>(relPath: string, key: object): { value: T | undefined } | undefined;
  /**
   * Source files of the workspace (workspace-relative; dependency, build and hidden folders left
   * out), for questions about who uses a file (breaking-change reach); undefined when not listable.
   */
  files?(): readonly string[] | undefined;
  /**
   * `combine` over `derive` (memoised as `derived` is, per file and `key`) of every listed source file under `dir`
   * (a folder ending in `/`, or '' for all) whose path `accept` matches, memoised per listing and `key`: a question
   * about a whole package, asked for each of its imports, walks the package once.
   */
  folderFacts?<T, R>(dir: string, key: object, accept: RegExp, derive: (text: string, path: string) => T, combine: (facts: ReadonlyArray<readonly [string, T]>) => R): R | undefined;
}

/** What `get` gives for each of `files` under `dir` that `accept` matches, where it gives something. */
export function factsUnder<T>(files: readonly string[], dir: string, accept: RegExp, get: (file: string) => T | undefined): Array<readonly [string, T]> {
  const out: Array<readonly [string, T]> = [];
  for (const f of files) {
    if (!f.startsWith(dir) || !accept.test(f)) continue;
    const v = get(f);
    if (v !== undefined) out.push([f, v]);
  }
  return out;
}

export const WORKSPACE = 'workspace';

/** A file as it was at the baseline revision. */
export interface BaselineFile {
  /** git's blob id: the key of everything derived from this content. */
  oid: string;
  text: string;
  /** What the baseline is, for messages: `HEAD`, `main (merge-base 1a2b3c4)`. */
  label: string;
}

/**
 * The workspace at a baseline revision (HEAD in the editor, `--baseline REV` on the CLI), read from
 * the repository's object store without running git. Paths are workspace-relative.
 */
export interface BaselineService {
  /** The file at the baseline; null when the baseline has no such file; undefined when there is no baseline. */
  read(relPath: string, signal?: AbortSignal): Promise<BaselineFile | null | undefined>;
  /** `derive(text)` memoised per blob id and `key` (bounded), so an edit recomputes only its own file. */
  derived<T>(file: BaselineFile, key: object, derive: (text: string) => T): T;
  /** What the baseline is now (a commit id), for caches of results that read it; undefined when unknown. */
  identity?(): Promise<string | undefined>;
}

export const BASELINE = 'baseline';

/**
 * What the published typings of one npm package major say (rules/data/npm-api-facts.json.gz, built by
 * scripts/refresh-api-facts.mjs). Member lists are sorted names joined by spaces; `*` means open.
 */
export interface PackedApi {
  /** The typings read: `express@4.21.2` or `@types/express@4.17.21`. */
  from: string;
  /** Every exported name (types included). */
  e: string;
  /** Members of the default export (a CommonJS `export =` value). */
  d?: string;
  /** Members of what calling the default export returns, of what awaiting that gives, of `new` on it. */
  r?: string;
  a?: string;
  n?: string;
  /** Exported objects and classes: static members, then instance members marked `#`. */
  o?: Record<string, string>;
}

export interface ApiPack {
  taken?: string;
  packages: Record<string, { latest: string; majors: Record<string, PackedApi> }>;
  /** Globals such as `fetch` (`a`: what awaiting a call gives). */
  globals?: Record<string, Partial<PackedApi>>;
}

/** The bundled API facts of popular npm packages, for packages that are not installed. */
export interface ApiPackService {
  /** The pack, loaded once; undefined when the file is missing or damaged. */
  pack(): ApiPack | undefined;
}

export const API_PACK = 'apiPack';
