// vouch/provenance and vouch/markReviewed: the provenance state changes first, then the affected
// documents' diagnostics are sent again through the policy. This module is the only place that
// drives both Provenance and Diagnostics, so neither has to call the other.
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkReviewedParams, MarkReviewedResult, ProvenanceParams } from '../protocol';
import type { Diagnostics } from './diagnostics';
import { oversizedChars } from './documents';
import type { Provenance } from './provenance';
import type { Workspace } from './workspace';

export class Review {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly diagnostics: Diagnostics,
    private readonly provenance: Provenance,
  ) {}

  /** vouch/provenance: new regions change which findings are decorated. */
  updateRegions(params: ProvenanceParams): void {
    if (!this.provenance.update(params)) return;
    void this.refresh(params.uri);
  }

  /** vouch/markReviewed */
  async markReviewed(params: MarkReviewedParams): Promise<MarkReviewedResult> {
    // A ledger is written into the reviewed file's folder root: never for a file outside every
    // workspace folder (that would create `.vouch/` wherever the file lives; issue 7).
    const scope = this.workspace.scopeOf(params.uri);
    if (!scope || scope.outside) {
      throw new Error('Vouch: only files inside a workspace folder can be marked as reviewed (the ledger lives in the folder)');
    }
    const doc = this.documents.get(params.uri);
    if (doc && oversizedChars(doc) !== undefined) throw new Error('Vouch: this file is too large for the editor to review; its text is not kept');
    const result = await this.provenance.markReviewed(params, this.diagnostics.results.get(params.uri)?.findings ?? []);
    // Every open document of the folder may share reviewed text; refresh them all.
    const root = this.workspace.scopeOf(params.uri)?.root;
    const others = this.documents.all().filter((d) => d.uri !== params.uri && this.workspace.scopeOf(d.uri)?.root === root);
    await Promise.all(others.map((d) => this.diagnostics.republish(d.uri)));
    await this.refresh(params.uri);
    return result;
  }

  /** Diagnostics again (which refreshes the trust views), or only the trust views when there are none to send. */
  private async refresh(uri: string): Promise<void> {
    if (!(await this.diagnostics.republish(uri))) this.provenance.changed(uri);
  }
}
