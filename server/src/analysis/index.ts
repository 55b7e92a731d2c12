// The analysis layer as one engine fact: lower the file (JS/TS or Python) into the IR, run the flow
// analysis with the shipped models (plus the team's, from `.vouch.json`), and hand every detector
// the same result. Pure: no I/O; computed once per file version by the engine.
import type { FileMemo } from '../core/memo';
import type { DetectorContext, Fact, FactContext, LanguageId } from '../core/types';
import { Analyzer, type Flow, type Summary } from './interpret';
import type { FileIR } from './ir';
import { ANALYSED, exportCount, lowerRun, memoLowered } from './lowered';
import { replayable, ReplayFailed, unitsCover, unitWalk, type WalkOutcome, type WalkRecord } from './reuse';
import { MODEL_PACKS } from './model-packs';
import type { ModelLanguage, ModelPack } from './model-types';
import { compileModels, type Models } from './models';

export type { Flow, SinkHit } from './interpret';
export type { Origin, Step, Value } from './values';

export interface FileAnalysis {
  readonly flows: readonly Flow[];
  /** Functions that handle routes (ids), for rules about handlers. */
  readonly routes: ReadonlySet<number>;
  /** The HTTP method of route handlers whose registration names one (see Roles.methods). */
  readonly routeMethods?: ReadonlyMap<number, string>;
  readonly language: ModelLanguage;
  /** Top-level modules the file imports (driver placeholder styles, framework checks). */
  readonly imports: ReadonlySet<string>;
  /** Imported functions the file calls with input, by module (fast tier; the slow tier follows only those). */
  readonly importsWithInput?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Shipped models compiled once per language and set of team extensions (static data, not per file). */
const compiled = new WeakMap<readonly ModelPack[], Map<ModelLanguage, Models>>();

export function modelsFor(language: ModelLanguage, extra: readonly ModelPack[] = NO_EXTRA): Models {
  let byLang = compiled.get(extra);
  if (!byLang) compiled.set(extra, (byLang = new Map()));
  let m = byLang.get(language);
  if (!m) byLang.set(language, (m = compileModels([...MODEL_PACKS, ...extra], language)));
  return m;
}

const NO_EXTRA: readonly ModelPack[] = [];

export function languageOfAnalysis(languageId: string): ModelLanguage | undefined {
  if (languageId.startsWith('javascript') || languageId.startsWith('typescript')) return 'js';
  return languageId === 'python' ? 'python' : undefined;
}

/** The team's model extensions for this run (`.vouch.json` "models"), set by the host through the context. */
export interface ModelContext extends DetectorContext {
  readonly models?: readonly ModelPack[];
  /** `false` (settings' `flowAnalysis`): the layer is off, nothing is lowered or analysed. */
  readonly flowAnalysis?: boolean;
}

const layerOff = (ctx: DetectorContext) => (ctx as ModelContext).flowAnalysis === false;

/** Budget checks read the clock; once every 64 statements is often enough and costs nothing. */
function every64(check: () => void): () => void {
  let n = 0;
  return () => {
    if ((++n & 63) === 0) check();
  };
}

/** Bundles of this size are built output, not code anyone reviews line by line. */
const MAX_ANALYSED = 512 * 1024;

/** The file lowered to the IR (JS/TS or Python), shared by the flow analysis and rules that read the IR (none for bundles). */
export const ir: Fact<FileIR | undefined> = {
  id: 'ir',
  compute(ctx) {
    const language = languageOfAnalysis(ctx.languageId);
    if (layerOff(ctx) || ctx.text.length > MAX_ANALYSED) return undefined;
    return language && lowerRun(ctx, language, every64(() => ctx.checkBudget()));
  },
};

/**
 * Patterns without which no model source can appear: a request parameter (`req`; `request` beside a
 * response or reply, or first in a Python view) or its input fields, a Koa
 * or Hono context, `argv`, `input()`, the page's location, a message listener, a route decorator, a
 * Next.js handler or server action, a NestJS parameter decorator. Checked on the text before anything
 * is lowered: library code rarely has any of them (a module "request", a source "location" do not count).
 */
const SOURCE_PATTERN = new RegExp([
  String.raw`\breq\b`, String.raw`\bctx\.(request|query|params|req|headers|header|cookies|path|url|href|querystring|get)\b`, String.raw`\bc\.req\b`,
  String.raw`\brequest\.(args|form|values|json|data|files|cookies|headers|GET|POST|body|query|params|url|COOKIES|META|FILES|query_params|path_params|nextUrl|get_json|get_data|stream|view_args|full_path|formData|text)\b`,
  String.raw`\(\s*request\s*(?::\s*[\w.]+\s*)?,\s*(?:res|response|reply|h|ctx|context|env)\b`, String.raw`\bdef\s+\w+\s*\(\s*(?:self\s*,\s*)?request\b`,
  String.raw`\b(?:GET|POST|PUT|PATCH|DELETE)\s*=\s*(?:async\s*)?(?:\(|function)`, String.raw`\b(process|sys)\.argv\b`,
  String.raw`\b(window\.|document\.)?location\.(search|hash|href|pathname)\b`, String.raw`=\s*(window\.|document\.)?location\s*[;,\n]`, String.raw`\bdocument\.(URL|referrer|documentURI|baseURI)\b`, String.raw`\bwindow\.name\b`,
  String.raw`addEventListener\(\s*['"]message`, String.raw`\bwindow\.onmessage\s*=`, String.raw`\.on\(\s*['"]data`, String.raw`\buse server\b`, String.raw`@(Body|Query|Param|Headers|Req|Request)\(`,
  String.raw`@[\w.]+\.(route|get|post|put|patch|delete|api_route|websocket)\(`, String.raw`\bfunction\s+(GET|POST|PUT|PATCH|DELETE)\b`, String.raw`\bself\.request\b`,
].join('|'));

/** Python only: `input()` (in JS a call named `input` is a shader's or a form library's, not a prompt). */
const PYTHON_SOURCE = /\binput\s*\(/;

/** Whether the file is worth lowering at all (otherwise its analysis is empty). */
export function mayHaveInput(text: string, language: ModelLanguage): boolean {
  return text.length <= MAX_ANALYSED && (SOURCE_PATTERN.test(text) || (language === 'python' && PYTHON_SOURCE.test(text)));
}

/** What the memo keeps per path for the analysis: its result for one text and one set of models. */
export interface Analysed {
  readonly text: string;
  readonly languageId: LanguageId;
  readonly models: Models;
  readonly result: FileAnalysis;
  /** Per-function summaries of a walk over every function, when the file exports any (importers' tables are made of them). */
  readonly summaries?: ReadonlyMap<number, Summary>;
  /** The walk unit by unit, for the next version of an edited file (reuse.ts). */
  readonly walk?: WalkRecord;
}

/**
 * An edited file's walk: unit by unit, replaying what the last version's walk found in the units the
 * edit left alone where that holds (reuse.ts), else afresh (`fresh` makes a new analyzer). Scans walk whole.
 */
function editWalk(ctx: DetectorContext & FactContext, a: Analyzer, models: Models, fresh: () => Analyzer): { walked: boolean; walk?: WalkRecord } {
  const kept = ctx.editing ? memoLowered(ctx.memo, ctx.path, ctx.text, ctx.languageId) : undefined;
  if (!kept || kept.ir !== a.ir || !unitsCover(a, kept.state.units)) return { walked: a.run() };
  const units = kept.state.units;
  const last = ctx.memo?.get<Analysed>(ctx.path, ANALYSED);
  const prev = last?.walk && last.languageId === ctx.languageId && last.models === models ? last.walk : undefined;
  const out: WalkOutcome = { replayed: 0 };
  try {
    // Checked inside the plan: the roles are the new version's, computed with the analyzer.
    return { walked: a.run(false, (x) => {
      const mode = prev ? replayable(x, units, prev) : false;
      unitWalk(units, mode ? prev : undefined, out, mode === 'seeded')(x);
    }), walk: out.record };
  } catch (e) {
    if (!(e instanceof ReplayFailed)) throw e;
  }
  const again = fresh();
  const redo: WalkOutcome = { replayed: 0 };
  return { walked: again.run(false, unitWalk(units, undefined, redo)), walk: redo.record };
}

export { ANALYSED };

export function memoAnalysed(memo: FileMemo | undefined, path: string, text: string, languageId: LanguageId, models: Models): Analysed | undefined {
  const hit = memo?.get<Analysed>(path, ANALYSED);
  return hit && hit.text === text && hit.languageId === languageId && hit.models === models ? hit : undefined;
}

/**
 * The file's own result from an analyzer that has run (`walked`: whether it walked the functions): the
 * same whether the walk was the file's own or a summarising one, since both see the same file.
 */
export function ownResult(a: Analyzer, walked: boolean, language: ModelLanguage): FileAnalysis {
  if (walked && a.hasWork()) return { flows: a.flows, routes: a.roles.routes, routeMethods: a.roles.methods, language, imports: a.imports, importsWithInput: a.importsWithInput };
  return { flows: [], routes: a.roles.routes, language, imports: a.imports, importsWithInput: new Map() };
}

export const analysis: Fact<FileAnalysis | undefined> = {
  id: 'analysis',
  compute(ctx) {
    const language = languageOfAnalysis(ctx.languageId);
    if (!language || layerOff(ctx)) return undefined;
    if (!mayHaveInput(ctx.text, language)) return { flows: [], routes: new Set(), language, imports: new Set() };
    const models = modelsFor(language, (ctx as ModelContext).models);
    const hit = memoAnalysed(ctx.memo, ctx.path, ctx.text, ctx.languageId, models);
    if (hit) return hit.result;
    const lowered = ctx.get(ir);
    if (!lowered) return undefined;
    const tick = every64(() => ctx.checkBudget());
    let a = new Analyzer(lowered, models, ctx.text, tick, ctx.path);
    const { walked, walk } = editWalk(ctx, a, models, () => (a = new Analyzer(lowered, models, ctx.text, tick, ctx.path)));
    const result = ownResult(a, walked, language);
    const exports = walked ? exportCount(ctx, lowered) : 0;
    // Kept for the next version when editing (with the walk's records), and for importers (the summaries) when the file exports functions.
    if (ctx.editing || exports) ctx.memo?.set(ctx.path, ANALYSED, { text: ctx.text, languageId: ctx.languageId, models, result, ...(exports ? { summaries: a.summaries } : {}), walk }, ctx.text.length);
    return result;
  },
};
