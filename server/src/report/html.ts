// `vouch scan --format html`: one self-contained page (inline CSS, one hashed inline script, strict CSP,
// no network) with summary cards, CSS-only severity/family filters, findings by file with snippets,
// and the docs of every rule that fired. All scanned text is escaped.
import { createHash } from 'node:crypto';
import type { RuleInfo } from '../core/engine';
import { SEVERITIES, type Finding } from '../core/types';
import type { ScanResult } from '../scan/result';
import { VERSION } from '../version';
import { coverageText, docsUrl, groupByFile, plural, snippet, summarizeScan, type FileGroup, type RuleDocs } from './common';
import { REPORT_CSS, REPORT_JS } from './html-assets';
import { escapeHtml as esc, markdownToHtml } from './markdown-html';

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

function findingRow(group: FileGroup, f: Finding): string {
  const line = f.range.start.line + 1;
  const searchable = `${group.path} ${f.ruleId} ${f.family} ${f.severity} ${f.message}`.toLowerCase();
  const classes = ['finding', `sev-${f.severity}`, `fam-${token(f.family)}`, f.suppressed ? 'suppressed' : ''].filter(Boolean).join(' ');
  const suppressed = f.suppressed ? `<span class="why">suppressed${f.suppressed.reason ? `: ${esc(f.suppressed.reason)}` : ' (no reason given)'}</span>` : '';
  return `<tr class="${classes}" data-text="${esc(searchable)}">
<td class="sev"><span class="badge c-${f.severity}">${f.severity}</span></td>
<td class="pos" title="line ${line}, column ${f.range.start.character + 1}">L${line}:${f.range.start.character + 1}</td>
<td class="rule"><a href="#rule-${token(f.ruleId)}">${esc(f.ruleId)}</a><span class="fam">${esc(f.family)}</span><span class="conf">${f.confidence} confidence</span></td>
<td><p class="msg">${esc(f.message)}${suppressed}</p>${pathHtml(f)}${snippetHtml(group, f)}</td>
</tr>`;
}

function filterCss(families: string[]): string {
  const sev = SEVERITIES.map((s) => `body:has(#f-${s}:not(:checked)) tr.sev-${s}{display:none}`);
  const fam = families.map((f) => `body:has(#f-fam-${token(f)}:not(:checked)) tr.fam-${token(f)}{display:none}`);
  return [...sev, ...fam].join('\n');
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

export function toHtml(scan: ScanResult, rules: readonly RuleInfo[], docs: RuleDocs = () => undefined): string {
  const sum = summarizeScan(scan);
  const groups = groupByFile(scan, true);
  const families = sum.byFamily.map(([f]) => f as string);
  for (const g of groups) for (const f of g.findings) if (!families.includes(f.family)) families.push(f.family);
  const catalogue = new Map(rules.map((r) => [r.id, r]));

  const css = REPORT_CSS + filterCss(families);
  const csp = `default-src 'none'; style-src ${sha256(css)}; script-src ${sha256(REPORT_JS)}; img-src data:; base-uri 'none'; form-action 'none'`;

  const sevCards = SEVERITIES.map(
    (s) => `<label class="card c-${s}"><input type="checkbox" id="f-${s}" checked><span class="n">${sum.bySeverity[s]}</span><span class="l">${s}</span></label>`,
  ).join('');
  const supCard = `<label class="card c-sup"><input type="checkbox" id="f-sup"><span class="n">${sum.suppressed}</span><span class="l">suppressed — tick to show</span></label>`;
  const famChips = families
    .map((f) => {
      const n = sum.byFamily.find(([x]) => x === f)?.[1] ?? 0;
      return `<label class="chip"><input type="checkbox" id="f-fam-${token(f)}" checked>${esc(f)} <span class="n">${n}</span></label>`;
    })
    .join('');

  const tbody = groups
    .map((g) => {
      const active = g.findings.filter((f) => !f.suppressed).length;
      return `<tbody class="group"><tr class="file"><th colspan="4"><code>${esc(g.path)}</code><span class="count">${plural(active, 'finding')}${active < g.findings.length ? `, ${g.findings.length - active} suppressed` : ''}</span></th></tr>
${g.findings.map((f) => findingRow(g, f)).join('\n')}</tbody>`;
    })
    .join('\n');
  const table = groups.length
    ? `<table><colgroup><col class="sev"><col class="pos"><col class="rule"><col></colgroup><thead><tr><th scope="col">Severity</th><th scope="col">Where</th><th scope="col">Rule</th><th scope="col">Finding</th></tr></thead>\n${tbody}</table>`
    : `<p class="empty-state">No findings in ${plural(scan.fileCount, 'file')}.</p>`;

  const skipped = scan.skipped.map((s) => `<code>${esc(s.path)}</code> — ${esc(s.reason)}`);
  const notices = [...(scan.warnings ?? []), ...scan.files.flatMap((f) => f.notices.map((n) => n.message))].map(esc);
  const usedRules = [...new Set(groups.flatMap((g) => g.findings.map((f) => f.ruleId)))].sort();
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
<style>${css}</style>
</head>
<body>
<main>
<header>
<h1>Vouch report</h1>
<p class="meta">Vouch ${esc(VERSION)} scanned ${plural(scan.fileCount, 'file')} in ${(scan.durationMs / 1000).toFixed(2)} s · <strong>${plural(sum.active, 'finding')}</strong> · ${sum.suppressed} suppressed · ${scan.skipped.length} skipped</p>
</header>
<section aria-label="Summary and filters">
<div class="cards">${sevCards}${supCard}</div>
${famChips ? `<div class="families" role="group" aria-label="Families">${famChips}</div>` : ''}
${scan.provenance ? `<p class="meta">Review coverage: ${esc(coverageText(scan.provenance.total))}</p>` : ''}
${(scan.provenance?.record.problems ?? []).map((p) => `<p class="meta record-broken"><strong>Review record does not hold:</strong> ${esc(p)}</p>`).join('\n')}
</section>
<h2>Findings</h2>
<div class="toolbar"><label class="sr" for="q">Filter findings</label><input type="search" id="q" placeholder="Filter by file, rule or message…" hidden></div>
${table}
${listSection('coverage-h', 'Review coverage', Object.entries(scan.provenance?.files ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, p]) => `<code>${esc(path)}</code> — ${esc(coverageText(p))}`))}
${listSection('skipped-h', 'Skipped files', skipped)}
${listSection('notices-h', 'Notices', notices)}
${rulesSection(usedRules, catalogue, docs)}
<footer>Generated by Vouch ${esc(VERSION)}. Paths are relative to the scanned folder. Flagged secrets are masked in snippets.</footer>
</main>
<script>${REPORT_JS}</script>
</body>
</html>
`;
}
