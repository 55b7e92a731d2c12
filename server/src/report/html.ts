// The HTML report, one renderer for two hosts. `vouch scan --format html`: one self-contained page
// (inline CSS, one hashed inline script, strict CSP, no network). The editor's report view (client
// report-view.ts): the same page with a nonce-based CSP for its webview, VS Code's theme colours and a
// script from media/ that opens files and exports. Both: a headline in plain words, severity/family
// filters (CSS only), SVG charts (charts.ts), a findings table ordered by severity, then file, then
// position (sortable and searchable with the script), snippets, and the docs of every rule that
// fired. All scanned text is escaped.
import { createHash } from 'node:crypto';
import type { RuleInfo } from '../core/engine';
import { SEVERITIES, type Finding } from '../core/types';
import type { ScanResult } from '../scan/result';
import { VERSION } from '../version';
import { barChart } from './charts';
import { coverageText, docsUrl, plural, snippet, summarizeScan, type FileGroup, type ReportSummary, type RuleDocs } from './common';
import { REPORT_CSS, REPORT_JS } from './html-assets';
import { escapeHtml as esc, markdownToHtml } from './markdown-html';
import { coverageByFolder, groupBySeverity, headline, riskiestFiles } from './overview';

/** What the editor's webview adds: its CSP source and nonce, and the local assets from media/. */
export interface HtmlWebview {
  /** Fresh per rendering; allows the page's own style and scripts. */
  nonce: string;
  /** `webview.cspSource`: where local assets may load from. */
  cspSource: string;
  /** media/report-view.css and media/report-view.js as webview URIs. */
  styleUri: string;
  scriptUri: string;
}

export interface HtmlOptions {
  webview?: HtmlWebview;
}

const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
/** Family and rule ids are kebab-case, but ids reach class names and CSS selectors: keep them tame. */
const token = (s: string): string => s.replace(/[^a-z0-9-]/gi, '_');

/** A flow finding's path: where the data entered, the names it went through, the sink. */
function pathHtml(f: Finding): string {
  if (!f.related?.length) return '';
  const steps = f.related.map((r) => `<li><span class="ln">${r.file ? `${esc(r.file)}:` : 'line '}${r.range.start.line + 1}</span> ${esc(r.message)}</li>`).join('');
  return `<ol class="path" aria-label="Path of the data">${steps}</ol>`;
}

function snippetHtml(group: FileGroup, f: Finding): string {
  const lines = snippet(group, f, 2);
  if (!lines.length) return '';
  const body = lines
    .map((l) => {
      const text = l.mark
        ? `${esc(l.text.slice(0, l.mark[0]))}<mark>${esc(l.text.slice(l.mark[0], l.mark[1]))}</mark>${esc(l.text.slice(l.mark[1]))}`
        : esc(l.text);
      return `<span class="l${l.mark ? ' hit' : ''}"><span class="ln">${l.number}</span>${text}</span>`;
    })
    .join('');
  return `<pre class="snippet"><code>${body}</code></pre>`;
}

const SEVERITY_TITLE = { error: 'Errors', warning: 'Warnings', info: 'Infos', hint: 'Hints' } as const;

/** Where a finding is: line:column, with the path (shown when the table is sorted flat); a button in the editor. */
function whereHtml(path: string, f: Finding, webview: boolean): string {
  const line = f.range.start.line + 1;
  const col = f.range.start.character + 1;
  const inner = `<span class="path"><code>${esc(path)}</code> </span>L${line}:${col}`;
  return webview
    ? `<button type="button" class="open" title="Open ${esc(path)} at line ${line}, column ${col}">${inner}</button>`
    : `<span title="line ${line}, column ${col}">${inner}</span>`;
}

function findingRow(group: FileGroup, f: Finding, i: number, gid: string, webview: boolean): string {
  const searchable = `${group.path} ${f.ruleId} ${f.family} ${f.severity} ${f.message}`.toLowerCase();
  const classes = ['finding', `sev-${f.severity}`, `fam-${token(f.family)}`, f.suppressed ? 'suppressed' : '', f.inChange ? 'in-change' : ''].filter(Boolean).join(' ');
  const changed = f.inChange ? '<span class="changed" title="On a line your change touched">in your change</span>' : '';
  const suppressed = f.suppressed ? `<span class="why">suppressed${f.suppressed.reason ? `: ${esc(f.suppressed.reason)}` : ' (no reason given)'}</span>` : '';
  const r = f.range;
  return `<tr class="${classes}" data-i="${i}" data-g="${gid}" data-sev="${SEVERITIES.indexOf(f.severity)}" data-path="${esc(group.path)}" ` +
    `data-range="${r.start.line},${r.start.character},${r.end.line},${r.end.character}" data-rule="${esc(f.ruleId)}" data-text="${esc(searchable)}">
<td class="sev"><span class="badge c-${f.severity}">${f.severity}</span>${changed}</td>
<td class="pos">${whereHtml(group.path, f, webview)}</td>
<td class="rule"><a href="#rule-${token(f.ruleId)}">${esc(f.ruleId)}</a><span class="fam">${esc(f.family)}</span><span class="conf">${f.confidence} confidence</span></td>
<td class="msgcell"><p class="msg">${esc(f.message)}${suppressed}</p>${pathHtml(f)}${snippetHtml(group, f)}</td>
</tr>`;
}

/** One tbody: a heading row per severity, one per file under it, then its findings by position. */
function findingsTable(scan: ScanResult, webview: boolean): string {
  const groups = groupBySeverity(scan, true);
  if (!groups.length) return `<p class="empty-state">No findings in ${plural(scan.fileCount, 'file')}.</p>`;
  let i = 0;
  let g = 0;
  const rows: string[] = [];
  for (const sev of groups) {
    const all = sev.files.flatMap((f) => f.findings);
    const active = all.filter((f) => !f.suppressed).length;
    rows.push(`<tr class="sevhead sev-${sev.severity}" data-s="${sev.severity}"><th colspan="4"><span class="badge c-${sev.severity}">${sev.severity}</span> ${SEVERITY_TITLE[sev.severity]} <span class="count">${active}${active < all.length ? `, ${all.length - active} suppressed` : ''}</span></th></tr>`);
    for (const file of sev.files) {
      const gid = `g${g++}`;
      const n = file.findings.filter((f) => !f.suppressed).length;
      rows.push(`<tr class="file sev-${sev.severity}" data-g="${gid}"><th colspan="4"><code>${esc(file.path)}</code><span class="count">${plural(n, 'finding')}${n < file.findings.length ? `, ${file.findings.length - n} suppressed` : ''}</span></th></tr>`);
      for (const f of file.findings) rows.push(findingRow(file, f, i++, gid, webview));
    }
  }
  const sortable = (key: string, label: string) => `<th scope="col"><button type="button" class="sort" data-sort="${key}">${label}</button></th>`;
  return `<table class="findings" id="findings"><colgroup><col class="sev"><col class="pos"><col class="rule"><col></colgroup>` +
    `<thead><tr>${sortable('sev', 'Severity')}${sortable('where', 'Where')}${sortable('rule', 'Rule')}${sortable('msg', 'Finding')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function filterCss(families: string[]): string {
  const sev = SEVERITIES.map((s) => `body:has(#f-${s}:not(:checked)) tr.sev-${s}{display:none}`);
  const fam = families.map((f) => `body:has(#f-fam-${token(f)}:not(:checked)) tr.fam-${token(f)}{display:none}`);
  return [...sev, ...fam].join('\n');
}

const scoreClass = (score: number): string => (score >= 80 ? 'fill-ok' : score >= 50 ? 'fill-warning' : 'fill-error');

/** Findings by family, the least trusted files, review coverage per folder. */
function chartsHtml(scan: ScanResult, sum: ReportSummary): string {
  const families = barChart({
    id: 'chart-families',
    title: 'Findings by family',
    bars: sum.byFamily.map(([family, n]) => ({ label: family, segments: [{ value: n, cls: 'fill-accent' }], note: String(n) })),
    empty: 'No findings.',
  });
  const risky = riskiestFiles(scan);
  const files = barChart({
    id: 'chart-files',
    title: `Least trusted files (trust score, lowest first${risky.length === 10 ? ', top 10' : ''})`,
    max: 100,
    bars: risky.map((r) => ({
      label: r.path,
      segments: [{ value: r.score, cls: scoreClass(r.score) }],
      note: `${r.score} / 100`,
      title: `${r.path}: trust ${r.score} / 100, ${plural(r.findings, 'finding')}${r.unreviewedLines ? `, ${plural(r.unreviewedLines, 'unreviewed assisted line')}` : ''}`,
    })),
    empty: 'Every file scores 100: no findings and no unreviewed assisted code.',
  });
  const folders = coverageByFolder(scan);
  const coverage = barChart({
    id: 'chart-coverage',
    title: 'Review coverage of assisted code per folder',
    bars: folders.map((f) => {
      const pct = Math.round((f.reviewedLines / f.assistedLines) * 100);
      return {
        label: f.folder,
        segments: [
          { value: f.reviewedLines, cls: 'fill-ok', title: `${f.reviewedLines} reviewed` },
          { value: f.assistedLines - f.reviewedLines, cls: 'fill-todo', title: `${f.assistedLines - f.reviewedLines} not reviewed` },
        ],
        note: `${pct}% of ${f.assistedLines}`,
        title: `${f.folder}: ${f.reviewedLines} of ${plural(f.assistedLines, 'assisted line')} reviewed (${pct}%)`,
      };
    }),
    empty: 'No assisted code recorded, so there is nothing to review.',
  });
  return `<section class="charts" aria-label="Charts">${families}${files}${coverage}</section>`;
}

function rulesSection(ids: string[], rules: Map<string, RuleInfo>, docs: RuleDocs): string {
  if (!ids.length) return '';
  const items = ids.map((id) => {
    const rule = rules.get(id);
    const md = docs(id) ?? (rule?.meta as { docs?: string } | undefined)?.docs;
    const body = md ? markdownToHtml(md) : `<p>${esc(rule?.meta.title ?? id)}. No documentation page ships for this rule yet.</p>`;
    const cwe = rule?.meta.cwe?.length ? ` · ${rule.meta.cwe.map(esc).join(', ')}` : '';
    return `<details class="rule" id="rule-${token(id)}"><summary>${esc(id)}<span class="fam">${esc(rule?.meta.title ?? '')} · ${esc(rule?.meta.family ?? '')}${cwe}</span></summary>
${body}
<p><a href="${esc(docsUrl(id))}">Documentation online</a></p></details>`;
  });
  return `<section aria-labelledby="rules-h"><h2 id="rules-h">Rules</h2>\n${items.join('\n')}</section>`;
}

function listSection(id: string, title: string, items: string[]): string {
  if (!items.length) return '';
  return `<section aria-labelledby="${id}"><h2 id="${id}">${title} (${items.length})</h2><ul class="plain">${items.map((i) => `<li>${i}</li>`).join('')}</ul></section>`;
}

const EXPORTS = [['html', 'HTML'], ['markdown', 'Markdown'], ['sarif', 'SARIF'], ['json', 'JSON']] as const;

export function toHtml(scan: ScanResult, rules: readonly RuleInfo[], docs: RuleDocs = () => undefined, options: HtmlOptions = {}): string {
  const { webview } = options;
  const sum = summarizeScan(scan);
  const families = sum.byFamily.map(([f]) => f as string);
  for (const f of scan.files.flatMap((x) => x.findings)) if (!families.includes(f.family)) families.push(f.family);
  const catalogue = new Map(rules.map((r) => [r.id, r]));
  const facts = headline(scan, sum);

  const css = REPORT_CSS + filterCss(families);
  const csp = webview
    ? `default-src 'none'; style-src ${webview.cspSource} 'nonce-${webview.nonce}'; script-src 'nonce-${webview.nonce}'; img-src ${webview.cspSource} data:; font-src ${webview.cspSource}; base-uri 'none'; form-action 'none'`
    : `default-src 'none'; style-src ${sha256(css)}; script-src ${sha256(REPORT_JS)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const nonce = webview ? ` nonce="${esc(webview.nonce)}"` : '';

  const totalCard = `<div class="card c-total"><span class="n">${sum.active}</span><span class="l">${sum.active === 1 ? 'finding' : 'findings'} in total</span></div>`;
  const sevCards = SEVERITIES.map(
    (s) => `<label class="card c-${s}"><input type="checkbox" id="f-${s}" checked><span class="n">${sum.bySeverity[s]}</span><span class="l">${s}</span></label>`,
  ).join('');
  const changeCard = scan.change
    ? `<label class="card c-change"><input type="checkbox" id="f-change"><span class="n">${scan.change.findings}</span><span class="l">in my change — tick to show only these</span></label>`
    : '';
  const supCard = `<label class="card c-sup"><input type="checkbox" id="f-sup"><span class="n">${sum.suppressed}</span><span class="l">suppressed — tick to show</span></label>`;
  const famChips = families
    .map((f) => {
      const n = sum.byFamily.find(([x]) => x === f)?.[1] ?? 0;
      return `<label class="chip"><input type="checkbox" id="f-fam-${token(f)}" checked>${esc(f)} <span class="n">${n}</span></label>`;
    })
    .join('');
  const actions = webview
    ? `<div class="actions" role="toolbar" aria-label="Report actions"><span class="l">Export</span>${EXPORTS.map(([f, l]) => `<button type="button" data-export="${f}">${l}</button>`).join('')}<button type="button" class="secondary" data-action="rerun">Scan again</button></div>`
    : '';

  const skipped = scan.skipped.map((s) => `<code>${esc(s.path)}</code> — ${esc(s.reason)}`);
  const notices = [...(scan.warnings ?? []), ...scan.files.flatMap((f) => f.notices.map((n) => n.message))].map(esc);
  const usedRules = [...new Set(scan.files.flatMap((f) => f.findings.map((x) => x.ruleId)))].sort();
  const title = `Vouch report — ${plural(sum.active, 'finding')}`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="vouch ${esc(VERSION)}">
<title>${esc(title)}</title>
<style${nonce}>${css}</style>
${webview ? `<link rel="stylesheet" href="${esc(webview.styleUri)}">` : ''}
</head>
<body${webview ? ' class="in-editor"' : ''}>
<main>
<header>
<div class="titlebar"><h1>Vouch report</h1>${actions}</div>
<ul class="headline" aria-label="Headline">
<li data-fact="files">${esc(facts.files)}</li>
<li data-fact="findings">${esc(facts.findings)}</li>
${facts.change ? `<li data-fact="change">${esc(facts.change)}</li>\n` : ''}<li data-fact="assisted">${esc(facts.assisted)}</li>
<li data-fact="time">${esc(facts.time)} <span class="meta">Vouch ${esc(VERSION)}</span></li>
</ul>
</header>
<section aria-label="Summary and filters">
<div class="cards">${totalCard}${sevCards}${changeCard}${supCard}</div>
${famChips ? `<div class="families" role="group" aria-label="Families">${famChips}</div>` : ''}
${scan.provenance?.total.assistedLines ? `<p class="meta">Review coverage: ${esc(coverageText(scan.provenance.total))}</p>` : ''}
${(scan.provenance?.record.problems ?? []).map((p) => `<p class="meta record-broken"><strong>Review record does not hold:</strong> ${esc(p)}</p>`).join('\n')}
</section>
${chartsHtml(scan, sum)}
<h2>Findings</h2>
<div class="toolbar"><label class="sr" for="q">Filter findings</label><input type="search" id="q" placeholder="Filter by file, rule or message…" hidden></div>
${findingsTable(scan, !!webview)}
${listSection('coverage-h', 'Review coverage', Object.entries(scan.provenance?.files ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, p]) => `<code>${esc(path)}</code> — ${esc(coverageText(p))}`))}
${listSection('skipped-h', 'Skipped files', skipped)}
${listSection('notices-h', 'Notices', notices)}
${rulesSection(usedRules, catalogue, docs)}
<footer>Generated by Vouch ${esc(VERSION)}. Paths are relative to the scanned folder. Flagged secrets are masked in snippets.</footer>
</main>
<script${nonce}>${REPORT_JS}</script>
${webview ? `<script${nonce} src="${esc(webview.scriptUri)}"></script>` : ''}
</body>
</html>
`;
}
