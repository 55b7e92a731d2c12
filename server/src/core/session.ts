// Per-run state of the engine: the input, lazy parses, shared facts, collected reports and notices.
// Everything a detector sees comes through `context()`, which enforces `meta.needs` and the budget.
import { parseJs, parsePython, parseYaml } from './parsers';
import { LineIndex, type InputLimits } from './text';
import { isTestPath } from './paths';
import type { AsyncDetectorContext, Confidence, Detector, Fact, Finding, LanguageId, Notice, Report, Severity } from './types';

export interface AnalyzeOptions {
  /** Per-rule (or per-family) severity overrides; 'off' disables. */
  rules?: Record<string, Severity | 'off'>;
  minimumConfidence?: Confidence;
  /** Milliseconds each detector may spend on one file. */
  budgetMs?: number;
  /** Milliseconds each slow-tier detector may spend on one file (wall time, I/O included). */
  slowBudgetMs?: number;
  limits?: InputLimits;
  /** Extra flow model packs (the team's `models`, as analysis/team.ts builds them), passed to facts. */
  models?: readonly object[];
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

export class BudgetExceeded extends Error {}

export type RawReport = Report & { detector: Detector };

/** Per-run state: lazy parses, collected reports, notices. */
export class Session {
  readonly index: LineIndex;
  private readonly lower: string;
  /** Keyword prefilter answers, shared by every detector of the run (many share keywords). */
  private readonly seen = new Map<string, boolean>();
  readonly mentions = (keyword: string): boolean => {
    let hit = this.seen.get(keyword);
    if (hit === undefined) {
      hit = this.lower.includes(keyword);
      this.seen.set(keyword, hit);
    }
    return hit;
  };
  readonly notices: Notice[] = [];
  readonly timings: Record<string, number> = {};
  private readonly raw: RawReport[] = [];
  private readonly parsed = new Map<string, unknown>();
  private readonly facts = new Map<string, { value: unknown }>();
  private released = false;
  /** Time spent parsing, which no detector's budget pays for. */
  private parseMs = 0;

  constructor(
    readonly input: AnalyzeInput,
    private readonly options: AnalyzeOptions,
    private readonly finish: (raw: RawReport[], index: LineIndex) => Finding[],
  ) {
    this.lower = input.text.toLowerCase();
    this.index = new LineIndex(input.text);
  }

  private lazy<T>(key: string, make: () => T): T {
    if (!this.parsed.has(key)) {
      const started = performance.now();
      try {
        this.parsed.set(key, make());
      } catch (e) {
        this.parsed.set(key, undefined);
        const why = e instanceof RangeError ? 'the code is nested too deeply for the parser' : (e as Error).message;
        this.notices.push({ kind: 'parse-error', message: `Could not parse ${this.input.path} as ${key}: ${why}; syntax-aware checks were skipped for this file.` });
      }
      this.parseMs += performance.now() - started;
    }
    return this.parsed.get(key) as T;
  }

  context(detector: Detector, deadline: number, extra: Partial<AsyncDetectorContext> = {}): AsyncDetectorContext {
    const { text, languageId, path } = this.input;
    const parsedBefore = this.parseMs;
    const needs = detector.meta.needs ?? [];
    const declared = (what: string) => {
      if (!needs.includes(what)) throw new Error(`detector ${detector.id} uses '${what}' without declaring it in meta.needs`);
    };
    const ctx: AsyncDetectorContext = {
      text, languageId, path,
      isTestFile: isTestPath(path),
      services: {},
      ...(this.options.models ? { models: this.options.models } : {}),
      ...extra,
      js: () => (declared('js'), this.js()),
      python: () => (declared('python'), this.python()),
      yaml: () => (declared('yaml'), languageId === 'yaml' ? this.lazy('yaml', () => parseYaml(text)) : undefined),
      report: (r) => this.raw.push({ ...r, detector }),
      checkBudget: () => {
        if (performance.now() - (this.parseMs - parsedBefore) > deadline) throw new BudgetExceeded();
      },
      get: <T>(fact: Fact<T, AsyncDetectorContext>) => (declared(fact.id), this.fact(fact, ctx)),
    };
    return ctx;
  }

  private js() {
    const { text, languageId, path } = this.input;
    const isJs = languageId.startsWith('javascript') || languageId.startsWith('typescript');
    return isJs ? this.lazy('js', () => parseJs(text, path, languageId)) : undefined;
  }

  private python() {
    return this.input.languageId === 'python' && !this.released ? this.lazy('python', () => parsePython(this.input.text)) : undefined;
  }

  /**
   * Facts are shared work like parses: computed once, under their own budget, and not charged to
   * the detector that happened to ask first.
   */
  private fact<T>(fact: Fact<T, AsyncDetectorContext>, asking: AsyncDetectorContext): T | undefined {
    const memo = this.facts.get(fact.id);
    if (memo) return memo.value as T | undefined;
    const started = performance.now();
    const deadline = started + (this.options.budgetMs ?? 250);
    const parsedBefore = this.parseMs;
    const ctx: AsyncDetectorContext = {
      ...asking,
      js: () => this.js(),
      python: () => this.python(),
      // A fact may build on other facts (the analysis on the IR) whatever the asking detector declared.
      get: <U>(other: Fact<U, AsyncDetectorContext>) => this.fact(other, ctx),
      checkBudget: () => {
        if (performance.now() - (this.parseMs - parsedBefore) > deadline) throw new BudgetExceeded();
      },
    };
    let value: T | undefined;
    try {
      value = fact.compute(ctx);
    } catch (e) {
      this.fail({ id: fact.id } as Detector, e, this.options.budgetMs ?? 250);
    }
    this.facts.set(fact.id, { value });
    // The whole fact, parses included, is shared time that no detector's budget pays for.
    this.parseMs = parsedBefore + (performance.now() - started);
    this.timings[`fact:${fact.id}`] = performance.now() - started;
    return value;
  }

  fail(detector: Detector, e: unknown, budget: number): void {
    const { path } = this.input;
    if (e instanceof BudgetExceeded) {
      this.notices.push({ kind: 'detector-timeout', ruleId: detector.id, message: `Detector ${detector.id} ran out of its ${budget} ms budget on ${path}; its results for this file may be incomplete.` });
    } else {
      const why = e instanceof RangeError ? 'the code is nested too deeply' : (e as Error)?.message ?? String(e);
      this.notices.push({ kind: 'detector-error', ruleId: detector.id, message: `Detector ${detector.id} failed on ${path}: ${why}` });
    }
  }

  rawSpans(): Array<{ start: number; end: number }> {
    return this.raw.map((r) => ({ start: r.start, end: r.end }));
  }

  /** tree-sitter trees live in WASM memory, which the garbage collector does not reclaim. */
  release(): void {
    this.released = true;
    (this.parsed.get('python') as { delete(): void } | undefined)?.delete();
    this.parsed.delete('python');
  }

  /** Findings so far, without ending the session (the fast tier's result while the slow one runs). */
  snapshot(): AnalyzeResult {
    return { findings: this.finish(this.raw, this.index), notices: [...this.notices], timings: { ...this.timings } };
  }

  close(): AnalyzeResult {
    this.release();
    return { findings: this.finish(this.raw, this.index), notices: this.notices, timings: this.timings };
  }
}

