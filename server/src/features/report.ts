// The workspace report command: the same scan pipeline as `vouch scan` (scan/compose.ts) over every
// workspace folder, with the services the editor's diagnostics use, written to a file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine } from '../core/engine';
import { SEVERITIES, type Severity } from '../core/types';
import type { ScanWorkspaceParams, ScanWorkspaceResult } from '../protocol';
import { formatReport, needsText } from '../report';
import { activeFindings } from '../report/json';
import { runScan, type FolderServices } from '../scan/compose';
import { docsDir, ruleDocsFrom } from '../scan/rule-docs';
import type { Workspace } from './workspace';

export async function scanWorkspace(
  loaded: { engine: Engine; warnings: readonly string[] },
  workspace: Workspace,
  services: FolderServices,
  params: ScanWorkspaceParams,
): Promise<ScanWorkspaceResult> {
  const roots = workspace.roots();
  if (!roots.length) throw new Error('Open a folder to generate a workspace report.');
  const root = roots[roots.length - 1];
  const settings = await workspace.settingsFor(`${pathToFileURL(root).href}/`);
  const scan = await runScan({
    engine: loaded.engine, warnings: loaded.warnings, root, paths: roots, settings, services: services.for(root, settings),
    keepText: needsText(params.format),
  });
  mkdirSync(dirname(params.output), { recursive: true });
  writeFileSync(params.output, formatReport(params.format, scan, loaded.engine.rules(), ruleDocsFrom(docsDir())));
  const active = activeFindings(scan);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, active.filter((a) => a.finding.severity === s).length])) as Record<Severity, number>;
  return { files: scan.fileCount, findings: active.length, bySeverity, output: params.output, durationMs: scan.durationMs };
}
