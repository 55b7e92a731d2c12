// Runs the engine on open/changed/saved documents (debounced), publishes diagnostics and keeps
// the findings of each document for code actions. The fast tier publishes at once with the last
// slow-tier findings carried through the edit (carry.ts), so they do not blink out while the slow
// tier waits for a pause in typing; the slow tier's own publish replaces them.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isIncluded } from '../core/config';
import type { Engine } from '../core/engine';
import { normalizeLanguageId } from '../core/languages';
import type { Finding, Notice, Services } from '../core/types';
import type { VouchSettings } from '../core/settings';
import { StatusNotification, type StatusParams } from '../protocol';
import { carryFindings } from './carry';
import { debounceDelay } from './debounce';
import { toDiagnostic } from './diagnostic-shape';
import { teamPacks } from '../analysis/team';
import { MAX_DOCUMENT_CHARS, oversizedChars } from './documents';
import type { Workspace } from './workspace';

type Reason = 'open' | 'change' | 'save';

export interface AnalysedDocument {
  version: number;
  findings: Finding[];
  root: string;
  /** Why the document was not analysed after all (too large, binary, minified). */
  skipped?: string;
  /** The last completed slow tier's own findings and the text they were computed on (carried across edits). */
  slow?: { text: string; findings: Finding[] };
}

/**
 * How findings become diagnostics: the provenance policy (features/provenance.ts), passed in by the
 * wiring. Calls go one way: Diagnostics calls the policy, the policy never calls Diagnostics.
 */
export interface DiagnosticsPolicy {
  diagnostics(uri: string, findings: Finding[]): Promise<Diagnostic[]>;
  /** The diagnostics of a document were sent. */
  published(uri: string): void;
}

/** Slow-tier services (registry, project files, type checker) for a document's folder and settings. */
export type ServicesFor = (root: string, settings: VouchSettings) => Services;

export class Diagnostics {
  readonly results = new Map<string, AnalysedDocument>();
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; reason: Reason; since: number }>();
  private readonly loggedErrors = new Set<string>();
  /** In-flight slow-tier runs, cancelled when a newer version of the document arrives. */
  private readonly slow = new Map<string, AbortController>();
  /** The longest debounce after a keystroke; the wait adapts below it (debounce.ts). */
  debounceMs = 150;
  /** Per document: its length when last scheduled, and what its last fast tier cost (ms). */
  private readonly pace = new Map<string, { chars: number; computeMs?: number }>();
  /** Longest a pending analysis waits under sustained edits (each edit restarts the debounce). */
  maxWaitMs = 1000;
  /** Idle time after an edit before the slow tier starts. */
  slowDelayMs = 400;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly engine: Engine,
    private readonly policy: DiagnosticsPolicy,
    private readonly servicesFor: ServicesFor,
  ) {
    workspace.onPolicyProblems = (uri) => this.policyProblemsChanged(uri);
  }

  /** A policy file's problems changed: an open policy file is analysed again, a closed one gets them alone. */
  private policyProblemsChanged(uri: string): void {
    const doc = this.documents.get(uri);
    if (doc) this.schedule(doc, 'open');
    else void this.connection.sendDiagnostics({ uri, diagnostics: this.workspace.policyDiagnostics(uri) });
  }

  /**
   * Debounces per document, but never past `maxWaitMs` since the first pending edit, so diagnostics
   * keep coming during sustained edits (an agent streaming text). Opening fires both "open" and
   * "change" events, so a pending open or save is never downgraded to a change (which "onSave" mode
   * would ignore).
   */
  schedule(doc: TextDocument, reason: Reason): void {
    const pending = this.timers.get(doc.uri);
    if (pending) clearTimeout(pending.timer);
    const merged: Reason = pending && pending.reason !== 'change' ? pending.reason : reason;
    const since = pending?.since ?? Date.now();
    const pace = this.pace.get(doc.uri);
    const chars = doc.getText().length;
    const wait = debounceDelay({ inserted: chars - (pace?.chars ?? chars), lastComputeMs: pace?.computeMs, ceilingMs: this.debounceMs });
    this.pace.set(doc.uri, { chars, computeMs: pace?.computeMs });
    const delay = merged === 'change' ? Math.max(0, Math.min(wait, since + this.maxWaitMs - Date.now())) : 0;
    const timer = setTimeout(() => {
      this.timers.delete(doc.uri);
      void this.validate(doc.uri, merged);
    }, delay);
    this.timers.set(doc.uri, { timer, reason: merged, since });
  }

  revalidateAll(): void {
    for (const d of this.documents.all()) this.schedule(d, 'open');
  }

  /** Every open document's last findings through the policy again (reviews changed on disk). */
  republishAll(): void {
    for (const d of this.documents.all()) void this.republish(d.uri);
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri)?.timer);
    this.timers.delete(uri);
    this.slow.get(uri)?.abort();
    this.slow.delete(uri);
    this.results.delete(uri);
    this.pace.delete(uri);
    // The engine kept this document's lowering for its next edit; a closed document has none.
    const scope = this.workspace.scopeOf(uri);
    if (scope) {
      this.engine.memo.delete(scope.relPath);
      this.engine.trees.delete(scope.relPath);
    }
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * Why Vouch does not analyse a document, as a phrase for the trust views ("Not analysed — …"), or
   * undefined when it does (or will, once its analysis runs). The same checks as `validate`.
   */
  notAnalysedReason(uri: string, settings: VouchSettings): string | undefined {
    const doc = this.documents.get(uri);
    const scope = this.workspace.scopeOf(uri);
    if (!doc || !scope) return 'Vouch does not analyse this kind of file';
    if (!settings.enable) return 'Vouch is turned off for this file (vouch.enable)';
    if (!normalizeLanguageId(doc.languageId, scope.relPath)) return `Vouch does not analyse ${doc.languageId} files`;
    if (!isIncluded(scope.relPath, settings)) return 'the file is left out by vouch.include or vouch.exclude';
    const skipped = this.results.get(uri)?.skipped;
    return skipped && skipped.replace(/[.\s]+$/, '');
  }

  async validate(uri: string, reason: Reason): Promise<void> {
    const scope = this.workspace.scopeOf(uri);
    if (!this.documents.get(uri) || !scope) return;
    const settings = await this.workspace.settingsFor(uri);
    // Re-read after the await: the document may have changed or closed meanwhile.
    const doc = this.documents.get(uri);
    if (!doc) return;
    const language = normalizeLanguageId(doc.languageId, scope.relPath);
    if (!settings.enable || !language || !isIncluded(scope.relPath, settings)) {
      // Publish the empty set explicitly: stale findings must go, and clients see the file was considered.
      this.results.delete(uri);
      await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: this.workspace.policyDiagnostics(uri) });
      return;
    }
    if (settings.run === 'onSave' && reason === 'change') return;
    const tooLarge = oversizedChars(doc);
    if (tooLarge !== undefined) {
      const message = `Skipped in the editor: this file has ${tooLarge.toLocaleString('en')} characters, more than the ${MAX_DOCUMENT_CHARS.toLocaleString('en')} Vouch keeps per open document (run \`vouch scan\` on it instead)`;
      if (!this.loggedErrors.has(`too-large:${uri}`)) {
        this.loggedErrors.add(`too-large:${uri}`);
        this.connection.console.info(`${uri}: ${message}`);
      }
      await this.publish(uri, doc.version, scope.root, [], [{ kind: 'skipped', message }]);
      return;
    }
    const version = doc.version;
    const input = { text: doc.getText(), languageId: language, path: scope.relPath };
    const options = { rules: settings.rules, minimumConfidence: settings.minimumConfidence, budgetMs: settings.detectorBudgetMs, models: teamPacks(settings.models), ...(settings.flowAnalysis === false ? { flowAnalysis: false } : {}), incremental: true };
    this.slow.get(uri)?.abort();
    const controller = new AbortController();
    this.slow.set(uri, controller);
    const stale = () => controller.signal.aborted || this.documents.get(uri)?.version !== version;
    let fastCount = -1;
    const previous = this.results.get(uri)?.slow;
    let carried: Finding[] = [];
    let fastIds = new Set<string>();
    try {
      // One parse serves both tiers: fast findings are published at once, slow ones when they arrive.
      const started = performance.now();
      const all = await this.engine.analyzeTiers(input, this.servicesFor(scope.root, settings), options, {
        signal: controller.signal,
        onFast: async (fast) => {
          const pace = this.pace.get(uri);
          if (pace) pace.computeMs = performance.now() - started;
          fastCount = fast.findings.length + fast.notices.length;
          // A newer edit arrived while analysing: its own run will publish.
          if (stale()) return controller.abort();
          fastIds = new Set(fast.findings.map((f) => f.id));
          carried = previous ? carryFindings(previous.text, input.text, previous.findings).filter((f) => !fastIds.has(f.id)) : [];
          await this.publish(uri, version, scope.root, [...fast.findings, ...carried], fast.notices, previous);
          // The slow tier waits for a pause in typing (type checks run on their own thread, but cost
          // CPU all the same); a newer edit cancels it unstarted.
          if (reason === 'change' && this.slowDelayMs > 0) {
            await new Promise((resolve) => setTimeout(resolve, this.slowDelayMs));
            if (stale()) controller.abort();
          }
        },
      });
      if (stale()) return;
      const slow = { text: input.text, findings: all.findings.filter((f) => !fastIds.has(f.id)) };
      // Nothing new from the slow tier and nothing carried: the fast publish already says it all.
      if (!carried.length && all.findings.length + all.notices.length === fastCount) {
        const r = this.results.get(uri);
        if (r?.version === version) r.slow = slow;
        return;
      }
      await this.publish(uri, version, scope.root, all.findings, all.notices, slow);
    } catch (e) {
      this.connection.console.error(`Analysis of ${uri} failed: ${(e as Error).stack ?? e}`);
      if (fastCount < 0 && !stale()) {
        await this.publish(uri, version, scope.root, [], [{ kind: 'detector-error', message: `Vouch could not analyse this file: ${(e as Error).message}` }]);
      }
    } finally {
      if (this.slow.get(uri) === controller) this.slow.delete(uri);
    }
  }

  private async publish(uri: string, version: number, root: string, findings: Finding[], notices: Notice[], slow?: AnalysedDocument['slow']): Promise<void> {
    for (const n of notices) {
      if (n.kind === 'skipped') continue;
      const key = `${n.kind}:${n.ruleId}`;
      if (this.loggedErrors.has(key)) continue;
      this.loggedErrors.add(key);
      this.connection.console.warn(n.message);
    }
    const skipped = notices.find((n) => n.kind === 'skipped')?.message;
    this.results.set(uri, { version, findings, root, ...(skipped ? { skipped } : {}), ...(slow ? { slow } : {}) });
    const diagnostics = await this.shown(uri, findings);
    // A newer analysis published while the policy looked up settings: its diagnostics stand.
    if (this.results.get(uri)?.version !== version || this.results.get(uri)?.findings !== findings) return;
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
    const status: StatusParams = { uri, notices: notices.map((n) => n.message), findings: diagnostics.length };
    await this.connection.sendNotification(StatusNotification, status);
    this.policy.published(uri);
  }

  /** Sends the last findings of a document again through the policy (provenance or reviews changed). */
  async republish(uri: string): Promise<boolean> {
    const r = this.results.get(uri);
    if (!r || this.documents.get(uri)?.version !== r.version) return false;
    const diagnostics = await this.shown(uri, r.findings);
    if (this.results.get(uri) !== r) return false;
    await this.connection.sendDiagnostics({ uri, version: r.version, diagnostics });
    this.policy.published(uri);
    return true;
  }

  private async shown(uri: string, findings: Finding[]): Promise<Diagnostic[]> {
    const policyFile = this.workspace.policyDiagnostics(uri);
    try {
      return [...policyFile, ...(await this.policy.diagnostics(uri, findings))];
    } catch (e) {
      this.connection.console.error(`Provenance policy for ${uri} failed: ${(e as Error).stack ?? e}`);
      return [...policyFile, ...findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(f, uri, this.results.get(uri)?.root))];
    }
  }
}
