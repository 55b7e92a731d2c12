// The analysis layer as one engine fact: lower the file (JS/TS or Python) into the IR, run the flow
// analysis with the shipped models (plus the team's, from `.vouch.json`), and hand every detector
// the same result. Pure: no I/O; computed once per file version by the engine.
import type { DetectorContext, Fact } from '../core/types';
import { Analyzer, type Flow } from './interpret';
import type { FileIR } from './ir';
import { lowerJs } from './lower-js';
import { lowerPython } from './lower-python';
import { MODEL_PACKS } from './model-packs';
import type { ModelLanguage, ModelPack } from './model-types';
import { compileModels, type Models } from './models';

export type { Flow, SinkHit } from './interpret';
export type { Origin, Step, Value } from './values';

export interface FileAnalysis {
  readonly flows: readonly Flow[];
  /** Functions that handle routes (ids), for rules about handlers. */
  readonly routes: ReadonlySet<number>;
  readonly language: ModelLanguage;
  /** Top-level modules the file imports (driver placeholder styles, framework checks). */
  readonly imports: ReadonlySet<string>;
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
}

/** The file lowered to the IR (JS/TS or Python), shared by the flow analysis and rules that read the IR. */
export const ir: Fact<FileIR | undefined> = {
  id: 'ir',
  compute(ctx: DetectorContext) {
    const language = languageOfAnalysis(ctx.languageId);
    const tick = () => ctx.checkBudget();
    if (language === 'js') {
      const sf = ctx.js();
      return sf && lowerJs(sf, tick);
    }
    const tree = language === 'python' ? ctx.python() : undefined;
    return tree && lowerPython(tree, tick, ctx.text);
  },
};

/**
 * Words without which no model source can appear (a request parameter, `argv`, the page's location,
 * a server action, a message listener). Checked on the text before anything is lowered: most library
 * files have none of them, and then there is nothing to follow.
 */
const SOURCE_WORDS = /\b(req|request|ctx|c\.req|argv|input\s*\(|location|document\.(URL|referrer|documentURI|baseURI)|window\.name|searchParams|formData|use server|self\.request|addEventListener|on\(\s*['"]data)\b|@(Body|Query|Param|Headers|Req|Request)\(|@[\w.]+\.(route|get|post|put|patch|delete|api_route|websocket)\(|function\s+(GET|POST|PUT|PATCH|DELETE)\b/;

export const analysis: Fact<FileAnalysis | undefined> = {
  id: 'analysis',
  compute(ctx: ModelContext) {
    const language = languageOfAnalysis(ctx.languageId);
    if (!language) return undefined;
    if (!SOURCE_WORDS.test(ctx.text)) return { flows: [], routes: new Set(), language, imports: new Set() };
    const lowered = ctx.get(ir);
    if (!lowered) return undefined;
    const a = new Analyzer(lowered, modelsFor(language, ctx.models), ctx.text, () => ctx.checkBudget(), ctx.path);
    a.run();
    return { flows: a.flows, routes: a.roles.routes, language, imports: a.imports };
  },
};
