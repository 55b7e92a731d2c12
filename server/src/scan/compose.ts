// The one composition of Vouch's analysis, used by every host so they cannot drift apart: the
// slow-tier services for a folder (project files, the workspace index, registry, type checker, the
// git baseline) and the scan pipeline (walk → both engine tiers → provenance and review annotation;
// a diff-aware scan keeps changed files and lines). `vouch scan`, the editor's report command and
// the server's diagnostics all build on it.
import { isAbsolute, resolve } from 'node:path';
import type { Engine } from '../core/engine';
import type { VouchSettings } from '../core/settings';
import type { BaselineService, RegistryService } from '../core/services';
import type { Services } from '../core/types';
import { FsProject } from '../project/fs-project';
import { ProjectIndex } from '../project/workspace-index';
import { ThreadedSummaries } from '../project/threaded-summaries';
import { ThreadedDocs } from '../registry/doc-thread';
import { SUMMARIES } from '../analysis/cross-file';
import { createRegistryService, type RegistryHandle } from '../registry';
import { apiPackService } from '../registry/api-pack';
import { TypeCheckService } from '../typecheck/service';
import { ThreadedTypeService } from '../typecheck/threaded';
import { GitBaseline } from '../vcs/baseline';
import { annotateProvenance } from './provenance';
import type { AnnotatedScan } from './result';
import { scanFilesAsync, type FileResultReuse } from './scan';
import { limitToChange, markChange } from './changed';
import { inShard, type Shard } from './shard';
import { scanFilesPooled, type PoolOptions, type WorkerServices } from './pool';
import type { ChangeScope } from '../vcs/changes';

export interface ServiceOptions {
  /** Workspace trust; untrusted → registry look-ups off (snapshot only). */
  trusted: boolean;
  /** On-disk registry cache; none → memory only. */
  cacheDir?: string;
  log: (msg: string) => void;
  /**
   * Folders the phantom-api type checker serves (one warm checker for all of them); absent → no type
   * checks (they cost 0.1–0.4 s per JS/TS file, so the CLI makes them opt-in).
   */
  typeRoots?: () => readonly string[];
  /**
   * Run the type checker on a worker thread, logging its restarts here (the language server: a cold
   * check holds a thread for seconds). Absent: on the caller's thread (the CLI's scan is one batch
   * that waits for every check anyway).
   */
  typeWorker?: { log: (msg: string) => void };
  /**
   * Summarise imported workspace files (cross-file flows) on a worker thread, logging here (the language
   * server: a big imported file would hold the thread that answers keystrokes). Absent: on the caller's
   * thread, where a scan's memo shares each file's lowering with its own run.
   */
  summaryWorker?: { log: (msg: string) => void };
  /**
   * Parse large registry answers on a worker thread, logging here (the language server: a busy package's
   * packument holds a thread for up to a quarter of a second). Absent: on the caller's thread.
   */
  registryWorker?: { log: (msg: string) => void };
  /** A one-shot scan: file-system answers (stat, the listing of sources) hold for the whole run. */
  snapshot?: boolean;
  /** Project .npmrc auth and `${VAR}` as npm reads them (`--trust-workspace-config`); default: locations only. */
  trustWorkspaceConfig?: boolean;
  /**
   * The baseline of change-aware rules for a folder (`--baseline REV` on the CLI); default: the
   * folder's git HEAD, followed as it moves (none outside a repository). Read, never run: also untrusted.
   */
  baseline?: (root: string) => BaselineService | undefined;
  /** Told the number of package look-ups in flight whenever it changes (the editor shows "checking packages…"). */
  onLookups?: (inFlight: number) => void;
}

/** Services per workspace folder, built once and updated when that folder's registry settings change. */
export class FolderServices {
  private readonly folders = new Map<string, { project: FsProject; workspace: ProjectIndex; registry: RegistryHandle; registryKey: string; baseline?: BaselineService }>();
  private readonly types: TypeCheckService | ThreadedTypeService | undefined;
  private readonly summaries: ThreadedSummaries | undefined;
  private readonly docs: ThreadedDocs | undefined;
  /** The bundled npm API facts (phantom-member, for packages that are not installed). */
  private readonly apiPack = apiPackService();

  constructor(private readonly options: ServiceOptions) {
    const roots = options.typeRoots;
    const worker = options.typeWorker;
    this.types = roots && (worker ? new ThreadedTypeService({ roots, log: worker.log }) : new TypeCheckService(roots));
    this.summaries = options.summaryWorker && new ThreadedSummaries(options.summaryWorker.log);
    this.docs = options.registryWorker && new ThreadedDocs(options.registryWorker.log);
  }

  /** Services for a document or scan under `root` with its resource settings. */
  for(root: string, settings: VouchSettings): Services {
    const key = JSON.stringify(settings.registry);
    let f = this.folders.get(root);
    if (!f) {
      const registry = createRegistryService({
        settings, workspaceRoot: isAbsolute(root) ? root : undefined, cacheDir: this.options.cacheDir, trusted: this.options.trusted, log: this.options.log,
        trustWorkspaceConfig: this.options.trustWorkspaceConfig, ...(this.docs ? { client: { docs: this.docs } } : {}),
      });
      const project = new FsProject(root, this.options.snapshot ? { statTtlMs: Infinity } : {});
      const baseline = this.options.baseline ? this.options.baseline(root) : isAbsolute(root) ? GitBaseline.follow(root) : undefined;
      // A scan's snapshot (the CLI) lists the workspace once: questions about a whole package are answered once per listing.
      f = { project, workspace: new ProjectIndex(project, this.options.snapshot ? { filesTtlMs: Infinity } : {}), registry, registryKey: key, baseline };
      this.folders.set(root, f);
    } else if (f.registryKey !== key) {
      f.registry.update({ settings });
      f.registryKey = key;
    }
    return {
      project: f.project, workspace: f.workspace, registry: this.counted(f.registry), dependencies: settings.dependencies, types: this.types, apiPack: this.apiPack,
      ...(f.baseline ? { baseline: f.baseline } : {}), ...(this.summaries ? { [SUMMARIES]: this.summaries } : {}),
    };
  }

  /**
   * What a scan worker needs to build these services for `root` again (scan/pool.ts), or undefined
   * when they cannot be told as data (a baseline that is not a git one): then the scan stays in-thread.
   * `types: false`: the worker builds no type checker.
   */
  workerServices(root: string, { types = true }: { types?: boolean } = {}): WorkerServices | undefined {
    const f = this.folders.get(root);
    if (!f || (f.baseline && !(f.baseline instanceof GitBaseline))) return undefined;
    return {
      trusted: this.options.trusted, snapshot: !!this.options.snapshot, trustWorkspaceConfig: !!this.options.trustWorkspaceConfig,
      ...(types && this.options.typeRoots ? { typeRoots: [...this.options.typeRoots()] } : {}),
      baseline: f.baseline instanceof GitBaseline ? { rev: f.baseline.rev, fixed: !f.baseline.follows } : null,
    };
  }

  private inFlight = 0;

  /** The registry with its look-ups counted for `onLookups`; the registry itself when nobody listens. */
  private counted(registry: RegistryHandle): RegistryService {
    const listen = this.options.onLookups;
    if (!listen) return registry;
    const counting = async <T>(ask: () => Promise<T>): Promise<T> => {
      listen((this.inFlight += 1));
      try {
        return await ask();
      } finally {
        listen((this.inFlight -= 1));
      }
    };
    return {
      get offline() {
        return registry.offline;
      },
      popular: (ecosystem) => registry.popular(ecosystem),
      lookup: (ecosystem, name, signal) => counting(() => registry.lookup(ecosystem, name, signal)),
      owners: (ecosystem, name, signal) => counting(() => registry.owners(ecosystem, name, signal)),
    };
  }

  setTrusted(trusted: boolean): void {
    this.options.trusted = trusted;
    for (const f of this.folders.values()) f.registry.update({ trusted });
  }

  /**
   * Stops the service threads that are idle now (type checker, summaries, registry answers); each starts
   * again on its next request. The workspace report calls it: its scan worker loads an engine of its own,
   * and the type checker's warm programs would sit beside it unused (no type checks in a report).
   */
  releaseIdleThreads(): void {
    if (this.types instanceof ThreadedTypeService) this.types.release();
    this.summaries?.release();
    this.docs?.release();
  }

  /** Installs and manifest edits change what exists: drop cached typings. */
  dependenciesChanged(): void {
    this.types?.clear();
  }

  dispose(): void {
    for (const f of this.folders.values()) f.registry.dispose();
    this.folders.clear();
    this.types?.dispose();
    this.summaries?.dispose();
    this.docs?.dispose();
  }
}

export interface ScanRun {
  engine: Engine;
  /** Run-level problems known before the scan (e.g. a parser that could not load). */
  warnings?: readonly string[];
  /** Report paths are relative to this folder; `.vouch/` files are read from it. */
  root: string;
  /** Files or folders to scan (the root when none); only provenance of files under them counts. */
  paths?: readonly string[];
  settings: VouchSettings;
  services: Services;
  /** Keep each file's text for report snippets. */
  keepText?: boolean;
  onProgress?: (done: number, total: number, path: string) => void;
  /**
   * A diff-aware scan: only files changed since the baseline, findings only on changed lines unless
   * `allLines`; with `mark`, every file and finding is kept and those in the change are marked instead.
   */
  change?: { scope: ChangeScope; allLines?: boolean; mark?: boolean };
  /** Only this shard's files (`--shard k/n`). */
  shard?: Shard;
  /** Cancels the run (it rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Per-file results of unchanged files from an earlier run (the editor's report keeps them). */
  reuse?: FileResultReuse;
  /**
   * Analyse on worker threads (`--jobs N`, scan/pool.ts): each builds its own engine (every detector,
   * as `createEngine` makes it) and these services again. Absent, or with reuse: on this thread.
   */
  pool?: PoolOptions;
}

/** The scan pipeline: files walked and analysed in both tiers, then provenance and review coverage. */
export async function runScan(run: ScanRun): Promise<AnnotatedScan> {
  const starts = run.paths?.length ? run.paths.map((p) => resolve(p)) : [resolve(run.root)];
  const scope = run.change?.mark ? undefined : run.change?.scope;
  const scanOptions = {
    root: run.root, paths: starts, settings: run.settings, engine: run.engine, keepText: run.keepText,
    onProgress: run.onProgress, services: run.services, only: onlyFiles(scope, run.shard),
    signal: run.signal, reuse: run.reuse,
  };
  let scanned = run.pool && (run.pool.jobs > 1 || run.pool.offThread) ? await scanFilesPooled(scanOptions, run.pool) : await scanFilesAsync(scanOptions);
  if (scope) scanned = await limitToChange(scanned, scope, !!run.change?.allLines);
  else if (run.change?.mark) scanned = await markChange(scanned, run.change.scope);
  if (run.shard) scanned.shard = `${run.shard.index + 1}/${run.shard.count}`;
  const warnings = [...(run.warnings ?? []), ...(scanned.warnings ?? [])];
  const withWarnings = warnings.length ? { ...scanned, warnings } : scanned;
  return annotateProvenance(withWarnings, run.settings, starts);
}

/** The files a run keeps: those the change touched and those of its shard (all when neither is given). */
function onlyFiles(scope: ChangeScope | undefined, shard: Shard | undefined): ((rel: string) => boolean) | undefined {
  if (!scope && !shard) return undefined;
  return (rel) => (!scope || scope.changed(rel)) && (!shard || inShard(rel, shard));
}
