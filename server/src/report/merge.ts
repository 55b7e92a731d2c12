// `vouch merge`: the JSON reports of a sharded scan (`vouch scan --shard k/n`) joined into one scan, to
// be written in any format. Pure: report texts in, a scan out — or a message saying which report is not
// a Vouch JSON report and why. Findings are keyed by file and finding id, so a finding present in two
// reports (overlapping runs) is kept once; file counts add up; the duration is the longest shard's (the
// shards ran side by side); provenance is the same repository's in every shard, joined by path.
import { languageOf } from '../core/languages';
import type { Finding, Severity } from '../core/types';
import type { ProvenanceSummary, ScanResult, ScannedFile } from '../scan/result';
import type { JsonFinding } from './json';

interface JsonReport {
  tool: { name: string; version: string };
  files: number;
  durationMs: number;
  changedSince?: ScanResult['changedSince'];
  shard?: string;
  findings: Array<JsonFinding & { provenance?: { regionId: string; source: string; state: string } }>;
  suppressed: number;
  skipped: ScanResult['skipped'];
  notices: string[];
  provenance?: ProvenanceSummary & { files: Array<ProvenanceSummary & { file: string }>; record: { holds: boolean; problems: string[]; head: string } };
}

export interface MergedScan {
  scan: ScanResult;
  /** Suppressed findings are counted, not listed, in JSON reports: their sum. */
  suppressed: number;
  /** The shards named by the reports (`1/3`, …), and the ones missing from a complete set. */
  shards: string[];
  missing: string[];
}

function read(text: string, name: string): JsonReport | string {
  let r: unknown;
  try {
    r = JSON.parse(text);
  } catch (e) {
    return `${name} is not JSON (${(e as Error).message})`;
  }
  const o = r as Partial<JsonReport>;
  if (!o || typeof o !== 'object' || o.tool?.name !== 'vouch') return `${name} is not a Vouch JSON report (vouch scan --format json)`;
  if (!Array.isArray(o.findings) || typeof o.files !== 'number' || !Array.isArray(o.skipped) || !Array.isArray(o.notices)) return `${name}: a Vouch report without findings, files, skipped or notices`;
  for (const f of o.findings) {
    if (!f || typeof f.file !== 'string' || typeof f.line !== 'number' || typeof f.ruleId !== 'string' || typeof f.findingId !== 'string') return `${name}: a finding without file, line, ruleId or findingId`;
  }
  return o as JsonReport;
}

const range = (f: { line: number; column: number; endLine?: number; endColumn?: number }) => ({
  start: { line: f.line - 1, character: (f.column ?? 1) - 1 },
  end: { line: (f.endLine ?? f.line) - 1, character: (f.endColumn ?? f.column ?? 1) - 1 },
});

function coverage(s: { assistedLines: number; reviewedLines: number }): number {
  return s.assistedLines ? s.reviewedLines / s.assistedLines : 1;
}

/** Joins reports given as `[name, text]`; a message when one of them cannot be read or they disagree. */
export function mergeReports(reports: ReadonlyArray<readonly [string, string]>, root: string): MergedScan | string {
  const parsed: JsonReport[] = [];
  for (const [name, text] of reports) {
    const r = read(text, name);
    if (typeof r === 'string') return r;
    parsed.push(r);
  }
  if (!parsed.length) return 'no report to merge';
  const since = new Set(parsed.map((r) => JSON.stringify(r.changedSince ?? null)));
  if (since.size > 1) return 'the reports were made with different --changed-since baselines; merge reports of one run';
  const files = new Map<string, ScannedFile>();
  const seen = new Set<string>();
  const skipped = new Map<string, ScanResult['skipped'][number]>();
  const provenanceFiles = new Map<string, ProvenanceSummary>();
  for (const r of parsed) {
    for (const j of r.findings) {
      const key = `${j.file}\0${j.findingId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let file = files.get(j.file);
      if (!file) files.set(j.file, (file = { path: j.file, language: languageOf(j.file) ?? 'plaintext', findings: [], notices: [] }));
      const finding: Finding = {
        id: j.findingId, ruleId: j.ruleId, family: j.family as Finding['family'], severity: j.severity as Severity, confidence: j.confidence as Finding['confidence'],
        range: range(j), message: j.message,
        ...(j.related?.length ? { related: j.related.map((x) => ({ ...(x.file !== j.file ? { file: x.file } : {}), range: range(x), message: x.message })) } : {}),
        ...(j.inChange ? { inChange: true as const } : {}),
      };
      file.findings.push(finding);
      if (j.provenance) (file.findingProvenance ??= {})[j.findingId] = j.provenance as never;
    }
    for (const s of r.skipped) skipped.set(s.path, s);
    for (const p of r.provenance?.files ?? []) provenanceFiles.set(p.file, p);
  }
  for (const f of files.values()) f.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const first = parsed[0];
  const scan: ScanResult = {
    root,
    files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    fileCount: parsed.reduce((n, r) => n + r.files, 0),
    skipped: [...skipped.values()],
    durationMs: Math.max(...parsed.map((r) => r.durationMs ?? 0)),
    warnings: [...new Set(parsed.flatMap((r) => r.notices))],
    ...(first.changedSince ? { changedSince: first.changedSince } : {}),
  };
  if (first.provenance) {
    const total = { assistedLines: 0, unreviewedLines: 0, reviewedLines: 0, regions: 0, reviewCoverage: 1 };
    const out: Record<string, ProvenanceSummary> = {};
    for (const [path, { file: _f, ...s }] of [...provenanceFiles].map(([p, s]) => [p, s as ProvenanceSummary & { file: string }] as const)) {
      out[path] = s;
      total.assistedLines += s.assistedLines;
      total.unreviewedLines += s.unreviewedLines;
      total.reviewedLines += s.reviewedLines;
      total.regions += s.regions;
    }
    total.reviewCoverage = coverage(total);
    const records = parsed.map((r) => r.provenance?.record).filter((x): x is NonNullable<typeof x> => !!x);
    const record = { holds: records.every((x) => x.holds), problems: [...new Set(records.flatMap((x) => x.problems))], head: first.provenance.record.head };
    scan.provenance = { total, files: out, warnings: [], record };
  }
  const shards = parsed.map((r) => r.shard).filter((s): s is string => !!s);
  const counts = new Set(shards.map((s) => s.split('/')[1]));
  const missing: string[] = [];
  if (counts.size === 1) {
    const n = Number([...counts][0]);
    for (let k = 1; k <= n; k++) if (!shards.includes(`${k}/${n}`)) missing.push(`${k}/${n}`);
  }
  return { scan, suppressed: parsed.reduce((n, r) => n + (r.suppressed ?? 0), 0), shards, missing };
}
