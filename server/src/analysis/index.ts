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
  readonly ir: FileIR;
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

export const analysis: Fact<FileAnalysis | undefined> = {
  id: 'analysis',
  compute(ctx: ModelContext) {
    const language = languageOfAnalysis(ctx.languageId);
    if (!language) return undefined;
    const tick = () => ctx.checkBudget();
    let ir: FileIR | undefined;
    if (language === 'js') {
      const sf = ctx.js();
      ir = sf && lowerJs(sf, tick);
    } else {
      const tree = ctx.python();
      ir = tree && lowerPython(tree, tick);
    }
    if (!ir) return undefined;
    const a = new Analyzer(ir, modelsFor(language, ctx.models), ctx.text, tick);
    a.run();
    return { ir, flows: a.flows, routes: a.roles.routes, language, imports: a.imports };
  },
};
