// The engine's fuzz properties, run inside a child process (test/unit/fuzz-engine.test.ts) so that a
// hang is killed by a timer and a runaway allocation stops at --max-old-space-size instead of taking
// the suite with it. Returns a verdict the parent asserts on; the counterexample is shrunk here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { AnalyzeResult } from '../../server/src/core/engine';
import { mergeSettings } from '../../server/src/core/config';
import { decodeText } from '../../server/src/core/text';
import type { LanguageId } from '../../server/src/core/types';
import { FolderServices } from '../../server/src/scan/compose';
import { testEngine } from '../engine';
import { hostileBytes, hostileText, language, SEED } from './arbitraries';

/** One uninterruptible step (a parse, one regex exec over a window) may overrun the budget by this much. */
export const GRACE_MS = 1500;
/** No single file, however hostile, may take longer than this through both tiers. */
export const CASE_LIMIT_MS = 10_000;

export interface Verdict {
  ok: boolean;
  message?: string;
  cases: number;
  slowestMs: number;
}

/**
 * What must hold for any input: no detector threw, a skipped file says why, and no detector ran past
 * its budget by more than one step (those that ran past it at all got a `detector-timeout` notice).
 */
export function checkResult(r: AnalyzeResult, budgetMs: number, elapsedMs: number): void {
  const errors = r.notices.filter((n) => n.kind === 'detector-error');
  if (errors.length) throw new Error(`detector error: ${errors.map((n) => n.message).join('; ')}`);
  if (r.skipped && !r.notices.some((n) => n.kind === 'skipped')) throw new Error(`skipped without a notice: ${r.skipped}`);
  // Parses and facts are shared work that no detector's budget pays for.
  const shared = (k: string) => k.startsWith('fact:') || k.startsWith('parse:');
  const factMs = Object.entries(r.timings).filter(([k]) => shared(k)).reduce((s, [, v]) => s + v, 0);
  for (const [id, ms] of Object.entries(r.timings)) {
    if (shared(id)) continue;
    if (ms - factMs > budgetMs + GRACE_MS) throw new Error(`${id} took ${Math.round(ms)} ms, budget ${budgetMs} ms`);
    if (ms - factMs > budgetMs * 2 && !r.notices.some((n) => n.kind === 'detector-timeout' && n.ruleId === id)) {
      throw new Error(`${id} ran ${Math.round(ms)} ms past its ${budgetMs} ms budget without a detector-timeout notice`);
    }
  }
  if (elapsedMs > CASE_LIMIT_MS) throw new Error(`one file took ${Math.round(elapsedMs)} ms`);
}

const short = (s: string, max = 600) => (s.length > max ? `${s.slice(0, max)}… (${s.length} characters)` : s);

/** fast-check's report, error first: counterexamples can be megabytes, so each is cut short. */
export function describeFailure(d: fc.RunDetails<unknown[]>): string {
  const error = d.errorInstance instanceof Error ? d.errorInstance.message : String(d.errorInstance);
  const example = (d.counterexample ?? []).map((v) => short(typeof v === 'string' ? JSON.stringify(v) : v instanceof Uint8Array ? `bytes ${Buffer.from(v).toString('hex')}` : JSON.stringify(v)));
  return `${short(error, 2000)}\nseed ${d.seed}, path "${d.counterexamplePath}" (VOUCH_FUZZ_SEED reproduces)\ncounterexample: ${example.join(', ')}`;
}

/** Runs a property; throws a short description on failure. */
export async function check<T extends unknown[]>(property: fc.IAsyncProperty<T> | fc.IProperty<T>, seed: number, numRuns: number): Promise<void> {
  const d = await fc.check(property as fc.IAsyncProperty<T>, { seed, numRuns });
  if (d.failed) throw new Error(describeFailure(d as unknown as fc.RunDetails<unknown[]>));
}

/** Hostile text and bytes through both engine tiers, with offline services over an empty folder. */
export async function fuzzEngine(opts: { textRuns: number; byteRuns: number; budgetMs: number }): Promise<Verdict> {
  const engine = await testEngine();
  const root = mkdtempSync(join(tmpdir(), 'vouch-fuzz-engine-'));
  const settings = mergeSettings();
  const folder = new FolderServices({ trusted: false, log: () => {}, snapshot: true });
  const services = folder.for(root, settings);
  const verdict: Verdict = { ok: true, cases: 0, slowestMs: 0 };
  const options = { budgetMs: opts.budgetMs, slowBudgetMs: opts.budgetMs * 4 };

  const analyse = async (text: string, languageId: LanguageId): Promise<void> => {
    const started = performance.now();
    const fast = engine.analyze({ text, languageId, path: `src/${languageId}.x` }, options);
    checkResult(fast, opts.budgetMs, performance.now() - started);
    const both = await engine.analyzeTiers({ text, languageId, path: `src/${languageId}.x` }, services, options);
    const elapsed = performance.now() - started;
    checkResult(both, opts.budgetMs, elapsed);
    verdict.cases++;
    verdict.slowestMs = Math.max(verdict.slowestMs, Math.round(elapsed));
  };

  try {
    await check(fc.asyncProperty(hostileText, language, analyse), SEED, opts.textRuns);
    await check(
      fc.asyncProperty(hostileBytes, language, async (bytes, lang) => {
        const decoded = decodeText(bytes);
        if ('skip' in decoded) {
          if (!decoded.skip) throw new Error('skipped without a reason');
          return;
        }
        await analyse(decoded.text, lang);
      }),
      SEED + 1,
      opts.byteRuns,
    );
  } catch (e) {
    verdict.ok = false;
    verdict.message = (e as Error).message;
  } finally {
    folder.dispose();
    rmSync(root, { recursive: true, force: true });
  }
  return verdict;
}
