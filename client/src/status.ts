// Status bar item: trust score and unreviewed assisted regions of the active file
// (`Vouch 72 · 2 unreviewed`), finding count and why a file was skipped (`Vouch: not analysed`, never a
// score, for files Vouch does not analyse), "checking packages…" while a registry look-up takes a moment;
// click opens the trust panel.
import * as vscode from 'vscode';
import { Commands, type FileTrust, type StatusParams } from '../../server/src/protocol';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vouch.status', vscode.StatusBarAlignment.Right, 100);
  private readonly byUri = new Map<string, StatusParams>();
  private readonly trustByUri = new Map<string, FileTrust>();
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());
  private readonly updated = new vscode.EventEmitter<string>();
  private checking = false;
  private checkingTimer: NodeJS.Timeout | undefined;
  /** Fires with the URI of each analysed document (the trust UI refreshes on it). */
  readonly onDidUpdate = this.updated.event;

  constructor() {
    this.item.name = 'Vouch';
    this.item.command = Commands.showTrustPanel;
    this.render();
  }

  update(params: StatusParams): void {
    this.byUri.set(params.uri, params);
    this.render();
    this.updated.fire(params.uri);
  }

  /** Package look-ups in flight or not (`vouch/activity`): "checking packages…" while one takes a moment. */
  setCheckingPackages(busy: boolean): void {
    clearTimeout(this.checkingTimer);
    if (busy) {
      // Cached answers come back at once: only a look-up that takes a moment is worth a word.
      this.checkingTimer = setTimeout(() => {
        this.checking = true;
        this.render();
      }, 250);
    } else if (this.checking) {
      this.checking = false;
      this.render();
    }
  }

  updateTrust(uri: string, trust: FileTrust | null | undefined): void {
    if (trust) this.trustByUri.set(uri, trust);
    else this.trustByUri.delete(uri);
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? this.byUri.get(uri) : undefined;
    const t = uri ? this.trustByUri.get(uri) : undefined;
    const tips: string[] = [];
    if (!s && !t) {
      this.item.text = '$(shield) Vouch';
      tips.push('Vouch is running');
    } else if (t?.notAnalysed) {
      // Never a score here: "100" would read as "checked and fine".
      this.item.text = '$(shield) Vouch: not analysed';
      tips.push(`Not analysed: ${t.notAnalysed}`);
    } else if (s?.notices.length) {
      this.item.text = '$(shield) Vouch $(info)';
      tips.push(...s.notices);
    } else if (t) {
      const open = t.regions.filter((r) => r.state !== 'reviewed').length;
      this.item.text = `$(shield) Vouch ${t.score}${open ? ` · ${open} unreviewed` : ''}`;
      tips.push(`Trust score ${t.score}/100`);
      if (t.assistedLines) tips.push(`${t.assistedLines} of ${t.totalLines} lines assisted, ${t.unreviewedLines} unreviewed`);
      tips.push(`${t.findings.length} Vouch finding(s) in this file`);
    } else if (s) {
      this.item.text = s.findings ? `$(shield) Vouch ${s.findings}` : '$(shield) Vouch $(check)';
      tips.push(s.findings ? `${s.findings} Vouch finding(s) in this file` : 'No Vouch findings in this file');
    }
    if (this.checking) {
      this.item.text = `${this.item.text.replace('$(shield)', '$(loading~spin)')} · checking packages…`;
      tips.unshift('Checking package names on the registry (only the names leave this machine)');
    }
    tips.push('Click to open the trust panel');
    this.item.tooltip = tips.join('\n');
    this.item.backgroundColor = t && t.regions.some((r) => r.state !== 'reviewed' && r.findingIds.length)
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.checkingTimer);
    this.item.dispose();
    this.subscription.dispose();
    this.updated.dispose();
  }
}
