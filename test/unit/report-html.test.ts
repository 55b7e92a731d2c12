// HTML report: one self-contained file, strict CSP whose hashes match the inline style and script,
// everything from the scan escaped, secrets masked, filters and rule docs present.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { formatReport } from '../../server/src/report';
import { markdownToHtml } from '../../server/src/report/markdown-html';
import type { ScanResult } from '../../server/src/scan/result';
import { SAMPLE_RULES, sampleDocs, sampleScan } from './report-sample';

const hash = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('report: HTML', () => {
  const html = formatReport('html', sampleScan(), SAMPLE_RULES, sampleDocs);

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

  it('groups findings by file with snippets around each finding', () => {
    const groups = [...html.matchAll(/<tbody class="group"><tr class="file"><th colspan="4"><code>([^<]+)<\/code>/g)].map((m) => m[1]);
    assert.deepEqual(groups, ['lib/fetch.py', 'src/app.js']);
    assert.equal((html.match(/<tr class="finding /g) ?? []).length, 5);
    assert.match(html, /<tr class="finding sev-error fam-missing-input-validation suppressed"/);
    assert.match(html, /suppressed: trusted admin query/);
    assert.match(html, /<span class="l hit"><span class="ln">4<\/span> {4}return requests\.get\(url, ve<mark>rify=False\)<\/mark><\/span>/);
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
