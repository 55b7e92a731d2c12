// Commands contributed in package.json (ids in protocol.ts).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, RuleDocRequest, ScanWorkspaceRequest, type ScanWorkspaceParams } from '../../server/src/protocol';

const FORMATS: Array<{ label: string; format: ScanWorkspaceParams['format']; ext: string }> = [
  { label: 'HTML', format: 'html', ext: 'html' },
  { label: 'Markdown', format: 'markdown', ext: 'md' },
  { label: 'SARIF 2.1.0', format: 'sarif', ext: 'sarif' },
  { label: 'JSON', format: 'json', ext: 'json' },
];

export function registerCommands(client: () => LanguageClient | undefined, output: vscode.OutputChannel, restart: () => Promise<void>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.showRuleDoc, async (ruleId?: string) => {
      const c = client();
      if (!c || typeof ruleId !== 'string') return;
      const doc = await c.sendRequest(RuleDocRequest, { ruleId });
      if (!doc) {
        void vscode.window.showWarningMessage(`Vouch has no rule named ${ruleId}.`);
        return;
      }
      const md = await vscode.workspace.openTextDocument({ language: 'markdown', content: doc.markdown });
      await vscode.commands.executeCommand('markdown.showPreview', md.uri).then(undefined, () => vscode.window.showTextDocument(md));
    }),
    vscode.commands.registerCommand(Commands.generateReport, async (format?: ScanWorkspaceParams['format'], target?: vscode.Uri) => {
      const c = client();
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!c || !folder) {
        void vscode.window.showWarningMessage('Vouch: open a folder to generate a workspace report.');
        return;
      }
      const pick = format ? FORMATS.find((f) => f.format === format) : await vscode.window.showQuickPick(FORMATS, { title: 'Vouch report format' });
      if (!pick) return;
      const output = target ?? vscode.Uri.joinPath(folder.uri, `vouch-report.${pick.ext}`);
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Vouch: scanning workspace…' },
        () => c.sendRequest(ScanWorkspaceRequest, { format: pick.format, output: output.fsPath }),
      );
      output.scheme === 'file' && void vscode.window.showInformationMessage(
        `Vouch: ${result.findings} finding(s) in ${result.files} file(s) (${result.bySeverity.error} error) — report written to ${vscode.workspace.asRelativePath(output)}.`,
        'Open',
      ).then((a) => a === 'Open' && vscode.commands.executeCommand('vscode.open', output));
      return result;
    }),
    vscode.commands.registerCommand(Commands.restartServer, restart),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
  ];
}
