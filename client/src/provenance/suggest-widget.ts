// Which IntelliSense item is focused in the suggest widget. VS Code tells inline-completion providers
// (stable `InlineCompletionContext.selectedCompletionInfo`): the range the item will replace and the
// text it will insert. Vouch registers a provider that never offers anything, only to hear that, so
// an insert equal to the focused item is known as an IntelliSense accept, not ghost text, whatever
// its shape (`loadSettingsFile('settings.json')` looks like a one-line completion otherwise).
import * as vscode from 'vscode';
import { matchSelectedItem, type SelectedItem } from './classify';

export class SuggestWidgetWatcher implements vscode.Disposable {
  private readonly selected = new Map<string, SelectedItem>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(selector: vscode.DocumentSelector) {
    this.disposables.push(
      vscode.languages.registerInlineCompletionItemProvider(selector, {
        provideInlineCompletionItems: (document, _position, context) => {
          const info = context.selectedCompletionInfo;
          const uri = document.uri.toString();
          if (info) this.selected.set(uri, { start: { line: info.range.start.line, character: info.range.start.character }, text: info.text, at: Date.now() });
          else this.selected.delete(uri);
          return undefined; // never offers anything
        },
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.selected.delete(d.uri.toString())),
    );
  }

  /**
   * Is this change event the accept of the focused IntelliSense item (then it is consumed)? Any other
   * event moves the item's range along (an auto-import applied before the item shifts its line).
   */
  accepted(uri: string, changes: readonly vscode.TextDocumentContentChangeEvent[]): boolean {
    const selected = this.selected.get(uri);
    if (!selected) return false;
    const plain = (p: vscode.Position) => ({ line: p.line, character: p.character });
    const match = matchSelectedItem(selected, changes.map((c) => ({ range: { start: plain(c.range.start), end: plain(c.range.end) }, text: c.text })), Date.now());
    if (match.hit) this.selected.delete(uri);
    else this.selected.set(uri, match.next);
    return match.hit;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.selected.clear();
  }
}
