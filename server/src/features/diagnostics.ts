// Runs the engine on open/changed/saved documents (debounced), publishes diagnostics and keeps
// the findings of each document for code actions.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isIncluded } from '../core/config';
import type { Engine } from '../core/engine';
import { normalizeLanguageId } from '../core/languages';
import type { Finding, Severity } from '../core/types';
import { StatusNotification, type DiagnosticData, type StatusParams } from '../protocol';
import type { Workspace } from './workspace';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

type Reason = 'open' | 'change' | 'save';

export interface AnalysedDocument {
  version: number;
  findings: Finding[];
  root: string;
}

export function docsUri(ruleId: string): string {
  return pathToFileURL(join(__dirname, '..', '..', 'rules', 'docs', `${ruleId}.md`)).href;
}

export function toDiagnostic(f: Finding): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, family: f.family, findingId: f.id };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'vouch',
    code: f.ruleId,
    codeDescription: { href: docsUri(f.ruleId) },
    message: f.message,
    data,
  };
}

export class Diagnostics {
  readonly results = new Map<string, AnalysedDocument>();
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; reason: Reason }>();
  private readonly loggedErrors = new Set<string>();
  debounceMs = 150;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly engine: Engine,
  ) {}

  /**
   * Debounces per document. Opening fires both "open" and "change" events, so a pending open or save
   * is never downgraded to a change (which "onSave" mode would ignore).
   */
  schedule(doc: TextDocument, reason: Reason): void {
    const pending = this.timers.get(doc.uri);
    if (pending) clearTimeout(pending.timer);
    const merged: Reason = pending && pending.reason !== 'change' ? pending.reason : reason;
    const delay = merged === 'change' ? this.debounceMs : 0;
    const timer = setTimeout(() => {
      this.timers.delete(doc.uri);
      void this.validate(doc.uri, merged);
    }, delay);
    this.timers.set(doc.uri, { timer, reason: merged });
  }

  revalidateAll(): void {
    for (const d of this.documents.all()) this.schedule(d, 'open');
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri)?.timer);
    this.timers.delete(uri);
    this.results.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
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
      await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
      return;
    }
    if (settings.run === 'onSave' && reason === 'change') return;
    const version = doc.version;
    const text = doc.getText();
    let findings: Finding[] = [];
    let notices: string[] = [];
    try {
      const r = this.engine.analyze(
        { text, languageId: language, path: scope.relPath },
        { rules: settings.rules, minimumConfidence: settings.minimumConfidence, budgetMs: settings.detectorBudgetMs },
      );
      findings = r.findings;
      notices = r.notices.map((n) => n.message);
      for (const n of r.notices) {
        if (n.kind === 'skipped') continue;
        const key = `${n.kind}:${n.ruleId}`;
        if (this.loggedErrors.has(key)) continue;
        this.loggedErrors.add(key);
        this.connection.console.warn(n.message);
      }
    } catch (e) {
      notices = [`Vouch could not analyse this file: ${(e as Error).message}`];
      this.connection.console.error(`Analysis of ${uri} failed: ${(e as Error).stack ?? e}`);
    }
    // A newer edit arrived while analysing: its own run will publish.
    if (this.documents.get(uri)?.version !== version) return;
    this.results.set(uri, { version, findings, root: scope.root });
    await this.connection.sendDiagnostics({
      uri,
      version,
      diagnostics: findings.filter((f) => !f.suppressed).map(toDiagnostic),
    });
    const status: StatusParams = { uri, notices, findings: findings.filter((f) => !f.suppressed).length };
    await this.connection.sendNotification(StatusNotification, status);
  }
}
