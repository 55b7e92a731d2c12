// Language server entry point: wiring only. Run as `node server/out/server.js --stdio`.
import {
  createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LEDGER_FILE } from './core/provenance-types';
import { CONFIG_FILE } from './core/settings';
import { RuleDocRequest, ScanWorkspaceRequest, type RuleDocParams, type ScanWorkspaceParams } from './protocol';
import {
  FileTrustRequest, MarkReviewedRequest, ProvenanceNotification, type FileTrustParams, type MarkReviewedParams, type ProvenanceParams,
} from './protocol';
import { Provenance } from './features/provenance';
import { fileTrust } from './features/trust';
import { FolderServices } from './scan/compose';
import { createEngine } from './scan/create-engine';
import { codeActions, MARK_REVIEWED_KIND } from './features/code-actions';
import { Diagnostics } from './features/diagnostics';
import { scanWorkspace } from './features/report';
import { ruleDoc } from './features/rule-docs';
import { Workspace } from './features/workspace';
import { VERSION } from './version';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const workspace = new Workspace(connection);
const enginePromise = createEngine();
let diagnostics: Diagnostics | undefined;
let provenance: Provenance | undefined;
let folderServices: FolderServices | undefined;
let watchConfiguration = false;
let watchFolders = false;

// A bug in one request must cost that request, never the server.
process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${(e as Error)?.stack ?? e}`));

connection.onInitialize(async (params): Promise<InitializeResult> => {
  const caps = params.capabilities;
  workspace.pullConfiguration = !!caps.workspace?.configuration;
  watchConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  watchFolders = !!caps.workspace?.workspaceFolders;
  workspace.setFolders(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []));
  const { engine, warnings } = await enginePromise;
  for (const w of warnings) connection.console.warn(w);
  diagnostics = new Diagnostics(connection, documents, workspace, engine);
  const init = (params.initializationOptions ?? {}) as { workspaceTrusted?: boolean; globalStoragePath?: string };
  folderServices = new FolderServices({
    trusted: init.workspaceTrusted !== false,
    cacheDir: typeof init.globalStoragePath === 'string' ? init.globalStoragePath : undefined,
    log: (msg) => connection.console.info(`registry: ${msg}`),
    // The phantom-api tier: one warm per-file type checker shared by all folders.
    typeRoots: () => workspace.roots(),
  });
  provenance = new Provenance(connection, documents, workspace, diagnostics, init.workspaceTrusted !== false);
  const policy = provenance;
  diagnostics.policy = { diagnostics: (uri, findings) => policy.decorate(uri, findings), published: (uri) => policy.changed(uri) };
  const services = folderServices;
  diagnostics.servicesFor = (root, settings) => services.for(root, settings);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: ['quickfix', MARK_REVIEWED_KIND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'vouch', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (watchConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'vouch' });
  // Subscribing throws when the client cannot send folder changes.
  if (!watchFolders) return;
  connection.workspace.onDidChangeWorkspaceFolders(async () => {
    workspace.setFolders(await connection.workspace.getWorkspaceFolders());
    diagnostics?.revalidateAll();
  });
});

connection.onDidChangeConfiguration((params) => {
  workspace.clear();
  if (!workspace.pullConfiguration) workspace.setPushed((params.settings as Record<string, unknown> | null)?.vouch);
  diagnostics?.revalidateAll();
});

// Installs and manifest edits change what exists: drop cached typings and re-check open files.
const DEPENDENCY_FILES = /\/(package\.json|package-lock\.json|yarn\.lock|pnpm-lock\.yaml|pyproject\.toml|requirements[^/]*\.txt)$/;

connection.onDidChangeWatchedFiles((params) => {
  const policy = params.changes.some((c) => c.uri.endsWith('/' + CONFIG_FILE));
  const dependencies = params.changes.some((c) => DEPENDENCY_FILES.test(c.uri));
  if (policy) workspace.clear();
  if (dependencies) folderServices?.dependenciesChanged();
  if (policy || dependencies) diagnostics?.revalidateAll();
  else if (params.changes.some((c) => c.uri.endsWith('/' + LEDGER_FILE))) for (const d of documents.all()) void diagnostics?.republish(d.uri);
});

documents.onDidOpen((e) => diagnostics?.schedule(e.document, 'open'));
documents.onDidChangeContent((e) => diagnostics?.schedule(e.document, 'change'));
documents.onDidSave((e) => diagnostics?.schedule(e.document, 'save'));
documents.onDidClose((e) => {
  diagnostics?.forget(e.document.uri);
  provenance?.forget(e.document.uri);
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  const scope = workspace.scopeOf(params.textDocument.uri);
  if (!doc || !scope || !diagnostics) return [];
  // Unreviewed or stale regions, for "Mark suggestion as reviewed" where no finding is.
  const ev = provenance?.evaluate(doc.uri, [], await workspace.settingsFor(doc.uri));
  const open = ev?.regions.filter((r) => r.state !== 'reviewed').map((r) => ({ id: r.region.id, range: r.region.range })) ?? [];
  return codeActions(params, doc, diagnostics.results.get(doc.uri), scope.relPath, open);
});

connection.onRequest(RuleDocRequest, async (params: RuleDocParams) => ruleDoc((await enginePromise).engine, params));
connection.onRequest(ScanWorkspaceRequest, async (params: ScanWorkspaceParams) => scanWorkspace(await enginePromise, workspace, folderServices!, params));

connection.onNotification(ProvenanceNotification, (params: ProvenanceParams) => provenance?.update(params));
connection.onRequest(FileTrustRequest, (params: FileTrustParams) => fileTrust(params, workspace, diagnostics!, provenance!));
connection.onRequest(MarkReviewedRequest, (params: MarkReviewedParams) => provenance!.markReviewed(params));

connection.onShutdown(() => folderServices?.dispose());

documents.listen(connection);
connection.listen();
