// Slow-tier findings do not blink out while typing (issue 9): the fast tier's publish after an edit
// carries the last slow-tier findings, moved with the text, and drops only those the edit touched;
// the slow tier's own publish then replaces them (with their fixes back).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client';
import { tempWorkspace, uriIn, writeIn } from './helpers';

describe('server over JSON-RPC: slow-tier findings carried across edits', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = tempWorkspace();
    writeIn(dir, 'package.json', '{ "name": "app", "dependencies": {} }\n');
    writeIn(dir, 'node_modules/chalk/package.json', '{ "name": "chalk", "version": "5.3.0" }\n');
    client = await LspClient.start(dir, { registry: { enabled: false } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const undeclared = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'undeclared-dependency').map((d) => d.range.start.line);
  /** The publishes for one version, in order, once the slow tier's (the last) has arrived. */
  async function publishesOf(uri: string, version: number, done: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams[]> {
    await client.until(() => client.published.some((p) => p.uri === uri && p.version === version && done(p)) || undefined, `the publishes of version ${version}`, 20_000);
    return client.published.filter((p) => p.uri === uri && p.version === version);
  }

  it('an edit above the finding: the first publish already shows it, one line lower', async () => {
    const uri = uriIn(dir, 'src/a.js');
    client.open(uri, 'javascript', "import chalk from 'chalk';\nexport const x = chalk;\n");
    await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'undeclared-dependency'), 'the slow-tier finding', 20_000);
    const v = client.change(uri, "// colours\nimport chalk from 'chalk';\nexport const x = chalk;\n");
    const seen = await publishesOf(uri, v, (p) => undeclared(p).length > 0 && p === client.published.filter((q) => q.uri === uri).at(-1));
    assert.ok(seen.length >= 1);
    assert.deepEqual(undeclared(seen[0]), [1], 'the fast publish carries the finding, moved down a line');
    // The slow tier's publish follows (the fix comes back with it).
    const last = await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'undeclared-dependency' && x.range.start.line === 1), 'the slow tier republished');
    assert.equal(last.filter((d) => d.code === 'undeclared-dependency').length, 1, 'never twice');
  });

  it('an edit on the finding\'s line: the fast publish drops it until the slow tier has looked again', async () => {
    const uri = uriIn(dir, 'src/b.js');
    client.open(uri, 'javascript', "import chalk from 'chalk';\n");
    await client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'undeclared-dependency'), 'the slow-tier finding', 20_000);
    const at = client.published.length;
    const v = client.change(uri, "import chalk from 'chalk2';\n");
    await client.until(() => client.published.slice(at).some((p) => p.uri === uri && p.version === v) || undefined, 'the fast publish');
    const first = client.published.slice(at).find((p) => p.uri === uri && p.version === v)!;
    assert.deepEqual(undeclared(first), [], 'the edited import is not carried');
  });
});
