// Hostile workspace layouts through the scan pipeline every host shares (runScan: walk → safe reads →
// both tiers → provenance and ledger), the policy reader, `vouch verify` and the four report formats.
// Runs in a child process (test/unit/fuzz-workspace.test.ts); FIFOs and links to /dev/zero must cost a
// reason, never a hang or the heap.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isIncluded, mergeSettings } from '../../server/src/core/config';
import { languageOf } from '../../server/src/core/languages';
import { formatReport, REPORT_FORMATS } from '../../server/src/report';
import { readLedger } from '../../server/src/review/ledger';
import { verify } from '../../server/src/review/verify';
import { FolderServices, runScan } from '../../server/src/scan/compose';
import { readWorkspaceConfig } from '../../server/src/scan/config-file';
import { readProvenanceFile } from '../../server/src/scan/provenance';
import type { AnnotatedScan } from '../../server/src/scan/result';
import { testEngine } from '../engine';
import { FILE_NAMES, SEED } from './arbitraries';
import { check, type Verdict } from './engine-property';
import { layout, materialize, type Layout } from './layouts';

/** A whole hostile workspace, however built, is scanned within this. */
export const LAYOUT_LIMIT_MS = 20_000;

/** Source files the scan must account for: analysed, or listed as skipped with a reason. */
export function expectedFiles(l: Layout, settings = mergeSettings()): string[] {
  const taken = new Set(l.specials.map((s) => s.name));
  const rels = l.files.map((f, i) => [f.dir, `${i}${FILE_NAMES[f.language]}`].filter(Boolean).join('/')).filter((r) => !taken.has(r));
  // Special files with a source name: the walk must say why it passed them (a loop to a folder is a folder).
  rels.push(...l.specials.filter((s) => s.kind !== 'parent-loop' && languageOf(s.name)).map((s) => s.name));
  return rels.filter((r) => !r.split('/').includes('node_modules') && languageOf(r) && isIncluded(r, settings));
}

/** What must hold for any scan of a hostile layout. */
export function checkScan(l: Layout, scan: AnnotatedScan, listed: ReadonlySet<string>, settings = mergeSettings()): void {
  const internal = scan.skipped.filter((s) => /internal error/i.test(s.reason));
  if (internal.length) throw new Error(`internal error: ${JSON.stringify(internal)}`);
  const errors = scan.files.flatMap((f) => f.notices.filter((n) => n.kind === 'detector-error'));
  if (errors.length) throw new Error(`detector error: ${errors.map((n) => n.message).join('; ')}`);
  const skipped = new Set(scan.skipped.map((s) => s.path));
  const silent = expectedFiles(l, settings).filter((r) => !listed.has(r) && !skipped.has(r));
  if (silent.length) throw new Error(`passed over without a reason: ${silent.join(', ')} (skipped: ${JSON.stringify(scan.skipped)})`);
  const p = scan.provenance.total;
  for (const [k, v] of Object.entries({ assisted: p.assistedLines, unreviewed: p.unreviewedLines, reviewed: p.reviewedLines })) {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`provenance ${k} lines: ${v}`);
  }
  if (p.assistedLines > 1_000_000) throw new Error(`${p.assistedLines} assisted lines in a workspace of a few small files`);
}

export async function fuzzWorkspace(opts: { runs: number }): Promise<Verdict> {
  const engine = await testEngine();
  const verdict: Verdict = { ok: true, cases: 0, slowestMs: 0 };
  const base = mkdtempSync(join(tmpdir(), 'vouch-fuzz-ws-'));
  let n = 0;
  try {
    await check(fc.asyncProperty(layout, async (l) => {
      const root = join(base, `ws${n}`);
      const outside = join(base, `outside${n++}`);
      materialize(root, outside, l);
      const started = performance.now();
      const config = readWorkspaceConfig(root);
      if (config.error !== undefined && typeof config.error !== 'string') throw new Error('policy error is not a message');
      // The editor's behaviour: what parsed applies, the rest is reported (the CLI stops on `error`).
      const settings = mergeSettings(config.settings, { registry: { enabled: false } });
      const folder = new FolderServices({ trusted: false, log: () => {}, snapshot: true });
      const listed = new Set<string>();
      try {
        const scan = await runScan({
          engine, root, settings, services: folder.for(root, settings), keepText: true,
          onProgress: (_done, _total, path) => path && listed.add(path),
        });
        checkScan(l, scan, listed, settings);
        for (const format of REPORT_FORMATS) formatReport(format, scan, engine.rules());
      } finally {
        folder.dispose();
      }
      // `vouch verify` over the same files.
      const v = verify(readLedger(join(root, '.vouch', 'reviews.jsonl')), readProvenanceFile(root), 'a'.repeat(64));
      if (typeof v.holds !== 'boolean') throw new Error('verify gave no verdict');
      const elapsed = performance.now() - started;
      if (elapsed > LAYOUT_LIMIT_MS) throw new Error(`the layout took ${Math.round(elapsed)} ms`);
      verdict.cases++;
      verdict.slowestMs = Math.max(verdict.slowestMs, Math.round(elapsed));
    }), SEED + 2, opts.runs);
  } catch (e) {
    verdict.ok = false;
    verdict.message = (e as Error).message;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  return verdict;
}
