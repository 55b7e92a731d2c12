// Quick fixes of other extensions. A fix picked from the lightbulb reaches Vouch as a plain edit, the
// same bulk edit an agent's `workspace.applyEdit` makes, and no API says which action was applied.
// What can be known is what was on offer: VS Code asks every code-action provider, Vouch's too, when
// it computes the lightbulb or the Ctrl+. menu; Vouch's provider offers nothing and asks the providers
// for their quick fixes at the same place, keeping each one's edits to the document with its version.
// An edit that is exactly one of them, made to that version, is that fix applied (a person's pick).
// Only fixes whose edits come with the offer count: a fix resolved later, or run as a command (as AI
// "fix this" actions are), has no edits to compare and keeps the label its shape gives.
import * as vscode from 'vscode';
import { isOfferedFix, type OfferedFixes } from './classify';
import type { ContentChange } from './regions';

/** How long an edit waits for the quick fixes still being asked for (a pick right after the menu showed). */
const OFFER_WAIT_MS = 1_000;

const plainRange = (r: vscode.Range): ContentChange['range'] => ({
  start: { line: r.start.line, character: r.start.character },
  end: { line: r.end.line, character: r.end.character },
});

/** Asks kept per document version (the lightbulb, Ctrl+., a hover's fixes each ask for their own range). */
const MAX_ASKS = 8;

export class CodeActionWatcher implements vscode.Disposable {
  /** Per document: the version asked about and the asks made for it. */
  private readonly offers = new Map<string, { version: number; asks: Array<Promise<OfferedFixes | undefined>> }>();
  /** The asks of Vouch's own in flight (document, version, range): VS Code sends them to this provider too. */
  private readonly asking = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(selector: vscode.DocumentSelector) {
    const quickFix = vscode.CodeActionKind.QuickFix;
    this.disposables.push(
      vscode.languages.registerCodeActionsProvider(selector, {
        provideCodeActions: (document, range, context) => {
          if (context.only && !context.only.intersects(quickFix)) return undefined; // source actions, organize imports, on save
          const uri = document.uri.toString();
          const key = `${uri}@${document.version}#${JSON.stringify(plainRange(range))}`;
          if (this.asking.has(key)) return undefined;
          let entry = this.offers.get(uri);
          if (entry?.version !== document.version) this.offers.set(uri, entry = { version: document.version, asks: [] });
          entry.asks.push(this.ask(document.uri, document.version, range, key));
          if (entry.asks.length > MAX_ASKS) entry.asks.shift();
          return undefined; // never offers anything
        },
      }, { providedCodeActionKinds: [quickFix] }),
      vscode.workspace.onDidCloseTextDocument((d) => this.offers.delete(d.uri.toString())),
    );
  }

  private async ask(uri: vscode.Uri, version: number, range: vscode.Range, key: string): Promise<OfferedFixes | undefined> {
    this.asking.add(key);
    try {
      const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
      const edits: ContentChange[][] = [];
      for (const action of actions ?? []) {
        const edit = (action as vscode.CodeAction).edit;
        const own = edit?.get(uri) ?? [];
        if (own.length > 0) edits.push(own.map((e) => ({ range: plainRange(e.range), text: e.newText })));
      }
      return { version, actions: edits };
    } catch {
      return undefined;
    } finally {
      this.asking.delete(key);
    }
  }

  /**
   * Is this change event (the document was at `versionBefore`) a quick fix that was on offer? Waits
   * a little for asks still in flight.
   */
  async applied(uri: string, versionBefore: number, changes: readonly ContentChange[]): Promise<boolean> {
    const entry = this.offers.get(uri);
    if (entry?.version !== versionBefore) return false;
    const late = new Promise<undefined>((r) => setTimeout(() => r(undefined), OFFER_WAIT_MS));
    const offers = await Promise.all(entry.asks.map((a) => Promise.race([a, late])));
    return offers.some((o) => isOfferedFix(o, versionBefore, changes));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.offers.clear();
  }
}
