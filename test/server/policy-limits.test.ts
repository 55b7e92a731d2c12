// Issue 7, defect 7: a hostile `.vouch.json` (very deep nesting, a 70k-character glob) must cost the
// policy, never the editor: the problem is a diagnostic on `.vouch.json`, the defaults apply, and
// diagnostics for other files keep being published.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client';
import { AWS_KEY, tempWorkspace, uriIn, writeIn } from './helpers';

const KEY_TEXT = `const id = "${AWS_KEY}";\n`;
const aws = (d: Diagnostic[]) => d.filter((x) => x.code === 'aws-access-key-id');

describe('server over JSON-RPC: hostile .vouch.json', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  let n = 0;
  const policyUri = () => uriIn(dir, '.vouch.json');

  beforeEach(async () => {
    dir = tempWorkspace();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'passed') {
      assert.equal(client.exited, null, 'server still running');
      assert.deepEqual(client.logs.filter((l) => /Uncaught|Unhandled rejection/.test(l.message)).map((l) => l.message), []);
    }
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Two documents, one after the other: the second proves publishing did not stop after the first. */
  async function assertDefaultsApplyAndPublishingGoesOn(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      const uri = uriIn(dir, `src/f${++n}.js`);
      client.open(uri, 'javascript', KEY_TEXT);
      assert.equal(aws(await client.diagnosticsFor(uri, 1, 15_000)).length, 1, 'defaults apply');
      client.close(uri);
    }
  }

  async function policyProblem(pattern: RegExp): Promise<Diagnostic> {
    const diags = await client.diagnosticsWhere(policyUri(), (d) => d.some((x) => pattern.test(String(x.message))), 'a diagnostic on .vouch.json');
    return diags.find((x) => pattern.test(String(x.message)))!;
  }

  it('very deep nesting: reported on .vouch.json, defaults apply, other files keep their diagnostics', async () => {
    writeIn(dir, '.vouch.json', `{ "rules": { "aws-access-key-id": "off" }, "models": ${'['.repeat(200_000)}${']'.repeat(200_000)} }`);
    client = await LspClient.start(dir);
    await assertDefaultsApplyAndPublishingGoesOn();
    const d = await policyProblem(/nest/i);
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.source, 'vouch');
  });

  it('a 70,000-character glob: dropped and reported on .vouch.json, the rest of the policy applies', async () => {
    writeIn(dir, '.vouch.json', JSON.stringify({ rules: { 'aws-access-key-id': 'warning' }, exclude: ['a'.repeat(70_000)], include: [`{${'x,'.repeat(30_000)}y}/**`] }));
    client = await LspClient.start(dir);
    for (let i = 0; i < 2; i++) {
      const uri = uriIn(dir, `src/g${++n}.js`);
      client.open(uri, 'javascript', KEY_TEXT);
      assert.equal(aws(await client.diagnosticsFor(uri, 1, 15_000))[0]?.severity, DiagnosticSeverity.Warning, 'the valid keys still apply');
      client.close(uri);
    }
    await policyProblem(/exclude.*too long/i);
    await policyProblem(/include.*too long/i);
  });

  it('a policy fixed on disk clears its diagnostic', async () => {
    writeIn(dir, '.vouch.json', `{ "exclude": ${'['.repeat(5_000)}${']'.repeat(5_000)} }`);
    client = await LspClient.start(dir);
    await assertDefaultsApplyAndPublishingGoesOn();
    await policyProblem(/nest/i);
    writeIn(dir, '.vouch.json', '{ "rules": { "aws-access-key-id": "warning" } }');
    client.watchedFileChanged(policyUri());
    const uri = uriIn(dir, 'src/fixed.js');
    client.open(uri, 'javascript', KEY_TEXT);
    await client.diagnosticsWhere(uri, (d) => aws(d)[0]?.severity === DiagnosticSeverity.Warning, 'the fixed policy applies');
    await client.diagnosticsWhere(policyUri(), (d) => d.length === 0, 'the problem is gone from .vouch.json');
  });
});
