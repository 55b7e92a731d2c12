// Spawns the built server (`node server/out/server.js --stdio`) and speaks LSP to it over JSON-RPC.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  type Diagnostic, type PublishDiagnosticsParams, type InitializeParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = join(__dirname, '..', '..', 'server', 'out', 'server.js');

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly logs: string[] = [];
  private waiters: Array<() => void> = [];
  private readonly versions = new Map<string, number>();
  settings: Record<string, unknown> = {};
  exited: number | null = null;

  private constructor(readonly proc: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => null);
    proc.on('exit', (code) => {
      this.exited = code ?? -1;
      this.wake();
    });
    this.connection.listen();
  }

  static async start(rootDir: string, settings: Record<string, unknown> = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const c = new LspClient(proc);
    c.settings = settings;
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: pathToFileURL(rootDir).href,
      workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: 'ws' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
      },
    };
    await c.connection.sendRequest('initialize', params);
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

  open(uri: string, languageId: string, text: string): void {
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Diagnostics published for `uri` at `version` or later. */
  diagnosticsFor(uri: string, minVersion = 1, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.until(() => {
      const p = this.diagnostics.get(uri);
      return p && (p.version ?? minVersion) >= minVersion ? p.diagnostics : undefined;
    }, `diagnostics for ${uri}@${minVersion}`, timeoutMs);
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
