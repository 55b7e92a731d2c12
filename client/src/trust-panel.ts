// The trust panel (a webview view in Vouch's activity-bar container) for the active file: score,
// assisted regions and their review state, findings by family, and review buttons. Also wires the
// trust UI together: store, status bar, CodeLens and review commands (`registerTrustUi`).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TRUST_FORMULA } from '../../server/src/core/trust';
import { Commands, type FileTrust } from '../../server/src/protocol';
import { ReviewCodeLens } from './codelens';
import { registerReviewCommands, TrustStore } from './review-commands';
import type { StatusBar } from './status';

export const TRUST_VIEW_ID = 'vouch.trustPanel';

type Range = FileTrust['regions'][number]['range'];
/** Messages from media/trust-panel.js. */
type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; range: Range }
  | { type: 'markReviewed'; regionId: string }
  | { type: 'markAll' };

/** What the panel renders; `file` is null when no editor is active. */
export interface PanelState {
  file: { uri: string; name: string; path: string } | null;
  trust: FileTrust | null;
  formula: string;
  now: string;
}

export class TrustPanel implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The last text editor: focusing the panel makes no editor active, but the panel keeps showing it. */
  private editorUri: vscode.Uri | undefined = vscode.window.activeTextEditor?.document.uri;

  constructor(private readonly extensionUri: vscode.Uri, private readonly store: TrustStore) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (!e) return;
        this.editorUri = e.document.uri;
        this.post();
      }),
      store.onDidChange((uri) => uri === this.editorUri?.toString() && this.post()),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    // No network: scripts and styles come from media/ only, and only with this nonce.
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media] };
    view.webview.html = this.html(view.webview, media);
    this.subscriptions.push(
      view.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)),
      view.onDidChangeVisibility(() => view.visible && this.refresh()),
      view.onDidDispose(() => (this.view = undefined)),
    );
  }

  /** Asks the server for fresh data of the shown file and re-renders. */
  refresh(): void {
    const uri = this.editorUri?.toString();
    if (uri) void this.store.refresh(uri);
    this.post();
  }

  private state(): PanelState {
    const uri = this.editorUri;
    const trust = uri ? this.store.get(uri.toString()) ?? null : null;
    return {
      file: uri ? { uri: uri.toString(), name: uri.path.split('/').pop() ?? '', path: vscode.workspace.asRelativePath(uri) } : null,
      trust,
      formula: TRUST_FORMULA,
      now: new Date().toISOString(),
    };
  }

  private post(): void {
    void this.view?.webview.postMessage({ type: 'state', state: this.state() });
  }

  private async onMessage(m: FromWebview): Promise<void> {
    const uri = this.editorUri;
    switch (m?.type) {
      case 'ready':
        return this.refresh();
      case 'reveal': {
        if (!uri) return;
        const { start, end } = m.range;
        const range = new vscode.Range(start.line, start.character, end.line, end.character);
        const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
        editor.selection = new vscode.Selection(range.start, range.start);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return;
      }
      case 'markReviewed':
        if (uri && typeof m.regionId === 'string') await vscode.commands.executeCommand(Commands.markReviewed, uri.toString(), m.regionId);
        return;
      case 'markAll':
        if (uri) await vscode.commands.executeCommand(Commands.markAllReviewed, uri.toString());
        return;
    }
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'trust-panel.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'trust-panel.js'));
    const csp = `default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css}">
<title>Vouch trust</title>
</head>
<body>
<main id="root"><p class="empty">Loading…</p></main>
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Creates the store, panel, CodeLens and review commands, and keeps the status bar in step. */
export function registerTrustUi(context: vscode.ExtensionContext, client: LanguageClient, status: StatusBar): vscode.Disposable {
  const store = new TrustStore(client);
  const panel = new TrustPanel(context.extensionUri, store);
  const lenses = new ReviewCodeLens(store);
  const selector = [{ scheme: 'file' }, { scheme: 'untitled' }];
  let timer: NodeJS.Timeout | undefined;
  const pending = new Set<string>();
  const refreshActive = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    if (uri) void store.refresh(uri);
  };
  const disposables: vscode.Disposable[] = [
    store,
    panel,
    lenses,
    vscode.window.registerWebviewViewProvider(TRUST_VIEW_ID, panel, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    ...registerReviewCommands(client, store),
    vscode.commands.registerCommand(Commands.showTrustPanel, async () => {
      await vscode.commands.executeCommand(`${TRUST_VIEW_ID}.focus`);
      panel.refresh();
    }),
    store.onDidChange((uri) => status.updateTrust(uri, store.get(uri))),
    vscode.window.onDidChangeActiveTextEditor(refreshActive),
    // Findings change after each analysis: ask again, debounced, for the document that was analysed.
    // (client.ts owns the `vouch/status` handler: one handler per method in vscode-jsonrpc.)
    status.onDidUpdate((uri) => {
      pending.add(uri);
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const u of pending) void store.refresh(u);
        pending.clear();
      }, 150);
    }),
    { dispose: () => clearTimeout(timer) },
  ];
  refreshActive();
  return vscode.Disposable.from(...disposables);
}
