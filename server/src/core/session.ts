// Per-run state of the engine: the input, lazy parses, shared facts, collected reports and notices.
// Everything a detector sees comes through `context()`, which enforces `meta.needs` and the budget.
import { parseJs, parsePython, parseYaml, reparseJs, reparsePython, reparsesBeforeFresh } from './parsers';
import { KeywordSet } from './keywords';
import type { KeptTrees } from './trees';
import type { FileMemo } from './memo';
import { LineIndex, type InputLimits } from './text';
import { isTestPath } from './paths';
import type { ts } from './ts';
import type { Tree } from 'web-tree-sitter';
import type { AsyncDetectorContext, Confidence, Detector, Fact, FactContext, Finding, LanguageId, Notice, Report, Services, Severity } from './types';

export interface AnalyzeOptions {
  /** Per-rule (or per-family) severity overrides; 'off' disables. */
  rules?: Record<string, Severity | 'off'>;
  minimumConfidence?: Confidence;
  /** Milliseconds each detector may spend on one file. */
  budgetMs?: number;
  /** Milliseconds each slow-tier detector may spend on one file (wall time, I/O included). */
  slowBudgetMs?: number;
  limits?: InputLimits;
  /**
   * Called whenever a detector asks for a parser or fact (before `meta.needs` is checked): tests
   * record what each detector really uses (test/meta.test.ts compares it with `meta.needs`).
   */
  onNeed?: (detector: Detector, need: string) => void;
  /** Extra flow model packs (the team's `models`, as analysis/team.ts builds them), passed to facts. */
  models?: readonly object[];
  /** `false`: the analysis layer's facts answer nothing (settings' `flowAnalysis`), passed to facts. */
  flowAnalysis?: boolean;
  /**
   * The host edits this file and will analyse its next version soon (the editor): parse from the
   * last version's tree and keep this one for the next (core/trees.ts). A scan leaves it off.
   */
  incremental?: boolean;
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

const isPending = (v: unknown): v is Promise<unknown> => typeof (v as Promise<unknown> | undefined)?.then === 'function';

export type RawReport = Report & { detector: Detector };

/** Per-run state: lazy parses, collected reports, notices. */
export class Session {
  readonly index: LineIndex;
  /** Keyword prefilter answers, shared by every detector of the run: one pass over the text for all of them. */
  private found?: (keyword: string) => boolean;
  readonly mentions = (keyword: string): boolean => (this.found ??= (this.keywords ?? new KeywordSet([])).scan(this.input.text))(keyword);
  readonly notices: Notice[] = [];
  readonly timings: Record<string, number> = {};
  private readonly raw: RawReport[] = [];
  private readonly parsed = new Map<string, unknown>();
  private readonly facts = new Map<string, { value: unknown }>();
  private testFile?: boolean;
  private released = false;
  /** Incremental reparses behind this run's TypeScript tree (kept with it for the next version). */
  private jsGeneration = 0;
  /** Time spent parsing, which no detector's budget pays for. */
  private parseMs = 0;

  constructor(
    readonly input: AnalyzeInput,
    readonly options: AnalyzeOptions,
    private readonly finish: (raw: RawReport[], index: LineIndex) => Finding[],
    /** The engine's memo of earlier runs, handed to facts; none: this run neither reads nor leaves anything. */
    private readonly memo?: FileMemo,
    /** Where an incremental run finds the last version's trees and leaves its own. */
    private readonly trees?: KeptTrees,
    /** The engine's keywords (core/keywords.ts); without them each keyword is looked for on its own. */
    private readonly keywords?: KeywordSet,
  ) {
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
      // Shared like facts: a detector's own time is its timing less these.
      this.timings[`parse:${key}`] = performance.now() - started;
    }
    return this.parsed.get(key) as T;
  }

  /**
   * What `detector` sees. `budgetMs` counts from now, minus shared work it waited for: parses,
   * facts computed on its request, and (slow tier) the time it awaited a fact another detector started.
   */
  context(detector: Detector, budgetMs: number, extra: Partial<AsyncDetectorContext> = {}): AsyncDetectorContext {
    return new RunContext(this, detector, budgetMs, extra);
  }

  /** Milliseconds `ctx` has spent on its own account (the slow tier's watchdog reads it). */
  charged(ctx: AsyncDetectorContext): number {
    return ctx instanceof RunContext ? ctx.charged() : 0;
  }

  /** Whether the run's file is a test file (asked once per run, not once per detector). */
  get isTestFile(): boolean {
    return (this.testFile ??= isTestPath(this.input.path));
  }

  /** For RunContext: the reports, the shared parse time so far, the options' hook. */
  push(r: RawReport): void {
    this.raw.push(r);
  }

  get sharedMs(): number {
    return this.parseMs;
  }

  noteNeed(detector: Detector, what: string): void {
    this.options.onNeed?.(detector, what);
  }

  /** The parsers and facts, for RunContext (which checks `meta.needs` first). */
  js() {
    const { text, languageId, path } = this.input;
    const isJs = languageId.startsWith('javascript') || languageId.startsWith('typescript');
    if (!isJs || this.released) return undefined;
    return this.lazy('js', () => {
      const prev = this.trees?.take<ts.SourceFile>(path, 'js', languageId);
      const generation = prev?.generation ?? 0;
      // Carried through enough edits, the tree is made afresh (parsers.ts: old texts it keeps alive).
      const fresh = !prev || (prev.text !== text && generation >= reparsesBeforeFresh(text.length));
      this.jsGeneration = fresh ? 0 : prev.text === text ? generation : generation + 1;
      return fresh ? parseJs(text, path, languageId) : reparseJs(prev, text);
    });
  }

  python() {
    const { text, languageId, path } = this.input;
    if (languageId !== 'python' || this.released) return undefined;
    return this.lazy('python', () => {
      const prev = this.trees?.take<Tree>(path, 'python', languageId);
      return prev ? reparsePython(prev, text) : parsePython(text);
    });
  }

  yaml() {
    return this.input.languageId === 'yaml' ? this.lazy('yaml', () => parseYaml(this.input.text)) : undefined;
  }

  /**
   * Facts are shared work like parses: computed once per session (one file version: both tiers of
   * `analyzeTiers` share it), under their own budget, and not charged to the detector that asked
   * first. A fact whose `compute` returns a promise is a slow-tier fact: the memo holds the promise,
   * settled under the slow budget, so every detector awaiting it shares one computation.
   */
  fact<T>(fact: Fact<T, AsyncDetectorContext>, asking: AsyncDetectorContext, slow: boolean): T | undefined {
    const memo = this.facts.get(fact.id);
    if (memo) return memo.value as T | undefined;
    const started = performance.now();
    const budget = slow ? this.options.slowBudgetMs ?? 20_000 : this.options.budgetMs ?? 250;
    const deadline = started + budget;
    const parsedBefore = this.parseMs;
    const { text, languageId, path, isTestFile, services, signal: asked, models, flowAnalysis } = asking as AsyncDetectorContext & ModelFields;
    // A slow fact that runs out of its budget is stopped too (a type check goes on in its worker otherwise).
    const own = slow ? new AbortController() : undefined;
    const signal = own ? (asked ? AbortSignal.any([asked, own.signal]) : own.signal) : asked;
    const ctx: AsyncDetectorContext & FactContext = {
      text, languageId, path, isTestFile, services,
      ...(signal ? { signal } : {}),
      ...(models ? { models } : {}),
      ...(flowAnalysis === false ? { flowAnalysis } : {}),
      memo: this.memo,
      editing: this.options.incremental === true,
      js: () => this.js(),
      python: () => this.python(),
      yaml: () => this.yaml(),
      report: () => {
        throw new Error(`fact ${fact.id} tried to report; facts compute, detectors report`);
      },
      // A fact may build on other facts (the analysis on the IR) whatever the asking detector declared.
      get: <U>(other: Fact<U, AsyncDetectorContext>) => this.fact(other, ctx, slow),
      checkBudget: () => {
        if (performance.now() - (slow ? 0 : this.parseMs - parsedBefore) > deadline) throw new BudgetExceeded();
      },
    };
    let value: T | undefined;
    try {
      value = fact.compute(ctx);
    } catch (e) {
      this.fail({ id: fact.id } as Detector, e, budget);
    }
    if (isPending(value)) {
      if (!slow) {
        this.fail({ id: fact.id } as Detector, new Error('an asynchronous fact was asked for in the fast tier'), budget);
        value = undefined;
      } else {
        value = this.settle(fact.id, value, deadline, budget, asked, own) as T;
      }
    }
    this.facts.set(fact.id, { value });
    // The whole fact, parses included, is shared time that no detector's budget pays for.
    this.parseMs = parsedBefore + (performance.now() - started);
    this.timings[`fact:${fact.id}`] = performance.now() - started;
    return value;
  }

  /** An asynchronous fact: failure or time-out yields `undefined` to every detector and one notice. */
  private async settle(id: string, pending: Promise<unknown>, deadline: number, budget: number, signal?: AbortSignal, own?: AbortController): Promise<unknown> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BudgetExceeded()), Math.max(0, deadline - started));
    });
    try {
      return await Promise.race([pending, timeout]);
    } catch (e) {
      if (!signal?.aborted) this.fail({ id } as Detector, e, budget);
      // Timed out or failed: nothing reads its work any more.
      own?.abort();
      return undefined;
    } finally {
      clearTimeout(timer);
      this.timings[`fact:${id}`] = (this.timings[`fact:${id}`] ?? 0) + performance.now() - started;
    }
  }

  fail(detector: Detector, e: unknown, budget: number): void {
    const { path } = this.input;
    if (e instanceof BudgetExceeded) {
      this.notices.push({ kind: 'detector-timeout', ruleId: detector.id, message: `Detector ${detector.id} ran out of its ${budget} ms budget on ${path}; its results for this file may be incomplete.` });
    } else if (e instanceof RangeError && /call stack/i.test(e.message)) {
      // Input nested deeper than the stack (a parser may accept what a tree walk then cannot): a limit of
      // the file, like the parser's own, not a fault of the detector.
      this.notices.push({ kind: 'parse-error', ruleId: detector.id, message: `${detector.id} skipped ${path}: the code is nested too deeply to analyse; its results for this file may be incomplete.` });
    } else {
      this.notices.push({ kind: 'detector-error', ruleId: detector.id, message: `Detector ${detector.id} failed on ${path}: ${(e as Error)?.message ?? String(e)}` });
    }
  }

  rawSpans(): Array<{ start: number; end: number }> {
    return this.raw.map((r) => ({ start: r.start, end: r.end }));
  }

  /**
   * The run reads its trees no more: an incremental run hands them to the next version (trees.ts),
   * any other deletes its tree-sitter tree (WASM memory, which the garbage collector does not reclaim).
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    const { text, languageId, path } = this.input;
    const js = this.parsed.get('js') as ts.SourceFile | undefined;
    const python = this.parsed.get('python') as Tree | undefined;
    this.parsed.delete('js');
    this.parsed.delete('python');
    if (this.trees && js) this.trees.put(path, 'js', { text, languageId, tree: js, generation: this.jsGeneration });
    if (this.trees && python) this.trees.put(path, 'python', { text, languageId, tree: python, dispose: () => python.delete() });
    else python?.delete();
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


/** Settings passed through to facts (analysis/index.ts reads them as `ModelContext`). */
interface ModelFields {
  readonly models?: readonly object[];
  readonly flowAnalysis?: boolean;
}

/**
 * One detector's view of a run. Its methods live on the prototype (a scan makes one per detector, tier
 * and file); only `checkBudget` is bound, since rules hand it to helpers as a callback.
 */
class RunContext implements AsyncDetectorContext, ModelFields {
  readonly text: string;
  readonly languageId: LanguageId;
  readonly path: string;
  readonly isTestFile: boolean;
  readonly services: Services = {};
  readonly signal?: AbortSignal;
  readonly models?: readonly object[];
  readonly flowAnalysis?: boolean;
  readonly checkBudget: () => void;
  private readonly started = performance.now();
  private readonly parsedBefore: number;
  private readonly slow: boolean;
  /** Time spent awaiting facts: done, and since when while any is pending. */
  private waitDone = 0;
  private waitPending = 0;
  private waitSince = 0;

  constructor(private readonly session: Session, private readonly detector: Detector, budgetMs: number, extra: Partial<AsyncDetectorContext>) {
    const { text, languageId, path } = session.input;
    this.text = text;
    this.languageId = languageId;
    this.path = path;
    this.isTestFile = session.isTestFile;
    this.parsedBefore = session.sharedMs;
    this.slow = extra.services !== undefined;
    const options = session.options;
    if (options.models) this.models = options.models;
    if (options.flowAnalysis === false) this.flowAnalysis = false;
    Object.assign(this, extra);
    this.checkBudget = () => {
      if (this.charged() > budgetMs) throw new BudgetExceeded();
    };
  }

  /** Milliseconds on this detector's own account: its time less parses, facts and awaited facts. */
  charged(): number {
    const shared = this.session.sharedMs - this.parsedBefore + this.waitDone + (this.waitPending ? performance.now() - this.waitSince : 0);
    return performance.now() - this.started - shared;
  }

  private declared(what: string): void {
    this.session.noteNeed(this.detector, what);
    if (!(this.detector.meta.needs ?? []).includes(what)) throw new Error(`detector ${this.detector.id} uses '${what}' without declaring it in meta.needs`);
  }

  js() {
    this.declared('js');
    return this.session.js();
  }

  python() {
    this.declared('python');
    return this.session.python();
  }

  yaml() {
    this.declared('yaml');
    return this.session.yaml();
  }

  report(r: Report): void {
    this.session.push({ ...r, detector: this.detector });
  }

  get<T>(fact: Fact<T, AsyncDetectorContext>): T | undefined {
    this.declared(fact.id);
    const value = this.session.fact(fact, this, this.slow);
    if (!isPending(value)) return value;
    // Time spent awaiting a fact is shared work, not this detector's.
    if (this.waitPending++ === 0) this.waitSince = performance.now();
    return value.finally(() => {
      if (--this.waitPending === 0) this.waitDone += performance.now() - this.waitSince;
    }) as T;
  }
}
