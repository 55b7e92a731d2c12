// `vouch scan --format markdown`: a summary table, then findings by file with line links and snippets.
// Fits a pull-request comment or a CI job summary; every piece of scanned text is escaped or fenced.
import type { RuleInfo } from '../core/engine';
import { SEVERITIES, type Finding } from '../core/types';
import type { ScanResult } from '../scan/result';
import { VERSION } from '../version';
import { coverageText, docsUrl, groupByFile, plural, snippet, summarizeScan, uriPath, type FileGroup, type RuleDocs } from './common';

const FENCE_LANG: Record<string, string> = {
  javascript: 'js', javascriptreact: 'jsx', typescript: 'ts', typescriptreact: 'tsx', python: 'python', json: 'json',
  jsonc: 'jsonc', yaml: 'yaml', dockerfile: 'dockerfile', terraform: 'hcl', shellscript: 'sh', toml: 'toml', ini: 'ini',
};

/** Escapes text for Markdown inline context (also inside table cells); keeps it on one line. */
export function mdEscape(s: string): string {
  return s
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]|~>]/g, (c) => '\\' + c)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

/** Inline code that survives backticks inside the text. */
function code(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ');
  const runs = flat.match(/`+/g) ?? [];
  const ticks = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A link target for a repository-relative path (spaces and parentheses would end the link). */
function href(path: string, line?: number): string {
  return uriPath(path).replace(/[()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()) + (line ? `#L${line}` : '');
}

function fenced(lines: string[], lang: string): string[] {
  const runs = lines.join('\n').match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(2, ...runs.map((r) => r.length)) + 1);
  return [fence + lang, ...lines, fence];
}

const MAX_RELATED = 20;

function findingBlock(group: FileGroup, f: Finding, language: string | undefined): string[] {
  const line = f.range.start.line + 1;
  const out = [
    `- **${f.severity}** · [${code(f.ruleId)}](${docsUrl(f.ruleId)}) · [${mdEscape(`${group.path}:${line}:${f.range.start.character + 1}`)}](${href(group.path, line)}) — ${mdEscape(f.message)}` +
      (f.suppressed ? ` *(suppressed${f.suppressed.reason ? ': ' + mdEscape(f.suppressed.reason) : ''})*` : '') +
      (f.inChange ? ' *(in your change)*' : ''),
  ];
  // The data's path (flows) or the uses a change breaks (other files), one line each.
  for (const r of (f.related ?? []).slice(0, MAX_RELATED)) {
    const file = r.file ?? group.path;
    out.push(`  - [${mdEscape(`${file}:${r.range.start.line + 1}`)}](${href(file, r.range.start.line + 1)}) ${mdEscape(r.message)}`);
  }
  if ((f.related?.length ?? 0) > MAX_RELATED) out.push(`  - … and ${f.related!.length - MAX_RELATED} more`);
  const lines = snippet(group, f);
  if (lines.length) {
    const width = String(lines[lines.length - 1].number).length;
    const body = lines.map((l) => `${String(l.number).padStart(width)} ${l.mark ? '>' : '|'} ${l.text}`);
    out.push('', ...fenced(body, FENCE_LANG[language ?? ''] ?? '').map((l) => '  ' + l), '');
  }
  return out;
}

export function toMarkdown(scan: ScanResult, rules: readonly RuleInfo[], _docs?: RuleDocs): string {
  const sum = summarizeScan(scan);
  const titles = new Map(rules.map((r) => [r.id, r.meta.title]));
  const languages = new Map(scan.files.map((f) => [f.path, f.language]));
  const out: string[] = ['# Vouch report', ''];
  out.push(
    `Vouch ${VERSION} scanned ${plural(scan.fileCount, 'file')} in ${(scan.durationMs / 1000).toFixed(2)} s: ` +
      `**${plural(sum.active, 'finding')}**, ${sum.suppressed} suppressed, ${scan.skipped.length} skipped ${scan.skipped.length === 1 ? 'file' : 'files'}.`,
    '',
    '## Summary',
    '',
    '| Severity | Findings |',
    '| --- | ---: |',
    ...SEVERITIES.map((s) => `| ${s} | ${sum.bySeverity[s]} |`),
    `| suppressed | ${sum.suppressed} |`,
    '',
  );
  if (scan.change) out.push(`**In your change:** ${scan.change.findings} of the findings are on lines changed since ${mdEscape(scan.change.baseline)}.`, '');
  if (sum.byFamily.length) {
    out.push('| Family | Findings |', '| --- | ---: |', ...sum.byFamily.map(([f, n]) => `| ${f} | ${n} |`), '');
  }
  if (scan.provenance) {
    out.push(`**Review coverage:** ${mdEscape(coverageText(scan.provenance.total))}.`, '');
    for (const problem of scan.provenance.record.problems) out.push(`**Review record does not hold:** ${mdEscape(problem)}`, '');
    const files = Object.entries(scan.provenance.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [path, p] of files) out.push(`- [${mdEscape(path)}](${href(path)}) — review coverage: ${mdEscape(coverageText(p))}`);
    if (files.length) out.push('');
  }

  const groups = groupByFile(scan, false);
  out.push('## Findings', '');
  if (!groups.length) out.push('No findings.', '');
  for (const g of groups) {
    out.push(`### ${code(g.path)} (${g.findings.length})`, '');
    for (const f of g.findings) out.push(...findingBlock(g, f, languages.get(g.path)));
    out.push('');
  }

  const suppressed = groupByFile(scan, true).flatMap((g) => g.findings.filter((f) => f.suppressed).map((f) => ({ g, f })));
  if (suppressed.length) {
    out.push(`## Suppressed findings (${suppressed.length})`, '', '| File | Line | Rule | Reason |', '| --- | ---: | --- | --- |');
    for (const { g, f } of suppressed) {
      const line = f.range.start.line + 1;
      out.push(`| [${mdEscape(g.path)}](${href(g.path, line)}) | ${line} | ${code(f.ruleId)} | ${f.suppressed?.reason ? mdEscape(f.suppressed.reason) : '*no reason given*'} |`);
    }
    out.push('');
  }

  if (scan.skipped.length) {
    out.push(`## Skipped files (${scan.skipped.length})`, '');
    for (const s of scan.skipped) out.push(`- ${code(s.path)} — ${mdEscape(s.reason)}`);
    out.push('');
  }

  const notices = [...(scan.warnings ?? []), ...scan.files.flatMap((f) => f.notices.map((n) => n.message))];
  if (notices.length) {
    out.push(`## Notices (${notices.length})`, '');
    for (const n of notices) out.push(`- ${mdEscape(n)}`);
    out.push('');
  }

  const used = [...new Set(groups.flatMap((g) => g.findings.map((f) => f.ruleId)))].sort();
  if (used.length) {
    out.push('## Rules', '');
    for (const id of used) out.push(`- [${code(id)}](${docsUrl(id)}) — ${mdEscape(titles.get(id) ?? id)}`);
    out.push('');
  }
  return out.join('\n');
}
