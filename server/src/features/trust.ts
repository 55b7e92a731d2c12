// vouch/fileTrust: the trust data of one open document for the panel, status bar and CodeLens, or why
// Vouch does not analyse it (then no score: 100 would read as "checked and fine"). In a git repository
// the findings on lines that differ from HEAD are marked, for the panel's "in my change" filter.
import { coveredLineCount } from '../core/region-bounds';
import type { BaselineService } from '../core/services';
import { countLines } from '../core/text';
import { trustScore } from '../core/trust';
import type { FileTrust, FileTrustParams, RegionTrust, TrustFinding } from '../protocol';
import { isUnreviewed } from '../review/policy';
import { changedLines } from '../vcs/changes';
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

/** Marks the findings on lines that differ from the baseline; the file unchanged or no baseline → as is. */
export async function withChange(trust: FileTrust, text: string, relPath: string, baseline: BaselineService | undefined): Promise<FileTrust> {
  const before = baseline ? await baseline.read(relPath).catch(() => undefined) : undefined;
  if (before === undefined) return trust;
  const lines = before === null ? 'all' : changedLines(before.text, text);
  const count = lines === 'all' ? countLines(text) : lines.size;
  const touched = (r: TrustFinding['range']) => {
    if (lines === 'all') return true;
    for (let l = r.start.line; l <= r.end.line; l++) if (lines.has(l)) return true;
    return false;
  };
  return {
    ...trust,
    findings: trust.findings.map((f) => (f.family === 'breaking-change' || touched(f.range) ? { ...f, inChange: true as const } : f)),
    change: { baseline: before?.label ?? 'HEAD', changedLines: count },
  };
}

export async function fileTrust(
  params: FileTrustParams, workspace: Workspace, diagnostics: Diagnostics, provenance: Provenance,
  baselineFor: (root: string, uri: string) => Promise<BaselineService | undefined> = async () => undefined,
): Promise<FileTrust> {
  const settings = await workspace.settingsFor(params.uri);
  const notAnalysed = diagnostics.notAnalysedReason(params.uri, settings);
  if (notAnalysed) return { ...buildFileTrust(params.uri, undefined), notAnalysed };
  const findings = diagnostics.results.get(params.uri)?.findings ?? [];
  const ev = provenance.evaluate(params.uri, findings, settings);
  const trust = buildFileTrust(params.uri, ev);
  const scope = workspace.scopeOf(params.uri);
  if (!ev || !scope || scope.outside) return trust;
  return withChange(trust, ev.text, scope.relPath, await baselineFor(scope.root, params.uri));
}
