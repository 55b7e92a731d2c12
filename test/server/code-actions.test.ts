import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity, type CodeAction, type Command, type CreateFile, type Diagnostic, type TextDocumentEdit,
} from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from './apply-edit';
import { LspClient } from './lsp-client';
import { AWS_KEY, OPENAI_KEY, tempWorkspace, uriIn, writeIn } from './helpers';

function asActions(list: Array<CodeAction | Command>): CodeAction[] {
  for (const a of list) assert.ok('kind' in a || 'edit' in a || typeof a.command !== 'string', 'a CodeAction literal, not a bare Command');
  return list as CodeAction[];
}

describe('server over JSON-RPC: code actions', () => {
  let dir: string;
  let client: LspClient;
  let n = 0;
  before(async () => {
    dir = tempWorkspace();
    client = await LspClient.start(dir);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a fresh document in its own sub-folder. */
  async function openWith(rel: string, languageId: string, text: string): Promise<{ uri: string; diags: Diagnostic[] }> {
    const uri = uriIn(dir, `case${++n}/${rel}`);
    client.open(uri, languageId, text);
    return { uri, diags: await client.diagnosticsFor(uri) };
  }

  async function actionsFor(uri: string, d: Diagnostic): Promise<CodeAction[]> {
    return asActions(await client.codeActions(uri, d.range, [d]));
  }

  /** Applies the action's edit to `text` (and files on disk it touches) and sends the result as a full change. */
  async function applyAndSync(uri: string, text: string, action: CodeAction): Promise<{ text: string; files: Map<string, string>; diags: Diagnostic[] }> {
    const files = new Map<string, string>([[uri, text]]);
    for (const c of action.edit?.documentChanges ?? []) {
      const target = 'kind' in c ? (c as CreateFile).uri : (c as TextDocumentEdit).textDocument.uri;
      if (target !== uri && !files.has(target)) {
        const onDisk = new URL(target);
        if (existsSync(onDisk)) files.set(target, readFileSync(onDisk, 'utf8'));
      }
    }
    const after = applyWorkspaceEdit(action.edit!, files);
    const newText = after.get(uri)!;
    const version = client.change(uri, newText);
    return { text: newText, files: after, diags: await client.diagnosticsFor(uri, version) };
  }

  it('offers the fix first (preferred), then suppress line, suppress file, show documentation', async () => {
    const { uri, diags } = await openWith('keys.js', 'javascript', `const awsAccessKeyId = "${AWS_KEY}";\n`);
    const actions = await actionsFor(uri, diags[0]);
    assert.deepEqual(actions.map((a) => a.kind), ['quickfix', 'quickfix', 'quickfix', 'quickfix']);
    const [fix, line, file, docs] = actions;
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit, 'the fix carries a WorkspaceEdit');
    assert.ok(fix.title.startsWith('Vouch: '));
    for (const a of [line, file, docs]) assert.ok(!a.isPreferred, `${a.title} must not be preferred`);
    assert.match(line.title, /line/i);
    assert.match(file.title, /file/i);
    assert.equal(docs.edit, undefined);
    assert.equal(docs.command?.command, 'vouch.showRuleDoc');
    assert.deepEqual(docs.command?.arguments, ['aws-access-key-id']);
    for (const a of actions) assert.deepEqual(a.diagnostics, [diags[0]]);
  });

  it('the move-to-env fix rewrites the code, creates .env.example, and the diagnostic goes away', async () => {
    const text = `export const config = {\n  awsAccessKeyId: "${AWS_KEY}",\n};\n`;
    rmSync(join(dir, '.env.example'), { force: true });
    const { uri, diags } = await openWith('config.ts', 'typescript', text);
    const [fix] = await actionsFor(uri, diags[0]);
    // The workspace folder's .env.example, wherever the source file sits.
    const envUri = pathToFileURL(join(dir, '.env.example')).href;
    const changes = fix.edit!.documentChanges!;
    assert.ok(changes.some((c) => 'kind' in c && c.kind === 'create' && (c as CreateFile).uri === envUri), 'CreateFile .env.example');
    const result = await applyAndSync(uri, text, fix);
    assert.equal(result.text, 'export const config = {\n  awsAccessKeyId: process.env.AWS_ACCESS_KEY_ID,\n};\n');
    assert.equal(result.files.get(envUri), 'AWS_ACCESS_KEY_ID=\n');
    assert.deepEqual(result.diags, []);
  });

  it('appends to an existing .env.example, and leaves it alone when the name is already there', async () => {
    writeIn(dir, '.env.example', 'OTHER=1');
    const text = `const awsAccessKeyId = "${AWS_KEY}";\n`;
    const a = await openWith('a.js', 'javascript', text);
    const [fixA] = await actionsFor(a.uri, a.diags[0]);
    const envA = pathToFileURL(join(dir, '.env.example')).href;
    const resultA = await applyAndSync(a.uri, text, fixA);
    assert.equal(resultA.files.get(envA), 'OTHER=1\nAWS_ACCESS_KEY_ID=\n');

    writeIn(dir, '.env.example', '# keys\nAWS_ACCESS_KEY_ID=\n');
    const b = await openWith('b.js', 'javascript', text);
    const [fixB] = await actionsFor(b.uri, b.diags[0]);
    const others = (fixB.edit!.documentChanges ?? []).filter((c) => ('kind' in c ? (c as CreateFile).uri : (c as TextDocumentEdit).textDocument.uri) !== b.uri);
    assert.deepEqual(others, []);
    const resultB = await applyAndSync(b.uri, text, fixB);
    assert.equal(resultB.text, 'const awsAccessKeyId = process.env.AWS_ACCESS_KEY_ID;\n');
    assert.deepEqual(resultB.diags, []);
  });

  it('the Python fix reads os.environ and adds the import', async () => {
    const text = `def client():\n    api_key = "${OPENAI_KEY}"\n    return api_key\n`;
    const { uri, diags } = await openWith('client.py', 'python', text);
    const [fix] = await actionsFor(uri, diags[0]);
    assert.equal(fix.isPreferred, true);
    const result = await applyAndSync(uri, text, fix);
    assert.match(result.text, /^import os\ndef client\(\):\n {4}api_key = os\.environ\["[A-Z][A-Z0-9_]*"\]\n {4}return api_key\n$/);
    assert.deepEqual(result.diags, []);
  });

  const SUPPRESS_CASES = [
    { name: 'JavaScript', rel: 'app.js', lang: 'javascript', text: `function f() {\n    const k = "${AWS_KEY}";\n}\n`, comment: '//', indent: '    ', line: 1 },
    { name: 'Python', rel: 'app.py', lang: 'python', text: `def f():\n\tkey = "${OPENAI_KEY}"\n`, comment: '#', indent: '\t', line: 1 },
    { name: 'YAML', rel: 'ci.yaml', lang: 'yaml', text: `env:\n  AWS_KEY: ${AWS_KEY}\n`, comment: '#', indent: '  ', line: 1 },
  ];
  for (const c of SUPPRESS_CASES) {
    it(`suppress on this line (${c.name}): indented directive, then only a missing-reason hint remains`, async () => {
      const { uri, diags } = await openWith(c.rel, c.lang, c.text);
      assert.equal(diags.length, 1);
      const ruleId = String(diags[0].code);
      const line = (await actionsFor(uri, diags[0])).find((a) => /this line/.test(a.title))!;
      const result = await applyAndSync(uri, c.text, line);
      const lines = result.text.split('\n');
      assert.equal(lines[c.line], `${c.indent}${c.comment} vouch-ignore-next-line ${ruleId} -- `);
      assert.equal(lines.length, c.text.split('\n').length + 1);
      assert.deepEqual(result.diags.map((d) => [d.code, d.range.start.line, d.severity]), [
        ['suppression-missing-reason', c.line, DiagnosticSeverity.Information],
      ]);

      // With a reason, nothing is left.
      const reasoned = result.text.replace(`${ruleId} -- `, `${ruleId} -- test fixture`);
      const v = client.change(uri, reasoned);
      assert.deepEqual(await client.diagnosticsFor(uri, v), []);
    });
  }

  it('suppress in this file goes below a shebang line', async () => {
    const text = `#!/usr/bin/env node\n'use strict';\nconst k = "${AWS_KEY}";\n`;
    const { uri, diags } = await openWith('cli.js', 'javascript', text);
    const file = (await actionsFor(uri, diags[0])).find((a) => /this file/.test(a.title))!;
    const result = await applyAndSync(uri, text, file);
    assert.equal(result.text, `#!/usr/bin/env node\n// vouch-ignore-file aws-access-key-id -- \n'use strict';\nconst k = "${AWS_KEY}";\n`);
    assert.deepEqual(result.diags.map((d) => [d.code, d.range.start.line]), [['suppression-missing-reason', 1]]);
  });

  it('suppress in this file goes at the top when there is no shebang (Python)', async () => {
    const text = `import os\nkey = "${OPENAI_KEY}"\n`;
    const { uri, diags } = await openWith('top.py', 'python', text);
    const file = (await actionsFor(uri, diags[0])).find((a) => /this file/.test(a.title))!;
    const result = await applyAndSync(uri, text, file);
    assert.equal(result.text.split('\n')[0], '# vouch-ignore-file openai-api-key -- ');
  });

  it('the missing-reason hint offers documentation but no suppression of itself', async () => {
    const text = `// vouch-ignore-next-line aws-access-key-id\nconst k = "${AWS_KEY}";\n`;
    const { uri, diags } = await openWith('hint.js', 'javascript', text);
    assert.deepEqual(diags.map((d) => d.code), ['suppression-missing-reason']);
    const actions = await actionsFor(uri, diags[0]);
    assert.deepEqual(actions.map((a) => a.command?.command ?? 'edit'), ['vouch.showRuleDoc']);
  });

  it('returns no actions for diagnostics that are not Vouch\'s, or when another kind is asked for', async () => {
    const { uri, diags } = await openWith('foreign.js', 'javascript', `const k = "${AWS_KEY}";\n`);
    const foreign = { ...diags[0], source: 'eslint' };
    assert.deepEqual(await client.codeActions(uri, foreign.range, [foreign]), []);
    const refactor = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: diags[0].range, context: { diagnostics: [diags[0]], only: ['refactor'] },
    });
    assert.deepEqual(refactor, []);
  });

  it('withholds the fix for a stale analysis but still offers suppression at the client-side line', async () => {
    const text = `const k = "${AWS_KEY}";\n`;
    const { uri, diags } = await openWith('stale.js', 'javascript', text);
    // Change the text without waiting for the re-analysis; ask with the moved range as a client would.
    client.changeWith(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n' }]);
    const moved = { ...diags[0], range: { start: { line: 2, character: 11 }, end: { line: 2, character: 31 } } };
    const actions = asActions(await client.codeActions(uri, moved.range, [moved]));
    if (actions.length && actions[0].isPreferred) return; // the re-analysis won the race; nothing stale to check
    const line = actions.find((a) => /this line/.test(a.title));
    const edits = line?.edit?.changes?.[uri] ?? [];
    assert.deepEqual(edits.map((e) => e.range.start.line), [2]);
  });
});
