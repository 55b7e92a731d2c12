// Provenance wiring: capture, tracking, persistence, and the `vouch/provenance` notification that
// gives the server the complete region list of a document after every change.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { ProvenanceNotification, type ProvenanceParams, type ProvenanceRegion } from '../../../server/src/protocol';
import { Capture, asOwnEdit } from './capture';
import { BurstDetector } from './outside-facts';
import { DiskWatcher } from './disk';
import { PasteWatcher } from './paste';
import { SuggestWidgetWatcher } from './suggest-widget';
import { CodeActionWatcher } from './code-actions';
import { registerPreciseTab } from './precise-tab';
import { ProvenanceStore } from './store';
import { VcsActivity } from './vcs';

export { asOwnEdit };

const SEND_DELAY_MS = 100;
/** Hidden command for host-level tests: the regions of the active (or given) document. */
export const DEBUG_PROVENANCE_COMMAND = 'vouch.debug.provenance';

export interface ProvenanceApi extends vscode.Disposable {
  regionsFor(uri: vscode.Uri | string): ProvenanceRegion[];
  /** Fires with the URI (string) whose regions changed. */
  readonly onDidChangeRegions: vscode.Event<string>;
}

export function registerProvenance(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
  output?: vscode.LogOutputChannel,
): ProvenanceApi {
  const log = (m: string) => output?.debug(`provenance: ${m}`);
  const emitter = new vscode.EventEmitter<string>();
  const store = new ProvenanceStore(context, log);
  const burst = new BurstDetector();
  const paste = new PasteWatcher([{ scheme: 'file' }, { scheme: 'untitled' }]);
  const timers = new Map<string, NodeJS.Timeout>();

  const send = (document: vscode.TextDocument) => {
    const uri = document.uri.toString();
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      if (document.isClosed) return;
      const params: ProvenanceParams = { uri, version: document.version, regions: store.regionsOf(document).regions };
      hook();
      const c = client();
      if (c?.isRunning()) void c.sendNotification(ProvenanceNotification, params).catch((err: unknown) => log(`send failed: ${String(err)}`));
    }, SEND_DELAY_MS));
  };
  // A (re)started server knows no regions: send every open document's list again.
  const hooked = new WeakSet<LanguageClient>();
  const hook = () => {
    const c = client();
    if (!c || hooked.has(c)) return;
    hooked.add(c);
    disposables.push(c.onDidChangeState((e) => { if (e.newState === State.Running) resendAll(api, c); }));
  };
  const changed = (document: vscode.TextDocument) => {
    store.persistSoon(document);
    send(document);
    emitter.fire(document.uri.toString());
  };

  // Git's state before any change is remembered, so that a stash pop (which deletes the ref) is seen:
  // the workspace folders' repositories now, a nested one when a file of it is opened.
  const vcs = new VcsActivity();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme === 'file') vcs.watchFile(vscode.Uri.joinPath(folder.uri, '.vouch-probe').fsPath, folder.uri.fsPath);
  }
  const suggest = new SuggestWidgetWatcher([{ scheme: 'file' }, { scheme: 'untitled' }]);
  const fixes = new CodeActionWatcher([{ scheme: 'file' }, { scheme: 'untitled' }]);
  const capture = new Capture({ regionsOf: (d) => store.regionsOf(d), changed, log }, paste, burst, vcs, suggest, fixes);
  const disk = new DiskWatcher(store, burst, vcs, log);
  const opened = (document: vscode.TextDocument) => {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return;
    const folder = document.uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(document.uri) : undefined;
    if (folder) vcs.watchFile(document.uri.fsPath, folder.uri.fsPath);
    const had = store.regionsOf(document).size > 0;
    void store.restoreFromFile(document).then((restored) => {
      if (restored || had) { send(document); emitter.fire(document.uri.toString()); }
    });
  };

  const disposables: vscode.Disposable[] = [
    emitter, store, paste, suggest, fixes, capture, disk,
    vscode.workspace.onDidOpenTextDocument(opened),
    ...registerPreciseTab(),
    vscode.commands.registerCommand(DEBUG_PROVENANCE_COMMAND, (uri?: string | vscode.Uri) => {
      const target = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
      return target ? store.regionsOf(target).regions : [];
    }),
  ];
  hook();
  for (const d of vscode.workspace.textDocuments) opened(d);

  const api: ProvenanceApi = {
    regionsFor: (uri) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      return doc ? store.regionsOf(doc).regions : [];
    },
    onDidChangeRegions: emitter.event,
    dispose: () => {
      for (const t of timers.values()) clearTimeout(t);
      for (const d of disposables) d.dispose();
    },
  };
  context.subscriptions.push(api);
  return api;
}

/** Sends every open document's regions again (after the server (re)started). */
export function resendAll(api: ProvenanceApi, client: LanguageClient): void {
  for (const d of vscode.workspace.textDocuments) {
    const regions = api.regionsFor(d.uri);
    if (regions.length > 0) void client.sendNotification(ProvenanceNotification, { uri: d.uri.toString(), version: d.version, regions } satisfies ProvenanceParams);
  }
}
