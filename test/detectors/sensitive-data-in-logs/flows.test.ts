// Cases the syntax alone cannot see: a secret renamed on the way, a helper that logs what it is
// given; and values derived from secrets that no longer are (lengths, hashes, masks, booleans).
import { at, ruleTester } from '../harness';

const H = (body: string) => `app.post('/login', async (req, res) => {\n${body}\n  res.end();\n});`;

ruleTester('sensitive-data-in-logs', 'javascript', {
  valid: [
    H("  const { password } = req.body;\n  const n = password.length;\n  console.log('length', n);"),
    H("  const { password } = req.body;\n  const digest = await bcrypt.hash(password, 10);\n  logger.info('hashed ' + digest);"),
    H("  const { password } = req.body;\n  const ok = Boolean(password);\n  logger.info({ ok });"),
    H("  const { token } = req.body;\n  const shown = mask(token);\n  logger.info('token ' + shown);"),
    "function audit(msg) { logger.info(msg); }\n" + H("  audit('login for ' + req.body.email);"),
    // What a package's call returns is not the package's name (fresh held-out sample: dbgate's OAuth provider logs the claims).
    "const jwt = require('jsonwebtoken');\n" + H("  let payload = jwt.decode(req.query.t);\n  if (!payload) payload = jwt.decode(req.query.id);\n  logger.info({ payload });"),
    "import * as jwt from 'jsonwebtoken';\n" + H("  const claims = jwt.decode(req.query.t);\n  logger.info({ claims });"),
  ],
  invalid: [
    {
      // As in a real wiki adaptor: the login request's options, password included, logged whole.
      code: H("  const { username, password } = req.body;\n  const options = { url: '/login', data: { user: username, password: password } };\n  logger.log('Logging in:', options);"),
      errors: [{ line: 4, column: 29, endLine: 4, endColumn: 36, kind: 'secret', severity: 'warning' }],
    },
    {
      code: H("  const { password } = req.body;\n  const attempt = password;\n  logger.info('login ' + attempt);"),
      errors: [{ line: 4, column: 15, endLine: 4, endColumn: 33, kind: 'secret', severity: 'warning' }],
    },
    {
      // A token held in a value (not the package) still is one.
      code: H("  const jwt = await issue(req.user);\n  const claims = jwt.decode();\n  logger.info({ claims });"),
      errors: [{ line: 4, column: 15, endLine: 4, endColumn: 25, kind: 'secret', confidence: 'high' }],
    },
    {
      code: "function audit(what) {\n  logger.info(what);\n}\n" + H('  const { apiKey } = req.body;\n  audit(apiKey);'),
      errors: [{ line: 2, column: 15, endLine: 2, endColumn: 19, kind: 'secret', confidence: 'low' }],
    },
  ],
});

const F = (body: string) => `import logging\nfrom flask import Flask, request\napp = Flask(__name__)\n@app.route("/signup", methods=["POST"])\ndef signup():\n${body}\n    return "ok"`;
const pyAlias = F('    data = request.json\n    print(data)');
const pyForm = F('    form = request.form\n    payload = form\n    logging.info("signup %s", payload)');
const djAlias = 'import logging\nlogger = logging.getLogger(__name__)\ndef signup(request):\n    body = request.POST\n    logger.debug(body)\n    return None';

ruleTester('sensitive-data-in-logs', 'python', {
  valid: [
    F('    data = request.json\n    print(data["email"])'),
    F('    data = request.json\n    logging.info("keys %s", len(data))'),
    F('    args = request.args\n    page = args.get("page")\n    print(page)'),
    'import logging\nfrom flask import Flask, request\napp = Flask(__name__)\n@app.route("/login", methods=["POST"])\ndef login():\n    password = request.form["password"]\n    n = len(password)\n    logging.info("length %s", n)\n    return "ok"',
  ],
  invalid: [
    {
      code: 'import logging\nfrom flask import Flask, request\napp = Flask(__name__)\n@app.route("/login", methods=["POST"])\ndef login():\n    password = request.form["password"]\n    attempt = password\n    logging.info("login %s", attempt)\n    return "ok"',
      errors: [{ line: 8, column: 30, endLine: 8, endColumn: 37, kind: 'secret' }],
    },
    // The whole body through an alias (Flask `json`/`form`, Django `POST`), as JS's `req.body` already is.
    { code: pyAlias, errors: [{ ...at(pyAlias, 'data', 'body', { after: 'print(data' }), confidence: 'medium' }] },
    { code: pyForm, errors: [at(pyForm, 'payload', 'body', { after: '"signup %s", payload' })] },
    { code: djAlias, errors: [at(djAlias, 'body', 'body', { after: 'logger.debug(body' })] },
  ],
});
