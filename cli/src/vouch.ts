// `vouch scan`: the engine headless, for CI. Exit codes: 0 clean, 1 findings at/above --fail-on, 2 usage/internal error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeSettings } from '../../server/src/core/config';
import { SEVERITIES, type Severity } from '../../server/src/core/types';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../../server/src/report';
import { activeFindings } from '../../server/src/report/json';
import { readConfigFile, readWorkspaceConfig } from '../../server/src/scan/config-file';
import { createEngine } from '../../server/src/scan/create-engine';
import { scanFiles, type ScanResult } from '../../server/src/scan/scan';
import { VERSION } from '../../server/src/version';
import { Progress } from './progress';

const USAGE = `Usage: vouch scan [paths...] [options]

Scan files for flaws typical of AI-assisted code and write a report.

Options:
  --format <json|sarif|markdown|html>  report format (default: json)
  --output <file>                      write the report to a file instead of stdout
  --fail-on <error|warning|never>      exit 1 when a finding at or above this severity exists (default: error)
  --config <file>                      policy file (default: <root>/.vouch.json)
  --root <dir>                         workspace root that report paths are relative to (default: cwd)
  --offline                            no registry look-ups; only bundled data is used
  --summary                            print a one-screen summary to stderr
  --quiet                              no progress indicator
  -h, --help                           show this help
  -v, --version                        print the version`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'json' },
      output: { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
      config: { type: 'string' },
      root: { type: 'string' },
      offline: { type: 'boolean', default: false },
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
  if (scan.skipped.length) lines.push(`  skipped ${scan.skipped.length} file(s): ${scan.skipped.slice(0, 3).map((s) => `${s.path} (${s.reason})`).join('; ')}${scan.skipped.length > 3 ? '; …' : ''}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'scan') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const failOn = values['fail-on'];
  if (failOn !== 'never' && failOn !== 'error' && failOn !== 'warning') throw new UsageError('--fail-on must be error, warning or never');

  const root = resolve(values.root ?? (paths.length === 1 ? paths[0] : process.cwd()));
  const config = values.config ? readConfigFile(resolve(values.config)) : readWorkspaceConfig(root);
  if (values.config && config.problems.some((p) => p.includes('cannot read'))) throw new UsageError(config.problems.join('\n'));
  for (const p of config.problems) process.stderr.write(`vouch: warning: ${p}\n`);
  const settings = mergeSettings(config.settings, values.offline ? { registry: { enabled: false } } : undefined);

  const { engine, warnings } = await createEngine();
  for (const w of warnings) process.stderr.write(`vouch: warning: ${w}\n`);
  const progress = new Progress(process.stderr, !values.quiet && !!process.stderr.isTTY);
  const scan = scanFiles({
    root,
    paths: paths.length ? paths : [root],
    settings,
    engine,
    keepText: format === 'html' || format === 'markdown',
    onProgress: (done, total, path) => progress.update(done, total, path),
  });
  progress.done();
  const report = formatReport(format, scan, engine.rules());
  if (values.output) {
    mkdirSync(dirname(resolve(values.output)), { recursive: true });
    writeFileSync(values.output, report);
  } else {
    process.stdout.write(report + '\n');
  }
  if (values.summary) {
    process.stderr.write(summarize(scan) + '\n');
    if (values.output) process.stderr.write(`Report written to ${values.output}\n`);
  }
  if (failOn === 'never') return 0;
  const threshold = failOn === 'warning' ? 1 : 0;
  const failing = activeFindings(scan).some((a) => SEVERITIES.indexOf(a.finding.severity as Severity) <= threshold);
  return failing ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof UsageError) process.stderr.write(`vouch: ${e.message}\n\n${USAGE}\n`);
      else process.stderr.write(`vouch: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exit(2);
    },
  );
}
