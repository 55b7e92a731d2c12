// Diagnostics latency through the real server: spawns the shipped server (`node server.js --stdio`, the
// production build of lib/common.mjs shippedServer), opens a file,
// applies small incremental edits one at a time and times didChange sent -> publishDiagnostics for that
// version received. The server's debounce (adaptive, 25–150 ms) is part of every sample: end-to-end latency.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { REPO, shippedServer, summarize } from './common.mjs';
import { edits } from './edits.mjs';

const rpc = createRequire(join(REPO, 'package.json'))('vscode-languageserver-protocol/node');

/** The server over JSON-RPC on stdio; `execArgv`: Node options for its process (bench probes). */
export class Client {
  constructor(rootDir, settings, execArgv = []) {
    // With the malloc arenas the editor's client gives the server (client/src/server-env.ts).
    const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
    this.proc = spawn(process.execPath, [...execArgv, shippedServer(), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.proc.stderr.on('data', () => {});
    this.exited = null;
    this.waiters = new Map(); // "uri@version" -> resolve
    this.conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(this.proc.stdout), new rpc.StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const key = `${p.uri}@${p.version}`;
      const w = this.waiters.get(key);
      if (w) {
        this.waiters.delete(key);
        w(p);
      }
    });
    this.conn.onNotification('window/logMessage', () => {});
    this.conn.onNotification(() => {});
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(rootDir).href, name: 'bench' }]);
    this.proc.on('exit', (code) => { this.exited = code ?? -1; });
    this.conn.listen();
    this.rootDir = rootDir;
  }

  async initialize() {
    const root = pathToFileURL(this.rootDir).href;
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { didSave: true } },
      },
    });
    this.conn.sendNotification('initialized', {});
  }

  /** Resolves with the diagnostics published for `uri` at `version`, or rejects after `timeoutMs`. */
  diagnosticsAt(uri, version, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters.delete(`${uri}@${version}`);
        reject(new Error(`no diagnostics for version ${version} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(`${uri}@${version}`, (p) => {
        clearTimeout(t);
        resolve(p);
      });
    });
  }

  async stop() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      this.conn.sendNotification('exit');
    } catch {
      // Already gone.
    }
    await new Promise((r) => setTimeout(r, 200));
    if (this.exited === null) this.proc.kill('SIGKILL');
    this.conn.dispose();
  }
}

/**
 * Opens each file in one server and measures `editsPerFile` edits. Returns per-file stats
 * (open = first diagnostics after didOpen, cold; edits = p50/p95/max of didChange -> publish, ms).
 */
export async function measureLatency(rootDir, files, editsPerFile) {
  const client = new Client(rootDir, { registry: { enabled: false } });
  const results = [];
  try {
    await client.initialize();
    for (const f of files) {
      const uri = pathToFileURL(f.path).href;
      const text = readFileSync(f.path, 'utf8');
      const opened = client.diagnosticsAt(uri, 1);
      const t0 = performance.now();
      client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: f.languageId, version: 1, text } });
      const first = await opened;
      const openMs = performance.now() - t0;
      const samples = [];
      let version = 1;
      let diagnostics = first.diagnostics.length;
      let error;
      for (const e of edits(text, f.languageId, editsPerFile, 7)) {
        version++;
        const published = client.diagnosticsAt(uri, version);
        const t = performance.now();
        client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: e.range, text: e.text }] });
        try {
          const p = await published;
          samples.push(performance.now() - t);
          diagnostics = p.diagnostics.length;
        } catch (err) {
          error = err.message;
          break;
        }
      }
      client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      results.push({ name: f.name, lines: f.lines, openMs, edits: summarize(samples), diagnosticsAtOpen: first.diagnostics.length, diagnosticsAtEnd: diagnostics, error });
    }
  } finally {
    await client.stop();
  }
  return results;
}
