// Paste detection. Where the stable paste API exists (VS Code ≥ 1.97; the typings are pinned to 1.91,
// so it is feature-detected through a small shim) a paste edit provider that never edits announces
// each paste, and marks copies made inside the editor so that moving code around is not "pasted
// code". Everywhere else the change text is compared with the clipboard.
import * as vscode from 'vscode';
import { pasteHintApplies, type ChangeFact } from './classify';

const CLIPBOARD_WAIT_MS = 150;

const COPY_MIME = 'application/vnd.vouch.copied-in-editor';

interface PasteShim {
  registerDocumentPasteEditProvider?: (
    selector: vscode.DocumentSelector,
    provider: {
      prepareDocumentPaste?(document: vscode.TextDocument, ranges: readonly vscode.Range[], dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): void | Thenable<void>;
      provideDocumentPasteEdits(document: vscode.TextDocument, ranges: readonly vscode.Range[], dataTransfer: vscode.DataTransfer, context: unknown, token: vscode.CancellationToken): Thenable<undefined> | undefined;
    },
    metadata: { providedPasteEditKinds: readonly unknown[]; copyMimeTypes?: readonly string[]; pasteMimeTypes?: readonly string[] },
  ) => vscode.Disposable;
}

export class PasteWatcher implements vscode.Disposable {
  private hint: { uri: string; at: number; internal: boolean; text?: string } | undefined;
  private lastCopied: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** True when the paste provider is registered (VS Code ≥ 1.97). */
  readonly precise: boolean;

  constructor(selector: vscode.DocumentSelector) {
    const languages = vscode.languages as unknown as PasteShim;
    const kindClass = (vscode as unknown as { DocumentDropOrPasteEditKind?: { Text?: unknown } }).DocumentDropOrPasteEditKind;
    let precise = false;
    if (typeof languages.registerDocumentPasteEditProvider === 'function' && kindClass?.Text) {
      try {
        this.disposables.push(languages.registerDocumentPasteEditProvider(selector, {
          prepareDocumentPaste: (document, ranges, dataTransfer) => {
            this.lastCopied = ranges.map((r) => document.getText(r)).join(document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
            dataTransfer.set(COPY_MIME, new vscode.DataTransferItem(document.uri.toString()));
          },
          provideDocumentPasteEdits: async (document, _ranges, dataTransfer) => {
            const hint = { uri: document.uri.toString(), at: Date.now(), internal: dataTransfer.get(COPY_MIME) !== undefined, text: undefined as string | undefined };
            this.hint = hint;
            // The text, so that a paste applied late (other paste providers answer first) is still known.
            hint.text = await Promise.resolve(dataTransfer.get('text/plain')?.asString()).catch(() => undefined);
            return undefined; // never replaces the standard paste
          },
        }, { providedPasteEditKinds: [kindClass.Text], copyMimeTypes: [COPY_MIME], pasteMimeTypes: ['text/plain'] }));
        precise = true;
      } catch {
        precise = false;
      }
    }
    this.precise = precise;
  }

  /** Consumes the paste announcement for `uri`, if it explains the change inserting `changes`. */
  takeHint(uri: string, changes: ChangeFact[]): { internal: boolean } | undefined {
    const h = this.hint;
    if (!h || h.uri !== uri || !pasteHintApplies(h, changes, Date.now())) return undefined;
    this.hint = undefined;
    return { internal: h.internal };
  }

  /** Clipboard text, or undefined when it cannot be read (remote, denied, too slow). */
  async clipboard(): Promise<string | undefined> {
    try {
      // Never let a slow or prompting clipboard hold up classification.
      return await Promise.race([
        Promise.resolve(vscode.env.clipboard.readText()),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CLIPBOARD_WAIT_MS)),
      ]);
    } catch {
      return undefined;
    }
  }

  /** The clipboard text was last copied from a workspace document (prepareDocumentPaste saw it). */
  copiedInEditor(clipboard: string | undefined): boolean {
    return clipboard !== undefined && this.lastCopied !== undefined && clipboard.replace(/\r\n/g, '\n') === this.lastCopied.replace(/\r\n/g, '\n');
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
