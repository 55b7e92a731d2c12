// `vouch merge`: joins the JSON reports of a sharded scan (`vouch scan --shard k/n` on n CI runners)
// into one report in any format, and exits like `vouch scan` on the joined findings. A set of shards
// with one missing is refused (the report would look complete) unless --allow-missing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../../server/src/report';
import { mergeReports } from '../../server/src/report/merge';
import { createEngine } from '../../server/src/scan/create-engine';
import { docsDir, ruleDocsFrom } from '../../server/src/scan/rule-docs';
import { failCode, type FailOn } from './fail-on';

export const MERGE_USAGE = `Usage: vouch merge <report.json>... [options]

Joins the JSON reports of a sharded scan (vouch scan --shard k/n --format json, one per CI runner) into
one report: each finding once, file counts added up, the longest shard's duration.

Options:
  --format <json|sarif|markdown|html>  report format (default: json)
  --output <file>                      write the report to a file instead of stdout
  --root <dir>                         the scanned folder (for links in the report; default: cwd)
  --fail-on <error|warning|never>      exit 1 when a joined finding at or above this severity exists
                                       (default: error), or when a file could not be analysed
  --allow-skipped                      files that could not be analysed do not fail the run
  --allow-missing                      merge even when shards of the set are missing
  -h, --help                           show this help

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error, unreadable or inconsistent
reports, or a missing shard.`;

class MergeError extends Error {
  constructor(message: string, readonly usage = false) {
    super(message);
  }
}

export async function runMerge(argv: string[], write: (text: string) => Promise<void>, warn: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        format: { type: 'string', default: 'json' }, output: { type: 'string' }, root: { type: 'string' },
        'fail-on': { type: 'string', default: 'error' }, 'allow-skipped': { type: 'boolean', default: false },
        'allow-missing': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new MergeError((e as Error).message, true);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    await write(MERGE_USAGE + '\n');
    return 0;
  }
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new MergeError(`--format must be one of ${REPORT_FORMATS.join(', ')}`, true);
  const failOn = values['fail-on'] as FailOn;
  if (!['error', 'warning', 'never'].includes(failOn)) throw new MergeError('--fail-on must be error, warning or never', true);
  if (!positionals.length) throw new MergeError('give the JSON reports to merge', true);
  const texts = positionals.map((p): [string, string] => {
    try {
      return [p, readFileSync(p, 'utf8')];
    } catch (e) {
      throw new MergeError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  });
  const merged = mergeReports(texts, resolve(values.root ?? '.'));
  if (typeof merged === 'string') throw new MergeError(merged);
  if (merged.missing.length && !values['allow-missing']) {
    throw new MergeError(`shard${merged.missing.length > 1 ? 's' : ''} ${merged.missing.join(', ')} missing: the joined report would not cover every file (pass --allow-missing to merge anyway)`);
  }
  const { engine } = await createEngine();
  let report = formatReport(format, merged.scan, engine.rules(), ruleDocsFrom(docsDir()));
  if (format === 'json') report = JSON.stringify({ ...JSON.parse(report), suppressed: merged.suppressed, ...(merged.shards.length ? { shards: merged.shards } : {}) }, null, 2);
  if (values.output) {
    try {
      mkdirSync(dirname(resolve(values.output)), { recursive: true });
      writeFileSync(resolve(values.output), report);
    } catch (e) {
      throw new MergeError(`cannot write the report to ${values.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else {
    await write(report + '\n');
  }
  return failCode(merged.scan, failOn, values['allow-skipped'], warn);
}
