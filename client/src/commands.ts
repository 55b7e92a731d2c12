// Commands contributed in package.json (ids in protocol.ts); the report's are in report-view.ts.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, RuleDocRequest } from '../../server/src/protocol';

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
    vscode.commands.registerCommand(Commands.restartServer, restart),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
  ];
}
