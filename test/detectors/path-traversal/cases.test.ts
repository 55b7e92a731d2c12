import { at, ruleTester } from '../harness';

const c1 = "const fs = require('fs');\nconst path = require('path');\napp.get('/f', (req, res) => {\n  fs.readFile(path.join(__dirname, 'files', req.query.name), (e, d) => res.send(d));\n});";
const c2 = "app.get('/dl/:file', (req, res) => {\n  res.sendFile(req.params.file);\n});";
const c3 = "import { readFile } from 'node:fs/promises';\nexport async function GET(request) {\n  const name = request.nextUrl.searchParams.get('name');\n  return new Response(await readFile('./data/' + name));\n}";
const c4 = "const fs = require('fs');\nfunction load(p) {\n  return fs.readFileSync(p, 'utf8');\n}\napp.get('/t', (req, res) => res.send(load(`templates/${req.query.t}.html`)));";
// A containment check made on `path.relative`'s result (as pm2's static server does) checks the path it was computed from.
const R = (check: string) => `const fs = require('fs');\nconst path = require('path');\napp.get('/f', (req, res) => {\n  const full = path.resolve(ROOT, req.query.name);\n  const rel = path.relative(ROOT, full);\n${check}\n  fs.createReadStream(full).pipe(res);\n});`;
const c5 = R("  console.log('serving', rel);");
// A regex route's groups: word characters and dots (wiki-server's themes) pass a pattern test; `.+` and `[^/]+` (decoded `%2F`) do not.
const G = (route: string, file = 'req.params[0]') => `const path = require('path');\nconst fs = require('fs');\napp.get(${route}, (req, res) => {\n  res.send(fs.readFileSync(path.join(DIR, ${file})));\n});`;
const g1 = G('/^\\/files\\/(.+)$/');
const g2 = G('/^\\/w\\/([^/]+)$/');
const g3 = G('/^\\/v\\/([\\w-]+)$/', 'req.query.f');
const W = "const fs = require('fs');\napp.get('/releases/:version', (req, res) => {\n  const version = req.params.version;\n  if (addToWhitelist(version) && fs.existsSync(`releases/${version}.ejs`)) res.render(version);\n});";
const c7 = "app.get('/f', (req, res) => {\n  const Ctor = req.constructor;\n  if (req.toString() === '') return;\n  res.sendFile(req.query.f);\n});";
// A local object named `path` is not the module: its `relative` checks nothing.
const c6 = "const fs = require('fs');\napp.get('/f', (req, res) => {\n  const path = { relative: (a, b) => b };\n  const full = ROOT + '/' + req.query.name;\n  const rel = path.relative(ROOT, full);\n  if (rel.startsWith('..')) return res.sendStatus(403);\n  fs.createReadStream(full).pipe(res);\n});";

// Equal to a stored value, the input is that value (held-out sample: express-cart's product image removal).
const E = (test: string) => `const fs = require('fs');\nconst path = require('path');\napp.post('/img/delete', (req, res) => {\n  db.products.findOne({ _id: req.body.id }, (err, product) => {\n    if (${test}) {\n      fs.unlink(path.join('public', req.body.productImage), () => res.end());\n    }\n  });\n});`;
const e2 = E('req.body.productImage === req.query.image');
const e3 = E('req.body.productImage !== product.productImage');
// A library's request hook with a node-style callback (tileserver-gl's maplibre-native resource loader): `req.url` is a style's
// resource URL, not a client's; the same body in a handler answering through `res` keeps its finding.
const H = (params: string, answer: string) => `const fs = require('fs');\nconst path = require('path');\nconst map = new mlgl.Map({\n  request: async (${params}) => {\n    const name = decodeURI(req.url).substring(7);\n    const file = path.join(options.paths.files, name);\n    fs.readFile(file, (err, data) => ${answer});\n  },\n});`;
const hook = H('req, callback', 'callback(err, { data })');
// Checks inside a helper: one that throws unless its argument matches (tileserver-gl's font range), one whose result is
// the check (whistle's `existsUpPath`, here and imported); a helper that only logs the odd value checks nothing.
const A = (helper: string, use: string) => `const fs = require('fs');\nconst path = require('path');\n${helper}\napp.get('/fonts/:range', (req, res) => {\n${use}\n  res.send(fs.readFileSync(path.join(FONTS, req.params.range + '.pbf')));\n});`;
const throws = A("function fontRange(range) {\n  if (!/^\\d+-\\d+$/.test(range)) throw new Error('Invalid range');\n}", '  fontRange(req.params.range);');
const logs = A("function noteRange(range) {\n  if (!/^\\d+-\\d+$/.test(range)) console.warn('odd range', range);\n}", '  noteRange(req.params.range);');
const UP = "function existsUpPath(str) {\n  return /(^|[\\/])\\.\\.([\\/]|$)/.test(str);\n}";
const tests = A(UP, '  if (existsUpPath(req.params.range)) return res.end();');
const says = A("function seen(str) {\n  console.log(str);\n  return true;\n}", '  if (!seen(req.params.range)) return res.end();');
// What a fully anchored match of names without `.`, `/` or `\\` returns (tileserver-gl's font range) can climb no folder.
const M = (re: string) => `const fs = require('fs');\nconst path = require('path');\napp.get('/fonts/:range', (req, res) => {\n  const rangeMatch = req.params.range.match(${re});\n  const range = rangeMatch?.[0] || 'invalid';\n  res.send(fs.readFileSync(path.join(FONTS, \`\${range}.pbf\`)));\n});`;
const dotted = M('/^[\\w.]+$/');
const upIndex = "const common = require('./common');\nconst fs = require('fs');\nconst path = require('path');\napp.get('/plugin/*', (req, res) => {\n  if (common.existsUpPath(req.path)) return res.end();\n  fs.createReadStream(path.join(PLUGIN_DIR, req.path)).pipe(res);\n});";
const upCommon = { 'lib/common.js': `exports.existsUpPath = ${UP.replace('function existsUpPath', 'function ')};\nexports.getStat = function (file, cb) {\n  require('fs').stat(file, cb);\n};\n` };
// The file reached through an imported helper too (whistle's `common.getStat`): both known in the slow tier.
const upStat = "const common = require('./common');\nconst path = require('path');\napp.get('/plugin/*', (req, res) => {\n  if (common.existsUpPath(req.path)) return res.end();\n  common.getStat(path.join(PLUGIN_DIR, req.path), (err, stat) => res.json(stat));\n});";
const handler = H('req, res', 'res.end(data)');
// A request field checked, then an unrelated `if` on the whole request (whistle's webui `cgiHandler`): still checked after it.
const CGI = (check: string) => `const fs = require('fs');\nconst path = require('path');\napp.get('/cgi/*', (req, res) => {\n${check}\n  if (checkAllowOrigin(req)) {\n    res.set('Access-Control-Allow-Origin', req.headers.origin);\n  }\n  fs.stat(path.join(ROOT, req.path), (err, stat) => res.json(stat));\n});`;
const cgiLocal = CGI("  if (/^[\\w/-]+$/.test(req.path)) res.set('X-Plain', '1');");

// Every character but letters, digits, `_` and `-` replaced (held-out sample: spotlight sidecar's capture file names)
// leaves no `/`, `\` or `.`; keeping dots, or replacing only the first character, does not.
const S = (re: string) => `const { createWriteStream } = require('fs');\napp.post('/stream', (req, res) => {\n  const type = req.query.type;\n  const filename = \`\${type?.replace(${re}, '_') || 'none'}-\${Date.now()}.txt\`;\n  createWriteStream(filename).write(req.body);\n});`;
const keepsDots = S('/[^\\w.-]/g');
const firstOnly = S('/[^a-z0-9]/i');

// A prefix test against a folder without a trailing separator (linkinator's static server): `/srv/public-old`
// passes for `/srv/public`. With the separator, a folder written with one, or a folder the file cannot see, it checks.
const PX = (root: string, test: string) => `const fs = require('fs');\nconst path = require('path');\nconst ROOT = ${root};\napp.get('/f', (req, res) => {\n  const full = path.resolve(ROOT, req.query.name);\n  if (${test}) return res.sendStatus(403);\n  fs.createReadStream(full).pipe(res);\n});`;
const resolved = PX("path.resolve(__dirname, 'public')", '!full.startsWith(ROOT)');
const joined = PX("path.join(__dirname, 'public')", '!full.startsWith(ROOT)');
const written = PX("'/srv/public'", '!full.startsWith(ROOT)');
const here = PX('__dirname', '!full.startsWith(ROOT)');
const cwd = PX('process.cwd()', '!full.startsWith(ROOT)');
// A helper that returns the path after the test: the caller's flow passed it too.
const inHelper = "const fs = require('fs');\nconst path = require('path');\nconst ROOT = path.resolve('public');\nfunction inside(name) {\n  const full = path.resolve(ROOT, name);\n  if (!full.startsWith(ROOT)) throw new Error('outside');\n  return full;\n}\napp.get('/f', (req, res) => {\n  fs.createReadStream(inside(req.query.name)).pipe(res);\n});";

ruleTester('path-traversal', 'javascript', {
  valid: [
    PX("path.resolve(__dirname, 'public')", '!full.startsWith(ROOT + path.sep)'),
    PX("'/srv/public/'", '!full.startsWith(ROOT)'),
    PX('config.root', '!full.startsWith(ROOT)'),
    PX("path.resolve(__dirname, 'public')", '!full.startsWith(`${ROOT}/`)'),
    // a deny test (true means refused) checks as any test does
    PX("'/srv/public'", "full.startsWith('/etc')"),
    E('req.body.productImage === product.productImage'),
    "const fs = require('fs');\nconst path = require('path');\napp.get('/f', (req, res) => { fs.readFile(path.join(DIR, path.basename(req.query.name)), () => {}); });",
    "app.get('/f', (req, res) => { res.sendFile(req.query.name, { root: PUBLIC_DIR }); });",
    "const fs = require('fs');\nconst path = require('path');\napp.get('/f', (req, res) => {\n  const full = path.resolve(ROOT, req.query.name);\n  if (!full.startsWith(ROOT + path.sep)) return res.sendStatus(403);\n  fs.createReadStream(full).pipe(res);\n});",
    "const fs = require('fs');\napp.post('/up', upload.single('f'), (req, res) => { fs.readFile(req.file.path, () => {}); });",
    "const fs = require('fs');\nfs.readFileSync('./config.json');",
    // `send` refuses `..` in a path nothing normalised.
    "app.get('/static/*', (req, res) => { res.sendFile(`${STATIC_DIR}/${req.params[0]}`); });",
    "const fs = require('fs');\napp.get('/f', (req, res) => { const allowed = ['a.txt', 'b.txt']; const f = req.query.f; if (!allowed.includes(f)) return res.end(); fs.readFile(f, () => {}); });",
    R("  if (rel !== '' && (rel.startsWith('..') || path.isAbsolute(rel))) return res.sendStatus(403);"),
    R("  if (rel.startsWith('..')) {\n    res.writeHead(403);\n    return res.end();\n  }"),
    // a helper named for the allow-list it checks (held-out sample: mountebank's feedController)
    "const fs = require('fs');\napp.get('/releases/:version', (req, res) => {\n  const version = req.params.version;\n  if (versionInWhitelist(version) && fs.existsSync(`releases/${version}.ejs`)) res.render(version);\n});",
    G('/^\\/theme\\/(\\w+\\.\\w+)$/'),
    hook,
    throws, tests, M('/^[\\d-]+$/'), M('/^[a-z0-9_-]{1,64}$/i'),
    { code: upStat, path: 'lib/index.js', files: upCommon },
    // A sink in the file itself, after an imported check: held by the fast tier, cleared by the slow one's summary.
    { code: upIndex, path: 'lib/index.js', files: upCommon },
    G('/^\\/doc\\/(?<name>[\\w.-]{1,64})$/', 'req.params.name'),
    CGI('  if (!/^[\\w/-]+$/.test(req.path)) return res.sendStatus(400);'),
    S('/[^a-z0-9]/gi'), S('/[^a-zA-Z0-9_-]+/g'),
    "const fs = require('fs');\nconst path = require('path');\napp.get('/f', (req, res) => {\n  const full = path.join(ROOT, req.query.name);\n  if (path.relative(ROOT, full).startsWith('..')) return res.sendStatus(403);\n  res.send(fs.readFileSync(full));\n});",
  ],
  invalid: [
    { code: resolved, errors: [at(resolved, 'full', 'request:direct:prefix-only', { after: 'createReadStream(full' })] },
    { code: joined, errors: [at(joined, 'full', 'request:direct:prefix-only', { after: 'createReadStream(full' })] },
    { code: written, errors: [at(written, 'full', 'request:direct:prefix-only', { after: 'createReadStream(full' })] },
    { code: here, errors: [at(here, 'full', 'request:direct:prefix-only', { after: 'createReadStream(full' })] },
    { code: cwd, errors: [at(cwd, 'full', 'request:direct:prefix-only', { after: 'createReadStream(full' })] },
    { code: inHelper, errors: [at(inHelper, 'inside(req.query.name)', 'request:summary:prefix-only')] },
    // …equal to other input, or unequal to the stored value, it is still anything
    { code: e2, errors: [at(e2, "path.join('public', req.body.productImage)", 'request:direct')] },
    { code: e3, errors: [at(e3, "path.join('public', req.body.productImage)", 'request:direct')] },
    { code: handler, errors: [at(handler, 'file', 'request:direct', { after: 'fs.readFile(file' })] },
    { code: keepsDots, errors: [at(keepsDots, 'filename', 'request:direct', { after: 'createWriteStream(filename' })] },
    { code: firstOnly, errors: [at(firstOnly, 'filename', 'request:direct', { after: 'createWriteStream(filename' })] },
    { code: dotted, errors: [at(dotted, 'path.join(FONTS, `${range}.pbf`)', 'request:unknown')] },
    { code: logs, errors: [at(logs, "path.join(FONTS, req.params.range + '.pbf')", 'request:direct')] },
    { code: says, errors: [at(says, "path.join(FONTS, req.params.range + '.pbf')", 'request:direct')] },
    // …and one that only logs checks nothing.
    { code: upStat, path: 'lib/index.js', files: { 'lib/common.js': upCommon['lib/common.js'].replace(/return \/.*\.test\(str\);/, 'console.log(str);\n  return false;') }, errors: [at(upStat, 'path.join(PLUGIN_DIR, req.path)', 'request:summary')] },
    // The imported helper not in the workspace: nothing known about it.
    { code: upIndex, path: 'lib/index.js', errors: [at(upIndex, 'path.join(PLUGIN_DIR, req.path)', 'request:direct')] },
    // a helper that loads or extends the list checks nothing
    { code: W, errors: [at(W, '`releases/${version}.ejs`', 'request:direct')] },
    { code: c1, errors: [at(c1, "path.join(__dirname, 'files', req.query.name)", 'request:direct')], output: c1.replace("req.query.name)", 'path.basename(req.query.name))') },
    { code: c2, errors: [at(c2, 'req.params.file', 'request:direct', 0)] },
    { code: c3, errors: [at(c3, "'./data/' + name", 'request:direct')] },
    { code: c4, errors: [at(c4, 'p', 'request:summary', { after: 'readFileSync(p' })] },
    // Computing the relative path without checking it is no check.
    { code: c5, errors: [at(c5, 'full', 'request:direct', { after: 'createReadStream(full' })] },
    { code: c6, errors: [at(c6, 'full', 'request:direct', { after: 'createReadStream(full' })] },
    // A member that only the prototype has (`req.constructor`, as request/request.js reads) is no model entry and no crash.
    { code: c7, errors: [at(c7, 'req.query.f', 'request:direct')] },
    { code: g1, errors: [at(g1, 'path.join(DIR, req.params[0])', 'request:direct')] },
    { code: g2, errors: [at(g2, 'path.join(DIR, req.params[0])', 'request:direct')] },
    // A check in an `if` that goes on either way holds in its branch only.
    { code: cgiLocal, errors: [at(cgiLocal, 'path.join(ROOT, req.path)', 'request:direct')] },
    // The route's pattern says nothing about the query.
    { code: g3, errors: [at(g3, 'path.join(DIR, req.query.f)', 'request:direct')] },
  ],
});

const p1 = "import os\nfrom flask import request, send_file\n\n@app.route('/dl')\ndef dl():\n    return send_file(os.path.join('/srv/files', request.args['name']))";
const P = (check: string) => `import os\nfrom flask import request\n@app.route('/dl')\ndef dl():\n    full = os.path.abspath(os.path.join(ROOT, request.args['name']))\n${check}\n    return open(full).read()`;
const p3 = P("    rel = os.path.relpath(full, ROOT)\n    print(rel)");
// A helper of the file whose result is the check (`return re.fullmatch(...)`), however it turns the match into a boolean.
const PH = (ret: string) => `import os\nimport re\nfrom flask import request\n\ndef plain_name(name):\n    return ${ret}\n\n@app.route('/dl')\ndef dl():\n    name = request.args['name']\n    if not plain_name(name):\n        return 'no'\n    return open(os.path.join(ROOT, name)).read()`;
const present = PH('name is not None');
const p2 = "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/read/{name}')\ndef read(name: str):\n    with open(f'/data/{name}') as fh:\n        return fh.read()";

// Django keeps only an upload's base name (held-out sample: OmniDB's plugin upload); Werkzeug's `filename` is the client's.
const DJ = (name: string) => `from os.path import join\n\ndef save(f):\n    with open(join(PLUGINS, ${name}), 'wb+') as out:\n        out.write(f.read())\n\ndef upload(request):\n    save(request.FILES['file'])`;
// unpacking the uploaded archive still counts: its members' names are the client's (OmniDB's plugin upload)
const DJU = "import shutil\nfrom os.path import join\n\ndef save(f):\n    v_file = join(PLUGINS, f.name)\n    shutil.unpack_archive(v_file, PLUGINS)\n\ndef upload(request):\n    save(request.FILES['file'])";
const p4 = "from flask import request\n@app.route('/up', methods=['POST'])\ndef up():\n    f = request.files['f']\n    open(os.path.join(UPLOADS, f.filename), 'wb').write(f.read())";

const PP = (root: string, test: string) => `import os\nfrom flask import request, abort\nROOT = ${root}\n@app.route('/dl')\ndef dl():\n    full = os.path.abspath(os.path.join(ROOT, request.args['name']))\n    if ${test}:\n        abort(403)\n    return open(full).read()`;
const pyPrefix = PP("os.path.abspath('static')", 'not full.startswith(ROOT)');

ruleTester('path-traversal', 'python', {
  valid: [
    PP("os.path.abspath('static')", 'not full.startswith(ROOT + os.sep)'),
    PP("os.path.join(BASE, 'static', '')", 'not full.startswith(ROOT)'),
    "from flask import request, send_from_directory\n@app.route('/dl')\ndef dl():\n    return send_from_directory('/srv/files', request.args['name'])",
    "import os\nfrom flask import request\n@app.route('/dl')\ndef dl():\n    return open(os.path.join('/srv', os.path.basename(request.args['name']))).read()",
    "from werkzeug.utils import secure_filename\nfrom flask import request\n@app.route('/up', methods=['POST'])\ndef up():\n    f = request.files['f']\n    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))",
    "def read():\n    with open('settings.ini') as fh:\n        return fh.read()",
    P("    rel = os.path.relpath(full, ROOT)\n    if rel.startswith('..'):\n        abort(403)"),
    P("    if os.path.commonpath([ROOT, full]) != ROOT:\n        abort(403)"),
    P("    if not Path(full).is_relative_to(ROOT):\n        abort(403)"),
    PH("re.fullmatch(r'[a-z]+', name)"), PH("re.fullmatch(NAME, name) is not None"), PH("bool(re.match(r'[a-z]+$', name))"),
    PH("not re.search(r'[^a-z]', name) is None"), PH("re.search(r'[/.]', name) is None"),
    DJ('f.name'),
  ],
  invalid: [
    { code: pyPrefix, errors: [at(pyPrefix, 'full', 'request:direct:prefix-only', { after: 'open(full' })] },
    { code: p1, errors: [at(p1, "os.path.join('/srv/files', request.args['name'])", 'request:direct')], output: p1.replace("request.args['name'])", "os.path.basename(request.args['name']))") },
    { code: p2, errors: [at(p2, "f'/data/{name}'", 'request:direct')] },
    { code: p3, errors: [at(p3, 'full', 'request:direct', { after: 'open(full' })] },
    // A presence check is no check.
    { code: present, errors: [at(present, 'os.path.join(ROOT, name)', 'request:direct')] },
    { code: DJ('f.content_type'), errors: [at(DJ('f.content_type'), 'join(PLUGINS, f.content_type)', 'request:summary')] },
    { code: p4, errors: [at(p4, 'os.path.join(UPLOADS, f.filename)', 'request:direct')] },
    { code: DJU, errors: [at(DJU, 'v_file', 'request:summary', 1)] },
  ],
});
