// The HTML report's inline stylesheet and its one small script. Both are allowed by hash in the
// report's Content-Security-Policy (by nonce in the editor's webview), so nothing else (an injected
// script, a remote font) can run or load. The editor maps the colour variables to its theme
// (media/report-view.css).

export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#f6f7f9;--panel:#fff;--fg:#1b1f24;--muted:#5b6572;--line:#d9dee5;--code:#f1f3f6;
--mark:#fff1a8;--hit:#fff8d6;--accent:#3b5bdb;--error:#c92a2a;--warning:#b35c00;--info:#1c64c8;--hint:#5f6b7a;--ok:#2b8a3e}
@media (prefers-color-scheme:dark){:root{--bg:#0f1216;--panel:#171b21;--fg:#e3e7ec;--muted:#98a2ae;--line:#2a313a;--code:#11151a;
--mark:#5c4b00;--hit:#2a2614;--accent:#8fa8ff;--error:#ff6b6b;--warning:#ffa94d;--info:#74c0fc;--hint:#adb5bd;--ok:#69db7c}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1200px;margin:0 auto;padding:24px 20px 64px}
a{color:var(--accent)}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 12px}
.meta{color:var(--muted);margin:0}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px;margin:20px 0 8px}
.card{display:block;background:var(--panel);border:1px solid var(--line);border-left:4px solid var(--c,var(--muted));border-radius:8px;padding:12px 14px;cursor:pointer;user-select:none}
.card .n{display:block;font-size:26px;font-weight:650;line-height:1.1}
.card .l{color:var(--muted)}
.card input{position:absolute;opacity:0}
.card:has(input:not(:checked)){opacity:.45;border-style:dashed}
.card:has(input:focus-visible){outline:2px solid var(--accent);outline-offset:2px}
.c-error{--c:var(--error)}.c-warning{--c:var(--warning)}.c-info{--c:var(--info)}.c-hint{--c:var(--hint)}.c-total{--c:var(--accent)}.c-sup{--c:var(--muted)}.c-change{--c:var(--accent)}
.titlebar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:12px}
.headline{list-style:none;margin:10px 0 0;padding:0;display:grid;gap:2px}
.headline li[data-fact=findings]{font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.actions .l{color:var(--muted);margin-right:2px}
.actions button{font:inherit;padding:3px 12px;border-radius:4px;border:1px solid var(--line);background:var(--accent);color:#fff;cursor:pointer}
.actions button.secondary{background:var(--panel);color:var(--fg)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:12px;margin:20px 0}
figure.chart{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:12px 14px;min-width:0}
figure.chart figcaption{font-weight:600;margin-bottom:6px}
svg.bars{display:block;width:100%;height:auto}
svg.bars text{font-size:11px;fill:var(--fg)}
svg.bars text.note{fill:var(--muted)}
svg.bars rect.track{fill:var(--code)}
.fill-accent{fill:var(--accent)}.fill-error{fill:var(--error)}.fill-warning{fill:var(--warning)}.fill-ok{fill:var(--ok)}.fill-todo{fill:var(--warning)}
.chart-empty{color:var(--muted);margin:0}
.families{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 0}
.chip{display:inline-flex;align-items:center;gap:6px;background:var(--panel);border:1px solid var(--line);border-radius:999px;padding:4px 10px;cursor:pointer;user-select:none}
.chip input{margin:0;accent-color:var(--accent)}
.chip .n{color:var(--muted);font-variant-numeric:tabular-nums}
.chip:has(input:not(:checked)){opacity:.5}
.toolbar{display:flex;gap:12px;align-items:center;margin:16px 0}
.toolbar input[type=search]{flex:1;max-width:420px;padding:6px 10px;border:1px solid var(--line);border-radius:6px;background:var(--panel);color:var(--fg)}
table{width:100%;table-layout:fixed;border-collapse:separate;border-spacing:0;background:var(--panel);border:1px solid var(--line);border-radius:8px;overflow:hidden}
th,td{text-align:left;vertical-align:top;padding:8px 12px;border-bottom:1px solid var(--line)}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
tr.file th{background:var(--code);font-weight:600;padding-top:10px}
tr.sevhead th{background:var(--panel);font-size:14px;padding-top:16px;border-bottom:2px solid var(--line)}
tr.sevhead .count{color:var(--muted);font-weight:400;margin-left:6px}
.sorted tr.sevhead,.sorted tr.file{display:none}
table.findings:not(.sorted) td.pos .path{display:none}
td.pos .path{display:block;white-space:normal;overflow-wrap:anywhere}
table.sorted col.pos{width:220px}
th button.sort{font:inherit;color:inherit;text-transform:inherit;letter-spacing:inherit;background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=ascending] button.sort::after{content:" \\25B2"}th[aria-sort=descending] button.sort::after{content:" \\25BC"}
td.pos button.open{font:inherit;color:var(--accent);background:none;border:0;padding:0;cursor:pointer;text-align:left;text-decoration:underline}
body.in-editor tr.finding{cursor:pointer}
tr.file .count{color:var(--muted);font-weight:400;margin-left:6px}
col.sev{width:96px}col.pos{width:84px}col.rule{width:240px}td.pos{font-variant-numeric:tabular-nums;white-space:nowrap}td.rule{overflow-wrap:anywhere}
@media (max-width:720px){col.rule{width:140px}col.pos{width:64px}}
.badge{display:inline-block;border-radius:4px;padding:0 7px;font-size:12px;font-weight:600;color:#fff;background:var(--c)}
.fam,.conf{display:block;color:var(--muted);font-size:12px}
.msg{margin:0 0 6px}
ol.path{margin:0 0 6px;padding-left:20px;font-size:12px;color:var(--muted)}
ol.path .ln{font-variant-numeric:tabular-nums;margin-right:4px}
.why{color:var(--muted);font-size:12px;margin-left:4px}
.changed{display:block;margin-top:3px;font-size:11px;color:var(--accent);white-space:nowrap}
pre.snippet{margin:0;background:var(--code);border:1px solid var(--line);border-radius:6px;padding:6px 0;overflow-x:auto}
pre.snippet code{display:inline-block;min-width:100%}
pre.snippet span.l{display:block;padding:0 10px;white-space:pre}
pre.snippet span.hit{background:var(--hit)}
pre.snippet .ln{display:inline-block;min-width:3.5em;color:var(--muted);text-align:right;padding-right:12px;user-select:none}
mark{background:var(--mark);color:inherit;border-radius:2px}
tr.suppressed td{opacity:.7}tr.suppressed .badge{background:var(--muted)}
.empty-state{padding:24px;text-align:center;color:var(--ok);background:var(--panel);border:1px solid var(--line);border-radius:8px}
details.rule{background:var(--panel);border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:0 14px}
details.rule>summary{cursor:pointer;padding:10px 0;font-weight:600}
details.rule>summary .fam{display:inline;margin-left:8px;font-weight:400}
details.rule pre{background:var(--code);padding:8px 10px;border-radius:6px;overflow-x:auto}
ul.plain{padding-left:20px}ul.plain li{margin:2px 0}
.nomatch,.emptygroup{display:none}
body:not(:has(#f-sup:checked)) tr.suppressed{display:none}
body:has(#f-change:checked) tr.finding:not(.in-change){display:none}
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media print{.toolbar,.cards input,.actions{display:none}}
`;

/**
 * Text search, hiding headings whose findings are all filtered out, and sorting by a column (Severity
 * again restores the grouped order: severity, file, position). The report works without it.
 */
export const REPORT_JS = `(function(){
var table=document.getElementById('findings'),q=document.getElementById('q');
function openRule(){var el=location.hash&&document.getElementById(location.hash.slice(1));if(el&&el.tagName==='DETAILS')el.open=true}
window.addEventListener('hashchange',openRule);openRule();
if(!table||!q)return;q.hidden=false;
var body=table.tBodies[0],all=[].slice.call(body.rows);
var rows=all.filter(function(r){return r.classList.contains('finding')});
var heads=all.filter(function(r){return !r.classList.contains('finding')});
function update(){var t=q.value.trim().toLowerCase();
rows.forEach(function(r){r.classList.toggle('nomatch',!!t&&r.getAttribute('data-text').indexOf(t)<0)});
heads.forEach(function(h){h.classList.remove('emptygroup')});
var g={},s={};rows.forEach(function(r){if(r.offsetParent!==null){g[r.getAttribute('data-g')]=1;s['sev-'+['error','warning','info','hint'][+r.getAttribute('data-sev')]]=1}});
heads.forEach(function(h){var on=h.classList.contains('file')?g[h.getAttribute('data-g')]:s['sev-'+h.getAttribute('data-s')];h.classList.toggle('emptygroup',!on)})}
function cmp(a,b){return a<b?-1:a>b?1:0}
function pos(r){var x=r.getAttribute('data-range').split(',');return +x[0]*1e6+ +x[1]}
function idx(a,b){return +a.getAttribute('data-i')-+b.getAttribute('data-i')}
function msg(r){return r.querySelector('.msg').textContent.toLowerCase()}
var by={sev:idx,
where:function(a,b){return cmp(a.getAttribute('data-path'),b.getAttribute('data-path'))||pos(a)-pos(b)||idx(a,b)},
rule:function(a,b){return cmp(a.getAttribute('data-rule'),b.getAttribute('data-rule'))||idx(a,b)},
msg:function(a,b){return cmp(msg(a),msg(b))||idx(a,b)}};
var key='sev',dir=1;
table.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('button.sort');if(!b)return;
var k=b.getAttribute('data-sort');dir=k===key?-dir:1;key=k;
var grouped=k==='sev'&&dir===1;table.classList.toggle('sorted',!grouped);
(grouped?all:rows.slice().sort(function(x,y){return dir*by[k](x,y)})).forEach(function(r){body.appendChild(r)});
[].forEach.call(table.querySelectorAll('thead th'),function(th){th.setAttribute('aria-sort',th.contains(b)?(dir>0?'ascending':'descending'):'none')});
update()});
document.addEventListener('input',update);document.addEventListener('change',update);update()})();`;
