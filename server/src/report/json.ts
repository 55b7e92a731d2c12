// `vouch scan --format json`: the documented machine-readable shape (1-based lines and columns).
import type { Finding } from '../core/types';
import type { ScanResult } from '../scan/result';
import { VERSION } from '../version';

export interface JsonFinding {
  ruleId: string;
  family: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  findingId: string;
  /** The assisted region the finding lies in, and its review state. */
  provenance?: { regionId: string; source: string; state: string };
  /** Flow findings: the path the data took, source first; breaking changes: the uses they break, in any file. */
  related?: Array<{ file: string; line: number; column: number; message: string }>;
  /** On a line changed since the baseline (the editor's report, which keeps every finding and marks these). */
  inChange?: true;
}

export function jsonFinding(file: string, f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    family: f.family,
    severity: f.severity,
    confidence: f.confidence,
    file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    message: f.message,
    findingId: f.id,
    ...(f.related?.length ? { related: f.related.map((r) => ({ file: r.file ?? file, line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })) } : {}),
    ...(f.inChange ? { inChange: true as const } : {}),
  };
}

/** Unsuppressed findings of a scan, in file then position order. */
export function activeFindings(scan: ScanResult): Array<{ file: string; finding: Finding }> {
  return scan.files.flatMap((f) => f.findings.filter((x) => !x.suppressed).map((finding) => ({ file: f.path, finding })));
}

export function toJson(scan: ScanResult): string {
  const marks = new Map(scan.files.map((f) => [f.path, f.findingProvenance]));
  const findings = activeFindings(scan).map(({ file, finding }) => {
    const j = jsonFinding(file, finding);
    const p = marks.get(file)?.[finding.id];
    return p ? { ...j, provenance: p } : j;
  });
  const p = scan.provenance;
  const suppressed = scan.files.reduce((n, f) => n + f.findings.filter((x) => x.suppressed).length, 0);
  return JSON.stringify(
    {
      tool: { name: 'vouch', version: VERSION },
      files: scan.fileCount,
      durationMs: scan.durationMs,
      ...(scan.changedSince ? { changedSince: scan.changedSince } : {}),
      ...(scan.change ? { change: scan.change } : {}),
      ...(scan.shard ? { shard: scan.shard } : {}),
      findings,
      suppressed,
      skipped: scan.skipped,
      notices: [...(scan.warnings ?? []), ...scan.files.flatMap((f) => f.notices.map((n) => n.message))],
      ...(p ? { provenance: { ...p.total, files: Object.entries(p.files).map(([file, s]) => ({ file, ...s })), record: p.record } } : {}),
    },
    null,
    2,
  );
}
