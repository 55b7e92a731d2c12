// Status bar item: finding count for the active file, and why a file was skipped.
import * as vscode from 'vscode';
import { Commands, type StatusParams } from '../../server/src/protocol';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vouch.status', vscode.StatusBarAlignment.Right, 100);
  private readonly byUri = new Map<string, StatusParams>();
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());

  constructor() {
    this.item.name = 'Vouch';
    this.item.command = Commands.showOutput;
    this.render();
  }

  update(params: StatusParams): void {
    this.byUri.set(params.uri, params);
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? this.byUri.get(uri) : undefined;
    if (!s) {
      this.item.text = '$(shield) Vouch';
      this.item.tooltip = 'Vouch is running';
    } else if (s.notices.length) {
      this.item.text = '$(shield) Vouch $(info)';
      this.item.tooltip = s.notices.join('\n');
    } else {
      this.item.text = s.findings ? `$(shield) Vouch ${s.findings}` : '$(shield) Vouch $(check)';
      this.item.tooltip = s.findings ? `${s.findings} Vouch finding(s) in this file` : 'No Vouch findings in this file';
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    this.subscription.dispose();
  }
}
