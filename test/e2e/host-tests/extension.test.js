// Runs inside the extension host: what the extension exposes to VS Code itself, checked through the
// public API (diagnostics, commands), with no UI in between.
'use strict';
const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');

const EXTENSION_ID = 'vouch-dev.vouch';

async function poll(probe, what, timeout = 45000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function fixture(name) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'the test host was opened without a workspace folder');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

async function diagnosticsFor(name, ruleId) {
  const uri = fixture(name);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return poll(() => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'vouch');
    return found.some((d) => codeOf(d) === ruleId) && found;
  }, `a vouch diagnostic ${ruleId} on ${name}`);
}

/** Every file under `dir` (relative paths), to prove a command wrote nothing there. */
function listAll(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listAll(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** Diagnostic.code is a string or { value, target } when the rule links to its documentation. */
function codeOf(d) {
  return d.code && typeof d.code === 'object' ? d.code.value : d.code;
}

describe('Vouch in the extension host', () => {
  it('activates when a JavaScript file opens, and says how long activation took', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this host`);
    await vscode.workspace.openTextDocument(fixture('config.js'));
    await poll(() => ext.isActive, `${EXTENSION_ID} to activate`);
    // A figure for the README, printed by the runner (timing bars live in benchmarks, not here).
    const a = ext.exports && ext.exports.activation;
    assert.ok(a && a.activateMs >= 0 && a.initMs > 0, `activate() returns its timings: ${JSON.stringify(a)}`);
    global.vouchE2eNotes.push(`activation: the bundle's top-level code ran in ${a.initMs.toFixed(1)} ms and activate() returned in ${a.activateMs.toFixed(1)} ms;`
      + ` the language server was ready ${Math.round(await ext.exports.serverReady)} ms after activation (what activation waited for before it returned at once)`);
  });

  it('reports a hardcoded OpenAI key with source "vouch" and the rule id as code', async () => {
    const found = await diagnosticsFor('config.js', 'openai-api-key');
    const d = found.find((x) => codeOf(x) === 'openai-api-key');
    assert.strictEqual(d.range.start.line, 3, 'the key is on line 4 of config.js');
    assert.ok(!d.message.includes('openai-api-key'), `the message repeats the rule id: ${d.message}`);
    assert.ok(typeof d.code === 'string' || /^https?:|^command:|^file:/.test(String(d.code.target)), 'code.target is a link');
  });

  it('reports disabled TLS verification', async () => {
    const found = await diagnosticsFor('request.js', 'tls-verification-disabled');
    assert.strictEqual(found.find((x) => codeOf(x) === 'tls-verification-disabled').range.start.line, 5);
  });

  it('offers its agent tools to chat agents as language-model tools, answering from the server', async () => {
    assert.ok(vscode.lm && typeof vscode.lm.invokeTool === 'function', 'this VS Code has the language-model tools API');
    const names = ['vouch_check_code', 'vouch_check_packages', 'vouch_explain_rule', 'vouch_file_trust'];
    await poll(() => names.every((n) => vscode.lm.tools.some((t) => t.name === n)), 'the four vouch tools to be registered');
    const source = new vscode.CancellationTokenSource();
    const result = await vscode.lm.invokeTool('vouch_check_code', {
      input: { code: "const key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';\n", language: 'javascript' },
      toolInvocationToken: undefined,
    }, source.token);
    const text = result.content.map((p) => p.value).join('');
    assert.ok(text.includes('"ruleId": "stripe-secret-key"'), text);
    const bad = await vscode.lm.invokeTool('vouch_explain_rule', { input: { ruleId: 'no-such-rule' }, toolInvocationToken: undefined }, source.token);
    assert.match(bad.content.map((p) => p.value).join(''), /^Error: unknown rule/);
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['vouch.showRuleDoc', 'vouch.generateReport', 'vouch.restartServer', 'vouch.showOutput', 'vouch.verdict']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it('the workspace report writes no file until it is exported, then exactly the file asked for', async () => {
    const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
    const before = listAll(folder).filter((f) => !f.startsWith('.vouch/'));
    const result = await vscode.commands.executeCommand('vouch.generateReport');
    assert.ok(result && result.files >= 4 && result.findings >= 3, `report result: ${JSON.stringify(result)}`);
    assert.deepStrictEqual(listAll(folder).filter((f) => !f.startsWith('.vouch/')), before, 'generating the report wrote into the workspace');
    const target = vscode.Uri.file(path.join(os.tmpdir(), `vouch-host-report-${process.pid}.json`));
    try {
      const written = await vscode.commands.executeCommand('vouch.exportReport', 'json', target);
      assert.strictEqual(written && written.toString(), target.toString());
      const json = JSON.parse(fs.readFileSync(target.fsPath, 'utf8'));
      assert.strictEqual(json.findings.length, result.findings);
      assert.deepStrictEqual(listAll(folder).filter((f) => !f.startsWith('.vouch/')), before, 'exporting wrote into the workspace');
    } finally {
      fs.rmSync(target.fsPath, { force: true });
    }
  });
  // Last: it makes the workspace copy a git repository (git is the test's tool, never the product's).
  it('gives a verdict for the change against git HEAD (vouch.verdict), from the code of vouch verdict', async function () {
    const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
    const git = (...args) => execFileSync('git', args, {
      cwd: folder, stdio: 'ignore',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
    try {
      git('--version');
    } catch (e) {
      if (e.code === 'ENOENT') this.skip();
      throw e;
    }
    const probe = path.join(folder, 'verdict-probe.js');
    try {
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-q', '-m', 'baseline');
      fs.writeFileSync(probe, "const express = require('express');\nconst app = express();\napp.get('/f', (req, res) => {\n  require('child_process').exec('cat ' + req.query.name);\n  res.send('ok');\n});\n");
      const report = await vscode.commands.executeCommand('vouch.verdict');
      assert.ok(report, 'vouch.verdict returned no verdict');
      assert.strictEqual(report.verdict, 'fail', report.summary);
      assert.deepStrictEqual(report.files, ['verdict-probe.js'], report.summary);
      assert.ok(report.reasons.includes('fails: verdict-probe.js:4 error command-injection'), report.summary);
      assert.match(report.baseline, /^HEAD/);
    } finally {
      fs.rmSync(probe, { force: true });
      fs.rmSync(path.join(folder, '.git'), { recursive: true, force: true });
    }
  });
});
