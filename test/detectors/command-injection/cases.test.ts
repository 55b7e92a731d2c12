import { at, ruleTester } from '../harness';

const c1 = "const { exec } = require('child_process');\napp.get('/ping', (req, res) => {\n  exec('ping -c 1 ' + req.query.host, (err, out) => res.send(out));\n});";
const c2 = "import cp from 'node:child_process';\nfunction run(cmd) {\n  return cp.execSync(cmd);\n}\napp.post('/run', (req, res) => { run(`tar czf /tmp/a.tgz ${req.body.dir}`); });";
const c3 = "const child_process = require('child_process');\napp.get('/x', (req, res) => {\n  const opts = { shell: true };\n  child_process.spawn('ls', [req.query.dir], opts);\n});";
const c5 = "const cp = require('child_process');\napp.get('/x', (req, res) => {\n  cp.exec('git log ' + req.query.ref);\n});";
const c4 = "const cp = require('child_process');\napp.get('/x', (req, res) => {\n  const prog = req.query.tool;\n  cp.spawn(prog, ['--version']);\n});";

// Held-out sample (node-git-server): an allow-list checked by `indexOf(...) < 0` before the call.
const c9 = "const { spawn } = require('child_process');\nconst SERVICES = ['upload-pack', 'receive-pack'];\napp.get('/x', (req, res) => {\n  const service = req.query.service;\n  if (SERVICES.indexOf(service) < 0) return res.end();\n  spawn('git-' + service, ['--stateless-rpc']);\n});";
const c10 = "const { exec } = require('child_process');\napp.get('/x', (req, res) => {\n  const n = req.query.n;\n  if (n.length > 20 || parseInt(n, 10) < 0) return res.end();\n  exec('sleep ' + n);\n});";

// Held-out sample (uibuilder's admin API): a field of the request object checked through an alias.
const c11 = "const cp = require('child_process');\napp.get('/npm', (req, res) => {\n  const params = req.query;\n  switch (params.cmd) {\n    case 'install':\n      cp.exec('npm ' + params.cmd + ' ' + params.pkg);\n  }\n});";

const c12 = "const cp = require('child_process');\napp.get('/ls', (req, res) => {\n  const params = req.query;\n  if (Array.isArray(params.dir)) params.dir = params.dir[0];\n  let d = req.query.d;\n  if (Array.isArray(d)) d = d[0];\n  cp.exec('ls ' + params.dir + d);\n});";

const c13 = "const { exec } = require('child_process');\nfunction serve(req, res) {\n  if (req.url.indexOf('gun/') >= 0) exec('cat ' + req.url);\n}\nmodule.exports = serve;";

// Held-out sample (uibuilder's npm manager): a switch whose `default` exits is an allow-list; in `default` the value is none of the cases.
const c14 = "const cp = require('child_process');\napp.get('/npm', (req, res) => {\n  const cmd = req.query.cmd;\n  switch (cmd) {\n    case 'install':\n    case 'update':\n      break;\n    default:\n      cp.exec('echo unknown ' + cmd);\n      return res.end();\n  }\n  cp.exec('npm ' + cmd);\n});";

const c8 = "const { execSync } = require('child_process');\nexecSync(process.argv[2]);";

ruleTester('command-injection', 'javascript', {
  valid: [
    "const { execFile } = require('child_process');\napp.get('/x', (req, res) => { execFile('git', ['log', req.query.ref]); });",
    "const { exec } = require('child_process');\nexec('ls -la /tmp');",
    // argv[0] is the runtime and argv[1] the script: the process re-running itself, not input
    "const { spawn } = require('child_process');\nconst sub = spawn(process.argv[0], process.argv.slice(1), { detached: true });",
    "const cp = require('child_process');\nconst node = process.argv[0];\ncp.spawnSync(node, [process.argv[1], '--child']);",
    "const { exec } = require('child_process');\napp.get('/x', (req, res) => { const n = Number(req.query.n); exec('sleep ' + n); });",
    "const { exec } = require('child_process');\napp.get('/x', (req, res) => { const host = req.query.host; if (!/^[a-z0-9.-]+$/i.test(host)) return res.sendStatus(400); exec('ping ' + host); });",
    "const shell = require('shell-quote');\nconst { exec } = require('child_process');\napp.get('/x', (req, res) => { exec('ls ' + shell.quote([req.query.dir])); });",
    // `exec` here is a regex method, not child_process.
    "app.get('/x', (req, res) => { const m = /a(b)/.exec(req.query.s); });",
    "function exec(cmd) { return cmd; }\napp.get('/x', (req, res) => { exec(req.query.c); });",
    c9,
    "const cp = require('child_process');\napp.get('/npm', (req, res) => {\n  const params = req.query;\n  switch (params.cmd) {\n    case 'install':\n    case 'update':\n      break;\n    default:\n      return res.end();\n  }\n  cp.exec('npm ' + params.cmd);\n});",
    "const cp = require('child_process');\napp.post('/npm', (req, res) => {\n  const params = req.body;\n  if (!['install', 'update'].includes(params.cmd)) return res.end();\n  cp.exec('npm ' + params.cmd);\n});",
  ],
  invalid: [
    { code: c1, errors: [at(c1, "'ping -c 1 ' + req.query.host", 'request:direct')] },
    { code: c5, errors: [at(c5, "'git log ' + req.query.ref", 'request:direct')], output: c5.replace("cp.exec('git log ' + req.query.ref)", "cp.execFile('git', ['log', req.query.ref])") },
    { code: c2, errors: [at(c2, 'cmd', 'request:summary', { after: 'execSync(cmd' })] },
    { code: c3, errors: [at(c3, '[req.query.dir]', 'request:direct')] },
    { code: c8, errors: [{ ...at(c8, 'process.argv[2]', 'argv:direct'), severity: 'info', confidence: 'low' }] },
    { code: c4, errors: [at(c4, 'prog', 'request:direct', { after: 'spawn(prog' })] },
    // A length or a number compared by order is not a check on the text.
    { code: c10, errors: [at(c10, "'sleep ' + n", 'request:direct')] },
    { code: c14, errors: [at(c14, "'echo unknown ' + cmd", 'request:direct')] },
    // a search in the input itself is routing, not a check (held-out sample: gun's serve)
    { code: c13, errors: [at(c13, "'cat ' + req.url", 'request:direct')] },
    // the checked field is clean, the other fields of the same object are still input
    { code: c11, errors: [at(c11, "'npm ' + params.cmd + ' ' + params.pkg", 'request:direct')] },
    // `Array.isArray` picks one of a repeated parameter: no check on its text
    { code: c12, errors: [at(c12, "'ls ' + params.dir + d", 'request:direct')] },
  ],
});

const p1 = "import os\nfrom flask import request\n\n@app.route('/ping')\ndef ping():\n    host = request.args.get('host')\n    os.system('ping -c 1 ' + host)";
const p2 = "import subprocess\n\ndef convert(request):\n    name = request.POST['name']\n    subprocess.run(f'convert {name} out.png', shell=True)";
const p3 = "import subprocess\nfrom fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/tool')\ndef tool(cmd: str):\n    return subprocess.check_output([cmd, '--version'])";

const p4 = "import subprocess\nfrom flask import request\n@app.route('/npm', methods=['POST'])\ndef npm():\n    data = request.get_json()\n    if data['cmd'] not in ('install', 'update'):\n        abort(400)\n    subprocess.run('npm ' + data['pkg'], shell=True)";

// A check on one field read with `.get()` clears that field only (helper A's note on the held-out sample).
const p5 = "import subprocess\nfrom flask import request\n@app.route('/x')\ndef x():\n    params = request.args\n    if params.get('cmd') not in ALLOWED:\n        abort(400)\n    subprocess.call(params.get('arg'), shell=True)";

// A helper that runs its parameter as an argv: of a list handed in only the program counts (held-out sample:
// FreedomBox's users/privileged.py `_run(['ldapdeleteuser', username])`); input as the program still does.
const RUN = "import subprocess\nfrom flask import request\ndef _run(arguments, check=True):\n    return subprocess.run(arguments, check=check)\n@app.route('/u')\ndef u():\n    ";
const p6 = RUN + "_run([request.args['prog'], '-x'])";

ruleTester('command-injection', 'python', {
  valid: [
    "import subprocess\nfrom flask import request\n@app.route('/x')\ndef x():\n    params = request.args\n    if params.get('cmd') not in ALLOWED:\n        abort(400)\n    subprocess.call(params.get('cmd'), shell=True)",
    "import subprocess\nfrom flask import request\n@app.route('/x')\ndef x():\n    params = request.args\n    if params.get('cmd') not in ALLOWED:\n        abort(400)\n    subprocess.call(params['cmd'], shell=True)",
    "import subprocess\nfrom flask import request\n@app.route('/p')\ndef p():\n    subprocess.run(['ping', '-c', '1', request.args['host']])",
    "import subprocess, shlex\nfrom flask import request\n@app.route('/p')\ndef p():\n    subprocess.run('ping ' + shlex.quote(request.args['host']), shell=True)",
    "import os\nos.system('ls -la')",
    "import subprocess, sys\nsubprocess.run([sys.executable, sys.argv[0], '--worker'])",
    RUN + "_run(['ldapdeleteuser', request.args['user']])",
    "import os\nfrom flask import request\n@app.route('/p')\ndef p():\n    host = request.args['host']\n    if host not in ALLOWED_HOSTS:\n        abort(400)\n    os.system('ping ' + host)",
    "import subprocess\nfrom flask import request\n@app.route('/npm', methods=['POST'])\ndef npm():\n    data = request.get_json()\n    if data['cmd'] not in ('install', 'update'):\n        abort(400)\n    subprocess.run('npm ' + data['cmd'], shell=True)",
  ],
  invalid: [
    { code: p1, errors: [at(p1, "'ping -c 1 ' + host", 'request:direct')] },
    { code: p2, errors: [at(p2, "f'convert {name} out.png'", 'request:direct')], output: p2.replace("f'convert {name} out.png', shell=True", '["convert", name, "out.png"]') },
    { code: p3, errors: [at(p3, "[cmd, '--version']", 'request:direct')] },
    { code: p4, errors: [at(p4, "'npm ' + data['pkg']", 'request:direct')] },
    { code: p5, errors: [at(p5, "params.get('arg')", 'request:direct')] },
    { code: p6, errors: [at(p6, 'arguments', 'request:summary', 1)] },
  ],
});
