// "Vouch: Verdict for My Change": asks the server (`vouch/verdict`, the code of `vouch verdict`) for the
// verdict of the working tree against git HEAD, says it in a notification (information for pass,
// warning for needs review, error for fail) and, on "Show Details", lists each reason in a quick pick
// whose items open their place. The summary also goes to the output channel. Returns the report, so
// other extensions and the tests can read the verdict.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { Commands, VerdictRequest, type VerdictReport } from '../../server/src/protocol';
import { reportFileUri } from './report-view';
import { GROUP_TITLES, verdictHeadline, verdictItems, type VerdictItem } from './verdict-items';

const DETAILS = 'Show Details';

interface PickItem extends vscode.QuickPickItem {
  place?: VerdictItem['place'];
}

async function request(c: LanguageClient, uri: string | undefined): Promise<VerdictReport | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Vouch: judging your change', cancellable: true },
    async (progress, token) => {
      const workDoneToken = randomUUID();
      const sub = c.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
        if (v.kind !== 'end' && v.message) progress.report({ message: v.message });
      });
      try {
        return await c.sendRequest(VerdictRequest, { uri, workDoneToken }, token);
      } catch (e) {
        if (!token.isCancellationRequested) void vscode.window.showErrorMessage(`Vouch: ${(e as Error)?.message ?? e}`);
        return undefined;
      } finally {
        sub.dispose();
      }
    },
  );
}

async function showDetails(report: VerdictReport): Promise<void> {
  const root = vscode.Uri.parse(report.rootUri);
  const items: PickItem[] = [];
  let group: VerdictItem['group'] | undefined;
  for (const i of verdictItems(report)) {
    if (i.group !== group) {
      group = i.group;
      items.push({ label: GROUP_TITLES[group], kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({ label: `$(${i.icon}) ${i.label}`, description: i.description, detail: i.detail, place: i.place });
  }
  if (!items.length) {
    void vscode.window.showInformationMessage(`Vouch: nothing in the change needs attention (${report.files.length} changed files against ${report.baseline}).`);
    return;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: `Vouch verdict: ${report.verdict.toUpperCase().replace('-', ' ')} — against ${report.baseline}`,
    placeHolder: 'Pick a place to open it',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  const uri = picked?.place && reportFileUri(root, picked.place.path);
  if (!uri || !picked?.place) return;
  const at = new vscode.Position(Math.max(0, picked.place.line - 1), Math.max(0, picked.place.column - 1));
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, at), preview: false });
}

/** Unsaved files are not judged (the verdict, like the CLI, reads what is on disk). */
function unsavedNote(): string {
  const n = vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file').length;
  return n ? ` ${n} unsaved file${n === 1 ? ' is' : 's are'} not included.` : '';
}

export function registerVerdictCommand(client: () => LanguageClient | undefined, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.verdict, async (uriArg?: unknown): Promise<VerdictReport | undefined> => {
    const c = client();
    if (!c?.isRunning() || !vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage('Vouch: open a folder in a git repository to get a verdict for your change.');
      return undefined;
    }
    const uri = typeof uriArg === 'string' ? uriArg : uriArg instanceof vscode.Uri ? uriArg.toString() : vscode.window.activeTextEditor?.document.uri.toString();
    const report = await request(c, uri);
    if (!report) return undefined;
    output.info(`verdict against ${report.baseline}:\n${report.summary}`);
    const message = verdictHeadline(report) + unsavedNote();
    const show = report.verdict === 'pass' ? vscode.window.showInformationMessage
      : report.verdict === 'needs-review' ? vscode.window.showWarningMessage
      : vscode.window.showErrorMessage;
    // Not awaited: the command answers with the verdict while the notification stays up.
    void show(message, DETAILS).then((a) => (a === DETAILS ? showDetails(report) : undefined));
    return report;
  });
}
