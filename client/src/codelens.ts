// A CodeLens above each unreviewed or stale assisted region:
// `⚠ 14 lines from completion · unreviewed — Review`; clicking it records the review.
import * as vscode from 'vscode';
import { Commands, type RegionTrust } from '../../server/src/protocol';
import type { TrustStore } from './review-commands';

const FROM: Record<RegionTrust['source'], string> = { completion: 'completion', paste: 'paste', agent: 'agent edit' };

export function lensTitle(r: RegionTrust): string {
  const from = FROM[r.source] ?? r.source;
  return `⚠ ${r.lines} line${r.lines === 1 ? '' : 's'} ${r.confidence === 'low' ? `possibly from ${from}` : `from ${from}`} · ${r.state} — Review`;
}

export class ReviewCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: TrustStore) {
    this.subscription = store.onDidChange(() => this.emitter.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const uri = document.uri.toString();
    const trust = this.store.get(uri);
    if (trust === undefined) {
      void this.store.refresh(uri); // fires onDidChange when it lands
      return [];
    }
    if (!trust) return [];
    return trust.regions
      .filter((r) => r.state !== 'reviewed')
      .map((r) => {
        const line = Math.min(r.range.start.line, Math.max(0, document.lineCount - 1));
        return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: lensTitle(r),
          tooltip: `Inserted ${new Date(r.time).toLocaleString()} (${r.confidence} confidence). Click to record in the review ledger that you reviewed these lines.`,
          command: Commands.markReviewed,
          arguments: [uri, r.id],
        });
      });
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
