// The workspace report: the same scan pipeline as `vouch scan` (scan/compose.ts) over every workspace
// folder, with the services the editor's diagnostics use. The server writes no file: it keeps the
// latest scan and renders it on request (the view's HTML, or an export the client writes where the
// user chose). Per-file results are reused across runs while a file and what it read are unchanged
// (scan/reuse.ts); the cache is dropped when dependencies change. In a git repository the findings on
// lines changed since HEAD are marked ("findings in my change"); HEAD is read, git is never run.
import { pathToFileURL } from 'node:url';
import { LSPErrorCodes, ResponseError, type CancellationToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import type { Engine } from '../core/engine';
import type { BaselineService } from '../core/services';
import { SUMMARIES } from '../analysis/cross-file';
import { SEVERITIES, type Severity } from '../core/types';
import type { RenderReportParams, RenderReportResult, ScanWorkspaceResult } from '../protocol';
import { formatReport } from '../report';
import { toHtml } from '../report/html';
import { activeFindings } from '../report/json';
import { runScan, type FolderServices } from '../scan/compose';
import { editorJobs } from '../scan/pool';
import type { AnnotatedScan } from '../scan/result';
import { ResultCache } from '../scan/reuse';
import { docsDir, ruleDocsFrom } from '../scan/rule-docs';
import { GitBaseline } from '../vcs/baseline';
import { changeScope, type ChangeScope } from '../vcs/changes';
import { VERSION } from '../version';
import type { Workspace } from './workspace';

type Loaded = { engine: Engine; warnings: readonly string[] };

export class Reports {
  private readonly cache = new ResultCache();
  private last: { id: number; scan: AnnotatedScan } | undefined;
  private nextId = 1;

  constructor(
    private readonly loaded: Promise<Loaded>,
    private readonly workspace: Workspace,
    private readonly services: () => FolderServices | undefined,
  ) {}

  async scan(token: CancellationToken, progress: WorkDoneProgressReporter): Promise<ScanWorkspaceResult> {
    const { engine, warnings } = await this.loaded;
    const folders = this.services();
    const roots = this.workspace.roots();
    if (!roots.length || !folders) throw new ResponseError(LSPErrorCodes.RequestFailed, 'Open a folder to generate a workspace report.');
    const root = roots[roots.length - 1];
    const settings = await this.workspace.settingsFor(`${pathToFileURL(root).href}/`);
    const services = folders.for(root, settings);
    // A scan summarises imported files on its own thread, sharing each file's lowering with its own run.
    delete services[SUMMARIES];
    // No type checks, as `vouch scan` without --types: a type check is a language service per file (about
    // 40 ms of CPU each), and on a 3,000-file workspace the report took 2 minutes and 2.2 GB with them.
    // Open files keep theirs in the editor.
    delete services.types;
    // On worker threads when the workspace is large enough (scan/pool.ts); they ask this thread's reuse
    // cache before each file and tell it after, so a later report analyses only what changed.
    const workerServices = folders.workerServices(root, { types: false });
    // Their memory goes to the scan's worker; an edit during the report starts them again (a cold type check).
    folders.releaseIdleThreads();
    const change = await changeSinceHead(services.baseline);
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    progress.begin('Vouch: scanning the workspace', 0, undefined, true);
    let reported = 0;
    try {
      const scan = await runScan({
        engine, warnings, root, paths: roots, settings, services, keepText: true, signal: abort.signal,
        ...(change ? { change: { scope: change.scope, mark: true } } : {}),
        // Results depend on the settings, on whether look-ups happen, on the engine's rules and on the baseline.
        reuse: this.cache.forRun(root, JSON.stringify([VERSION, settings, services.registry?.offline ?? true, change?.commit ?? null]), services),
        ...(workerServices ? { pool: { jobs: editorJobs(), offThread: true, services: workerServices } } : {}),
        onProgress: (done, total) => {
          const now = performance.now();
          if (now - reported < 100 && done < total) return;
          reported = now;
          progress.report(total ? Math.floor((done / total) * 100) : 100, `${done} of ${total} files`);
        },
      });
      this.last = { id: this.nextId++, scan };
      const active = activeFindings(scan);
      const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, active.filter((a) => a.finding.severity === s).length])) as Record<Severity, number>;
      return {
        scanId: this.last.id, rootUri: pathToFileURL(scan.root).href, files: scan.fileCount, findings: active.length, bySeverity,
        durationMs: scan.durationMs, reused: scan.reused ?? 0,
      };
    } catch (e) {
      if (abort.signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The workspace report was cancelled.');
      throw e;
    } finally {
      cancelled.dispose();
      progress.done();
    }
  }

  async render(params: RenderReportParams): Promise<RenderReportResult> {
    const last = this.last;
    if (!last || last.id !== params.scanId) throw new ResponseError(LSPErrorCodes.RequestFailed, 'This report is no longer kept: generate it again.');
    const { engine } = await this.loaded;
    const docs = ruleDocsFrom(docsDir());
    const text = params.format === 'html'
      ? toHtml(last.scan, engine.rules(), docs, { webview: params.webview })
      : formatReport(params.format, last.scan, engine.rules(), docs);
    return { text };
  }

  /** Installs and manifest edits change what typings and imports say: nothing kept holds. */
  dependenciesChanged(): void {
    this.cache.clear();
  }
}

/** The change since HEAD when the folder's baseline is a git repository with a commit; undefined otherwise. */
async function changeSinceHead(baseline: BaselineService | undefined): Promise<{ scope: ChangeScope; commit: string } | undefined> {
  if (!(baseline instanceof GitBaseline)) return undefined;
  try {
    const commit = await baseline.identity();
    return commit ? { scope: await changeScope(baseline), commit } : undefined;
  } catch {
    return undefined; // an unreadable repository: the report still shows every finding
  }
}
