// Spawns the built server (`node server/out/server.js --stdio`) and speaks LSP to it over JSON-RPC.
// Every wait polls for a condition (woken by incoming messages); no test sleeps for a fixed time.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  type CodeAction, type Command, type Diagnostic, type InitializeParams, type InitializeResult,
  type PublishDiagnosticsParams, type Range, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import type { StatusParams } from '../../server/src/protocol';

export const SERVER = join(__dirname, '..', '..', 'server', 'out', 'server.js');

export interface LogEntry {
  /** 1 error, 2 warning, 3 info, 4 log */
  type: number;
  message: string;
}

export type SettingsSource = Record<string, unknown> | ((scopeUri: string | undefined) => Record<string, unknown>);

export interface StartOptions {
  /** Extra environment variables for the server process (e.g. VOUCH_TEST_FAULTS). */
  env?: Record<string, string>;
  /** Declare workspace-folder change support (the server then subscribes to folder changes). */
  workspaceFolders?: boolean;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses = new Map<string, StatusParams>();
  /** uris of vouch/trustChanged notifications, in arrival order. */
  readonly trustChanged: string[] = [];
  /** `lookups` of each vouch/activity notification, in arrival order. */
  readonly activity: number[] = [];
  readonly logs: LogEntry[] = [];
  /** workspace/configuration requests answered so far. */
  configurationRequests = 0;
  initializeResult: InitializeResult | undefined;
  private waiters: Array<() => void> = [];
  private readonly versions = new Map<string, number>();
  settings: SettingsSource = {};
  exited: number | null = null;

  private constructor(readonly proc: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.published.push(p);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (p: LogEntry) => {
      this.logs.push({ type: p.type, message: p.message });
      this.wake();
    });
    this.connection.onNotification('vouch/status', (p: StatusParams) => {
      this.statuses.set(p.uri, p);
      this.wake();
    });
    this.connection.onNotification('vouch/activity', (p: { lookups: number }) => {
      this.activity.push(p.lookups);
      this.wake();
    });
    this.connection.onNotification('vouch/trustChanged', (p: { uri: string }) => {
      this.trustChanged.push(p.uri);
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string }> }) => {
      this.configurationRequests++;
      return p.items.map((i) => (typeof this.settings === 'function' ? this.settings(i.scopeUri) : this.settings));
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => null);
    proc.on('exit', (code) => {
      this.exited = code ?? -1;
      this.wake();
    });
    this.connection.listen();
  }

  static async start(rootDir: string, settings: SettingsSource = {}, options: StartOptions = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, VOUCH_TEST_FAULTS: '', ...options.env },
    });
    const c = new LspClient(proc);
    c.settings = settings;
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: pathToFileURL(rootDir).href,
      workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: 'ws' }],
      capabilities: {
        workspace: { workspaceFolders: !!options.workspaceFolders, configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
      },
    };
    c.initializeResult = await c.connection.sendRequest('initialize', params);
    c.connection.sendNotification('initialized', {});
    return c;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Polls until `check` returns a value, or fails after `timeoutMs`. */
  async until<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      if (this.exited !== null) throw new Error(`server exited (${this.exited}) while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  open(uri: string, languageId: string, text: string): void {
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Full-text change; returns the new version. */
  change(uri: string, text: string): number {
    return this.changeWith(uri, [{ text }]);
  }

  /** Incremental change(s); returns the new version. */
  changeWith(uri: string, contentChanges: TextDocumentContentChangeEvent[]): number {
    const version = this.version(uri) + 1;
    this.versions.set(uri, version);
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  save(uri: string): void {
    this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Tells the server settings changed (it pulls them again with workspace/configuration). */
  configurationChanged(): void {
    this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** type: 1 created, 2 changed, 3 deleted */
  watchedFileChanged(uri: string, type: 1 | 2 | 3 = 2): void {
    this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<Array<CodeAction | Command>> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** Diagnostics published for `uri` at `version` or later. */
  diagnosticsFor(uri: string, minVersion = 1, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.until(() => {
      const p = this.diagnostics.get(uri);
      return p && (p.version ?? minVersion) >= minVersion ? p.diagnostics : undefined;
    }, `diagnostics for ${uri}@${minVersion}`, timeoutMs);
  }

  /** Waits for a published set that satisfies `accept` (e.g. after a settings change). */
  diagnosticsWhere(uri: string, accept: (d: Diagnostic[]) => boolean, what: string, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.until(() => {
      const p = this.diagnostics.get(uri);
      return p && accept(p.diagnostics) ? p.diagnostics : undefined;
    }, `${what} (${uri})`, timeoutMs);
  }

  /** Waits for a vouch/status notification for `uri` whose notices match `pattern`. */
  noticeFor(uri: string, pattern: RegExp, timeoutMs?: number): Promise<string> {
    return this.until(() => this.statuses.get(uri)?.notices.find((n) => pattern.test(n)), `a notice matching ${pattern} for ${uri}`, timeoutMs);
  }

  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<LogEntry> {
    return this.until(() => this.logs.find((l) => pattern.test(l.message)), `a log message matching ${pattern}`, timeoutMs);
  }

  async stop(): Promise<void> {
    if (this.exited === null) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        this.connection.sendNotification('exit');
      } catch {
        // Already gone.
      }
      await this.until(() => (this.exited !== null ? true : undefined), 'exit', 5000).catch(() => this.proc.kill('SIGKILL'));
    }
    this.connection.dispose();
  }
}
