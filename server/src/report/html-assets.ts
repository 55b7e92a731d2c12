// The HTML report's inline stylesheet and its one small script. Both are allowed by hash in the
// report's Content-Security-Policy, so nothing else (an injected script, a remote font) can run or load.

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
.c-error{--c:var(--error)}.c-warning{--c:var(--warning)}.c-info{--c:var(--info)}.c-hint{--c:var(--hint)}.c-total{--c:var(--accent)}.c-sup{--c:var(--muted)}
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
tr.file .count{color:var(--muted);font-weight:400;margin-left:6px}
col.sev{width:96px}col.pos{width:84px}col.rule{width:240px}td.pos{font-variant-numeric:tabular-nums;white-space:nowrap}td.rule{overflow-wrap:anywhere}
@media (max-width:720px){col.rule{width:140px}col.pos{width:64px}}
.badge{display:inline-block;border-radius:4px;padding:0 7px;font-size:12px;font-weight:600;color:#fff;background:var(--c)}
.fam,.conf{display:block;color:var(--muted);font-size:12px}
.msg{margin:0 0 6px}
ol.path{margin:0 0 6px;padding-left:20px;font-size:12px;color:var(--muted)}
ol.path .ln{font-variant-numeric:tabular-nums;margin-right:4px}
.why{color:var(--muted);font-size:12px;margin-left:4px}
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
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media print{.toolbar,.cards input{display:none}}
`;

/** Text search and hiding file groups whose findings are all filtered out; the report works without it. */
export const REPORT_JS = `(function(){
var q=document.getElementById('q');if(!q)return;q.hidden=false;
var rows=[].slice.call(document.querySelectorAll('tr.finding'));
var groups=[].slice.call(document.querySelectorAll('tbody.group'));
function update(){var t=q.value.trim().toLowerCase();
rows.forEach(function(r){r.classList.toggle('nomatch',!!t&&r.getAttribute('data-text').indexOf(t)<0)});
groups.forEach(function(g){g.classList.remove('emptygroup');
var any=[].some.call(g.querySelectorAll('tr.finding'),function(r){return r.offsetParent!==null});
g.classList.toggle('emptygroup',!any)})}
document.addEventListener('input',update);document.addEventListener('change',update);
function openRule(){var el=location.hash&&document.getElementById(location.hash.slice(1));if(el&&el.tagName==='DETAILS')el.open=true}
window.addEventListener('hashchange',openRule);openRule();update()})();`;
