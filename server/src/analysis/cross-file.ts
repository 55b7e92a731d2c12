// The slow tier's variant of the analysis: the same walk over the open file, where calls to functions
// that workspace files export apply those functions' summaries (imported.ts). The host's workspace
// index (services.workspace) resolves imports and memoises each imported file's export table per
// content; the imported file is lowered and summarised here without its own imports (one level deep).
// Flow rules report from it only sinks the fast tier's analysis could not see (flow-rule.ts).
import type { AsyncDetectorContext, Fact, LanguageId } from '../core/types';
import type { WorkspaceIndex } from '../core/services';
import { parseJs, parsePython } from '../core/parsers';
import { jsExports, pythonExports } from './exports';
import { importedCallee, passThrough, portable, type ExportTable, type ImportedFunction, type Importer } from './imported';
import { analysis, ir, languageOfAnalysis, modelsFor, type FileAnalysis, type ModelContext } from './index';
import { Analyzer } from './interpret';
import type { FileIR, Func } from './ir';
import { lowerJs } from './lower-js';
import { lowerPython } from './lower-python';
import type { ModelLanguage } from './model-types';
import type { Models } from './models';
import { normalizeModule } from './scope';
import { forEachExpr } from './walk';

/** Imported modules followed per file: enough for any handler, bounded for generated code. */
const MAX_MODULES = 40;
/** Milliseconds one imported file may take to lower and summarise (it is memoised afterwards). */
const FILE_BUDGET_MS = 1000;

class OutOfTime extends Error {}

function languageOfFile(path: string): LanguageId {
  if (/\.[mc]?tsx?$/.test(path)) return path.endsWith('x') ? 'typescriptreact' : 'typescript';
  return path.endsWith('.jsx') ? 'javascriptreact' : 'javascript';
}

/** The export table of one workspace file: its exported functions' portable summaries. */
export function summariseExports(text: string, path: string, language: ModelLanguage, models: Models): ExportTable {
  const deadline = performance.now() + FILE_BUDGET_MS;
  let n = 0;
  const tick = () => {
    if ((++n & 63) === 0 && performance.now() > deadline) throw new OutOfTime();
  };
  let lowered: FileIR;
  let exported: Map<string, Func>;
  if (language === 'js') {
    const sf = parseJs(text, path, languageOfFile(path));
    lowered = lowerJs(sf, tick);
    exported = jsExports(sf, lowered);
  } else {
    const tree = parsePython(text);
    if (!tree) return new Map();
    try {
      lowered = lowerPython(tree, tick, text);
    } finally {
      tree.delete();
    }
    exported = pythonExports(lowered);
  }
  if (!exported.size) return new Map();
  // No importer: the imported file's own imports are unknown calls (one level deep).
  const a = new Analyzer(lowered, models, text, tick, path);
  a.run(true);
  const out = new Map<string, ImportedFunction>();
  for (const [name, fn] of exported) {
    const s = a.summaries.get(fn.id);
    if (s) out.set(name, portable(name, path, fn.id, s, text));
  }
  return out;
}

/**
 * Modules whose exports the file calls and that may be workspace files: what an imported callee names
 * (`runQuery`, `db.runQuery`, `helpers.clean`, `app.utils.run`), and relative `require()`s in JS.
 */
export function importedModules(lowered: FileIR): string[] {
  const out = new Set<string>();
  const js = lowered.language === 'js';
  for (const fn of lowered.funcs) {
    forEachExpr(fn.body, (e) => {
      if (e.k !== 'call') return;
      for (const [module] of importedCallee(lowered.language, e.callee, undefined)) out.add(module);
      if (js && e.callee.k === 'name' && e.callee.name === 'require' && !e.callee.binding && e.args[0]?.k === 'lit' && typeof e.args[0].value === 'string') out.add(normalizeModule(e.args[0].value));
    });
  }
  return [...out].filter((m) => !js || /^\.\.?(\/|$)/.test(m)).slice(0, MAX_MODULES);
}

/** Export tables per imported module, per lowered file (one engine run). */
const tables = new WeakMap<FileIR, Map<string, ExportTable | undefined>>();
/** Imported modules the file calls with input, per lowered file. */
const needed = new WeakMap<FileIR, ReadonlySet<string>>();

function tableOf(ctx: AsyncDetectorContext, lowered: FileIR, workspace: WorkspaceIndex, models: Models, module: string): ExportTable | undefined {
  let byModule = tables.get(lowered);
  if (!byModule) tables.set(lowered, (byModule = new Map()));
  if (byModule.has(module)) return byModule.get(module);
  if (byModule.size >= MAX_MODULES) return undefined;
  const language = lowered.language;
  const file = workspace.resolve(ctx.path, module, language);
  const table = file ? workspace.derived(file, models, (text, path) => summariseExports(text, path, language, models)) : undefined;
  byModule.set(module, table);
  return table;
}

function modelsOf(ctx: AsyncDetectorContext, language: ModelLanguage): Models {
  return modelsFor(language, (ctx as unknown as ModelContext).models);
}

/**
 * The modules worth summarising: a first walk where every import of a workspace-looking module hands
 * its arguments back records which ones are called with input (most imports never are).
 */
function neededModules(ctx: AsyncDetectorContext, lowered: FileIR, models: Models): ReadonlySet<string> {
  let out = needed.get(lowered);
  if (out) return out;
  const candidates = new Set(importedModules(lowered));
  const used = new Set<string>();
  // The fast tier's walk already noted which imports get input: no second walk needed.
  const fast = ctx.get(analysis);
  if (fast?.importsWithInput) {
    for (const m of fast.importsWithInput) if (candidates.has(m)) used.add(m);
  } else if (candidates.size) {
    let n = 0;
    const a = new Analyzer(lowered, models, ctx.text, () => void ((++n & 63) === 0 && ctx.checkBudget()), ctx.path, (module, name) => {
      if (!candidates.has(module)) return undefined;
      used.add(module);
      return passThrough(name);
    });
    a.run();
  }
  needed.set(lowered, (out = used));
  return out;
}

/**
 * Resolves and summarises the imports the file calls with input before the analysis asks for them,
 * yielding to the event loop between files and stopping when the run is cancelled: that work is the
 * slow detector's, not charged to the analysis fact's budget, and memoised by the index for later runs.
 */
export async function prepareImports(ctx: AsyncDetectorContext): Promise<void> {
  const workspace = ctx.services?.workspace;
  const language = languageOfAnalysis(ctx.languageId);
  // The fast tier's analysis (memoised) says whether any imported function gets input at all.
  if (!workspace || !language || !ctx.get(analysis)?.importsWithInput?.size) return;
  const lowered = ctx.get(ir);
  if (!lowered) return;
  const models = modelsOf(ctx, language);
  for (const module of neededModules(ctx, lowered, models)) {
    if (ctx.signal?.aborted) return;
    const known = tables.get(lowered)?.has(module);
    if (tableOf(ctx, lowered, workspace, models, module) && !known) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The analysis with imported summaries; undefined when no call with input reaches an imported workspace function. */
export const importedAnalysis: Fact<FileAnalysis | undefined, AsyncDetectorContext> = {
  id: 'analysis-imports',
  compute(ctx: AsyncDetectorContext) {
    const workspace = ctx.services?.workspace;
    const language = languageOfAnalysis(ctx.languageId);
    if (!workspace || !language || !ctx.get(analysis)?.importsWithInput?.size) return undefined;
    const lowered = ctx.get(ir);
    if (!lowered) return undefined;
    const models = modelsOf(ctx, language);
    // No call with input reaches an exported function of a workspace file: the fast tier says it all.
    const modules = neededModules(ctx, lowered, models);
    if (![...modules].some((m) => tableOf(ctx, lowered, workspace, models, m)?.size)) return undefined;
    let used = false;
    const importer: Importer = (module, name) => {
      const fn = modules.has(module) ? tableOf(ctx, lowered, workspace, models, module)?.get(name) : undefined;
      if (fn) used = true;
      return fn;
    };
    let n = 0;
    const a = new Analyzer(lowered, models, ctx.text, () => void ((++n & 63) === 0 && ctx.checkBudget()), ctx.path, importer);
    a.run();
    return used ? { flows: a.flows, routes: a.roles.routes, language, imports: a.imports } : undefined;
  },
};
