import { at, ruleTester } from '../harness';

const c1 = "const http = require('http');\nhttp.createServer((req, res) => {\n  let body = '';\n  req.on('data', (chunk) => { body += chunk; });\n  req.on('end', () => res.end(body));\n});";
const c2 = "const multer = require('multer');\nconst upload = multer({ dest: 'uploads/' });";
const c3 = "const multer = require('multer');\nconst upload = multer();";
// Used for files somewhere, or for fields only in one route and files in another: still a finding.
// A request this code sent: its `data` events are the upstream's response (fresh sample HH: node-apn and a push
// adapter read APNs' answer on an HTTP/2 client stream). Bound to anything else too, or taken from Koa's ctx, it is still input.
const c5 = "function serve(ctx) {\n  let body = '';\n  const req = ctx.req;\n  req.on('data', (chunk) => { body += chunk; });\n}";
const c6 = "function relay(session, incoming, h) {\n  let data = '';\n  let request = incoming;\n  if (h) request = session.request(h);\n  request.on('data', (chunk) => { data += chunk; });\n}";
// A concise arrow's body is the accumulation too (fresh sample AU: an S3 emulator's XML and text body parsers,
// `d => (payload += d.toString('utf8'))`); one that only counts or hashes the chunks keeps nothing.
const c7 = "function readAll(req) {\n  const parts = [];\n  req.on('data', (part) => parts.push(part));\n  req.on('end', () => done(Buffer.concat(parts)));\n}";
const c8 = "async function textBody(ctx) {\n  const { req } = ctx;\n  let text = '';\n  req.on('data', (d) => (text += d.toString('utf8')));\n}";
// A request that emits `response` is one this code sent: `data` read inside that listener is the upstream's answer (fresh
// sample BH: two social-network API clients read the decompressed reply from their `request` object). Inside another
// object's `response` listener, an incoming request's body is still input (a proxy reading its client's body).
const c9 = "function call(opts, done) {\n  const req = request.post(opts);\n  let body = '';\n  req.on('response', (res) => {\n    req.on('data', (chunk) => { body += chunk.toString('utf8'); });\n    req.on('end', () => done(res, body));\n  });\n}";
const c10 = "http.createServer((req, res) => {\n  const up = http.request(target);\n  let body = '';\n  up.on('response', (answer) => {\n    req.on('data', (chunk) => { body += chunk; });\n  });\n});";
const c4 = "import multer from 'multer';\nconst upload = multer();\nrouter.use(upload.none());\nrouter.post('/avatar', upload.single('file'), save);";

ruleTester('unbounded-input', 'javascript', {
  valid: [
    "const http = require('http');\nhttp.createServer((req, res) => {\n  let body = '';\n  req.on('data', (chunk) => {\n    body += chunk;\n    if (body.length > 1e6) req.destroy();\n  });\n});",
    "const multer = require('multer');\nconst upload = multer({ dest: 'uploads/', limits: { fileSize: 5 * 1024 * 1024 } });",
    "stream.on('data', (chunk) => { body += chunk; });",
    "const multer = require('multer');\nconst upload = multer(options);",
    // Fields only: `.none()` rejects every file (fresh held-out sample: automatisch's webhook router)
    "import multer from 'multer';\nconst router = Router();\nconst upload = multer();\n\nrouter.use(upload.none());",
    "const multer = require('multer');\napp.post('/form', multer().none(), (req, res) => res.json(req.body));",
    "function send(session, headers) {\n  let data = '';\n  const request = session.request(headers);\n  request.on('data', (chunk) => { data += chunk; });\n}",
    "function send(session, headers) {\n  return new Promise((resolve) => {\n    let req;\n    try {\n      req = session.request(headers);\n    } catch (e) { return resolve(null); }\n    let out = '';\n    req.on('data', (chunk) => { out += chunk; });\n  });\n}",
    "function measure(req) {\n  let seen = 0;\n  req.on('data', (d) => (seen += d.length));\n}",
    "function digest(req, hash) {\n  req.on('data', (d) => hash.update(d));\n}",
    "const https = require('https');\nfunction fetchIt(url) {\n  const chunks = [];\n  const req = https.get(url);\n  req.on('data', (c) => { chunks.push(c); });\n}",
    c9,
    "Stream.prototype.open = function () {\n  this.request.on('response', (res) => {\n    let body = '';\n    this.request.on('data', (chunk) => { body += chunk; });\n  });\n};",
  ],
  invalid: [
    { code: c1, errors: [at(c1, 'body += chunk;', 'stream')] },
    { code: c2, errors: [at(c2, "multer({ dest: 'uploads/' })", 'upload')] },
    { code: c3, errors: [at(c3, 'multer()', 'upload')] },
    { code: c4, errors: [at(c4, 'multer()', 'upload')] },
    { code: c5, errors: [at(c5, 'body += chunk;', 'stream')] },
    { code: c6, errors: [at(c6, 'data += chunk;', 'stream')] },
    { code: c7, errors: [at(c7, 'parts.push(part)', 'stream')] },
    { code: c8, errors: [at(c8, "(text += d.toString('utf8'))", 'stream')] },
    { code: c10, errors: [at(c10, 'body += chunk;', 'stream')] },
  ],
});

const p1 = "from flask import Flask, request\napp = Flask(__name__)\n\n@app.route('/ingest', methods=['POST'])\ndef ingest():\n    raw = request.get_data()\n    return str(len(raw))";
const p2 = "from flask import Flask, request\napp = Flask(__name__)\n\n@app.route('/up', methods=['POST'])\ndef up():\n    f = request.files['file']\n    data = f.read()";

ruleTester('unbounded-input', 'python', {
  valid: [
    "from flask import Flask, request\napp = Flask(__name__)\napp.config['MAX_CONTENT_LENGTH'] = 16 * 1024 * 1024\n@app.route('/ingest', methods=['POST'])\ndef ingest():\n    return str(len(request.get_data()))",
    "from flask import Flask, request\napp = Flask(__name__)\n@app.route('/head', methods=['POST'])\ndef head():\n    return request.stream.read(1024)",
    "def read_config():\n    with open('c.ini') as fh:\n        return fh.read()",
  ],
  invalid: [
    { code: p1, errors: [at(p1, 'request.get_data()', 'body')] },
    { code: p2, errors: [at(p2, 'f.read()', 'upload')] },
  ],
});
