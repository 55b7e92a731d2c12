// One lowering per file version, shared: the `ir` fact of the file's own run and the summaries its
// importers ask for (cross-file.ts) both go through the engine's memo (core/memo.ts), keyed by path
// and checked against the exact text and language, so a scan lowers each file once whichever of the
// two comes first. Only complete lowerings are kept: one that failed or ran out of time is redone
// (and reports the same way) by whoever asks next.
import type { ts } from '@ts-morph/common';
import type { Tree } from 'web-tree-sitter';
import type { FileMemo } from '../core/memo';
import { parseJs, parsePython } from '../core/parsers';
import type { DetectorContext, FactContext, LanguageId } from '../core/types';
import { jsExports, pythonExports } from './exports';
import type { FileIR, Func } from './ir';
import { lowerJsUnits } from './lower-js';
import { lowerPythonFor, lowerPythonUnits } from './lower-python';
import type { UnitState } from './lower-units';

/** What the memo keeps per path for the lowering. */
export interface Lowered {
  readonly text: string;
  readonly languageId: LanguageId;
  readonly ir: FileIR;
  /** The functions the file exports, by the name importers use (what its summaries are looked up by). */
  readonly exports: ReadonlyMap<string, Func>;
  /** What the next version of the file lowers from: its top-level statements (lower-units.ts). */
  readonly state: UnitState;
}

export const LOWERED = 'lowered';
/** The memo slot of the file's analysis (analysis/index.ts). */
export const ANALYSED = 'analysed';

/** Every file name a scan or an import resolves to, as the host would name its language. */
export function languageOfFile(path: string): LanguageId {
  if (/\.py$/.test(path)) return 'python';
  if (/\.[mc]?tsx?$/.test(path)) return path.endsWith('x') ? 'typescriptreact' : 'typescript';
  return path.endsWith('.jsx') ? 'javascriptreact' : 'javascript';
}

/** The memo's lowering of `path` when it was made from exactly this text and language. */
export function memoLowered(memo: FileMemo | undefined, path: string, text: string, languageId: LanguageId): Lowered | undefined {
  const hit = memo?.get<Lowered>(path, LOWERED);
  return hit && hit.text === text && hit.languageId === languageId ? hit : undefined;
}

function keep(memo: FileMemo | undefined, path: string, lowered: Lowered): Lowered {
  memo?.set(path, LOWERED, lowered, lowered.text.length);
  return lowered;
}

/**
 * Where a run leaves its lowering: for its next version when editing. A scan keeps none (importers
 * lower an imported file again, once: the workspace index keeps its export table): a scan's memo full
 * of IR made every later file slower to analyse (a larger heap to collect), by more than lowering twice.
 */
const keptBy = (ctx: FactContext) => (ctx.editing ? ctx.memo : undefined);

/**
 * The file of a run, lowered from the run's own parse (shared with its detectors): reused whole from
 * the memo when the text is the same, else lowered from the last version's top-level statements (an
 * edit re-lowers only the statements it touched). That last version is consumed: its IR now belongs
 * to this one, so everything the memo kept of it goes.
 */
export function lowerRun(ctx: DetectorContext & FactContext, language: 'js' | 'python', tick: () => void): FileIR | undefined {
  const { memo, path, text, languageId } = ctx;
  const last = memo?.get<Lowered>(path, LOWERED);
  if (last && last.text === text && last.languageId === languageId) return last.ir;
  const parsed = language === 'js' ? ctx.js() : ctx.python();
  if (!parsed) return undefined;
  const prev = last?.languageId === languageId ? last.state : undefined;
  if (prev && memo) {
    // The last analysis stays: its walk's records of the units this lowering reuses (reuse.ts).
    const analysed = memo.get(path, ANALYSED);
    memo.delete(path);
    if (analysed) memo.set(path, ANALYSED, analysed, last!.text.length);
  }
  if (language === 'js') {
    const sf = parsed as ts.SourceFile;
    const { ir, state } = lowerJsUnits(sf, tick, prev);
    const exports = jsExports(sf, ir);
    return keep(keptBy(ctx), path, { text, languageId, ir, exports, state }).ir;
  }
  const { ir, state } = lowerPythonUnits(parsed as Tree, tick, text, prev);
  const exports = pythonExports(ir);
  return keep(keptBy(ctx), path, { text, languageId, ir, exports, state }).ir;
}

/** How many functions the run's file exports (its lowering's, when the memo kept it). */
export function exportCount(ctx: DetectorContext & FactContext, lowered: FileIR): number {
  const kept = memoLowered(ctx.memo, ctx.path, ctx.text, ctx.languageId);
  if (kept) return kept.exports.size;
  if (lowered.language === 'python') return pythonExports(lowered).size;
  const sf = ctx.js();
  return sf ? jsExports(sf, lowered).size : 0;
}

/**
 * Another file (an import), parsed here unless the memo has it; kept for that file's own run when it
 * will want it (`forOwnRun`: its text may have input, so its own analysis lowers it). Throws as the parse does.
 * `only` (Python, not for its own run): what calls to those module-level functions can reach, lowered
 * alone (lowerPythonFor); the result is never kept.
 */
export function lowerFile(memo: FileMemo | undefined, text: string, path: string, tick: () => void, forOwnRun: boolean, only?: ReadonlySet<string>): Lowered | undefined {
  const languageId = languageOfFile(path);
  const hit = memoLowered(memo, path, text, languageId);
  if (hit) return hit;
  const kept = forOwnRun ? memo : undefined;
  if (only && !forOwnRun && languageId === 'python') {
    const tree = parsePython(text);
    if (!tree) return undefined;
    try {
      const ir = lowerPythonFor(tree, only, tick, text);
      return { text, languageId, ir, exports: pythonExports(ir), state: { text, top: ir.top, hoisted: [], units: [] } };
    } finally {
      tree.delete();
    }
  }
  if (languageId !== 'python') {
    const sf = parseJs(text, path, languageId);
    const { ir, state } = lowerJsUnits(sf, tick);
    return keep(kept, path, { text, languageId, ir, exports: jsExports(sf, ir), state });
  }
  const tree = parsePython(text);
  if (!tree) return undefined;
  try {
    const { ir, state } = lowerPythonUnits(tree, tick, text);
    return keep(kept, path, { text, languageId, ir, exports: pythonExports(ir), state });
  } finally {
    tree.delete();
  }
}
