// Provenance and review coverage for `vouch scan`: regions from the committed `.vouch/provenance.json`,
// reviews from `.vouch/reviews.jsonl`, the same policy as the editor (review/policy.ts). Reads data
// only; nothing in either file is executed.
import { isAbsolute, join, relative, sep } from 'node:path';
import { coveredLineCount, rangeProblem } from '../core/region-bounds';
import { countLines } from '../core/text';
import type { Finding } from '../core/types';
import { LEDGER_FILE, PROVENANCE_FILE, type FindingProvenance, type ProvenanceRegion } from '../core/provenance-types';
import type { VouchSettings } from '../core/settings';
import { readLedger } from '../review/ledger';
import { readTextSafe } from '../io/safe-read';
import { verify } from '../review/verify';
import { applyPolicy, evaluateRegions, indexLedger, isUnreviewed, type EvaluatedRegion } from '../review/policy';
import type { AnnotatedScan, ProvenanceSummary, ScannedFile, ScanProvenance, ScanResult } from './result';

/** Regions per path; accepts `{ "<path>": [regions] }` and `{ "files": { "<path>": [regions] } }`. */
export function readProvenanceFile(root: string): { files: Record<string, ProvenanceRegion[]>; warnings: string[] } {
  const read = readTextSafe(join(root, PROVENANCE_FILE));
  if (!read.ok) return { files: {}, warnings: read.kind === 'missing' ? [] : [`${PROVENANCE_FILE} ${read.reason}; provenance is not reported`] };
  const raw = read.text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    return { files: {}, warnings: [`${PROVENANCE_FILE} is not valid JSON (${(e as Error).message}); provenance is not reported`] };
  }
  const map = parsed && typeof parsed === 'object' && 'files' in parsed && typeof (parsed as { files: unknown }).files === 'object'
    ? (parsed as { files: unknown }).files
    : parsed;
  const files: Record<string, ProvenanceRegion[]> = {};
  if (!map || typeof map !== 'object' || Array.isArray(map)) return { files, warnings: [`${PROVENANCE_FILE} does not map paths to regions`] };
  const warnings: string[] = [];
  let refused = 0;
  for (const [path, regions] of Object.entries(map as Record<string, unknown>)) {
    if (!Array.isArray(regions)) continue;
    files[path.split('\\').join('/')] = regions.filter(isRegion).filter((r) => {
      const problem = rangeProblem(r.range);
      if (problem && ++refused <= 5) warnings.push(`${PROVENANCE_FILE}: region ${JSON.stringify(r.id.slice(0, 80))} of ${path} ${problem}; it was ignored`);
      return !problem;
    });
  }
  if (refused > 5) warnings.push(`${PROVENANCE_FILE}: ${refused - 5} more regions with impossible ranges were ignored`);
  return { files, warnings };
}

const isPos = (p: unknown): boolean => !!p && typeof p === 'object' && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
function isRegion(r: unknown): r is ProvenanceRegion {
  const x = r as ProvenanceRegion;
  return !!x && typeof x === 'object' && typeof x.id === 'string' && ['completion', 'paste', 'agent'].includes(x.source) && !!x.range && isPos(x.range.start) && isPos(x.range.end);
}

function summarize(regions: readonly EvaluatedRegion[]): ProvenanceSummary {
  const assisted = coveredLineCount(regions.map((r) => r.lines));
  const unreviewed = coveredLineCount(regions.filter((r) => isUnreviewed(r.state)).map((r) => r.lines));
  return finishSummary(assisted, unreviewed, regions.length);
}

function finishSummary(assistedLines: number, unreviewedLines: number, regions: number): ProvenanceSummary {
  const reviewedLines = assistedLines - unreviewedLines;
  return { assistedLines, unreviewedLines, reviewedLines, regions, reviewCoverage: assistedLines ? Math.round((reviewedLines / assistedLines) * 1000) / 1000 : 1 };
}

function inside(root: string, starts: readonly string[], rel: string): boolean {
  const abs = join(root, rel);
  return starts.some((s) => {
    const r = relative(s, abs);
    return r === '' || (r !== '..' && !r.startsWith('..' + sep) && !isAbsolute(r));
  });
}

/**
 * A scan with provenance: per-file and total coverage, `provenance` on findings in unreviewed
 * assisted code (by finding id), findings of `assistedOnlyRules` outside assisted code dropped, and
 * problems reading the committed files added to `warnings`. The scan passed in is left as it was.
 * `starts` are the scanned paths (absolute); only regions of files under them count.
 */
export function annotateProvenance(scan: ScanResult, settings: Pick<VouchSettings, 'provenance'>, starts: readonly string[] = [scan.root]): AnnotatedScan {
  const root = scan.root;
  const provenance = readProvenanceFile(root);
  const saved = provenance.files;
  const ledger = readLedger(join(root, LEDGER_FILE));
  const check = verify(ledger, provenance);
  const warnings = [...check.problems.map((p) => `review record does not hold: ${p}`), ...check.notices.map((n) => `review ledger: ${n}`)];
  const record = { holds: check.holds, problems: check.problems, head: check.head };
  const out: ScanProvenance = { total: finishSummary(0, 0, 0), files: {}, warnings, record };
  const evaluated = new Map<string, EvaluatedRegion[]>();
  for (const [path, regions] of Object.entries(saved)) {
    if (!regions.length || !inside(root, starts, path)) continue;
    const read = readTextSafe(join(root, path));
    if (!read.ok) {
      // Deleted since: nothing to cover. Anything else is worth saying.
      if (read.kind !== 'missing') warnings.push(`${PROVENANCE_FILE}: ${path} ${read.reason}; its regions are not counted`);
      continue;
    }
    const text = read.text;
    const ev = evaluateRegions(text, regions, indexLedger(ledger.entries, path));
    evaluated.set(path, ev);
    out.files[path] = { ...summarize(ev), lines: countLines(text) };
  }
  let assisted = 0;
  let unreviewed = 0;
  let count = 0;
  for (const s of Object.values(out.files)) {
    assisted += s.assistedLines;
    unreviewed += s.unreviewedLines;
    count += s.regions;
  }
  out.total = finishSummary(assisted, unreviewed, count);
  const files = scan.files.map((file): ScannedFile => {
    const results = applyPolicy(file.findings, evaluated.get(file.path) ?? [], settings);
    const kept = new Set<Finding>(results.map((r) => r.original));
    const annotated: ScannedFile = { ...file, findings: kept.size !== file.findings.length ? file.findings.filter((f) => kept.has(f)) : file.findings };
    const marks: Record<string, FindingProvenance> = {};
    for (const r of results) if (r.region) marks[r.original.id] = { regionId: r.region.region.id, source: r.region.region.source, state: r.region.state };
    if (Object.keys(marks).length) annotated.findingProvenance = marks;
    if (out.files[file.path]) annotated.provenance = out.files[file.path];
    return annotated;
  });
  const runWarnings = [...(scan.warnings ?? []), ...out.warnings];
  return { ...scan, files, provenance: out, ...(runWarnings.length ? { warnings: runWarnings } : {}) };
}

/** What does not hold in the review record (chain breaks, removed regions); empty when it holds. */
export function reviewRecordProblems(scan: ScanResult): string[] {
  return scan.provenance?.record.problems ?? [];
}

/** True when an error-level, unsuppressed finding lies in unreviewed or stale assisted code. */
export function hasUnreviewedError(scan: ScanResult): boolean {
  return scan.files.some((f) => f.findings.some((x) => !x.suppressed && x.severity === 'error' && !!f.findingProvenance?.[x.id] && isUnreviewed(f.findingProvenance[x.id].state)));
}
