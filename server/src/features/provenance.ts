// Provenance policy in the server: keeps the latest region list per document (sent by the client),
// reads the review ledger of each folder, decorates findings in unreviewed assisted code and
// appends reviews. The pure rules live in review/policy.ts. It is the DiagnosticsPolicy that
// Diagnostics calls and never calls Diagnostics itself; features/review.ts sends diagnostics again
// after its state changes.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeProblem } from '../core/region-bounds';
import type { Finding } from '../core/types';
import { LEDGER_FILE, type ProvenanceRegion } from '../core/provenance-types';
import type { VouchSettings } from '../core/settings';
import {
  TrustChangedNotification, type DiagnosticData, type MarkReviewedParams, type MarkReviewedResult, type ProvenanceParams,
  type TrustChangedParams,
} from '../protocol';
import { gitConfig, reviewerFor } from '../review/identity';
import { appendEntries, EMPTY_LEDGER, readLedger, type EntrySigner, type LedgerRead, type NewEntry, type ReviewedFindingStatus } from '../review/ledger';
import { sshEntrySigner } from '../review/signed-entries';
import { applyPolicy, evaluateRegions, indexLedger, type EvaluatedRegion, type PolicyResult } from '../review/policy';
import { toDiagnostic } from './diagnostic-shape';
import type { DiagnosticsPolicy } from './diagnostics';
import { fsPath, type Workspace } from './workspace';

export interface Evaluation {
  text: string;
  relPath: string;
  regions: EvaluatedRegion[];
  /** All findings (suppressed included) after the policy; dropped assisted-only ones are absent. */
  results: PolicyResult[];
  ledger: LedgerRead;
}

/** Findings remembered per region, so a review can say which ones were fixed before it. */
const MEMORY_PER_REGION = 200;

export class Provenance implements DiagnosticsPolicy {
  private readonly regions = new Map<string, { version: number; regions: ProvenanceRegion[] }>();
  private readonly ledgers = new Map<string, { key: string; read: LedgerRead }>();
  private readonly memory = new Map<string, Map<string, Map<string, string>>>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    /** Workspace trust: when false, nothing is executed (no `git` for the reviewer's name). */
    private readonly trusted: boolean,
  ) {}

  /** vouch/provenance: the client's complete region list for a document at a version; false when outdated or malformed. */
  update(params: ProvenanceParams): boolean {
    if (!params || typeof params.uri !== 'string' || !Array.isArray(params.regions)) return false;
    const doc = this.documents.get(params.uri);
    const known = this.regions.get(params.uri);
    // Ranges refer to params.version; an older list than the document or than what we hold is outdated.
    if (doc && typeof params.version === 'number' && params.version < doc.version) return false;
    if (known && params.version < known.version) return false;
    const regions = params.regions.filter(validRegion);
    const sane = regions.filter((r) => !rangeProblem(r.range));
    if (sane.length < regions.length) {
      const r = regions.find((x) => rangeProblem(x.range))!;
      this.connection.console.warn(`Vouch: ${regions.length - sane.length} provenance region(s) of ${params.uri} ignored: region ${JSON.stringify(r.id.slice(0, 80))} ${rangeProblem(r.range)}`);
    }
    this.regions.set(params.uri, { version: params.version, regions: sane });
    return true;
  }

  forget(uri: string): void {
    this.memory.delete(uri);
  }

  /** DiagnosticsPolicy: findings → diagnostics, decorated where they lie in unreviewed assisted code. */
  async diagnostics(uri: string, findings: Finding[]): Promise<Diagnostic[]> {
    const settings = await this.workspace.settingsFor(uri);
    const ev = this.evaluate(uri, findings, settings);
    const root = this.workspace.scopeOf(uri)?.root;
    if (!ev) return findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(f, uri, root));
    this.remember(uri, ev.results);
    return ev.results.filter((r) => !r.finding.suppressed).map((r) => {
      const d = toDiagnostic(r.finding, uri, root);
      if (r.provenance) (d.data as DiagnosticData).provenance = r.provenance;
      return d;
    });
  }

  /** DiagnosticsPolicy: diagnostics were sent, so the trust views refresh. */
  published(uri: string): void {
    this.changed(uri);
  }

  /** Tells the client the trust data of a document changed (findings, regions or reviews). */
  changed(uri: string): void {
    const p: TrustChangedParams = { uri };
    void this.connection.sendNotification(TrustChangedNotification, p);
  }

  /** Regions with review state and findings after the policy, for the current text of a document. */
  evaluate(uri: string, findings: readonly Finding[], settings: VouchSettings): Evaluation | undefined {
    const doc = this.documents.get(uri);
    const scope = this.workspace.scopeOf(uri);
    if (!doc || !scope) return undefined;
    const text = doc.getText();
    const ledger = this.ledgerFor(uri, scope.root);
    const regions = evaluateRegions(text, this.regions.get(uri)?.regions ?? [], indexLedger(ledger.entries, scope.relPath));
    return { text, relPath: scope.relPath, regions, results: applyPolicy(findings, regions, settings), ledger };
  }

  /**
   * vouch/markReviewed: appends ledger entries for the regions asked for, given the document's current
   * findings. The caller sends diagnostics again (features/review.ts).
   */
  async markReviewed(params: MarkReviewedParams, findings: readonly Finding[]): Promise<MarkReviewedResult> {
    const uri = params.uri;
    const scope = this.workspace.scopeOf(uri);
    if (!this.documents.get(uri) || !scope) throw new Error(`Vouch: ${uri} is not an open document`);
    if (!fsPath(uri) || !scope.root) throw new Error('Vouch: only files inside a workspace folder can be marked as reviewed (the ledger lives in the folder)');
    const ledgerFile = join(scope.root, LEDGER_FILE);
    const settings = await this.workspace.settingsFor(uri);
    const reviewer = await reviewerFor(scope.root, this.trusted);
    const ev = this.evaluate(uri, findings, settings);
    if (!ev) return { reviewed: 0, ledger: ledgerFile };
    const wanted = params.regionIds === 'all' ? undefined : new Set(params.regionIds);
    const targets = ev.regions.filter((r) => (wanted ? wanted.has(r.region.id) : r.state !== 'reviewed'));
    const time = new Date().toISOString();
    const note = typeof params.note === 'string' && params.note.trim() ? params.note.trim() : undefined;
    const entries: NewEntry[] = targets.map((r) => ({
      file: ev.relPath, regionId: r.region.id, lines: r.lines, hash: r.currentHash, source: r.region.source,
      reviewer, time, findings: this.reviewedFindings(uri, r, ev.results), ...(note ? { note } : {}),
    }));
    appendEntries(ledgerFile, entries, entries.length ? await this.signerFor(scope.root, settings) : undefined);
    for (const r of targets) this.memory.get(uri)?.delete(r.region.id);
    this.ledgers.delete(scope.root);
    return { reviewed: entries.length, ledger: ledgerFile };
  }

  /** With `review.sign`: the reviewer's SSH key signs each entry; without a key the review is refused, not left unsigned. */
  private async signerFor(root: string, settings: VouchSettings): Promise<EntrySigner | undefined> {
    if (!settings.review.sign) return undefined;
    if (!this.trusted) throw new Error('Vouch: signing reviews runs ssh-keygen, which an untrusted workspace does not allow; trust the workspace or turn off vouch.review.sign');
    const configured = settings.review.signingKey || await gitConfig(root, 'user.signingkey');
    if (!configured) throw new Error('Vouch: vouch.review.sign is on but no key is set: set vouch.review.signingKey or `git config user.signingkey` to your SSH key');
    const key = configured.startsWith('~/') ? join(homedir(), configured.slice(2)) : configured;
    return sshEntrySigner(key);
  }

  private reviewedFindings(uri: string, r: EvaluatedRegion, results: readonly PolicyResult[]): NewEntry['findings'] {
    const out: NewEntry['findings'] = [];
    const present = new Set<string>();
    for (const x of results) {
      if (x.region?.region.id !== r.region.id) continue;
      present.add(x.finding.id);
      const status: ReviewedFindingStatus = x.finding.suppressed ? 'suppressed' : 'accepted';
      out.push({ ruleId: x.finding.ruleId, findingId: x.finding.id, status });
    }
    for (const [findingId, ruleId] of this.memory.get(uri)?.get(r.region.id) ?? []) {
      if (!present.has(findingId)) out.push({ ruleId, findingId, status: 'fixed' });
    }
    return out;
  }

  private remember(uri: string, results: readonly PolicyResult[]): void {
    for (const r of results) {
      if (!r.region) continue;
      let doc = this.memory.get(uri);
      if (!doc) this.memory.set(uri, (doc = new Map()));
      let seen = doc.get(r.region.region.id);
      if (!seen) doc.set(r.region.region.id, (seen = new Map()));
      if (seen.size < MEMORY_PER_REGION) seen.set(r.finding.id, r.finding.ruleId);
    }
  }

  /** The folder's ledger, read again only when the file changed on disk (size or time). */
  private ledgerFor(uri: string, root: string): LedgerRead {
    if (!root || !fsPath(uri)) return EMPTY_LEDGER;
    const file = join(root, LEDGER_FILE);
    let key = 'missing';
    try {
      const st = statSync(file);
      key = `${st.size}:${st.mtimeMs}`;
    } catch {
      // Missing: an empty ledger.
    }
    const cached = this.ledgers.get(root);
    if (cached && cached.key === key) return cached.read;
    const read = key === 'missing' ? EMPTY_LEDGER : readLedger(file);
    for (const w of read.warnings) {
      if (this.warned.has(`${root}:${w}`)) continue;
      this.warned.add(`${root}:${w}`);
      this.connection.console.warn(`Vouch review ledger (${LEDGER_FILE}): ${w}`);
    }
    this.ledgers.set(root, { key, read });
    return read;
  }
}

const SOURCES = new Set(['completion', 'paste', 'agent']);
const isPos = (p: unknown): boolean =>
  !!p && typeof p === 'object' && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);

function validRegion(r: ProvenanceRegion): boolean {
  return !!r && typeof r.id === 'string' && SOURCES.has(r.source) && !!r.range && isPos(r.range.start) && isPos(r.range.end);
}
