import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client';
import { AWS_KEY, tempWorkspace, uriIn, writeIn } from './helpers';

const KEY_TEXT = `const id = "${AWS_KEY}";\n`;
const aws = (d: Diagnostic[]) => d.filter((x) => x.code === 'aws-access-key-id');

describe('server over JSON-RPC: settings', () => {
  let dir: string;
  let client: LspClient;
  /** Settings answered to workspace/configuration; `perFile` overrides by path fragment. */
  let current: Record<string, unknown> = {};
  const perFile = new Map<string, Record<string, unknown>>();
  before(async () => {
    dir = tempWorkspace();
    client = await LspClient.start(dir, (scopeUri) => {
      for (const [fragment, s] of perFile) if (scopeUri?.includes(fragment)) return s;
      return current;
    });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    current = {};
    perFile.clear();
  });

  async function reconfigure(settings: Record<string, unknown>): Promise<void> {
    current = settings;
    client.configurationChanged();
  }

  it('rules: { <rule-id>: "off" } removes the finding after didChangeConfiguration, and restoring brings it back', async () => {
    const uri = uriIn(dir, 'src/off.js');
    client.open(uri, 'javascript', KEY_TEXT);
    assert.equal(aws(await client.diagnosticsFor(uri)).length, 1);
    await reconfigure({ rules: { 'aws-access-key-id': 'off' } });
    await client.diagnosticsWhere(uri, (d) => aws(d).length === 0, 'aws-access-key-id turned off');
    await reconfigure({});
    await client.diagnosticsWhere(uri, (d) => aws(d).length === 1, 'aws-access-key-id back on');
    client.close(uri);
  });

  it('a family id sets the severity of its rules; a rule id beats its family', async () => {
    const uri = uriIn(dir, 'src/family.js');
    client.open(uri, 'javascript', KEY_TEXT);
    assert.equal(aws(await client.diagnosticsFor(uri))[0].severity, DiagnosticSeverity.Error);
    await reconfigure({ rules: { 'hardcoded-secret': 'warning' } });
    await client.diagnosticsWhere(uri, (d) => aws(d)[0]?.severity === DiagnosticSeverity.Warning, 'family severity warning');
    await reconfigure({ rules: { 'hardcoded-secret': 'warning', 'aws-access-key-id': 'hint' } });
    await client.diagnosticsWhere(uri, (d) => aws(d)[0]?.severity === DiagnosticSeverity.Hint, 'rule severity hint');
    client.close(uri);
  });

  it('enable: false clears the diagnostics of open documents', async () => {
    const uri = uriIn(dir, 'src/enable.js');
    client.open(uri, 'javascript', KEY_TEXT);
    assert.equal(aws(await client.diagnosticsFor(uri)).length, 1);
    await reconfigure({ enable: false });
    await client.diagnosticsWhere(uri, (d) => d.length === 0, 'cleared by enable: false');
    // Edits while disabled publish nothing new.
    const v = client.change(uri, KEY_TEXT + KEY_TEXT);
    assert.deepEqual(await client.diagnosticsFor(uri, v), []);
    await reconfigure({});
    await client.diagnosticsWhere(uri, (d) => aws(d).length === 2, 'back after enable: true');
    client.close(uri);
  });

  it('run: "onSave" analyses on open and save, not on change', async () => {
    perFile.set('/onsave/', { run: 'onSave' });
    const a = uriIn(dir, 'onsave/a.js');
    const b = uriIn(dir, 'ontype/b.js');
    client.open(a, 'javascript', 'const id = process.env.AWS_ACCESS_KEY_ID;\n');
    client.open(b, 'javascript', 'export {};\n');
    assert.deepEqual(await client.diagnosticsFor(a), []);
    await client.diagnosticsFor(b);

    const va = client.change(a, KEY_TEXT);
    // B's change is debounced like A's and scheduled after it: once B is published, A would have been.
    const vb = client.change(b, KEY_TEXT);
    assert.equal(aws(await client.diagnosticsFor(b, vb)).length, 1);
    assert.equal(client.diagnostics.get(a)?.version, 1, 'no re-analysis of A on didChange');

    client.save(a);
    assert.equal(aws(await client.diagnosticsFor(a, va)).length, 1);
    client.close(a);
    client.close(b);
  });

  it('minimumConfidence: "high" hides lower-confidence findings', async () => {
    // In a test file the generic secret rule reports with low confidence; the AWS key shape stays high.
    const text = `const password = "StWIwW04TpTMgFA6BBuTxkWvSeGmDnGn";\nconst id = "${AWS_KEY}";\n`;
    const uri = uriIn(dir, 'tests/fixture.test.ts');
    client.open(uri, 'typescript', text);
    const all = await client.diagnosticsFor(uri);
    assert.ok(all.some((d) => d.code === 'generic-secret-assignment'), `expected a low-confidence finding, got ${all.map((d) => d.code)}`);
    await reconfigure({ minimumConfidence: 'high' });
    const high = await client.diagnosticsWhere(uri, (d) => !d.some((x) => x.code === 'generic-secret-assignment'), 'low-confidence finding hidden');
    assert.deepEqual(high.map((d) => d.code), ['aws-access-key-id']);
    client.close(uri);
  });

  it('exclude globs and the built-in excludes publish no findings; other files are unaffected', async () => {
    current = { exclude: ['**/generated/**'] };
    client.configurationChanged();
    const gen = uriIn(dir, 'src/generated/client.js');
    const dist = uriIn(dir, 'dist/bundle.js');
    const src = uriIn(dir, 'src/kept.js');
    for (const u of [gen, dist, src]) client.open(u, 'javascript', KEY_TEXT);
    assert.deepEqual(await client.diagnosticsFor(gen), []);
    assert.deepEqual(await client.diagnosticsFor(dist), []);
    assert.equal(aws(await client.diagnosticsFor(src)).length, 1);
    for (const u of [gen, dist, src]) client.close(u);
  });

  it('include globs restrict analysis to matching files', async () => {
    current = { include: ['src/**'] };
    client.configurationChanged();
    const inside = uriIn(dir, 'src/in.js');
    const outside = uriIn(dir, 'scripts/out.js');
    client.open(inside, 'javascript', KEY_TEXT);
    client.open(outside, 'javascript', KEY_TEXT);
    assert.equal(aws(await client.diagnosticsFor(inside)).length, 1);
    assert.deepEqual(await client.diagnosticsFor(outside), []);
    client.close(inside);
    client.close(outside);
  });

  it('ill-typed settings are reported in the log and ignored', async () => {
    const before = client.logs.length;
    current = { rules: { 'aws-access-key-id': 'loud' } };
    client.configurationChanged();
    const uri = uriIn(dir, 'src/illtyped.js');
    client.open(uri, 'javascript', KEY_TEXT);
    assert.equal(aws(await client.diagnosticsFor(uri))[0].severity, DiagnosticSeverity.Error);
    const log = await client.until(() => client.logs.slice(before).find((l) => /aws-access-key-id/.test(l.message)), 'a settings warning');
    assert.equal(log.type, 2);
    client.close(uri);
  });
});

describe('server over JSON-RPC: .vouch.json policy', () => {
  let dir: string;
  let client: LspClient;
  let explicit: Record<string, unknown> = {};
  before(async () => {
    dir = tempWorkspace();
    writeIn(dir, '.vouch.json', '// team policy\n{ "rules": { "aws-access-key-id": "warning" }, }\n');
    client = await LspClient.start(dir, () => explicit);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the policy file, lets explicit settings override it, and re-applies it when it changes', async () => {
    const uri = uriIn(dir, 'src/app.js');
    client.open(uri, 'javascript', KEY_TEXT);
    assert.equal(aws(await client.diagnosticsFor(uri))[0]?.severity, DiagnosticSeverity.Warning);

    explicit = { rules: { 'aws-access-key-id': 'hint' } };
    client.configurationChanged();
    await client.diagnosticsWhere(uri, (d) => aws(d)[0]?.severity === DiagnosticSeverity.Hint, 'explicit setting overrides the policy');

    explicit = {};
    const file = writeIn(dir, '.vouch.json', '{ "rules": { "aws-access-key-id": "off" } }\n');
    client.watchedFileChanged(uriIn(dir, '.vouch.json'));
    await client.diagnosticsWhere(uri, (d) => aws(d).length === 0, 'policy change re-applied');
    assert.ok(file.endsWith('.vouch.json'));
    client.close(uri);
  });

  it('warns clearly about a malformed policy file and keeps working', async () => {
    writeIn(dir, '.vouch.json', '{ "rules": { "aws-access-key-id": "off" \n');
    client.watchedFileChanged(uriIn(dir, '.vouch.json'));
    const uri = uriIn(dir, 'src/after-malformed.js');
    client.open(uri, 'javascript', KEY_TEXT);
    await client.diagnosticsFor(uri);
    const warning = await client.waitForLog(/\.vouch\.json/);
    assert.equal(warning.type, 2, 'a warning');

    writeIn(dir, '.vouch.json', 'this is not json at all');
    client.watchedFileChanged(uriIn(dir, '.vouch.json'));
    const other = uriIn(dir, 'src/still-works.js');
    client.open(other, 'javascript', KEY_TEXT);
    assert.equal(aws(await client.diagnosticsFor(other)).length, 1, 'garbage policy is ignored; defaults apply');
    assert.ok(client.logs.filter((l) => /\.vouch\.json/.test(l.message)).length >= 2, 'the new problem is reported too');
    client.close(uri);
    client.close(other);
  });
});
