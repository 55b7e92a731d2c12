// vouch/fileTrust: the trust data of one open document for the panel, status bar and CodeLens, or why
// Vouch does not analyse it (then no score: 100 would read as "checked and fine").
import { coveredLineCount } from '../core/region-bounds';
import { countLines } from '../core/text';
import { trustScore } from '../core/trust';
import type { FileTrust, FileTrustParams, RegionTrust, TrustFinding } from '../protocol';
import { isUnreviewed } from '../review/policy';
import type { Evaluation } from './provenance';
import type { Diagnostics } from './diagnostics';
import type { Provenance } from './provenance';
import type { Workspace } from './workspace';

/** Distinct lines covered by the regions that pass `keep` (overlapping regions count once). */
function coveredLines(ev: Evaluation, keep: (state: RegionTrust['state']) => boolean): number {
  return coveredLineCount(ev.regions.filter((r) => keep(r.state)).map((r) => r.lines));
}

export function buildFileTrust(uri: string, ev: Evaluation | undefined): FileTrust {
  if (!ev) return { uri, score: 100, totalLines: 0, assistedLines: 0, unreviewedLines: 0, regions: [], findings: [], ledgerWarnings: [] };
  const active = ev.results.filter((r) => !r.finding.suppressed);
  const findings: TrustFinding[] = active.map((r) => ({
    findingId: r.finding.id, ruleId: r.finding.ruleId, family: r.finding.family, severity: r.finding.severity,
    message: r.finding.message, range: r.finding.range, ...(r.region ? { regionId: r.region.region.id } : {}),
  }));
  const regions: RegionTrust[] = ev.regions.map((r) => ({
    ...r.region,
    lines: r.lines[1] - r.lines[0] + 1,
    state: r.state,
    // A stale region keeps its last review so the panel can say who reviewed the earlier text.
    ...(r.review ? { review: { reviewer: r.review.reviewer.name, time: r.review.time, ...(r.review.note ? { note: r.review.note } : {}) } } : {}),
    findingIds: active.filter((x) => x.region === r).map((x) => x.finding.id),
  }));
  const totalLines = Math.max(countLines(ev.text), coveredLines(ev, () => true));
  const assistedLines = coveredLines(ev, () => true);
  const unreviewedLines = coveredLines(ev, isUnreviewed);
  // The score uses each finding's own severity: the unreviewed weighting already counts the raise.
  const score = trustScore({
    totalLines, assistedLines, unreviewedLines,
    findings: active.map((r) => ({ severity: r.original.severity, unreviewed: !!r.provenance })),
  });
  return { uri, score, totalLines, assistedLines, unreviewedLines, regions, findings, ledgerWarnings: ev.ledger.warnings };
}

export async function fileTrust(params: FileTrustParams, workspace: Workspace, diagnostics: Diagnostics, provenance: Provenance): Promise<FileTrust> {
  const settings = await workspace.settingsFor(params.uri);
  const notAnalysed = diagnostics.notAnalysedReason(params.uri, settings);
  if (notAnalysed) return { ...buildFileTrust(params.uri, undefined), notAnalysed };
  const findings = diagnostics.results.get(params.uri)?.findings ?? [];
  return buildFileTrust(params.uri, provenance.evaluate(params.uri, findings, settings));
}
