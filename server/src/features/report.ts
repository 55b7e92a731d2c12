// The workspace report command: the CLI's scan over every workspace folder, written to a file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine } from '../core/engine';
import { SEVERITIES, type Severity } from '../core/types';
import type { ScanWorkspaceParams, ScanWorkspaceResult } from '../protocol';
import { formatReport } from '../report';
import { activeFindings } from '../report/json';
import { docsDir, ruleDocsFrom } from '../scan/rule-docs';
import { scanFilesAsync } from '../scan/scan';
import { annotateProvenance } from '../scan/provenance';
import type { Services } from '../core/types';
import type { VouchSettings } from '../core/settings';
import type { Workspace } from './workspace';

export async function scanWorkspace(
  engine: Engine,
  workspace: Workspace,
  params: ScanWorkspaceParams,
  servicesFor: (root: string, settings: VouchSettings) => Services,
): Promise<ScanWorkspaceResult> {
  const roots = workspace.roots();
  if (!roots.length) throw new Error('Open a folder to generate a workspace report.');
  const root = roots[roots.length - 1];
  const settings = await workspace.settingsFor(`${pathToFileURL(root).href}/`);
  const scanned = await scanFilesAsync({
    root, paths: [...roots], settings, engine, keepText: params.format === 'html' || params.format === 'markdown',
    services: servicesFor(root, settings),
  });
  // Provenance and review coverage, as `vouch scan` reports them.
  const scan = annotateProvenance(scanned, settings, [...roots]);
  mkdirSync(dirname(params.output), { recursive: true });
  writeFileSync(params.output, formatReport(params.format, scan, engine.rules(), ruleDocsFrom(docsDir())));
  const active = activeFindings(scan);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, active.filter((a) => a.finding.severity === s).length])) as Record<Severity, number>;
  return { files: scan.fileCount, findings: active.length, bySeverity, output: params.output, durationMs: scan.durationMs };
}
