// Language server entry point: wiring only. Run as `node server/out/server.js --stdio`.
import {
  createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import {
  ActivityNotification, AgentToolRequest, FileTrustRequest, MarkReviewedRequest, ProvenanceNotification, RenderReportRequest, RuleDocRequest,
  ScanWorkspaceRequest, VerdictRequest, type InitializationOptions,
} from './protocol';
import { agentTool } from './features/agent';
import { CodeActions, MARK_REVIEWED_KIND } from './features/code-actions';
import { Diagnostics } from './features/diagnostics';
import { cappedDocuments } from './features/documents';
import { Provenance } from './features/provenance';
import { Reports } from './features/report';
import { Review } from './features/review';
import { ruleDoc } from './features/rule-docs';
import { fileTrust } from './features/trust';
import { verdictForChange } from './features/verdict';
import { classifyChanges, Workspace } from './features/workspace';
import { FolderServices } from './scan/compose';
import { createEngine } from './scan/create-engine';
import { VERSION } from './version';

const connection = createConnection(ProposedFeatures.all);
// Documents past MAX_DOCUMENT_CHARS keep only their version (edits would cost O(size) each).
const documents = new TextDocuments(cappedDocuments);
const workspace = new Workspace(connection);
const enginePromise = createEngine();
let diagnostics: Diagnostics | undefined;
let provenance: Provenance | undefined;
let review: Review | undefined;
let codeActions: CodeActions | undefined;
let folderServices: FolderServices | undefined;
const reports = new Reports(enginePromise, workspace, () => folderServices);
let watchConfiguration = false;
let watchFolders = false;
let lookingUp = false;

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
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  const trusted = init.workspaceTrusted !== false;
  const services = new FolderServices({
    trusted,
    cacheDir: typeof init.globalStoragePath === 'string' ? init.globalStoragePath : undefined,
    log: (msg) => connection.console.info(`registry: ${msg}`),
    // The phantom-api tier: one warm per-file type checker shared by all folders.
    typeRoots: () => workspace.roots(),
    // …on its own thread, so a cold check never delays the next keystroke's fast tier.
    typeWorker: { log: (msg) => connection.console.warn(msg) },
    // Imported files' summaries too (a big imported file takes up to a second to summarise).
    summaryWorker: { log: (msg) => connection.console.warn(msg) },
    // And large registry answers (a busy package's packument is tens of MB of JSON).
    registryWorker: { log: (msg) => connection.console.warn(msg) },
    // Only the edges (none ↔ some) reach the client: its status bar shows "checking packages…".
    onLookups: (n) => {
      if ((n > 0) === lookingUp) return;
      lookingUp = n > 0;
      void connection.sendNotification(ActivityNotification, { lookups: n });
    },
  });
  const policy = new Provenance(connection, documents, workspace, trusted);
  const analysis = new Diagnostics(connection, documents, workspace, engine, policy, (root, settings) => services.for(root, settings));
  folderServices = services;
  provenance = policy;
  diagnostics = analysis;
  review = new Review(documents, workspace, analysis, policy);
  codeActions = new CodeActions(documents, workspace, analysis, policy, engine);
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

connection.onDidChangeWatchedFiles((params) => {
  const changed = classifyChanges(params.changes.map((c) => c.uri));
  if (changed.policy) workspace.clear();
  if (changed.dependencies) {
    folderServices?.dependenciesChanged();
    reports.dependenciesChanged();
  }
  if (changed.policy || changed.dependencies) diagnostics?.revalidateAll();
  else if (changed.ledger) diagnostics?.republishAll();
});

documents.onDidOpen((e) => diagnostics?.schedule(e.document, 'open'));
documents.onDidChangeContent((e) => diagnostics?.schedule(e.document, 'change'));
documents.onDidSave((e) => diagnostics?.schedule(e.document, 'save'));
documents.onDidClose((e) => {
  diagnostics?.forget(e.document.uri);
  provenance?.forget(e.document.uri);
});

connection.onCodeAction(async (params) => (await codeActions?.provide(params)) ?? []);

connection.onRequest(RuleDocRequest, async (params) => ruleDoc((await enginePromise).engine, params));
connection.onRequest(ScanWorkspaceRequest, (params, token) => reports.scan(token, connection.window.attachWorkDoneProgress(params.workDoneToken)));
connection.onRequest(RenderReportRequest, (params) => reports.render(params));
connection.onRequest(VerdictRequest, (params, token) => verdictForChange(
  enginePromise, workspace, folderServices, params, token, connection.window.attachWorkDoneProgress(params.workDoneToken),
));
connection.onRequest(AgentToolRequest, async (params) => agentTool((await enginePromise).engine, workspace, folderServices!, params));

connection.onNotification(ProvenanceNotification, (params) => review?.updateRegions(params));
connection.onRequest(FileTrustRequest, (params) =>
  fileTrust(params, workspace, diagnostics!, provenance!, async (root, uri) => folderServices?.for(root, await workspace.settingsFor(uri)).baseline),
);
connection.onRequest(MarkReviewedRequest, (params) => review!.markReviewed(params));

connection.onShutdown(() => folderServices?.dispose());

documents.listen(connection);
connection.listen();
