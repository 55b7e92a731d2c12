// HTML report: one self-contained file, strict CSP whose hashes match the inline style and script,
// everything from the scan escaped, secrets masked, filters and rule docs present.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { formatReport } from '../../server/src/report';
import { markdownToHtml } from '../../server/src/report/markdown-html';
import type { ScanResult } from '../../server/src/scan/result';
import { toHtml } from '../../server/src/report/html';
import { SAMPLE_RULES, sampleDocs, sampleProvenance, sampleScan } from './report-sample';

const WEBVIEW = { nonce: 'bm9uY2Utbm9uY2U=', cspSource: 'https://file+.vscode-resource.example', styleUri: 'https://file+.vscode-resource.example/media/report-view.css', scriptUri: 'https://file+.vscode-resource.example/media/report-view.js' };

const hash = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('report: HTML', () => {
  const html = formatReport('html', sampleScan(), SAMPLE_RULES, sampleDocs);
  const webviewHtml = toHtml(sampleScan(), SAMPLE_RULES, sampleDocs, { webview: WEBVIEW });

  it('is one self-contained document: no external resource of any kind', () => {
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<link\b/i);
    assert.doesNotMatch(html, /<[a-z][^>]*\ssrc\s*=/i);
    assert.doesNotMatch(html, /@import|url\(/i);
    assert.equal((html.match(/<script>/g) ?? []).length, 1, 'exactly one script element, our own');
    assert.equal((html.match(/<style>/g) ?? []).length, 1);
  });

  it('allows only its own inline style and script, by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp);
    const style = /<style>([^]*?)<\/style>/.exec(html)![1];
    const script = /<script>([^]*?)<\/script>/.exec(html)![1];
    assert.match(csp, /default-src 'none'/);
    assert.ok(csp.includes(`style-src ${hash(style)}`), 'style hash');
    assert.ok(csp.includes(`script-src ${hash(script)}`), 'script hash');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.doesNotMatch(html, /<[a-z][^>]*\sstyle=/i, 'no style attributes (the CSP would block them)');
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+=/i, 'no inline event handlers');
  });

  it('escapes <script> in messages, snippets, notices and paths', () => {
    const scan: ScanResult = sampleScan();
    scan.files[0].path = 'src/<script>alert("p")</script>.js';
    scan.skipped.push({ path: '<img src=x onerror=alert(1)>.js', reason: '<script>r</script>' });
    const out = formatReport('html', scan, SAMPLE_RULES, sampleDocs);
    const body = out.slice(out.indexOf('<body>'), out.lastIndexOf('<script>'));
    assert.doesNotMatch(body, /<script/i);
    assert.doesNotMatch(body, /<img/i);
    assert.match(body, /User input reaches &lt;script&gt;alert\(1\)&lt;\/script&gt; \| unescaped `html` output\./);
    assert.match(body, /res\.send\(`<mark>&lt;script&gt;alert\(&#39;\$\{req\.params\.id\}&#39;\)&lt;\/script&gt;`/);
    assert.match(body, /<code>src\/&lt;script&gt;alert\(&quot;p&quot;\)&lt;\/script&gt;\.js<\/code>/);
    assert.match(body, /boom &lt;b&gt;/);
    // The flow's path is listed under its finding, escaped.
    assert.match(body, /<ol class="path" aria-label="Path of the data"><li><span class="ln">line 4<\/span> request input `req\.params\.id` enters here<\/li><li><span class="ln">line 4<\/span> reaches `res\.send` &lt;b&gt;<\/li><\/ol>/);
  });

  it('masks secrets in every snippet', () => {
    assert.doesNotMatch(html, /AKIAZ3MSJV2KD7QX4N5P/);
    assert.match(html, /<mark>AKIA•+5P<\/mark>/);
  });

  it('has theme-aware colours and summary cards that filter by severity and family', () => {
    assert.match(html, /@media \(prefers-color-scheme:dark\)/);
    for (const s of ['error', 'warning', 'info', 'hint']) {
      assert.match(html, new RegExp(`<input type="checkbox" id="f-${s}" checked>`));
      assert.ok(html.includes(`body:has(#f-${s}:not(:checked)) tr.sev-${s}{display:none}`));
    }
    assert.match(html, /id="f-fam-hardcoded-secret" checked/);
    assert.ok(html.includes('body:has(#f-fam-hardcoded-secret:not(:checked)) tr.fam-hardcoded-secret{display:none}'));
    assert.match(html, /<span class="n">2<\/span><span class="l">error<\/span>/);
    assert.match(html, /id="f-sup"/);
  });

  it('orders findings by severity first (errors on top), then file, then position, with snippets', () => {
    const rules = [...html.matchAll(/<tr class="finding [^"]*"[^>]* data-rule="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(rules, ['tls-verify-disabled', 'aws-access-key-id', 'sql-string-concat', 'reflected-xss', 'missing-timeout']);
    const headings = [...html.matchAll(/<tr class="(sevhead|file) [^"]*"[^>]*><th colspan="4">(?:<span class="badge c-\w+">(\w+)<\/span>|<code>([^<]+)<\/code>)/g)].map((m) => m[2] ?? m[3]);
    assert.deepEqual(headings, ['error', 'lib/fetch.py', 'src/app.js', 'warning', 'src/app.js', 'info', 'lib/fetch.py']);
    assert.equal((html.match(/<tr class="finding /g) ?? []).length, 5);
    assert.match(html, /<tr class="finding sev-error fam-missing-input-validation suppressed"/);
    assert.match(html, /suppressed: trusted admin query/);
    assert.match(html, /<span class="l hit"><span class="ln">4<\/span> {4}return requests\.get\(url, ve<mark>rify=False\)<\/mark><\/span>/);
    // Every row carries what sorting and opening need: its file and range.
    assert.match(html, /<tr class="finding sev-error fam-hardcoded-secret" data-i="1" data-g="g1" data-sev="0" data-path="src\/app\.js" data-range="2,13,2,33" data-rule="aws-access-key-id"/);
    assert.match(html, /<th scope="col"><button type="button" class="sort" data-sort="where">Where<\/button><\/th>/);
  });

  it('opens with a headline in plain words: files, findings by severity with a total, assisted code, time', () => {
    const facts = Object.fromEntries([...html.matchAll(/<li data-fact="(\w+)">([^<]*)/g)].map((m) => [m[1], m[2].trim()]));
    assert.deepEqual(facts, {
      files: '4 files scanned.',
      findings: '4 findings: 2 errors, 1 warning, 1 info (and 1 suppressed with a reason).',
      assisted: 'Assisted code was not looked at in this run.',
      time: 'Took 1.2 s.',
    });
    assert.match(html, /<span class="n">4<\/span><span class="l">findings in total<\/span>/);
    const withCoverage = formatReport('html', { ...sampleScan(), provenance: sampleProvenance(), reused: 2 }, SAMPLE_RULES, sampleDocs);
    assert.match(withCoverage, /<li data-fact="assisted">12 lines came from an assistant \(accepted completions, pastes or agent edits\); a person has reviewed 3 of them \(25%\), 9 still need a review\.<\/li>/);
    assert.match(withCoverage, /<li data-fact="files">4 files scanned \(2 unchanged since the last run, not analysed again\)\.<\/li>/);
  });

  it('draws its charts as inline SVG: one bar per family, per risky file, per folder with assisted code', () => {
    const bars = (doc: string, id: string): number => {
      const fig = new RegExp(`<figure class="chart" id="${id}">([^]*?)</figure>`).exec(doc)?.[1];
      assert.ok(fig, `no ${id}`);
      return (fig.match(/<g class="bar">/g) ?? []).length;
    };
    assert.equal(bars(html, 'chart-families'), 4, 'hardcoded-secret, missing-input-validation, insecure-default, missing-error-handling');
    assert.equal(bars(html, 'chart-files'), 2);
    assert.equal(bars(html, 'chart-coverage'), 0);
    assert.match(html, /<figure class="chart" id="chart-coverage">[^]*No assisted code recorded/);
    assert.match(html, /<svg class="bars" viewBox="0 0 \d+ \d+"[^>]* role="img" aria-labelledby="chart-families-t">/);
    const withCoverage = formatReport('html', { ...sampleScan(), provenance: sampleProvenance() }, SAMPLE_RULES, sampleDocs);
    assert.equal(bars(withCoverage, 'chart-coverage'), 2, 'src/ and lib/');
    assert.equal(bars(withCoverage, 'chart-files'), 3, 'src/util.js has no findings but unreviewed assisted code');
    // Least trusted first: the score is the bar's note.
    const notes = [.../<figure class="chart" id="chart-files">([^]*?)<\/figure>/.exec(withCoverage)![1].matchAll(/<text class="note"[^>]*>(\d+) \/ 100</g)].map((m) => Number(m[1]));
    assert.deepEqual(notes, [...notes].sort((a, b) => a - b));
    assert.match(withCoverage, /<title>src\/: 1 of 8 assisted lines reviewed \(13%\)<\/title>/);
  });

  it('has at most ten bars per chart, long labels shortened from the left', () => {
    const scan = sampleScan();
    for (let i = 0; i < 14; i++) {
      scan.files.push({ path: `a/very/deeply/nested/folder/structure/file-${i}.js`, language: 'javascript', notices: [], lines: 10, findings: [{ ...scan.files[0].findings[0], id: `x${i}` }] });
    }
    const out = formatReport('html', scan, SAMPLE_RULES, sampleDocs);
    const fig = /<figure class="chart" id="chart-files">([^]*?)<\/figure>/.exec(out)![1];
    assert.equal((fig.match(/<g class="bar">/g) ?? []).length, 10);
    assert.match(fig, /<text class="label"[^>]*>…[^<]*file-\d+\.js<\/text>/);
  });

  it('loads nothing from the network: URLs appear only as links a person can follow', () => {
    // The webview's own asset origin (media/ through VS Code's resource loader) is the one exception.
    for (const doc of [html, webviewHtml.split(WEBVIEW.cspSource).join('')]) {
      for (const m of doc.matchAll(/https?:\/\//g)) {
        assert.match(doc.slice(Math.max(0, m.index! - 9), m.index), /<a href="$/, `a URL outside a link: ${doc.slice(m.index!, m.index! + 60)}`);
      }
      assert.doesNotMatch(doc, /@import|url\(/i);
    }
  });
  it('links findings to the rule docs rendered in the page, without their raw HTML', () => {
    assert.match(html, /<a href="#rule-aws-access-key-id">aws-access-key-id<\/a>/);
    const section = html.slice(html.indexOf('<details class="rule" id="rule-aws-access-key-id">'));
    assert.match(section, /<h3>AWS access key ID<\/h3>/);
    assert.match(section, /<strong>anyone<\/strong>/);
    assert.match(section, /<pre><code class="language-js">const key = &quot;AKIA\.\.\.&quot;;<\/code><\/pre>/);
    assert.match(section, /<a href="#rule-tls-verify-disabled">related<\/a>/);
    assert.match(section, /&lt;img src=x onerror=alert\(1\)&gt; bad/);
    assert.doesNotMatch(section, /javascript:/);
    assert.match(html, /id="rule-missing-timeout"[^]*No documentation page ships/);
  });

  it('renders an empty scan as a clean state', () => {
    const out = formatReport('html', { root: '.', files: [], fileCount: 7, skipped: [], durationMs: 3 }, SAMPLE_RULES);
    assert.match(out, /No findings in 7 files\./);
    assert.doesNotMatch(out, /<table>/);
  });
});

describe('report: HTML in the editor\'s webview', () => {
  const html = toHtml(sampleScan(), SAMPLE_RULES, sampleDocs, { webview: WEBVIEW });

  it('has a nonce-based CSP: only its own style and scripts, assets only from the webview source', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp);
    assert.match(csp, /default-src 'none'/);
    assert.ok(csp.includes(`script-src 'nonce-${WEBVIEW.nonce}'`), csp);
    assert.ok(csp.includes(`style-src ${WEBVIEW.cspSource} 'nonce-${WEBVIEW.nonce}'`), csp);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(scripts, [` nonce="${WEBVIEW.nonce}"`, ` nonce="${WEBVIEW.nonce}" src="${WEBVIEW.scriptUri}"`]);
    assert.match(html, new RegExp(`<style nonce="${WEBVIEW.nonce}">`));
    assert.match(html, new RegExp(`<link rel="stylesheet" href="${WEBVIEW.styleUri.replace(/[.+]/g, '\\$&')}">`));
    assert.doesNotMatch(html, /<[a-z][^>]*\sstyle=/i);
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+=/i);
  });

  it('adds export buttons and a button per finding that opens its file; the table and charts are the file report\'s', () => {
    for (const f of ['html', 'markdown', 'sarif', 'json']) assert.match(html, new RegExp(`<button type="button" data-export="${f}">`));
    assert.match(html, /<button type="button" class="secondary" data-action="rerun">Scan again<\/button>/);
    assert.equal((html.match(/<button type="button" class="open"/g) ?? []).length, 5);
    const file = formatReport('html', sampleScan(), SAMPLE_RULES, sampleDocs);
    const rowsOf = (doc: string) => [...doc.matchAll(/<tr class="finding [^"]*"[^>]* data-rule="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(rowsOf(html), rowsOf(file));
    const charts = (doc: string) => /<section class="charts"[^]*?<\/section>/.exec(doc)?.[0];
    assert.equal(charts(html), charts(file));
  });
});

describe('report: rule docs Markdown renderer', () => {
  it('renders the common subset and escapes everything else', () => {
    const out = markdownToHtml('# T\n\nText with `a<b>` and [x](https://e.example/a?b=1&c=2).\n\n1. one\n2. two\n\n<script>x</script>');
    assert.equal(
      out,
      '<h3>T</h3>\n<p>Text with <code>a&lt;b&gt;</code> and <a href="https://e.example/a?b=1&amp;c=2">x</a>.</p>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<p>&lt;script&gt;x&lt;/script&gt;</p>',
    );
  });

  it('drops links with unsafe schemes and cannot be broken out of an attribute', () => {
    assert.doesNotMatch(markdownToHtml('[a](javascript:alert(1)) [b](data:text/html,x) [c]("onmouseover=x)'), /href/);
  });
});
