// The detector engine: language filter -> keyword prefilter -> lazy parse -> run each detector under
// a time budget -> suppressions and policy. Pure: text in, findings out; no LSP, no vscode, no fs.
import { findSuppression, parseSuppressions } from './suppressions';
import { skipReason, DEFAULT_LIMITS, LineIndex, withoutNul } from './text';
import { fingerprint } from './fingerprint';
import { FileMemo, type MemoLimits } from './memo';
import { KeptTrees } from './trees';
import { KeywordSet } from './keywords';
import { cappedSeverity, place } from './test-files';
import { BudgetExceeded, Session, type AnalyzeInput, type AnalyzeOptions, type AnalyzeResult, type RawReport } from './session';
import type { Detector, DetectorMeta, Finding, LanguageId, Services } from './types';
import { CONFIDENCES } from './types';

export interface RuleInfo {
  id: string;
  meta: DetectorMeta;
  languages: readonly LanguageId[] | '*';
}

export type { AnalyzeInput, AnalyzeOptions, AnalyzeResult } from './session';

export const SUPPRESSION_RULE: RuleInfo = {
  id: 'suppression-missing-reason',
  languages: '*',
  meta: {
    title: 'Suppression without a reason',
    family: 'weak-test',
    severity: 'info',
    confidence: 'high',
  },
};

export class Engine {
  private readonly catalogue = new Map<string, RuleInfo>();
  /** Per `rules` setting: whether each detector is wholly off (allOff). */
  private readonly offFor = new WeakMap<object, Map<Detector, boolean>>();
  /** Facts' work per path kept between runs (the last version's lowering and analysis), bounded. */
  readonly memo: FileMemo;
  /** The last parse of each file a host edits (`AnalyzeOptions.incremental`), for the next version's. */
  readonly trees = new KeptTrees();
  /** Every detector's prefilter keywords, matched in one pass per run. */
  private readonly keywords: KeywordSet;

  constructor(readonly detectors: readonly Detector[], options: { memo?: MemoLimits } = {}) {
    this.memo = new FileMemo(options.memo);
    this.keywords = new KeywordSet(detectors.flatMap((d) => d.keywords ?? []));
    for (const d of detectors) {
      this.register(d.id, d.meta, d.languages);
      for (const [id, meta] of Object.entries(d.ruleMeta ?? {})) this.register(id, meta, d.languages);
    }
    this.catalogue.set(SUPPRESSION_RULE.id, SUPPRESSION_RULE);
  }

  /** One rule may have an implementation per language (js/x.ts, python/x.ts): their languages add up. */
  private register(id: string, meta: DetectorMeta, languages: RuleInfo['languages']): void {
    const prev = this.catalogue.get(id);
    const merged = !prev ? languages : prev.languages === '*' || languages === '*' ? '*' : [...new Set([...prev.languages, ...languages])];
    const mergedMeta = prev ? { ...prev.meta, fixable: prev.meta.fixable || meta.fixable } : meta;
    this.catalogue.set(id, { id, meta: mergedMeta, languages: merged });
  }

  rules(): RuleInfo[] {
    return [...this.catalogue.values()];
  }

  rule(id: string): RuleInfo | undefined {
    return this.catalogue.get(id);
  }

  /** The fast tier: every synchronous detector, on the keystroke path. */
  analyze(input: AnalyzeInput, options: AnalyzeOptions = {}): AnalyzeResult {
    const session = this.open(input, options);
    if ('skipped' in session) return session.skipped;
    this.runFast(session, options);
    return session.close();
  }

  /** Whether the slow tier has work for this file (so hosts can skip scheduling it). */
  hasSlowWork(input: AnalyzeInput, options: AnalyzeOptions = {}): boolean {
    const lower = input.text.toLowerCase();
    return this.detectors.some((d) => d.runAsync && this.applies(d, input.languageId, (k) => lower.includes(k), options));
  }

  /**
   * The slow tier alone: detectors that wait on services (registry look-ups, type checking);
   * `signal` cancels a run made stale by a newer edit.
   */
  async analyzeAsync(input: AnalyzeInput, services: Services, options: AnalyzeOptions = {}, signal?: AbortSignal): Promise<AnalyzeResult> {
    const session = this.open(input, options);
    if ('skipped' in session) return session.skipped;
    try {
      await this.runSlow(session, services, options, signal);
    } finally {
      session.release();
    }
    return session.close();
  }

  /**
   * Both tiers on one parse: the fast tier, then `onFast` with its result (the server publishes
   * it), then the slow tier unless `signal` aborted meanwhile. Returns the findings of both.
   */
  async analyzeTiers(
    input: AnalyzeInput,
    services: Services,
    options: AnalyzeOptions = {},
    hooks: { signal?: AbortSignal; onFast?: (fast: AnalyzeResult) => void | Promise<void> } = {},
  ): Promise<AnalyzeResult> {
    const session = this.open(input, options);
    if ('skipped' in session) {
      await hooks.onFast?.(session.skipped);
      return session.skipped;
    }
    // Cancelled before its slow tier begins, the run reads its trees no more: the next version's
    // run, which cancelled it, may parse from them at once.
    let slowBegun = false;
    const early = () => slowBegun || session.release();
    hooks.signal?.addEventListener('abort', early, { once: true });
    try {
      this.runFast(session, options);
      await hooks.onFast?.(session.snapshot());
      slowBegun = true;
      if (!hooks.signal?.aborted) await this.runSlow(session, services, options, hooks.signal);
    } finally {
      hooks.signal?.removeEventListener('abort', early);
      session.release();
    }
    return session.close();
  }

  private runFast(session: Session, options: AnalyzeOptions): void {
    const budget = options.budgetMs ?? 250;
    for (const detector of this.applicable(session, options, 'run')) {
      const started = performance.now();
      const ctx = session.context(detector, budget);
      try {
        detector.run!(ctx);
        // A call that cannot be interrupted (one regex exec) may overrun between two budget checks.
        if (session.charged(ctx) > budget) throw new BudgetExceeded();
      } catch (e) {
        session.fail(detector, e, budget);
      }
      session.timings[detector.id] = performance.now() - started;
    }
  }

  /**
   * Whether a fix marked `verify` clears its finding: the rule's detectors run again on the fixed text
   * and must report nothing over the edited region, and must have reported the finding on the text as it
   * is (else the re-run says nothing about it). Hosts call it when they are about to offer the
   * fix (a code action, a report), not on every keystroke.
   */
  verifyFix(input: AnalyzeInput, finding: Finding, options: AnalyzeOptions = {}): boolean {
    const fix = finding.fix;
    if (!fix?.verify) return true;
    if (fix.appends || fix.fileEdits) return false;
    const index = new LineIndex(input.text);
    const edits = [...fix.edits].sort((x, y) => y.start - x.start);
    let text = input.text;
    for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    const lo = Math.min(...fix.edits.map((e) => e.start), index.offsetAt(finding.range.start));
    const grow = fix.edits.reduce((n, e) => n + e.newText.length - (e.end - e.start), 0);
    const hi = Math.max(...fix.edits.map((e) => e.end), index.offsetAt(finding.range.end)) + grow;
    const owners = this.detectors.filter((d) => d.run && (d.id === finding.ruleId || d.ruleIds?.includes(finding.ruleId)) && (d.languages === '*' || d.languages.includes(input.languageId)));
    // A finding its rule's fast run does not report on the unfixed text (the slow tier's: a flow decided with an
    // imported file's summary) cannot be checked by running it again: its fix is not offered as verified.
    const [fs, fe] = [index.offsetAt(finding.range.start), index.offsetAt(finding.range.end)];
    if (owners.length && !owners.some((d) => this.stillReported(d, input, input.text, options).some((r) => r.start < Math.max(fe, fs + 1) && r.end > fs))) return false;
    return owners.every((d) => !this.stillReported(d, input, text, options).some((r) => r.start < hi && r.end > lo));
  }

  /** Reports of `detector` on another text (the fixed one). */
  private stillReported(detector: Detector, input: AnalyzeInput, text: string, options: AnalyzeOptions): Array<{ start: number; end: number }> {
    const session = new Session({ ...input, text }, options, () => []);
    try {
      detector.run!(session.context(detector, options.budgetMs ?? 250));
    } catch {
      return [{ start: 0, end: text.length }];
    } finally {
      session.release();
    }
    return session.rawSpans();
  }

  private async runSlow(session: Session, services: Services, options: AnalyzeOptions, signal?: AbortSignal): Promise<void> {
    const budget = options.slowBudgetMs ?? 20_000;
    for (const detector of this.applicable(session, options, 'runAsync')) {
      if (signal?.aborted) break;
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const ctx = session.context(detector, budget, { services, signal });
      // Wall time, less the time spent awaiting shared facts (they have their own budget).
      const timeout = new Promise<never>((_, reject) => {
        const watch = (ms: number) => {
          timer = setTimeout(() => {
            const left = budget - session.charged(ctx);
            if (left > 1) watch(left);
            else reject(new BudgetExceeded());
          }, ms);
        };
        watch(budget);
      });
      try {
        await Promise.race([detector.runAsync!(ctx), timeout]);
      } catch (e) {
        if (!signal?.aborted) session.fail(detector, e, budget);
      } finally {
        clearTimeout(timer);
      }
      session.timings[detector.id] = performance.now() - started;
    }
  }

  private applies(d: Detector, languageId: LanguageId, mentions: (keyword: string) => boolean, options: AnalyzeOptions): boolean {
    if (d.languages !== '*' && !d.languages.includes(languageId)) return false;
    if (d.keywords && !d.keywords.some(mentions)) return false;
    return !this.allOff(d, options.rules);
  }

  private applicable(session: Session, options: AnalyzeOptions, kind: 'run' | 'runAsync'): Detector[] {
    return this.detectors.filter((d) => d[kind] && this.applies(d, session.input.languageId, session.mentions, options));
  }

  private open(input: AnalyzeInput, options: AnalyzeOptions): Session | { skipped: AnalyzeResult } {
    const skip = skipReason(input.text, options.limits ?? DEFAULT_LIMITS);
    if (skip) {
      return { skipped: { findings: [], notices: [{ kind: 'skipped', message: `Vouch skipped ${input.path}: ${skip}.` }], timings: {}, skipped: skip } };
    }
    // A stray NUL (Node and Python run the file anyway) must not stop a parser: same length, so offsets hold.
    if (input.text.indexOf('\u0000') !== -1) input = { ...input, text: withoutNul(input.text) };
    return new Session(input, options, (raw, index) => this.toFindings(raw, input, index, options), this.memo, options.incremental ? this.trees : undefined, this.keywords);
  }

  private allOff(d: Detector, rules: AnalyzeOptions['rules']): boolean {
    if (!rules) return false;
    // The same for every file of a run: asked once per detector and set of rules.
    let known = this.offFor.get(rules);
    if (!known) this.offFor.set(rules, (known = new Map()));
    let off = known.get(d);
    if (off === undefined) {
      const ids = [d.id, ...(d.ruleIds ?? [])];
      off = ids.every((id) => (rules[id] ?? rules[(this.catalogue.get(id)?.meta ?? d.meta).family]) === 'off');
      known.set(d, off);
    }
    return off;
  }

  private toFindings(
    raw: RawReport[],
    input: AnalyzeInput,
    index: LineIndex,
    options: AnalyzeOptions,
  ): Finding[] {
    const suppressions = parseSuppressions(input.text);
    const minConf = CONFIDENCES.indexOf(options.minimumConfidence ?? 'low');
    const seen = new Map<string, number>();
    const positions = new Set<string>();
    const findings: Finding[] = [];
    raw.sort((a, b) => a.start - b.start || a.end - b.end);
    for (const r of raw) {
      const ruleId = r.ruleId ?? r.detector.id;
      const meta = this.catalogue.get(ruleId)?.meta ?? r.detector.meta;
      const override = options.rules?.[ruleId] ?? options.rules?.[meta.family];
      if (override === 'off') continue;
      const placed = place(input.path, meta, r, override);
      if (!placed) continue;
      // A line a developer marked reviewed for Bandit-style security linters (`# nosec`) is shown, not alarmed about.
      const { confidence, severity } = reviewedLine(input.text, r.start) ? { confidence: 'low' as const, severity: cappedSeverity(placed.severity, 'low') } : placed;
      if (CONFIDENCES.indexOf(confidence) < minConf) continue;
      const range = { start: index.positionAt(r.start), end: index.positionAt(r.end) };
      const base = `${ruleId}\u0000${input.path}\u0000${input.text.slice(r.start, r.end)}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      // Two detectors (or two patterns) reporting the same rule at the same place count once.
      const at = `${ruleId}\u0000${r.start}`;
      if (positions.has(at)) continue;
      positions.add(at);
      const s = findSuppression(suppressions, ruleId, meta.family, range.start.line);
      findings.push({
        id: fingerprint(`${base}\u0000${n}`),
        ruleId,
        family: meta.family,
        severity,
        confidence,
        range,
        message: r.message,
        ...(r.kind ? { kind: r.kind } : {}),
        fix: r.fix,
        suppressed: s ? { kind: s.kind, reason: s.reason, line: s.line } : undefined,
        ...(r.related ? { related: r.related.map((x) => (x.file !== undefined ? { file: x.file, range: x.range, message: x.message } : { range: { start: index.positionAt(x.start), end: index.positionAt(x.end) }, message: x.message })) } : {}),
      });
    }
    const hint = options.rules?.[SUPPRESSION_RULE.id];
    for (const s of suppressions) {
      if (s.reason || hint === 'off') continue;
      const suppressedFamily = findings.find((f) => f.suppressed?.line === s.line)?.family;
      findings.push({
        id: fingerprint(`${SUPPRESSION_RULE.id}\u0000${input.path}\u0000${s.line}`),
        ruleId: SUPPRESSION_RULE.id,
        family: suppressedFamily ?? SUPPRESSION_RULE.meta.family,
        severity: hint ?? SUPPRESSION_RULE.meta.severity,
        confidence: 'high',
        range: { start: index.positionAt(s.start), end: index.positionAt(s.end) },
        message: 'This suppression gives no reason; add one after `--` so reviewers know why the finding is safe.',
      });
    }
    return findings;
  }
}

/** `# nosec`, `// nosec` (or nosec in a block comment) on the finding's line. */
const NOSEC = /(?:#|\/\/|\/\*)[^\n]*\bnosec\b/i;

function reviewedLine(text: string, at: number): boolean {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  const line = text.slice(start, end === -1 ? text.length : end);
  return line.length < 2000 && line.includes('nosec') && NOSEC.test(line);
}
