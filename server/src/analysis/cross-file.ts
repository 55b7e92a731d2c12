// The slow tier's variant of the analysis: the same walk over the open file, where calls to functions
// that workspace files export apply those functions' summaries (imported.ts). The host's workspace
// index (services.workspace) resolves imports and memoises each imported file's export table per
// content; the imported file is lowered and summarised here without its own imports (one level deep).
// Flow rules report from it only sinks the fast tier's analysis could not see (flow-rule.ts).
import type { FileMemo } from '../core/memo';
import type { AsyncDetectorContext, Fact } from '../core/types';
import { addName, HANDED_TO_IMPORT, importedCallee, passThrough, portable, pythonDefs, type ExportTable, type ImportedFunction, type Importer } from './imported';
import type { WorkspaceIndex } from '../core/services';
import { analysis, ANALYSED, ir, languageOfAnalysis, mayHaveInput, memoAnalysed, modelsFor, ownResult, type FileAnalysis, type Flow, type ModelContext } from './index';
import { Analyzer, type Summary } from './interpret';
import type { FileIR } from './ir';
import type { Value } from './values';
import { languageOfFile, lowerFile } from './lowered';
import type { ModelLanguage, ModelPack } from './model-types';
import type { Models } from './models';
import { normalizeModule } from './scope';
import { callsOf } from './walk';

/**
 * Export tables worked out off the calling thread (the language server's worker, threaded-summaries.ts):
 * `summariseExports` of the file with the shipped models and the team's `extra`; undefined when it
 * gave up (cancelled, the worker died). Hosts put it in `Services` under SUMMARIES.
 */
export interface SummaryService {
  exports(file: { path: string; text: string; language: ModelLanguage }, extra: readonly ModelPack[], signal?: AbortSignal): Promise<{ table: ExportTable } | undefined>;
}

export const SUMMARIES = 'summaries';

/** Imported modules followed per file: enough for any handler, bounded for generated code. */
const MAX_MODULES = 40;
/** Milliseconds one imported file may take to lower and summarise (it is memoised afterwards). */
const FILE_BUDGET_MS = 1000;

class OutOfTime extends Error {}

/** How a summary stops early: `stop` when its requester cancels, `budgetMs` (default FILE_BUDGET_MS) when it runs long. */
export interface SummaryLimits {
  stop?: () => boolean;
  budgetMs?: number;
}

/**
 * The export table of one workspace file: its exported functions' portable summaries. The lowering
 * and the walk over its functions come from the engine's memo when the scan (or the editor) analysed
 * that exact text a moment ago, and are left there for the file's own run otherwise.
 */
export function summariseExports(text: string, path: string, language: ModelLanguage, models: Models, memo?: FileMemo, limits?: SummaryLimits): ExportTable {
  return summarise(text, path, language, models, memo, limits).table;
}

/**
 * `only`: the functions an importer calls. A Python file that neither its own run will lower nor the
 * memo has analysed is then lowered and walked only as far as calls to them reach (reached-defs.ts);
 * `whole` says whether the table is the whole file's.
 */
export function summarise(text: string, path: string, language: ModelLanguage, models: Models, memo?: FileMemo, limits?: SummaryLimits, only?: ReadonlySet<string>): { table: ExportTable; whole: boolean } {
  const deadline = performance.now() + (limits?.budgetMs ?? FILE_BUDGET_MS);
  const stop = limits?.stop;
  let n = 0;
  const tick = () => {
    if ((++n & 63) === 0 && (performance.now() > deadline || stop?.())) throw new OutOfTime();
  };
  const ownRunLowers = mayHaveInput(text, language);
  let summaries: ReadonlyMap<number, Summary> | undefined = memoAnalysed(memo, path, text, languageOfFile(path), models)?.summaries;
  // Function ids are a whole lowering's: the memo's summaries go with one.
  const some = only && !ownRunLowers && !summaries ? only : undefined;
  const lowered = lowerFile(memo, text, path, tick, ownRunLowers, some);
  const whole = !some || language !== 'python';
  if (!lowered?.exports.size) return { table: new Map(), whole };
  if (!summaries) {
    // No importer: the imported file's own imports are unknown calls (one level deep).
    const a = new Analyzer(lowered.ir, models, text, tick, path);
    a.run(true);
    summaries = a.summaries;
    // The same walk is the file's own analysis, which its own run (later in a scan) then reuses.
    if (ownRunLowers && !memoAnalysed(memo, path, text, lowered.languageId, models)) {
      memo?.set(path, ANALYSED, { text, languageId: lowered.languageId, models, result: ownResult(a, true, language), summaries }, text.length);
    }
  }
  const out = new Map<string, ImportedFunction>();
  for (const [name, fn] of lowered.exports) {
    const s = summaries.get(fn.id);
    if (s) out.set(name, portable(name, path, fn.id, s, text));
  }
  return { table: out, whole };
}

/**
 * Modules whose exports the file calls and that may be workspace files: what an imported callee names
 * (`runQuery`, `db.runQuery`, `helpers.clean`, `app.utils.run`), and relative `require()`s in JS.
 */
export function importedModules(lowered: FileIR): string[] {
  const out = new Set<string>();
  const js = lowered.language === 'js';
  for (const fn of lowered.funcs) {
    callsOf(fn).forEach((e) => {
      for (const [module] of importedCallee(lowered.language, e.callee, undefined)) out.add(module);
      if (js && e.callee.k === 'name' && e.callee.name === 'require' && !e.callee.binding && e.args[0]?.k === 'lit' && typeof e.args[0].value === 'string') out.add(normalizeModule(e.args[0].value));
    });
  }
  return [...out].filter((m) => !js || /^\.\.?(\/|$)/.test(m)).slice(0, MAX_MODULES);
}

/** The imports of one run whose exports the file calls with input, and their tables as they are resolved. */
export interface ImportTables {
  /** Modules worth summarising: imported workspace-looking modules the file calls with input, with the names it calls. */
  readonly modules: ReadonlyMap<string, ReadonlySet<string>>;
  /** Whether `module`'s table was looked up already this run. */
  has(module: string): boolean;
  /** Resolves and summarises `module` (memoised by the workspace index per path and content). */
  table(module: string): ExportTable | undefined;
  /** With a summary service: makes `module`'s table on its thread, for `table` to read. */
  prepare?(module: string): Promise<unknown>;
}

function modelsOf(ctx: AsyncDetectorContext, language: ModelLanguage): Models {
  return modelsFor(language, (ctx as unknown as ModelContext).models);
}

/**
 * The modules worth summarising: the fast tier's walk noted which imports get input (most never do);
 * without it, a first walk where every workspace-looking import hands its arguments back finds them.
 */
function neededModules(ctx: AsyncDetectorContext, lowered: FileIR, models: Models, fast: FileAnalysis | undefined): ReadonlyMap<string, ReadonlySet<string>> {
  const candidates = new Set(importedModules(lowered));
  const used = new Map<string, Set<string>>();
  if (fast?.importsWithInput) {
    for (const [m, names] of fast.importsWithInput) if (candidates.has(m)) used.set(m, new Set(names));
  } else if (candidates.size) {
    let n = 0;
    const a = new Analyzer(lowered, models, ctx.text, () => void ((++n & 63) === 0 && ctx.checkBudget()), ctx.path, (module, name) => {
      if (!candidates.has(module)) return undefined;
      addName(used, module, name);
      return passThrough(name);
    });
    a.run();
  }
  return used;
}

/** Key of the index's memo of each Python file's `def` names. */
const DEFS = {};

/** Whether `file` can export a function the run calls (Python: one of them is defined there; JS: not checked). */
function mayExport(workspace: WorkspaceIndex, file: string, language: ModelLanguage, names: ReadonlySet<string> | undefined): boolean {
  if (language !== 'python' || !names) return true;
  const defs = workspace.derived(file, DEFS, pythonDefs);
  return !defs || [...names].some((n) => defs.has(n));
}

/** Memo keys of whole-file tables, per models (a table made for the functions one importer calls is kept under the models). */
const WHOLE = new WeakMap<Models, object>();

/**
 * A workspace file's table made on this thread: first for the functions the importer calls, which is
 * all most files' importers ever call; once an importer calls others, for the whole file (twice at most).
 */
function localTable(workspace: WorkspaceIndex, file: string, language: ModelLanguage, models: Models, memo: FileMemo | undefined, names: ReadonlySet<string> | undefined): ExportTable | undefined {
  const some = workspace.derived(file, models, (text, at) => {
    const { table, whole } = summarise(text, at, language, models, memo, undefined, names);
    return { table, only: whole ? undefined : names };
  });
  if (!some || !some.only || !names || [...names].every((n) => some.only!.has(n))) return some?.table;
  let key = WHOLE.get(models);
  if (!key) WHOLE.set(models, (key = {}));
  return workspace.derived(file, key, (text, at) => summariseExports(text, at, language, models, memo));
}

/** Per run (a fact, so both the slow detectors and `analysis-imports` share it): the imports and their tables. */
export const importTables: Fact<ImportTables | undefined, AsyncDetectorContext> = {
  id: 'import-tables',
  compute(ctx) {
    const workspace = ctx.services?.workspace;
    const language = languageOfAnalysis(ctx.languageId);
    // The fast tier's analysis (memoised) says whether any imported function gets input at all.
    const fast = ctx.get(analysis);
    if (!workspace || !language || !fast?.importsWithInput?.size) return undefined;
    const lowered = ctx.get(ir);
    if (!lowered) return undefined;
    const models = modelsOf(ctx, language);
    const modules = neededModules(ctx, lowered, models, fast);
    const tables = new Map<string, ExportTable | undefined>();
    const local = (file: string, names: ReadonlySet<string> | undefined) => localTable(workspace, file, language, models, memo, names);
    const { memo, path } = ctx;
    const fileOf = (module: string) => {
      const file = workspace.resolve(path, module, language);
      return file && mayExport(workspace, file, language, modules.get(module)) ? file : undefined;
    };
    // With a summary service, tables are made on its thread (prepare) and only read here.
    const offload = ctx.services[SUMMARIES] as SummaryService | undefined;
    const extra = (ctx as unknown as ModelContext).models ?? [];
    // One request per module and run, however many flow rules prepare it at once.
    const asked = new Map<string, Promise<unknown>>();
    const remote = offload && workspace.derivedAsync && workspace.cached
      ? (module: string) => {
          let p = asked.get(module);
          const file = p ? undefined : fileOf(module);
          if (!p) asked.set(module, (p = file ? workspace.derivedAsync!<ExportTable>(file, models, async (text, at) => {
            const answer = await offload.exports({ path: at, text, language }, extra, ctx.signal);
            return answer && { value: answer.table };
          }) : Promise.resolve(undefined)));
          return p;
        }
      : undefined;
    return {
      modules,
      has: (module) => tables.has(module),
      table(module) {
        if (tables.has(module)) return tables.get(module);
        if (tables.size >= MAX_MODULES) return undefined;
        const file = fileOf(module);
        const table = !file ? undefined : remote ? workspace.cached!<ExportTable>(file, models)?.value : local(file, modules.get(module));
        tables.set(module, table);
        return table;
      },
      ...(remote ? { prepare: remote } : {}),
    };
  },
};

/**
 * Resolves and summarises the imports the file calls with input before the analysis asks for them,
 * yielding to the event loop between files (or waiting for the summary service's thread) and stopping
 * when the run is cancelled: that work is the slow detector's, not charged to the analysis fact's
 * budget, and memoised by the index for later runs.
 */
export async function prepareImports(ctx: AsyncDetectorContext): Promise<void> {
  const imports = ctx.get(importTables);
  if (!imports) return;
  for (const module of imports.modules.keys()) {
    if (ctx.signal?.aborted) return;
    if (imports.prepare) await imports.prepare(module);
    const known = imports.has(module);
    if (imports.table(module) && !known && !imports.prepare) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Whether applying an imported function can change a flow: a sink inside it, a parameter it returns or checks. */
function matters(fn: ImportedFunction): boolean {
  if (fn.sinks.length || fn.checks) return true;
  const returnsInput = (v: Value, depth: number): boolean =>
    v.taint.length > 0 || (depth < 5 && (!!v.element && returnsInput(v.element, depth + 1) || [...(v.fields?.values() ?? [])].some((f) => returnsInput(f, depth + 1))));
  return returnsInput(fn.returns, 0);
}

/** The analysis with imported summaries; undefined when no call with input reaches an imported workspace function. */
export const importedAnalysis: Fact<FileAnalysis | undefined, AsyncDetectorContext> = {
  id: 'analysis-imports',
  compute(ctx) {
    const imports = ctx.get(importTables);
    const lowered = imports && ctx.get(ir);
    const language = languageOfAnalysis(ctx.languageId);
    if (!imports || !lowered || !language) return undefined;
    // Flow rules report only what went through an imported function: a sink inside it, or input it
    // hands back. When none of the functions called with input has either, the walk would add nothing.
    const called = (m: string, names: ReadonlySet<string>) => [...names].some((n) => {
      const fn = imports.table(m)?.get(n);
      return !!fn && matters(fn);
    });
    if (![...imports.modules].some(([m, names]) => called(m, names))) return undefined;
    let used = false;
    const importer: Importer = (module, name) => {
      const fn = imports.modules.has(module) ? imports.table(module)?.get(name) : undefined;
      if (fn) used = true;
      return fn;
    };
    let n = 0;
    const a = new Analyzer(lowered, modelsOf(ctx, language), ctx.text, () => void ((++n & 63) === 0 && ctx.checkBudget()), ctx.path, importer);
    a.run();
    return used ? { flows: a.flows, routes: a.roles.routes, routeMethods: a.roles.methods, language, imports: a.imports } : undefined;
  },
};

/**
 * Whether the fast tier holds a flow back for the slow tier: its input was handed to a function a relative
 * import names (`if (common.existsUpPath(req.path)) return`), which only that function's summary says checks it or not.
 */
export function handedToImport(fast: FileAnalysis, f: Flow): boolean {
  return !!fast.importsWithInput?.get(HANDED_TO_IMPORT)?.has(f.origin.sourceText);
}

/** Whether the path goes through a function another workspace file exports (only the slow tier sees those). */
export function throughImport(f: Flow): boolean {
  return !!f.sink.helper || f.origin.steps.some((s) => s.file);
}
