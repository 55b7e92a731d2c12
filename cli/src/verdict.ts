// `vouch verdict`: one result for the change since a baseline (working tree vs `--baseline`, HEAD by
// default) — pass, needs review or fail — from the findings on changed lines, the unreviewed assisted
// code the change touches and the `verdict` policy; printed for people, written as JSON, and with
// `--attest` signed as an in-toto statement with the person's SSH key. Exit: 0 pass, 1 fail,
// 3 needs review, 2 usage or a baseline that cannot be read.
import { statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeSettings } from '../../server/src/core/config';
import { defaultCacheDir } from '../../server/src/registry';
import { canonicalJson, sha256, signFile, statement, subjectsOf, type VerdictPredicate } from '../../server/src/review/attest';
import { gitConfig } from '../../server/src/review/identity';
import { verdictSummary } from '../../server/src/review/verdict';
import { FolderServices } from '../../server/src/scan/compose';
import { readWorkspaceConfig } from '../../server/src/scan/config-file';
import { createEngine } from '../../server/src/scan/create-engine';
import { verdictOfChange } from '../../server/src/scan/verdict-run';
import { GitBaseline } from '../../server/src/vcs/baseline';
import { VcsError } from '../../server/src/vcs/repository';
import { VERSION } from '../../server/src/version';

export const VERDICT_USAGE = `Usage: vouch verdict [--baseline <rev>] [options]

One verdict for the change since <rev> (default HEAD; a branch stands for its merge-base with HEAD):
committed, staged and working-tree changes and new files. FAIL when a finding of a failing severity lies
on a changed line; NEEDS REVIEW when the change touches unreviewed assisted code or a path the policy
always wants reviewed; else PASS. Policy: "verdict" in .vouch.json (failOn, unreviewedNeedsReview,
alwaysReview).

Options:
  --baseline <rev>   what the change is measured against (default: HEAD)
  --root <dir>       the workspace (default: cwd)
  --json <file>      also write the verdict as JSON
  --attest <file>    write an in-toto statement of the verdict and sign it (<file>.sig) with your SSH key
  --key <file>       the key to sign with (default: git's user.signingkey)
  --offline          no registry look-ups
  -h, --help         show this help

Exit codes: 0 pass, 1 fail, 3 needs review, 2 usage error or unreadable baseline.`;

export class VerdictUsageError extends Error {}
export class VerdictFatalError extends Error {}

export async function runVerdict(argv: string[], out: (line: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, allowPositionals: false,
      options: {
        baseline: { type: 'string' }, root: { type: 'string' }, json: { type: 'string' }, attest: { type: 'string' }, key: { type: 'string' },
        offline: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    throw new VerdictUsageError((e as Error).message);
  }
  if (values.help) {
    out(VERDICT_USAGE);
    return 0;
  }
  if (values.key !== undefined && values.attest === undefined) throw new VerdictUsageError('--key needs --attest <file>');
  const root = resolve(values.root ?? '.');
  if (!isDirectory(root)) throw new VerdictUsageError(`--root must be an existing folder: ${values.root}`);
  const config = readWorkspaceConfig(root);
  if (config.error) throw new VerdictFatalError(config.error);
  const settings = mergeSettings(config.settings, values.offline ? { registry: { enabled: false } } : undefined);
  let baseline: GitBaseline;
  try {
    baseline = await GitBaseline.open(root, values.baseline ?? 'HEAD');
  } catch (e) {
    if (e instanceof VcsError) throw new VerdictFatalError(e.message);
    throw e;
  }
  const { engine, warnings } = await createEngine();
  const services = new FolderServices({ trusted: true, cacheDir: defaultCacheDir(), snapshot: true, log: () => {}, baseline: (folder) => (folder === root ? baseline : undefined) });
  let run;
  try {
    run = await verdictOfChange({ engine, warnings, root, settings, baseline, services: services.for(root, settings) });
  } finally {
    services.dispose();
  }
  const { result, changed, ledger } = run;
  out(verdictSummary(result, changed.length));
  out(`  baseline: ${run.baselineLabel}`);
  const report = { ...result, baseline: run.baselineLabel, files: changed.map((c) => c.path), tool: { name: 'vouch', version: VERSION } };
  if (values.json !== undefined) writeOut(values.json, JSON.stringify(report, null, 2) + '\n');
  if (values.attest !== undefined) {
    const reviewed = ledger.entries.filter((e) => changed.some((c) => c.path === e.file));
    const predicate: VerdictPredicate = {
      verdict: result.verdict, reasons: result.reasons, tool: { name: 'vouch', version: VERSION },
      rulesDigest: sha256(canonicalJson(engine.rules().map((r) => ({ id: r.id, severity: settings.rules[r.id] ?? settings.rules[r.meta.family] ?? r.meta.severity })))),
      policyDigest: sha256(canonicalJson({ verdict: settings.verdict, rules: settings.rules, minimumConfidence: settings.minimumConfidence })),
      baseline: run.baselineLabel, findingsByRule: result.findingsByRule,
      reviews: reviewed.map((e) => ({ file: e.file, lines: e.lines, reviewer: e.reviewer.email ?? e.reviewer.name, time: e.time, regionId: e.regionId })),
      unreviewedRegions: result.unreviewed.length, ledgerHead: ledger.head, time: new Date().toISOString(),
    };
    const file = resolve(values.attest);
    writeOut(file, canonicalJson(statement(subjectsOf(root, changed.map((c) => c.path)), predicate)));
    const configured = values.key ?? await gitConfig(root, 'user.signingkey');
    if (!configured) throw new VerdictFatalError('--attest needs a key: --key <file> or `git config user.signingkey` (an SSH key)');
    const key = configured.startsWith('~/') ? join(homedir(), configured.slice(2)) : configured;
    try {
      out(`  signed statement: ${values.attest} (${signFile(file, key).slice(file.length + 1)} next to it); check with vouch verify ${values.attest} --allowed-signers <file>`);
    } catch (e) {
      throw new VerdictFatalError(`signing failed: ${(e as Error).message}`);
    }
  }
  return result.verdict === 'pass' ? 0 : result.verdict === 'fail' ? 1 : 3;
}

function writeOut(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new VerdictFatalError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
