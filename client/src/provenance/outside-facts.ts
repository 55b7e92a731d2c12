// Two facts capture reads from outside the change event: how many files changed on disk at once (a
// burst: generators, formatters, terminal agents), and whether a save can edit the document (format
// or code actions on save).
import * as vscode from 'vscode';

/** This many files changed on disk within BURST_WINDOW_MS is a bulk write (generator, formatter, terminal agent): low confidence. */
export const BURST_FILES = 8;
const BURST_WINDOW_MS = 3000;

/** Counts distinct files changed on disk recently (shared by open reloads and the closed-file watcher). */
export class BurstDetector {
  private readonly events: Array<{ uri: string; at: number }> = [];
  note(uri: string, at = Date.now()): void {
    this.events.push({ uri, at });
    while (this.events.length && at - this.events[0].at > BURST_WINDOW_MS * 2) this.events.shift();
  }
  isBulk(at: number): boolean {
    const near = new Set(this.events.filter((e) => Math.abs(e.at - at) <= BURST_WINDOW_MS).map((e) => e.uri));
    return near.size >= BURST_FILES;
  }
}

/** Does saving this document run something that edits it (format on save, code actions on save)? */
export function saveCanEdit(document: vscode.TextDocument, reason: vscode.TextDocumentSaveReason): boolean {
  if (reason === vscode.TextDocumentSaveReason.AfterDelay) return false;
  const config = vscode.workspace.getConfiguration('editor', document);
  const actions = config.get<unknown>('codeActionsOnSave');
  const anyAction = Array.isArray(actions) ? actions.length > 0
    : !!actions && typeof actions === 'object' && Object.values(actions).some((v) => v === true || v === 'explicit' || v === 'always');
  return config.get<boolean>('formatOnSave') === true || anyAction;
}
