// Trust data of open documents (asked from the server with `vouch/fileTrust`, refreshed on
// `vouch/trustChanged`) and the review commands: mark the region at the cursor, or all in the file.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Commands, FileTrustRequest, LEDGER_FILE, MarkReviewedRequest, TrustChangedNotification,
  type FileTrust, type MarkReviewedParams, type MarkReviewedResult, type RegionTrust,
} from '../../server/src/protocol';

/** Caches `FileTrust` per document URI; one request in flight per document, a refresh queued behind it. */
export class TrustStore implements vscode.Disposable {
  private readonly byUri = new Map<string, FileTrust | null>();
  private readonly inFlight = new Map<string, Promise<FileTrust | null>>();
  private readonly queued = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<string>();
  /** Fires with the URI whose trust data changed. */
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.subscriptions.push(
      this.emitter,
      client.onNotification(TrustChangedNotification, (p) => void this.refresh(p.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    );
  }

  /** Last known trust data; `undefined` = never asked, `null` = the server has none for this document. */
  get(uri: string): FileTrust | null | undefined {
    return this.byUri.get(uri);
  }

  /** Asks the server again; concurrent calls for one document share a request. */
  refresh(uri: string): Promise<FileTrust | null> {
    const running = this.inFlight.get(uri);
    if (running) {
      this.queued.add(uri);
      return running;
    }
    const p = this.fetch(uri).finally(() => {
      this.inFlight.delete(uri);
      if (this.queued.delete(uri)) void this.refresh(uri);
    });
    this.inFlight.set(uri, p);
    return p;
  }

  private async fetch(uri: string): Promise<FileTrust | null> {
    let trust: FileTrust | null = null;
    try {
      // Wait for the server: the first ask often comes while it is still starting.
      if (!this.client.isRunning()) return this.byUri.get(uri) ?? null;
      trust = (await this.client.sendRequest(FileTrustRequest, { uri })) ?? null;
    } catch {
      trust = null; // an older server, or the document is not analysed
    }
    const before = JSON.stringify(this.byUri.get(uri) ?? null);
    this.byUri.set(uri, trust);
    if (JSON.stringify(trust) !== before) this.emitter.fire(uri);
    return trust;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function contains(r: RegionTrust, pos: vscode.Position): boolean {
  const { start, end } = r.range;
  const afterStart = pos.line > start.line || (pos.line === start.line && pos.character >= start.character);
  const beforeEnd = pos.line < end.line || (pos.line === end.line && pos.character <= end.character);
  return afterStart && beforeEnd;
}

function toUriString(u: unknown): string | undefined {
  if (typeof u === 'string') return u;
  if (u instanceof vscode.Uri) return u.toString();
  return undefined;
}

async function send(client: LanguageClient, store: TrustStore, params: MarkReviewedParams): Promise<MarkReviewedResult | undefined> {
  try {
    const result = await client.sendRequest(MarkReviewedRequest, params);
    await store.refresh(params.uri);
    const n = result.reviewed;
    vscode.window.setStatusBarMessage(
      n ? `$(check) Vouch: ${n} region${n === 1 ? '' : 's'} reviewed — recorded in ${LEDGER_FILE}` : 'Vouch: nothing left to review in this file',
      5_000,
    );
    return result;
  } catch (e) {
    void vscode.window.showErrorMessage(`Vouch could not record the review: ${(e as Error).message}`);
    return undefined;
  }
}

export function registerReviewCommands(client: LanguageClient, store: TrustStore): vscode.Disposable[] {
  return [
    // (uri, regionId) from a CodeLens, a code action or the panel; no arguments = the region at the cursor.
    vscode.commands.registerCommand(Commands.markReviewed, async (uriArg?: unknown, regionId?: unknown, note?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      const uri = toUriString(uriArg) ?? editor?.document.uri.toString();
      if (!uri) return undefined;
      let id = typeof regionId === 'string' ? regionId : undefined;
      if (!id && editor && editor.document.uri.toString() === uri) {
        const trust = await store.refresh(uri);
        const pos = editor.selection.active;
        id = trust?.regions.find((r) => r.state !== 'reviewed' && contains(r, pos))?.id;
      }
      if (!id) {
        void vscode.window.showInformationMessage('Vouch: the cursor is not in unreviewed assisted code.');
        return undefined;
      }
      return send(client, store, { uri, regionIds: [id], note: typeof note === 'string' && note ? note : undefined });
    }),
    // (uri, note) from the panel or a test; otherwise asks for an optional note.
    vscode.commands.registerCommand(Commands.markAllReviewed, async (uriArg?: unknown, noteArg?: unknown) => {
      const uri = toUriString(uriArg) ?? vscode.window.activeTextEditor?.document.uri.toString();
      if (!uri) return undefined;
      const trust = await store.refresh(uri);
      const open = trust?.regions.filter((r) => r.state !== 'reviewed') ?? [];
      if (!open.length) {
        void vscode.window.showInformationMessage('Vouch: no unreviewed assisted code in this file.');
        return undefined;
      }
      let note = typeof noteArg === 'string' ? noteArg : undefined;
      if (note === undefined) {
        const lines = open.reduce((n, r) => n + r.lines, 0);
        note = await vscode.window.showInputBox({
          title: `Vouch: mark ${open.length} region${open.length === 1 ? '' : 's'} (${lines} lines) as reviewed`,
          prompt: `Optional note for ${LEDGER_FILE} (what you checked). Enter to record, Escape to cancel.`,
          placeHolder: 'e.g. checked the error paths and the key handling',
        });
        if (note === undefined) return undefined; // cancelled
      }
      return send(client, store, { uri, regionIds: 'all', note: note || undefined });
    }),
  ];
}
