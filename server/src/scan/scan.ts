// Scans files with the engine: the walk and both tiers per file. Hosts run it through runScan
// (compose.ts), which adds the services and the provenance annotation.
import { resolve } from 'node:path';
import type { AnalyzeOptions, AnalyzeResult, Engine } from '../core/engine';
import { languageOf } from '../core/languages';
import { countLines, decodeText, sizeLimitReason } from '../core/text';
import type { Notice } from '../core/types';
import { readFileSafe } from '../io/safe-read';
import { MAX_SCAN_BYTES, mergeWindows, splitWindows } from './windows';
import type { LanguageId, Services } from '../core/types';
import type { VouchSettings } from '../core/settings';
import type { ScanResult } from './result';
import { listFiles, toRelative } from './walk';
import { teamPacks } from '../analysis/team';
import type { Read } from './reuse';
import { InFlight } from './in-flight';

export interface ScanOptions {
  root: string;
  paths?: string[];
  settings: VouchSettings;
  engine: Engine;
  keepText?: boolean;
  onProgress?: (done: number, total: number, path: string) => void;
  /** Only walked files (workspace-relative) this accepts are analysed: the changed ones of a diff-aware scan. */
  only?: (relPath: string) => boolean;
}

/**
 * Results kept between runs (the editor's report): asked before a file is analysed, told after. Its
 * `services` may wrap the slow tier's services for one file, to record what that file's result
 * depends on besides its own text (manifests, imported workspace files), so `get` can check them.
 */
export interface FileResultReuse {
  get(file: { rel: string; text: string }): AnalyzeResult | undefined | Promise<AnalyzeResult | undefined>;
  services(rel: string, services: Services): Services;
  set(file: { rel: string; text: string }, result: AnalyzeResult): void;
  /** `set` with the reads a scan worker recorded itself (`recordReads`): the pool's main thread keeps them. */
  setRecorded?(file: { rel: string; text: string }, result: AnalyzeResult, reads: readonly Read[]): void;
}

type Readable = { rel: string; language: LanguageId; text: string; notes: Notice[]; size: number };
type Prepared = Readable | { rel: string; skip: string };

/** Reads (never blocking, never past the cap) and decodes one file, or says why it is skipped. */
function prepare(root: string, abs: string): Prepared {
  const rel = toRelative(root, abs);
  const language = languageOf(abs);
  if (!language) return { rel, skip: 'not a language Vouch analyses' };
  const read = readFileSafe(abs, MAX_SCAN_BYTES);
  if (!read.ok) {
    if (read.kind === 'missing') return { rel, skip: 'file disappeared during the scan' };
    if (read.kind === 'too-large' && read.size !== undefined) return { rel, skip: sizeLimitReason(read.size, MAX_SCAN_BYTES) };
    return { rel, skip: `file ${read.reason}` };
  }
  const decoded = decodeText(read.bytes);
  if ('skip' in decoded) return { rel, skip: decoded.skip };
  return { rel, language, text: decoded.text, size: read.size, notes: decoded.notes.map((n) => ({ kind: 'input', message: `${rel} ${n}` })) };
}

/** Both ways of running the engine over one file, cut into windows when it is above the size limit. */
function analyzeFile(opts: ScanOptions, file: Readable, options: AnalyzeOptions): AnalyzeResult {
  const windows = splitWindows(file.text);
  const results = windows.map((w) => opts.engine.analyze({ text: w.text, languageId: file.language, path: file.rel }, options));
  return withNotes(file, mergeWindows(windows, results, file.size));
}

async function analyzeFileAsync(opts: AsyncScanOptions, file: Readable, options: AnalyzeOptions): Promise<AnalyzeResult> {
  const windows = splitWindows(file.text);
  const results: AnalyzeResult[] = [];
  const services = opts.services && opts.reuse ? opts.reuse.services(file.rel, opts.services) : opts.services;
  for (const w of windows) {
    const input = { text: w.text, languageId: file.language, path: file.rel };
    // One parse serves both tiers.
    results.push(services ? await opts.engine.analyzeTiers(input, services, options, { signal: opts.signal }) : opts.engine.analyze(input, options));
  }
  return withNotes(file, mergeWindows(windows, results, file.size));
}

const withNotes = (file: Readable, r: AnalyzeResult): AnalyzeResult => (file.notes.length && !r.skipped ? { ...r, notices: [...file.notes, ...r.notices] } : r);

export interface Walked {
  started: number;
  root: string;
  result: ScanResult;
  files: string[];
  analyzeOptions: AnalyzeOptions;
}

/** The walk: the files a run analyses (walk order), and the result with what the walk left out. */
export function walkFiles(opts: ScanOptions): Walked {
  const started = performance.now();
  const root = resolve(opts.root);
  const result: ScanResult = { root, files: [], fileCount: 0, skipped: [], durationMs: 0 };
  const onSkip = (abs: string, reason: string): void => {
    result.skipped.push({ path: toRelative(root, abs), reason });
  };
  const starts = opts.paths?.length ? opts.paths.map((p) => resolve(p)) : [root];
  const walked = [...new Set(starts.flatMap((s) => listFiles(root, s, opts.settings, onSkip)))];
  const files = opts.only ? walked.filter((abs) => opts.only!(toRelative(root, abs))) : walked;
  return { started, root, result, files, analyzeOptions: analyzeOptionsOf(opts) };
}

function analyzeOptionsOf(opts: ScanOptions): AnalyzeOptions {
  return analyzeOptionsFor(opts.settings);
}

/**
 * How many times the editor's per-keystroke budget (`detectorBudgetMs`) a detector gets on one file in a scan
 * (the CLI, the editor's report, the agent's tools). The budget is wall-clock time: a loaded CI runner or a
 * busy laptop had stopped detectors that finish in 100-200 ms on a quiet one, so the same commit's report
 * kept or lost their findings from run to run (a 3,900-line editor script, 3-4 time-outs per scan of 149
 * packages). A scan is not interactive; a pathological file is still cut off, at one second.
 */
export const BATCH_BUDGET_FACTOR = 4;

/** Engine options from settings: rule overrides, confidence floor, budget, the team's flow models. */
export function analyzeOptionsFor(settings: VouchSettings): AnalyzeOptions {
  return {
    rules: settings.rules,
    minimumConfidence: settings.minimumConfidence,
    budgetMs: settings.detectorBudgetMs * BATCH_BUDGET_FACTOR,
    models: teamPacks(settings.models),
    ...(settings.flowAnalysis === false ? { flowAnalysis: false } : {}),
  };
}

function record(opts: ScanOptions, result: ScanResult, file: Readable, r: AnalyzeResult, reuse?: FileResultReuse): void {
  if (r.skipped) {
    result.skipped.push({ path: file.rel, reason: r.skipped, unanalysed: true });
    return;
  }
  // Windows of a large file that could not be analysed count as skipped: the file was not covered.
  for (const n of r.notices) if (n.kind === 'skipped') result.skipped.push({ path: file.rel, reason: n.message, unanalysed: true });
  result.fileCount++;
  // Reports carry fixes too: offer only those that clear their finding.
  for (const f of r.findings) {
    if (!f.fix?.verify) continue;
    const ok = opts.engine.verifyFix({ text: file.text, languageId: file.language, path: file.rel }, f, analyzeOptionsOf(opts));
    if (!ok) delete f.fix;
    else {
      const { verify: _checked, ...fix } = f.fix;
      f.fix = fix;
    }
  }
  // Kept once its fixes are verified, so a reused result costs nothing more.
  reuse?.set(file, r);
  const notices = r.notices.filter((n) => n.kind !== 'skipped');
  if (r.findings.length || notices.length) {
    result.files.push({ path: file.rel, language: file.language, findings: r.findings, notices, text: opts.keepText ? file.text : undefined, lines: countLines(file.text) });
  }
}

function finish(opts: ScanOptions, result: ScanResult, started: number, total: number): ScanResult {
  opts.onProgress?.(total, total, '');
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  result.skipped.sort(byPath);
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

const internalError = (e: unknown) => `internal error while analysing: ${(e as Error)?.message ?? String(e)}`;

/** The fast tier only: synchronous detectors. */
export function scanFiles(opts: ScanOptions): ScanResult {
  const { started, root, result, files, analyzeOptions } = walkFiles(opts);
  files.forEach((abs, i) => {
    const file = prepare(root, abs);
    opts.onProgress?.(i, files.length, file.rel);
    if ('skip' in file) return void result.skipped.push({ path: file.rel, reason: file.skip, unanalysed: true });
    try {
      record(opts, result, file, analyzeFile(opts, file, analyzeOptions));
    } catch (e) {
      // The engine guards each detector; this catches what is left so one file never ends the scan.
      result.skipped.push({ path: file.rel, reason: internalError(e), unanalysed: true });
    }
  });
  return finish(opts, result, started, files.length);
}

export interface AsyncScanOptions extends ScanOptions {
  /** Services for the slow tier (registry, project files); without them only the fast tier runs. */
  services?: Services;
  /** Files whose slow tier runs at once (registry look-ups overlap; the service bounds requests). */
  concurrency?: number;
  /** Stops the scan between files (and the slow tier within one); the run then rejects with an AbortError. */
  signal?: AbortSignal;
  /** Results of unchanged files from an earlier run. */
  reuse?: FileResultReuse;
  /** Bounds the characters of the files analysed at once (scanFilesAsync makes one per run). */
  inFlight?: InFlight;
}

/** What one walked file adds to the report: recorded as soon as it is analysed, joined in walk order. */
export type Piece = Pick<ScanResult, 'skipped' | 'files' | 'fileCount'>;

/**
 * One walked file through both tiers: read, analyse (or reuse), verify fixes, record. Throws only when
 * the run is cancelled; any other failure is the file's `internal error` entry. The scan pool's workers
 * (pool-worker.ts) run the very same step, so a pooled scan reports what this thread would.
 */
export async function scanOne(opts: AsyncScanOptions, root: string, abs: string, analyzeOptions: AnalyzeOptions): Promise<{ rel: string; piece: Piece; reused: boolean }> {
  const piece: Piece = { skipped: [], files: [], fileCount: 0 };
  const file = prepare(root, abs);
  if ('skip' in file) {
    piece.skipped.push({ path: file.rel, reason: file.skip, unanalysed: true });
    return { rel: file.rel, piece, reused: false };
  }
  const leave = await opts.inFlight?.enter(file.text.length);
  try {
    const kept = await opts.reuse?.get(file);
    const r = kept ?? (await analyzeFileAsync(opts, file, analyzeOptions));
    // A cancelled slow tier returns what it had: never report (or keep) a half-analysed file.
    opts.signal?.throwIfAborted();
    record(opts, piece as ScanResult, file, r, kept ? undefined : opts.reuse);
    return { rel: file.rel, piece, reused: !!kept };
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    return { rel: file.rel, piece: { skipped: [{ path: file.rel, reason: internalError(e), unanalysed: true }], files: [], fileCount: 0 }, reused: false };
  } finally {
    leave?.();
  }
}

/** Pieces joined in walk order (as the synchronous scan reports them), then sorted skips and timing. */
export function joinPieces(opts: ScanOptions, result: ScanResult, pieces: ReadonlyArray<Piece | undefined>, started: number, total: number): ScanResult {
  for (const piece of pieces) {
    if (!piece) continue;
    result.skipped.push(...piece.skipped);
    result.files.push(...piece.files);
    result.fileCount += piece.fileCount;
  }
  return finish(opts, result, started, total);
}

/** Both tiers: the fast one, then the slow one where the engine has slow work for the file. */
export async function scanFilesAsync(options: AsyncScanOptions, walked: Walked = walkFiles(options)): Promise<ScanResult> {
  const { started, root, result, files, analyzeOptions } = walked;
  const opts = options.inFlight ? options : { ...options, inFlight: new InFlight() };
  // What each analysed file adds to the report, recorded as soon as it is analysed (a file's text is
  // not kept until the end of the scan: that held the whole corpus in memory), joined in walk order.
  const pieces: Array<Piece | undefined> = new Array(files.length);
  let next = 0;
  let finished = 0;
  let reused = 0;
  // Reused results and fast files never wait on I/O: yield now and then, so a server stays responsive
  // (diagnostics, a cancel request) during a long scan.
  let yielded = performance.now();
  const breathe = async (): Promise<void> => {
    if (performance.now() - yielded < 20) return;
    await new Promise((go) => setImmediate(go));
    yielded = performance.now();
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      await breathe();
      opts.signal?.throwIfAborted();
      if (next >= files.length) return;
      const i = next++;
      const one = await scanOne(opts, root, files[i], analyzeOptions);
      pieces[i] = one.piece;
      if (one.reused) reused++;
      opts.onProgress?.(++finished, files.length, one.rel);
    }
  };
  if (opts.signal) {
    yielded = 0;
    await breathe();
  }
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, worker));
  // A cancelled slow tier returns what it had: never report (or keep) a half-analysed file.
  opts.signal?.throwIfAborted();
  if (opts.reuse) result.reused = reused;
  return joinPieces(opts, result, pieces, started, files.length);
}
