// `vouch scan`: the engine headless, for CI. Exit codes: 0 clean, 1 findings at/above --fail-on, 2 usage/internal error.
// `vouch verify` (verify.ts): does the review record hold; `vouch rebase-ledger`: mend it after a merge.
// `vouch mcp` (mcp.ts): the engine as read-only tools for AI agents over MCP.
// `vouch provenance import|export` (provenance-cmd.ts): attribution other tools write, in and out.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, workerData } from 'node:worker_threads';
import { mergeSettings } from '../../server/src/core/config';
import { SEVERITIES } from '../../server/src/core/types';
import { formatReport, needsText, REPORT_FORMATS, type ReportFormat } from '../../server/src/report';
import { activeFindings } from '../../server/src/report/json';
import { coverageText } from '../../server/src/report/common';
import { readConfigFile, readWorkspaceConfig } from '../../server/src/scan/config-file';
import { createEngine } from '../../server/src/scan/create-engine';
import { docsDir, ruleDocsFrom } from '../../server/src/scan/rule-docs';
import { FolderServices, runScan } from '../../server/src/scan/compose';
import type { ScanResult } from '../../server/src/scan/result';
import { hasUnreviewedError, reviewRecordProblems } from '../../server/src/scan/provenance';
import { defaultCacheDir } from '../../server/src/registry';
import { VERSION } from '../../server/src/version';
import { GitBaseline } from '../../server/src/vcs/baseline';
import { changeScope, type ChangeScope } from '../../server/src/vcs/changes';
import { VcsError } from '../../server/src/vcs/repository';
import { Progress } from './progress';
import { failCode } from './fail-on';
import { MERGE_USAGE, runMerge } from './merge';
import { parseShard } from '../../server/src/scan/shard';
import { defaultJobs, MAX_DEFAULT_JOBS } from '../../server/src/scan/pool';
import { onlyRules } from './only';
import { runRebase, runVerify, VERIFY_USAGE, VerifyUsageError } from './verify';
import { runVerdict, VERDICT_USAGE, VerdictFatalError, VerdictUsageError } from './verdict';
import { provenanceCommand } from './provenance-cmd';
import { setHeapFlags } from './heap-flags';

const USAGE = `Usage: vouch scan [paths...] [options]
       vouch verify [--root <dir>] [--head <hash> | --base-ledger <file>]
       vouch rebase-ledger --onto <file> [--root <dir>]
       vouch verdict [--baseline <rev>] [--attest <file>]   (one verdict for the change; vouch verdict --help)
       vouch mcp [--root <dir>] [--offline]   (an MCP server on stdio for AI agents; vouch mcp --help)
       vouch provenance import --from agent-trace|git-notes … | export --to agent-trace   (vouch provenance --help)
       vouch merge <report.json>... [--format …] [--output <file>]   (join the reports of --shard runs)

Scan files for flaws typical of AI-assisted code and write a report; or check that the review record
(.vouch/reviews.jsonl and .vouch/provenance.json) holds (vouch verify --help).

Options:
  --format <json|sarif|markdown|html>  report format (default: json)
  --output <file>                      write the report to a file instead of stdout
  --fail-on <error|warning|never>      exit 1 when a finding at or above this severity exists (default: error),
                                       or when a source file could not be analysed (binary, too large,
                                       unreadable, a special file); never: exit 0 either way
  --allow-skipped                      with --fail-on: files that could not be analysed do not fail the run
  --fail-on-unreviewed                 exit 1 when an error-level finding lies in unreviewed assisted code
                                       (regions from .vouch/provenance.json, reviews from .vouch/reviews.jsonl)
                                       or when that record does not hold (see vouch verify)
  --config <file>                      policy file (default: <root>/.vouch.json)
  --root <dir>                         workspace root that report paths are relative to (default: cwd)
  --offline                            no registry look-ups; only bundled data is used
  --trust-workspace-config             read the scanned repository's .npmrc files as npm does: their
                                       auth tokens and \${VAR} values too (default: only their
                                       registry locations; credentials come from your own config)
  --types                              also type-check JS/TS against installed typings (phantom-api
                                       rules; about 0.1–0.4 s per file)
  --changed-since <rev>                only files changed since <rev> (committed, staged, working tree,
                                       new), and findings only on changed lines; a branch stands for
                                       its merge-base with HEAD (for pre-commit hooks and pull requests)
  --all-lines                          with --changed-since: findings on every line of the changed files
  --baseline <rev>                     what breaking-change compares the public surface with (default:
                                       the --changed-since revision, else HEAD); read from git's object
                                       store, git is never run
  --only <rule|family>[,…]             run only these rules or families (e.g. --only hardcoded-secret);
                                       every other rule is off and its detectors do not run
  --jobs <n|auto>                      analyse on n worker threads (auto: the available cores, at most
                                       ${MAX_DEFAULT_JOBS}; small scans start fewer); default 1: on the main thread.
                                       The report is the same whatever n is
  --shard <k/n>                        scan only the k-th of n deterministic parts of the files (one per
                                       CI runner; join their JSON reports with vouch merge)
  --summary                            print a one-screen summary to stderr
  --quiet                              no progress indicator
  -h, --help                           show this help
  -v, --version                        print the version

Exit codes: 0 no finding at or above --fail-on, 1 findings (or files left unanalysed), 2 usage,
configuration, output or internal error.`;

/** Bad invocation: message plus usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string, readonly usage = USAGE) {
    super(message);
  }
}
/** Invocation is fine but the run cannot go on (bad policy file, unwritable output): message only, exit 2. */
export class FatalError extends Error {}

/** rules/docs next to the repository root, from the bundle (cli/out) and from source (cli/src) alike. */

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/**
 * Report paths are relative to --root; without it, to the one folder given, or else to the current
 * folder (or a lone file's folder when that file lies outside it).
 */
function chooseRoot(explicit: string | undefined, paths: string[]): string {
  if (explicit) return resolve(explicit);
  const cwd = process.cwd();
  if (paths.length !== 1) return cwd;
  const only = resolve(paths[0]);
  if (statSync(only).isDirectory()) return only;
  return isInside(cwd, only) ? cwd : dirname(only);
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'json' },
      output: { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
      'fail-on-unreviewed': { type: 'boolean', default: false },
      'allow-skipped': { type: 'boolean', default: false },
      config: { type: 'string' },
      root: { type: 'string' },
      offline: { type: 'boolean', default: false },
      'trust-workspace-config': { type: 'boolean', default: false },
      types: { type: 'boolean', default: false },
      'changed-since': { type: 'string' },
      'all-lines': { type: 'boolean', default: false },
      baseline: { type: 'string' },
      shard: { type: 'string' },
      jobs: { type: 'string' },
      only: { type: 'string' },
      summary: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  return { values, positionals };
}

function summarize(scan: ScanResult): string {
  const active = activeFindings(scan);
  const bySev = Object.fromEntries(SEVERITIES.map((s) => [s, active.filter((a) => a.finding.severity === s).length]));
  const byFamily = new Map<string, number>();
  for (const a of active) byFamily.set(a.finding.family, (byFamily.get(a.finding.family) ?? 0) + 1);
  const lines = [
    `Vouch ${VERSION}: ${scan.fileCount} files in ${(scan.durationMs / 1000).toFixed(2)} s — ${active.length} findings (${bySev.error} error, ${bySev.warning} warning, ${bySev.info + bySev.hint} info)`,
    ...[...byFamily].sort((a, b) => b[1] - a[1]).map(([f, n]) => `  ${String(n).padStart(4)}  ${f}`),
  ];
  if (scan.changedSince) lines.push(`  changed since ${scan.changedSince.baseline}${scan.changedSince.lines === 'changed' ? ' (changed lines only)' : ''}`);
  if (scan.provenance?.total.assistedLines) lines.push(`  review coverage: ${coverageText(scan.provenance.total)}`);
  for (const p of reviewRecordProblems(scan)) lines.push(`  review record does not hold: ${p}`);
  if (scan.skipped.length) lines.push(`  skipped ${scan.skipped.length} file(s): ${scan.skipped.slice(0, 3).map((s) => `${s.path} (${s.reason})`).join('; ')}${scan.skipped.length > 3 ? '; …' : ''}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'merge') {
    try {
      return await runMerge(argv.slice(1), writeStdout, (line) => process.stderr.write(line + '\n'));
    } catch (e) {
      if (e instanceof UsageError || e instanceof FatalError) throw e;
      if ((e as { usage?: boolean }).usage) throw new UsageError((e as Error).message, MERGE_USAGE);
      throw new FatalError((e as Error).message);
    }
  }
  if (argv[0] === 'verdict') {
    const lines: string[] = [];
    try {
      const code = await runVerdict(argv.slice(1), (line) => lines.push(line));
      await writeStdout(lines.join('\n') + '\n');
      return code;
    } catch (e) {
      if (lines.length) await writeStdout(lines.join('\n') + '\n');
      if (e instanceof VerdictUsageError) throw new UsageError(e.message, VERDICT_USAGE);
      if (e instanceof VerdictFatalError) throw new FatalError(e.message);
      throw e;
    }
  }
  if (argv[0] === 'mcp') {
    // Loaded on use: the MCP SDK and its schemas cost every other command's start-up otherwise.
    const { MCP_USAGE, McpUsageError, runMcp } = await import('./mcp');
    try {
      await runMcp(argv.slice(1));
    } catch (e) {
      if (e instanceof McpUsageError) throw new UsageError(e.message, MCP_USAGE);
      throw e;
    }
    return 0;
  }
  if (argv[0] === 'provenance') return provenanceCommand(argv.slice(1), (message, usage) => new UsageError(message, usage), writeStdout);
  if (argv[0] === 'verify' || argv[0] === 'rebase-ledger') {
    const lines: string[] = [];
    try {
      const code = (argv[0] === 'verify' ? runVerify : runRebase)(argv.slice(1), (line) => lines.push(line));
      await writeStdout(lines.join('\n') + '\n');
      return code;
    } catch (e) {
      if (e instanceof VerifyUsageError) throw new UsageError(e.message, VERIFY_USAGE);
      throw e;
    }
  }
  let args;
  try {
    args = parse(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = args;
  if (values.help) {
    await writeStdout(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    await writeStdout(VERSION + '\n');
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'scan') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const failOn = values['fail-on'];
  if (failOn !== 'never' && failOn !== 'error' && failOn !== 'warning') throw new UsageError('--fail-on must be error, warning or never');
  // One thread unless asked: on 2 cores the pool has cost more CPU and memory than it saved (README).
  const jobs = values.jobs === undefined ? 1 : values.jobs === 'auto' ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || !/^(\d+|auto)$/.test(values.jobs ?? '1')) throw new UsageError('--jobs must be a whole number of at least 1, or auto');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') throw new UsageError(shard);

  for (const p of paths) {
    try {
      statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new FatalError(code === 'ENOENT' ? `path not found: ${p}` : `cannot read ${p}: ${code}`);
    }
  }
  if (values.root !== undefined && !isDirectory(values.root)) throw new UsageError(`--root must be an existing folder: ${values.root}`);
  const root = chooseRoot(values.root, paths);

  const config = values.config ? readConfigFile(resolve(values.config)) : readWorkspaceConfig(root);
  if (values.config && config.missing) throw new FatalError(`config file not found: ${values.config}`);
  if (config.error) throw new FatalError(`${config.error}\nFix the policy file or point --config at another one.`);
  for (const p of config.problems) process.stderr.write(`vouch: warning: ${p}\n`);
  let settings = mergeSettings(config.settings, values.offline ? { registry: { enabled: false } } : undefined);

  if (values['all-lines'] && values['changed-since'] === undefined) throw new UsageError('--all-lines needs --changed-since <rev>');
  const { baseline, scope } = await openBaseline(root, values['changed-since'], values.baseline);

  const { engine, warnings } = await createEngine();
  for (const w of warnings) process.stderr.write(`vouch: warning: ${w}\n`);
  if (values.only !== undefined) {
    const off = onlyRules(values.only, engine.rules());
    if (typeof off === 'string') throw new UsageError(off);
    settings = { ...settings, rules: { ...settings.rules, ...off } };
  }
  // The slow tier: package look-ups (snapshot only with --offline) over the project's files.
  const services = new FolderServices({
    trusted: true, cacheDir: defaultCacheDir(), snapshot: true, trustWorkspaceConfig: values['trust-workspace-config'],
    log: (msg) => values.quiet || process.stderr.write(`vouch: registry: ${msg}\n`),
    // Opt-in: a warm per-file checker costs far more than the rest of the scan.
    typeRoots: values.types ? () => [root] : undefined,
    baseline: baseline && ((folder) => (folder === root ? baseline : undefined)),
  });
  const progress = new Progress(process.stderr, !values.quiet && !!process.stderr.isTTY);
  let scan: ScanResult;
  try {
    const folder = services.for(root, settings);
    const workerServices = jobs > 1 ? services.workerServices(root) : undefined;
    scan = await runScan({
      engine, warnings, root, paths, settings, services: folder, keepText: needsText(format),
      pool: workerServices && { jobs, services: workerServices, log: (msg) => values.quiet || process.stderr.write(`vouch: ${msg}\n`) },
      onProgress: (done, total, path) => progress.update(done, total, path),
      change: scope && { scope, allLines: values['all-lines'] },
      shard,
    });
  } finally {
    progress.done();
    services.dispose();
  }
  const report = formatReport(format, scan, engine.rules(), ruleDocsFrom(docsDir()));
  if (values.output) {
    const out = resolve(values.output);
    try {
      ensureFolder(dirname(out));
      writeFileSync(out, report);
    } catch (e) {
      throw new FatalError(`cannot write the report to ${values.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else {
    await writeStdout(report + '\n');
  }
  if (values.summary) {
    process.stderr.write(summarize(scan) + '\n');
    if (values.output) process.stderr.write(`Report written to ${values.output}\n`);
  }
  const broken = reviewRecordProblems(scan);
  if (values['fail-on-unreviewed'] && broken.length) {
    process.stderr.write(`vouch: the review record does not hold, so reviews cannot be trusted: ${broken[0]}${broken.length > 1 ? ` (and ${broken.length - 1} more; run vouch verify)` : ''}\n`);
    return 1;
  }
  if (values['fail-on-unreviewed'] && hasUnreviewedError(scan)) {
    process.stderr.write('vouch: an error-level finding lies in unreviewed assisted code; review it (Vouch: Mark as reviewed) or fix it\n');
    return 1;
  }
  return failCode(scan, failOn, values['allow-skipped'], (line) => process.stderr.write(line + '\n'));
}

/**
 * The baseline of change-aware checks: `--baseline`, else `--changed-since`, else HEAD (none outside a
 * repository, then). A revision given on the command line must resolve: otherwise exit 2.
 */
async function openBaseline(root: string, changedSince: string | undefined, rev: string | undefined): Promise<{ baseline?: GitBaseline; scope?: ChangeScope }> {
  try {
    const since = changedSince !== undefined ? await GitBaseline.open(root, changedSince) : undefined;
    const baseline = rev !== undefined ? await GitBaseline.open(root, rev) : since ?? GitBaseline.follow(root);
    return { baseline, scope: since && (await changeScope(since)) };
  } catch (e) {
    if (e instanceof VcsError) throw new FatalError(e.message);
    throw e;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Creates the report's folder only when it is missing: `mkdirSync(recursive)` on an existing parent
 * such as /proc walks into it and can hang, and an existing parent needs nothing.
 */
function ensureFolder(dir: string): void {
  try {
    if (statSync(dir).isDirectory()) return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    ensureFolder(dirname(dir));
    try {
      mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return;
  }
  throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' });
}

/**
 * Resolves once the text is handed to the OS, so exiting right after cannot cut a piped report
 * short; rejects when the write fails (closed stdout, a reader that went away).
 */
function writeStdout(text: string): Promise<void> {
  const failed = (e: unknown) =>
    new FatalError(`cannot write to standard output (${(e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e)}); nothing was reported — use --output FILE`);
  return new Promise((done, fail) => {
    try {
      process.stdout.write(text, (e) => (e ? fail(failed(e)) : done()));
    } catch (e) {
      fail(failed(e));
    }
  });
}

/** Exit after stderr drains; a reader that closed the pipe early (`| head`) is not an error. */
function exit(code: number): void {
  process.stderr.write('', () => process.exit(code));
}

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === 'scan') {
  // This bundle is also the scan pool's worker (server/src/scan/pool.ts): nothing more ships.
  require('../../server/src/scan/pool-worker');
} else if (require.main === module) {
  setHeapFlags();
  // The write's own callback reports the failure (exit 2 with a message); this keeps the error event
  // from becoming an uncaught exception.
  process.stdout.on('error', () => {});
  main(process.argv.slice(2)).then(exit, (e: unknown) => {
    if (e instanceof UsageError) process.stderr.write(`vouch: ${e.message}\n\n${e.usage}\n`);
    else if (e instanceof FatalError) process.stderr.write(`vouch: error: ${e.message}\n`);
    else process.stderr.write(`vouch: internal error: ${(e as Error)?.message ?? String(e)}\n${(e as Error)?.stack ?? ''}\nPlease report this with the command you ran.\n`);
    exit(2);
  });
}
