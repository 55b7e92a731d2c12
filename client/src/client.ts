// Starts the Vouch language server in its own Node process and connects the editor to it.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ActivityNotification, CONFIG_FILE, SETTINGS_SECTION, StatusNotification, type InitializationOptions } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { explicitSettings } from './settings';
import { registerAgentTools } from './agent-tools';
import { registerProvenance } from './provenance';
import { registerReportView } from './report-view';
import { serverEnv } from './server-env';
import { StatusBar } from './status';
import { registerTrustUi } from './trust-panel';
import { registerVerdictCommand } from './verdict-view';

/** Languages the server analyses; plain text covers .env and Dockerfiles without a language extension. */
const LANGUAGES = [
  'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'json', 'jsonc', 'yaml',
  'dotenv', 'dockerfile', 'terraform', 'hcl', 'shellscript', 'properties', 'ini', 'toml', 'markdown', 'plaintext',
  'github-actions-workflow', 'dockercompose', 'html', 'ejs', 'handlebars', 'pug', 'jade', 'nunjucks', 'njk', 'jinja',
  'jinja-html', 'django-html',
];

let client: LanguageClient | undefined;

/**
 * Registers everything and starts the server without waiting for it: activation stays short however
 * long the server takes to load, and every request waits for the start (vscode-languageclient does).
 * A failed start is shown by the client itself (a notification and the output channel).
 */
export function startClient(context: vscode.ExtensionContext): Promise<number | undefined> {
  const begun = performance.now();
  const output = vscode.window.createOutputChannel('Vouch', { log: true });
  const status = new StatusBar();
  context.subscriptions.push(output, status);
  context.subscriptions.push(...registerCommands(() => client, output, async () => {
    await client?.restart();
  }));
  context.subscriptions.push(registerReportView(context.extensionUri, () => client));
  context.subscriptions.push(registerVerdictCommand(() => client, output));

  const serverModule = context.asAbsolutePath('server/out/server.js');
  // The server compiles its bundle from a V8 code cache kept in the extension's own storage, and runs with
  // fewer malloc arenas (server-env.ts).
  const env = serverEnv(process.env, context.globalStorageUri.fsPath);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    outputChannel: output,
    // In an untrusted workspace the server executes nothing from it and makes no registry look-ups.
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted, globalStoragePath: context.globalStorageUri.fsPath } satisfies InitializationOptions,
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`),
        vscode.workspace.createFileSystemWatcher('**/{package.json,package-lock.json,yarn.lock,pnpm-lock.yaml,pyproject.toml,requirements*.txt}'),
        // Reviews pulled from git or written by a teammate's editor change review state.
        vscode.workspace.createFileSystemWatcher('**/.vouch/reviews.jsonl'),
      ],
    },
    middleware: {
      workspace: {
        configuration: (params, token, next) => {
          if (!params.items.every((i) => i.section === SETTINGS_SECTION)) return next(params, token);
          return params.items.map((i) => {
            const problems: string[] = [];
            const s = explicitSettings(i.scopeUri ? vscode.Uri.parse(i.scopeUri) : undefined, problems);
            for (const p of problems) output.warn(`settings: ${p}`);
            return s;
          });
        },
      },
    },
  };
  client = new LanguageClient('vouch', 'Vouch', serverOptions, clientOptions);
  registerProvenance(context, () => client, output);
  context.subscriptions.push(...registerAgentTools(() => client, (m) => output.info(m)));
  context.subscriptions.push(client.onNotification(StatusNotification, (p) => status.update(p)));
  context.subscriptions.push(client.onNotification(ActivityNotification, (p) => status.setCheckingPackages(p.lookups > 0)));
  context.subscriptions.push(registerTrustUi(context, client, status));
  // Trust granted later: restart so the server picks up the trusted-workspace capabilities.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  return client.start().then(
    () => {
      const ms = performance.now() - begun;
      output.info(`language server ready ${Math.round(ms)} ms after activation`);
      return ms;
    },
    (e: unknown) => {
      output.error(`language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    },
  );
}

export async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  await c?.stop();
}
