// The workspace report as a view: "Vouch: Generate Workspace Report" scans (a progress notification
// with Cancel), then shows the rendered report in a webview panel (the server's HTML renderer with a
// nonce CSP, VS Code's theme colours and media/report-view.{css,js}). Nothing is written until the
// person exports: a save dialog per format, defaulting to their home folder, outside every repository,
// so a report never lands in the workspace or a commit by accident.
import { randomBytes, randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import {
  Commands, RenderReportRequest, ScanWorkspaceRequest, type RenderReportParams, type ScanWorkspaceResult,
} from '../../server/src/protocol';

type Format = RenderReportParams['format'];

export const REPORT_FORMATS: ReadonlyArray<{ label: string; format: Format; ext: string; filter: string }> = [
  { label: 'HTML', format: 'html', ext: 'html', filter: 'HTML' },
  { label: 'Markdown', format: 'markdown', ext: 'md', filter: 'Markdown' },
  { label: 'SARIF 2.1.0', format: 'sarif', ext: 'sarif', filter: 'SARIF' },
  { label: 'JSON', format: 'json', ext: 'json', filter: 'JSON' },
];

/** Messages from media/report-view.js. */
type FromWebview =
  | { type: 'open'; path: string; range: number[] }
  | { type: 'export'; format: Format }
  | { type: 'rerun' };

/** A report path (forward slashes, relative) inside the scanned folder, or undefined. */
export function reportFileUri(root: vscode.Uri, path: unknown): vscode.Uri | undefined {
  if (typeof path !== 'string' || !path || path.length > 4096 || path.startsWith('/') || /^[a-z]:/i.test(path)) return undefined;
  const parts = path.split('/');
  if (parts.some((p) => p === '..' || p === '' || p.includes('\\') || p.includes('\0'))) return undefined;
  return vscode.Uri.joinPath(root, ...parts);
}

export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private current: ScanWorkspaceResult | undefined;
  private exportDir: vscode.Uri | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: () => LanguageClient | undefined) {}

  /** Scans, then shows (or refreshes) the report view; undefined when cancelled or impossible. */
  async generate(): Promise<ScanWorkspaceResult | undefined> {
    const result = await this.scan();
    if (!result) return undefined;
    await this.show(result);
    return result;
  }

  /**
   * Writes the report in `format` to `target`, asking for whichever is missing; the shown report's scan
   * is exported (a new scan when there is none). Returns where it was written.
   */
  async export(format?: Format, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const pick = format ? REPORT_FORMATS.find((f) => f.format === format) : await vscode.window.showQuickPick(REPORT_FORMATS, { title: 'Export the Vouch report as' });
    if (!pick) return undefined;
    const scan = this.current ?? (await this.scan());
    const c = this.client();
    if (!scan || !c) return undefined;
    const to = target ?? (await vscode.window.showSaveDialog({
      title: `Export the Vouch report (${pick.label})`,
      saveLabel: 'Export',
      defaultUri: this.defaultExportUri(scan, pick.ext),
      filters: { [pick.filter]: [pick.ext] },
    }));
    if (!to) return undefined;
    let text: string;
    try {
      ({ text } = await c.sendRequest(RenderReportRequest, { scanId: scan.scanId, format: pick.format }));
    } catch {
      // The server restarted or scanned again for another window: export a fresh scan.
      const again = await this.scan();
      if (!again) return undefined;
      ({ text } = await c.sendRequest(RenderReportRequest, { scanId: again.scanId, format: pick.format }));
    }
    await vscode.workspace.fs.writeFile(to, Buffer.from(text, 'utf8'));
    this.exportDir = vscode.Uri.joinPath(to, '..');
    void vscode.window.showInformationMessage(`Vouch: report exported to ${to.scheme === 'file' ? to.fsPath : to.toString()}.`, 'Open').then(
      (a) => a === 'Open' && vscode.commands.executeCommand('vscode.open', to),
    );
    return to;
  }

  /** The home folder on the machine the workspace lives on (same scheme and authority as the folder). */
  private defaultExportUri(scan: ScanWorkspaceResult, ext: string): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.parse(scan.rootUri);
    const dir = this.exportDir ?? folder.with({ path: vscode.Uri.file(homedir()).path });
    const name = (folder.path.split('/').filter(Boolean).pop() ?? 'workspace').replace(/[^\w.-]+/g, '-');
    const day = new Date().toISOString().slice(0, 10);
    return vscode.Uri.joinPath(dir, `${name}-vouch-report-${day}.${ext}`);
  }

  private async scan(): Promise<ScanWorkspaceResult | undefined> {
    const c = this.client();
    if (!c || !vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage('Vouch: open a folder to generate a workspace report.');
      return undefined;
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Vouch: scanning the workspace', cancellable: true },
      async (progress, token) => {
        const workDoneToken = randomUUID();
        let done = 0;
        const sub = c.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
          if (v.kind === 'end') return;
          const pct = typeof v.percentage === 'number' ? v.percentage : done;
          progress.report({ increment: Math.max(0, pct - done), message: v.message });
          done = pct;
        });
        try {
          this.current = await c.sendRequest(ScanWorkspaceRequest, { workDoneToken }, token);
          return this.current;
        } catch (e) {
          if (token.isCancellationRequested) return undefined;
          void vscode.window.showErrorMessage(`Vouch: the workspace report failed: ${(e as Error)?.message ?? e}`);
          return undefined;
        } finally {
          sub.dispose();
        }
      },
    );
  }

  private async show(result: ScanWorkspaceResult): Promise<void> {
    const c = this.client();
    if (!c) return;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    if (!this.panel) {
      // No network: scripts and styles come from media/ only, and only with the page's nonce.
      this.panel = vscode.window.createWebviewPanel('vouch.report', 'Vouch Report', vscode.ViewColumn.Active, {
        enableScripts: true, enableCommandUris: false, localResourceRoots: [media],
      });
      this.panel.iconPath = vscode.Uri.joinPath(media, 'icons', 'vouch.svg');
      this.subscriptions.push(
        this.panel.onDidDispose(() => (this.panel = undefined)),
        this.panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)),
      );
    }
    const webview = this.panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(media, name)).toString();
    const { text } = await c.sendRequest(RenderReportRequest, {
      scanId: result.scanId,
      format: 'html',
      webview: { nonce: randomBytes(16).toString('base64'), cspSource: webview.cspSource, styleUri: asset('report-view.css'), scriptUri: asset('report-view.js') },
    });
    webview.html = text;
    this.panel.title = `Vouch Report (${result.findings})`;
    this.panel.reveal(undefined, false);
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m?.type) {
      case 'open': {
        const root = this.current && vscode.Uri.parse(this.current.rootUri);
        const uri = root && reportFileUri(root, m.path);
        const [sl, sc, el, ec] = Array.isArray(m.range) ? m.range.map((n) => (Number.isInteger(n) && n >= 0 ? n : 0)) : [];
        if (!uri) return;
        const range = new vscode.Range(sl ?? 0, sc ?? 0, el ?? sl ?? 0, ec ?? sc ?? 0);
        // Beside the report, so the list stays in view while findings are looked at one by one.
        await vscode.window.showTextDocument(uri, { selection: range, viewColumn: vscode.ViewColumn.Beside, preview: false });
        return;
      }
      case 'export':
        if (REPORT_FORMATS.some((f) => f.format === m.format)) await this.export(m.format);
        return;
      case 'rerun':
        await this.generate();
        return;
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The report commands: generate (scan and show) and export (save dialog, then write). */
export function registerReportView(extensionUri: vscode.Uri, client: () => LanguageClient | undefined): vscode.Disposable {
  const view = new ReportView(extensionUri, client);
  return vscode.Disposable.from(
    view,
    vscode.commands.registerCommand(Commands.generateReport, () => view.generate()),
    vscode.commands.registerCommand(Commands.exportReport, (format?: Format, target?: vscode.Uri) => view.export(format, target)),
  );
}
