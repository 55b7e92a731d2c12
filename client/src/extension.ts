// Extension entry point: wiring only. Activation returns at once (the language server starts in the
// background; requests wait for it), and reports how long it took in the `activation` export.
import type { ExtensionContext } from 'vscode';
import { startClient, stopClient } from './client';

/** Set by the bundle's first line (esbuild.mjs): from there to here, the bundled libraries initialise. */
declare const __vouchBundleStart: number | undefined;
const initMs = typeof __vouchBundleStart === 'number' ? performance.now() - __vouchBundleStart : 0;

/** What the extension exports to other extensions and to its own end-to-end tests. */
export interface VouchApi {
  /**
   * Milliseconds of the two parts of activation that are the extension's own: running the bundle's
   * top-level code (its libraries' initialisation) and the `activate` call. Reading and compiling the
   * file is the host's, before either.
   */
  readonly activation: { readonly initMs: number; readonly activateMs: number };
  /** Milliseconds from activation until the language server answered `initialize` (undefined: it did not start). */
  readonly serverReady: Promise<number | undefined>;
}

export async function activate(context: ExtensionContext): Promise<VouchApi> {
  const start = performance.now();
  const serverReady = startClient(context);
  const end = performance.now();
  return { activation: { initMs, activateMs: end - start }, serverReady };
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
