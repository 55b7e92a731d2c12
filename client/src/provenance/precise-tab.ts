// captureMode 'precise': Vouch's own Tab / Ctrl+Right bindings (package.json, only active when the
// setting says so and ghost text or a next edit is showing) run VS Code's own accept command; the
// edits that land before that command resolves are the suggestion, recorded with high confidence.
// Whatever happens on our side, VS Code's command runs.
import * as vscode from 'vscode';
import { setPreciseAccept } from './capture';

export const PreciseCommands = {
  accept: 'vouch.acceptInlineSuggestion',
  acceptNextWord: 'vouch.acceptInlineSuggestionNextWord',
  acceptNextLine: 'vouch.acceptInlineSuggestionNextLine',
} as const;

const TARGETS: Record<string, string> = {
  [PreciseCommands.accept]: 'editor.action.inlineSuggest.commit', // ghost text and next-edit suggestions
  [PreciseCommands.acceptNextWord]: 'editor.action.inlineSuggest.acceptNextWord',
  [PreciseCommands.acceptNextLine]: 'editor.action.inlineSuggest.acceptNextLine',
};

export async function runAccept(target: string): Promise<unknown> {
  let marked = false;
  try {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    setPreciseAccept(uri);
    marked = uri !== undefined;
  } catch {
    // recording is best effort; accepting is not
  }
  try {
    return await vscode.commands.executeCommand(target);
  } finally {
    if (marked) setPreciseAccept(undefined);
  }
}

export function registerPreciseTab(): vscode.Disposable[] {
  return Object.entries(TARGETS).map(([id, target]) => vscode.commands.registerCommand(id, () => runAccept(target)));
}
