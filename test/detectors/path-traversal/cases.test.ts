import { at, ruleTester } from '../harness';

const c1 = "const fs = require('fs');\nconst path = require('path');\napp.get('/f', (req, res) => {\n  fs.readFile(path.join(__dirname, 'files', req.query.name), (e, d) => res.send(d));\n});";
const c2 = "app.get('/dl/:file', (req, res) => {\n  res.sendFile(req.params.file);\n});";
const c3 = "import { readFile } from 'node:fs/promises';\nexport async function GET(request) {\n  const name = request.nextUrl.searchParams.get('name');\n  return new Response(await readFile('./data/' + name));\n}";
const c4 = "const fs = require('fs');\nfunction load(p) {\n  return fs.readFileSync(p, 'utf8');\n}\napp.get('/t', (req, res) => res.send(load(`templates/${req.query.t}.html`)));";

ruleTester('path-traversal', 'javascript', {
  valid: [
    "const fs = require('fs');\nconst path = require('path');\napp.get('/f', (req, res) => { fs.readFile(path.join(DIR, path.basename(req.query.name)), () => {}); });",
    "app.get('/f', (req, res) => { res.sendFile(req.query.name, { root: PUBLIC_DIR }); });",
    "const fs = require('fs');\nconst path = require('path');\napp.get('/f', (req, res) => {\n  const full = path.resolve(ROOT, req.query.name);\n  if (!full.startsWith(ROOT + path.sep)) return res.sendStatus(403);\n  fs.createReadStream(full).pipe(res);\n});",
    "const fs = require('fs');\napp.post('/up', upload.single('f'), (req, res) => { fs.readFile(req.file.path, () => {}); });",
    "const fs = require('fs');\nfs.readFileSync('./config.json');",
    // `send` refuses `..` in a path nothing normalised.
    "app.get('/static/*', (req, res) => { res.sendFile(`${STATIC_DIR}/${req.params[0]}`); });",
    "const fs = require('fs');\napp.get('/f', (req, res) => { const allowed = ['a.txt', 'b.txt']; const f = req.query.f; if (!allowed.includes(f)) return res.end(); fs.readFile(f, () => {}); });",
  ],
  invalid: [
    { code: c1, errors: [at(c1, "path.join(__dirname, 'files', req.query.name)", 'request:direct')], output: c1.replace("req.query.name)", 'path.basename(req.query.name))') },
    { code: c2, errors: [at(c2, 'req.params.file', 'request:direct', 0)] },
    { code: c3, errors: [at(c3, "'./data/' + name", 'request:direct')] },
    { code: c4, errors: [at(c4, 'p', 'request:summary', { after: 'readFileSync(p' })] },
  ],
});

const p1 = "import os\nfrom flask import request, send_file\n\n@app.route('/dl')\ndef dl():\n    return send_file(os.path.join('/srv/files', request.args['name']))";
const p2 = "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/read/{name}')\ndef read(name: str):\n    with open(f'/data/{name}') as fh:\n        return fh.read()";

ruleTester('path-traversal', 'python', {
  valid: [
    "from flask import request, send_from_directory\n@app.route('/dl')\ndef dl():\n    return send_from_directory('/srv/files', request.args['name'])",
    "import os\nfrom flask import request\n@app.route('/dl')\ndef dl():\n    return open(os.path.join('/srv', os.path.basename(request.args['name']))).read()",
    "from werkzeug.utils import secure_filename\nfrom flask import request\n@app.route('/up', methods=['POST'])\ndef up():\n    f = request.files['f']\n    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))",
    "def read():\n    with open('settings.ini') as fh:\n        return fh.read()",
  ],
  invalid: [
    { code: p1, errors: [at(p1, "os.path.join('/srv/files', request.args['name'])", 'request:direct')], output: p1.replace("request.args['name'])", "os.path.basename(request.args['name']))") },
    { code: p2, errors: [at(p2, "f'/data/{name}'", 'request:direct')] },
  ],
});
