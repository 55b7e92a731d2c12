// The verdict of a change, composed once for every host: `vouch verdict` (cli/src/verdict.ts) and the
// editor's "Verdict for My Change" (server/src/features/verdict.ts) both call `verdictOfChange`, so
// the two cannot disagree. The diff-aware scan of the files changed since the baseline, each file's
// changed lines, its assisted regions with their review state, then the pure decision
// (review/verdict.ts) under the `verdict` policy.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../core/engine';
import { LEDGER_FILE } from '../core/provenance-types';
import type { VouchSettings } from '../core/settings';
import type { Services } from '../core/types';
import { readTextSafe } from '../io/safe-read';
import { readLedger, type LedgerRead } from '../review/ledger';
import { evaluateRegions, indexLedger } from '../review/policy';
import { decideVerdict, type ChangedFile, type VerdictResult } from '../review/verdict';
import type { GitBaseline } from '../vcs/baseline';
import { changeScope } from '../vcs/changes';
import { runScan } from './compose';
import { readProvenanceFile } from './provenance';

export interface VerdictRun {
  engine: Engine;
  warnings?: readonly string[];
  /** The workspace folder: paths in the result are relative to it, `.vouch/` is read from it. */
  root: string;
  settings: VouchSettings;
  /** What the change is measured against (`--baseline`, HEAD in the editor). */
  baseline: GitBaseline;
  services: Services;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, path: string) => void;
}

export interface VerdictOfChange {
  result: VerdictResult;
  changed: ChangedFile[];
  /** How the baseline was named and resolved, e.g. `HEAD (3f2a…)`. */
  baselineLabel: string;
  ledger: LedgerRead;
}

export async function verdictOfChange(run: VerdictRun): Promise<VerdictOfChange> {
  const { root } = run;
  const scope = await changeScope(run.baseline);
  const changedPaths: string[] = [];
  const scan = await runScan({
    engine: run.engine, warnings: run.warnings, root, settings: run.settings, services: run.services, keepText: true,
    change: { scope, allLines: true }, signal: run.signal,
    onProgress: (done, total, path) => {
      if (path) changedPaths.push(path);
      run.onProgress?.(done, total, path);
    },
  });
  const { files: regionsByPath } = readProvenanceFile(root);
  const ledger = readLedger(join(root, LEDGER_FILE));
  const changed: ChangedFile[] = [];
  for (const path of [...new Set(changedPaths)].sort()) {
    const read = readTextSafe(join(root, path));
    if (!read.ok) continue;
    const scanned = scan.files.find((f) => f.path === path);
    const lines = await scope.changedLines(path, read.text);
    const regions = evaluateRegions(read.text, regionsByPath[path] ?? [], indexLedger(ledger.entries, path));
    changed.push({
      path,
      // The scope counts 0-based lines; the verdict, like people, counts from 1.
      lines: lines === 'all' ? 'all' : new Set([...lines].map((l) => l + 1)),
      findings: scanned?.findings ?? [],
      regions,
      reviewed: reviewedSinceChange(root, path, ledger.entries),
    });
  }
  return { result: decideVerdict(changed, run.settings.verdict), changed, baselineLabel: scope.label, ledger };
}

/** A review entry for the file written after the file last changed (for `alwaysReview` paths). */
function reviewedSinceChange(root: string, path: string, entries: ReadonlyArray<{ file: string; time: string }>): boolean {
  let mtime: number;
  try {
    mtime = statSync(join(root, path)).mtimeMs;
  } catch {
    return false;
  }
  return entries.some((e) => e.file === path && Date.parse(e.time) >= mtime);
}
