// Extension entry point: wiring only.
import type { ExtensionContext } from 'vscode';
import { startClient, stopClient } from './client';

export async function activate(context: ExtensionContext): Promise<void> {
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
