// "Vouch: Verdict for My Change" in the editor: the working tree's change against git HEAD, judged by
// the code of `vouch verdict` (scan/verdict-run.ts) with the editor's settings and services. Reads
// saved files only, as the CLI does; writes nothing (no JSON, no statement: signing stays a CLI step).
import { pathToFileURL } from 'node:url';
import { LSPErrorCodes, ResponseError, type CancellationToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import type { Engine } from '../core/engine';
import type { VerdictParams, VerdictReport } from '../protocol';
import { verdictSummary } from '../review/verdict';
import type { FolderServices } from '../scan/compose';
import { verdictOfChange } from '../scan/verdict-run';
import { GitBaseline } from '../vcs/baseline';
import { VcsError } from '../vcs/repository';
import type { Workspace } from './workspace';

type Loaded = { engine: Engine; warnings: readonly string[] };

export async function verdictForChange(
  loaded: Promise<Loaded>, workspace: Workspace, folders: FolderServices | undefined, params: VerdictParams,
  token: CancellationToken, progress: WorkDoneProgressReporter,
): Promise<VerdictReport> {
  const { engine, warnings } = await loaded;
  const roots = workspace.roots();
  const scope = params.uri ? workspace.scopeOf(params.uri) : undefined;
  // Roots are sorted longest first; without an editor in a folder, the outermost one.
  const root = scope && !scope.outside && roots.includes(scope.root) ? scope.root : roots[roots.length - 1];
  if (!root || !folders) throw new ResponseError(LSPErrorCodes.RequestFailed, 'Open a folder: the verdict judges the change in a git repository.');
  let baseline: GitBaseline;
  try {
    baseline = await GitBaseline.open(root, 'HEAD');
  } catch (e) {
    if (e instanceof VcsError) throw new ResponseError(LSPErrorCodes.RequestFailed, `No verdict: ${e.message}`);
    throw e;
  }
  const settings = await workspace.settingsFor(`${pathToFileURL(root).href}/`);
  const abort = new AbortController();
  const cancelled = token.onCancellationRequested(() => abort.abort());
  progress.begin('Vouch: verdict for the change', 0, undefined, true);
  try {
    const run = await verdictOfChange({
      engine, warnings, root, settings, baseline, services: folders.for(root, settings), signal: abort.signal,
      onProgress: (done, total) => progress.report(total ? Math.floor((done / total) * 100) : 100, `${done} of ${total} changed files`),
    });
    const files = run.changed.map((c) => c.path);
    return {
      ...run.result, rootUri: pathToFileURL(root).href, baseline: run.baselineLabel, files,
      summary: verdictSummary(run.result, files.length),
    };
  } catch (e) {
    if (abort.signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The verdict was cancelled.');
    throw e;
  } finally {
    cancelled.dispose();
    progress.done();
  }
}
