import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client';
import { AWS_KEY, tempWorkspace, uriIn } from './helpers';

const KEY_LINE = `const id = "${AWS_KEY}";`;
const aws = (d: Diagnostic[]) => d.filter((x) => x.code === 'aws-access-key-id');

describe('server over JSON-RPC: robustness', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  let n = 0;
  const next = (ext: string) => uriIn(dir, `src/f${++n}.${ext}`);

  before(async () => {
    dir = tempWorkspace();
    client = await LspClient.start(dir, { detectorBudgetMs: 100 }, { env: { VOUCH_TEST_FAULTS: '1' } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'passed') {
      assert.equal(client.exited, null, 'server still running');
      assert.deepEqual(client.logs.filter((l) => /Uncaught|Unhandled rejection/.test(l.message)), []);
    }
  });

  /** Proves the server still answers: a fresh document gets its diagnostics. */
  async function assertResponsive(): Promise<void> {
    const uri = next('js');
    client.open(uri, 'javascript', `${KEY_LINE}\n`);
    assert.equal(aws(await client.diagnosticsFor(uri, 1, 5000)).length, 1);
    client.close(uri);
  }

  it('a throwing detector is logged once; the other detectors still report for that file', async () => {
    const a = next('js');
    client.open(a, 'javascript', `// __vouch_throw__\n${KEY_LINE}\n`);
    assert.deepEqual(aws(await client.diagnosticsFor(a)).map((d) => d.range.start.line), [1]);
    const log = await client.waitForLog(/test-fault-throws/);
    assert.equal(log.type, 2);
    await client.noticeFor(a, /test-fault-throws/);

    const b = next('py');
    client.open(b, 'python', `# __vouch_throw__\nkey = "${AWS_KEY}"\n`);
    assert.equal(aws(await client.diagnosticsFor(b)).length, 1);
    assert.equal(client.logs.filter((l) => /test-fault-throws/.test(l.message)).length, 1, 'reported once');
    client.close(a);
    client.close(b);
  });

  it('a detector that exhausts its time budget yields a timeout notice; findings and the server survive', async () => {
    const uri = next('ts');
    client.open(uri, 'typescript', `// __vouch_slow__\n${KEY_LINE}\n`);
    assert.equal(aws(await client.diagnosticsFor(uri)).length, 1);
    await client.waitForLog(/test-fault-slow/);
    await client.noticeFor(uri, /test-fault-slow.*budget/);
    client.close(uri);
    await assertResponsive();
  });

  it('skips a 5 MB minified single-line file with a notice and stays responsive', async () => {
    const uri = next('js');
    const chunk = `var a=${JSON.stringify(AWS_KEY)},b=[1,2,3].map(function(x){return x*2});`;
    const big = chunk.repeat(Math.ceil(5_000_000 / chunk.length));
    assert.ok(big.length >= 5_000_000 && !big.includes('\n'));
    client.open(uri, 'javascript', big);
    assert.deepEqual(await client.diagnosticsFor(uri, 1, 20_000), []);
    await client.noticeFor(uri, /skipped/i);
    await assertResponsive();

    const minified = chunk.repeat(Math.ceil(100_000 / chunk.length));
    const m = next('js');
    client.open(m, 'javascript', minified);
    assert.deepEqual(await client.diagnosticsFor(m), []);
    await client.noticeFor(m, /minified/i);
    client.close(uri);
    client.close(m);
  });

  it('skips binary content (mostly control characters)', async () => {
    const uri = next('js');
    client.open(uri, 'javascript', `${'\u0000\u0001\u0002'.repeat(100)}${KEY_LINE}\u0000\n`);
    assert.deepEqual(await client.diagnosticsFor(uri), []);
    await client.noticeFor(uri, /binary/i);
    client.close(uri);
  });

  it('analyses text with a stray NUL (Node would run it) instead of hiding it', async () => {
    const uri = next('js');
    client.open(uri, 'javascript', `/* \u0000 */\n${KEY_LINE}\n`);
    assert.deepEqual(aws(await client.diagnosticsFor(uri, 1)).map((d) => d.range.start.line), [1]);
    client.close(uri);
  });

  it('survives deeply nested JavaScript and Python', async () => {
    const js = next('js');
    client.open(js, 'javascript', `const x = ${'['.repeat(3000)}${']'.repeat(3000)};\n${KEY_LINE}\n`);
    assert.deepEqual(aws(await client.diagnosticsFor(js, 1, 20_000)).map((d) => d.range.start.line), [1]);
    const py = next('py');
    client.open(py, 'python', `x = ${'['.repeat(3000)}${']'.repeat(3000)}\ny = ${'('.repeat(1000)}1${')'.repeat(1000)}\nkey = "${AWS_KEY}"\n`);
    assert.deepEqual(aws(await client.diagnosticsFor(py, 1, 20_000)).map((d) => d.range.start.line), [2]);
    client.close(js);
    client.close(py);
    await assertResponsive();
  });

  it('handles an empty file', async () => {
    for (const [ext, lang] of [['js', 'javascript'], ['py', 'python'], ['yaml', 'yaml'], ['json', 'json']] as const) {
      const uri = next(ext);
      client.open(uri, lang, '');
      assert.deepEqual(await client.diagnosticsFor(uri), [], lang);
      client.close(uri);
    }
  });

  it('handles malformed JSON and YAML documents', async () => {
    const json = next('json');
    client.open(json, 'json', `{ "aws": { "key": "${AWS_KEY}", \n  "broken": [1, 2,\n`);
    assert.equal(aws(await client.diagnosticsFor(json)).length, 1);
    const yaml = next('yaml');
    client.open(yaml, 'yaml', `env:\n  - key: ${AWS_KEY}\n    bad: [unclosed\n  : : :\n\t- tab\n`);
    assert.equal(aws(await client.diagnosticsFor(yaml)).length, 1);
    const js = next('js');
    client.open(js, 'javascript', `function ( {{{ \n${KEY_LINE}\n`);
    assert.equal(aws(await client.diagnosticsFor(js)).length, 1);
    const py = next('py');
    client.open(py, 'python', `def broken(:\n  key = "${AWS_KEY}"\n    return\n`);
    assert.equal(aws(await client.diagnosticsFor(py)).length, 1);
    for (const u of [json, yaml, js, py]) client.close(u);
  });

  it('handles invalid UTF-16 (lone surrogates) in the text', async () => {
    const uri = next('js');
    client.open(uri, 'javascript', `const s = "\uD800 \uDC00x\uDBFF";\n${KEY_LINE}\n`);
    const diags = aws(await client.diagnosticsFor(uri));
    assert.deepEqual(diags.map((d) => [d.range.start.line, d.range.start.character]), [[1, 12]]);
    const v = client.change(uri, `${KEY_LINE} // \uDFFF\n`);
    assert.deepEqual(aws(await client.diagnosticsFor(uri, v)).map((d) => d.range.start.line), [0]);
    client.close(uri);
  });

  it('publishes only the last version after 20 rapid edits', async () => {
    const uri = next('js');
    // The key is there from the start: every edit types one character (a bulk insert, such as
    // pasting the key, is analysed without waiting, so it could publish before the next edit arrives).
    client.open(uri, 'javascript', `${KEY_LINE}\n`);
    await client.diagnosticsFor(uri);
    const from = client.published.length;
    let last = 1;
    for (let i = 1; i <= 20; i++) {
      // Each version moves the key down one line, so a stale publish would be visible.
      last = client.change(uri, `${'\n'.repeat(i)}${KEY_LINE}\n`);
    }
    assert.equal(last, 21);
    const final = await client.diagnosticsFor(uri, last);
    assert.deepEqual(aws(final).map((d) => d.range.start.line), [20]);
    const versions = client.published.slice(from).filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [21]);
    client.close(uri);
  });

  it('serves many open documents at once', async () => {
    const uris: string[] = [];
    for (let i = 0; i < 60; i++) {
      const uri = next(i % 2 ? 'py' : 'ts');
      uris.push(uri);
      client.open(uri, i % 2 ? 'python' : 'typescript', `${'\n'.repeat(i % 7)}${i % 2 ? `key = "${AWS_KEY}"` : KEY_LINE}\n`);
    }
    for (const [i, uri] of uris.entries()) {
      assert.deepEqual(aws(await client.diagnosticsFor(uri, 1, 20_000)).map((d) => d.range.start.line), [i % 7], uri);
    }
    for (const uri of uris) client.close(uri);
    await assertResponsive();
  });
});
