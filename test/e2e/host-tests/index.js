// extensionTestsPath module (the @vscode/test-electron contract): runs inside the extension host,
// runs the mocha suites beside it, and writes a JSON result the outside runner polls for.
// CommonJS on purpose: the extension host resolves `require('vscode')` for CommonJS modules only.
'use strict';
const fs = require('fs');
const path = require('path');

function loadMocha() {
  try {
    const m = require('mocha');
    return m.default || m;
  } catch {
    return require('mocha/lib/mocha.cjs'); // a Node without require(esm)
  }
}

function resultPath() {
  if (process.env.VOUCH_E2E_RESULT) return process.env.VOUCH_E2E_RESULT;
  const vscode = require('vscode');
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  return path.join(folder ? folder.uri.fsPath : require('os').tmpdir(), '.vouch-e2e-result.json');
}

async function run() {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  const tests = [];
  // Figures a test wants printed outside (the runner prints them after the counts).
  const notes = (global.vouchE2eNotes = []);
  const out = resultPath();
  try {
    const failures = await new Promise((resolve) => {
      const runner = mocha.run(resolve);
      runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
      runner.on('fail', (t, err) => tests.push({ title: t.fullTitle(), state: 'failed', error: String((err && err.stack) || err) }));
    });
    fs.writeFileSync(out, JSON.stringify({ done: true, failures, tests, notes }, null, 2));
    if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
  } catch (err) {
    if (!fs.existsSync(out)) fs.writeFileSync(out, JSON.stringify({ done: true, failures: -1, error: String((err && err.stack) || err), tests }, null, 2));
    throw err;
  }
}

module.exports = { run };
