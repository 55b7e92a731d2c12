// The detector engine: language filter -> keyword prefilter -> lazy parse -> run each detector under
// a time budget -> suppressions and policy. Pure: text in, findings out; no LSP, no vscode, no fs.
import { parseJs, parsePython, parseYaml } from './parsers';
import { findSuppression, parseSuppressions } from './suppressions';
import { LineIndex, skipReason, DEFAULT_LIMITS, type InputLimits } from './text';
import { fingerprint } from './fingerprint';
import { isTestPath } from './paths';
import type {
  Confidence, Detector, DetectorContext, DetectorMeta, Finding, LanguageId, Notice, Report, Severity,
} from './types';
import { CONFIDENCES } from './types';

export interface RuleInfo {
  id: string;
  meta: DetectorMeta;
  languages: readonly LanguageId[] | '*';
}

export interface AnalyzeOptions {
  /** Per-rule (or per-family) severity overrides; 'off' disables. */
  rules?: Record<string, Severity | 'off'>;
  minimumConfidence?: Confidence;
  /** Milliseconds each detector may spend on one file. */
  budgetMs?: number;
  limits?: InputLimits;
}

export interface AnalyzeInput {
  text: string;
  languageId: LanguageId;
  /** Relative to the workspace root, forward slashes. */
  path: string;
}

export interface AnalyzeResult {
  findings: Finding[];
  notices: Notice[];
  /** Milliseconds per detector that ran. */
  timings: Record<string, number>;
  skipped?: string;
}

class BudgetExceeded extends Error {}

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

  constructor(readonly detectors: readonly Detector[]) {
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
    this.catalogue.set(id, { id, meta: prev?.meta ?? meta, languages: merged });
  }

  rules(): RuleInfo[] {
    return [...this.catalogue.values()];
  }

  rule(id: string): RuleInfo | undefined {
    return this.catalogue.get(id);
  }

  analyze(input: AnalyzeInput, options: AnalyzeOptions = {}): AnalyzeResult {
    const notices: Notice[] = [];
    const timings: Record<string, number> = {};
    const skip = skipReason(input.text, options.limits ?? DEFAULT_LIMITS);
    if (skip) return { findings: [], notices: [{ kind: 'skipped', message: `Vouch skipped ${input.path}: ${skip}.` }], timings, skipped: skip };

    const { text, languageId, path } = input;
    const lower = text.toLowerCase();
    const budget = options.budgetMs ?? 250;
    const index = new LineIndex(text);
    const raw: Array<Report & { detector: Detector }> = [];
    const parsed = new Map<string, unknown>();
    const lazy = <T>(key: string, make: () => T): T => {
      if (!parsed.has(key)) {
        try {
          parsed.set(key, make());
        } catch (e) {
          parsed.set(key, undefined);
          notices.push({ kind: 'parse-error', message: `Could not parse ${path} as ${key}: ${(e as Error).message}` });
        }
      }
      return parsed.get(key) as T;
    };
    const isJs = languageId.startsWith('javascript') || languageId.startsWith('typescript');

    for (const detector of this.detectors) {
      if (detector.languages !== '*' && !detector.languages.includes(languageId)) continue;
      if (detector.keywords && !detector.keywords.some((k) => lower.includes(k))) continue;
      if (this.allOff(detector, options.rules)) continue;
      const started = performance.now();
      const deadline = started + budget;
      const ctx: DetectorContext = {
        text, languageId, path,
        isTestFile: isTestPath(path),
        js: () => (isJs ? lazy('js', () => parseJs(text, path, languageId)) : undefined),
        python: () => (languageId === 'python' ? lazy('python', () => parsePython(text)) : undefined),
        yaml: () => (languageId === 'yaml' ? lazy('yaml', () => parseYaml(text)) : undefined),
        report: (r) => raw.push({ ...r, detector }),
        checkBudget: () => {
          if (performance.now() > deadline) throw new BudgetExceeded();
        },
      };
      try {
        detector.run(ctx);
      } catch (e) {
        if (e instanceof BudgetExceeded) {
          notices.push({ kind: 'detector-timeout', ruleId: detector.id, message: `Detector ${detector.id} ran out of its ${budget} ms budget on ${path}; its results for this file may be incomplete.` });
        } else {
          notices.push({ kind: 'detector-error', ruleId: detector.id, message: `Detector ${detector.id} failed on ${path}: ${(e as Error)?.message ?? String(e)}` });
        }
      }
      timings[detector.id] = performance.now() - started;
    }
    const tree = parsed.get('python') as { delete(): void } | undefined;
    tree?.delete();

    return { findings: this.toFindings(raw, input, index, options), notices, timings };
  }

  private allOff(d: Detector, rules: AnalyzeOptions['rules']): boolean {
    if (!rules) return false;
    const ids = [d.id, ...(d.ruleIds ?? [])];
    return ids.every((id) => (rules[id] ?? rules[(this.catalogue.get(id)?.meta ?? d.meta).family]) === 'off');
  }

  private toFindings(
    raw: Array<Report & { detector: Detector }>,
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
      const confidence = r.confidence ?? meta.confidence;
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
        severity: override ?? r.severity ?? meta.severity,
        confidence,
        range,
        message: r.message,
        fix: r.fix,
        suppressed: s ? { kind: s.kind, reason: s.reason, line: s.line } : undefined,
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
