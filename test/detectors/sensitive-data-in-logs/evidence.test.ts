// The policy's second evidence: what the file's own writes show a secret-named value to be (fresh sample UU,
// iobroker adapters). A field only ever set to inert values (a connection nonce made of the time and a random
// number) or an object whose secret fields were overwritten or deleted before the line (a masked copy of a token
// response) is shown at low confidence; a value the file also sets from elsewhere, or masks only after the line,
// keeps the name's verdict.
import { at, ruleTester } from '../harness';

const jsNonce = "function connect(client) {\n  client.__secret = `${Date.now()}_${Math.round(Math.random() * 10000)}`;\n}\nfunction ping(client) {\n  adapter.log.info(`Client ${client.id} connected with secret ${client.__secret}`);\n}";
const jsNonceAndKey = "function connect(client) {\n  client.__secret = `${Date.now()}`;\n}\nfunction ping(client, res) {\n  client.__secret = res.data.secret;\n  log.info(`secret ${client.__secret}`);\n}";
const jsFlag = "let verifyToken = false;\nfunction on() {\n  verifyToken = a === b;\n  log.debug('verify', verifyToken);\n}";
const jsMasked = "function login(response) {\n  const token = Object.assign({}, response.data);\n  if (token.refresh_token) token.refresh_token = 'unknown';\n  if (token.access_token) token.access_token = 'unknown';\n  this.log.debug(JSON.stringify(token));\n}";
const jsDeleted = "function start(cfg) {\n  const credentials = { ...cfg.credentials };\n  delete credentials.password;\n  logger.info('connecting with', credentials);\n}";
const jsMaskedAfter = "function login(response) {\n  const token = Object.assign({}, response.data);\n  this.log.debug(JSON.stringify(token));\n  token.access_token = 'unknown';\n}";
const jsMaskedOther = "function login(response, copy) {\n  const token = response.data;\n  copy.access_token = 'unknown';\n  this.log.debug(JSON.stringify(token));\n}";
const jsSetLater = "let token = '';\nasync function refresh(res) {\n  token = res.data.access_token;\n  log.debug(`token ${token}`);\n}";
const jsSetInside = "let token = false;\nasync function refresh(res) {\n  token = res.data.access_token;\n}\nfunction show() {\n  log.debug(`token ${token}`);\n}";
const jsDestructured = "let token = 0;\nfunction refresh(res) {\n  ({ token } = res.data);\n  log.debug(`token ${token}`);\n}";
// A route that exists to be logged to (prior sample T: uibuilder's `POST /_clientLog` of browser log text): its body is
// low; a route of another name, even one ending in `log` as a word part (`/blog`), keeps medium.
const jsLogRoute = "const logUrl = '/_clientLog';\nrouter.post(logUrl, express.text(), (req, res) => {\n  log.trace(`client log: ${req.body}`);\n  res.status(204).end();\n});";
const jsLogRouteLit = "app.post('/api/logs', (req, res) => {\n  console.log(req.body);\n  res.end();\n});";
const jsBlogRoute = "app.post('/blog', (req, res) => {\n  console.log(req.body);\n  res.end();\n});";
const jsRandomKey = "function connect(client) {\n  client.__secret = crypto.randomBytes(16).toString('hex');\n  log.info(`secret ${client.__secret}`);\n}";
const jsTwo = "function connect(client, password) {\n  client.__secret = `${Date.now()}`;\n  log.info(`secret ${client.__secret} ${password}`);\n}";

ruleTester('sensitive-data-in-logs', 'javascript', {
  valid: [
    // Under a secret key, a value named for something about the secret is that thing: an id, a flag, a name.
    "logger.info({ token: tokenId, password: isPasswordSet });",
    "logger.info('created', { apiKey: apiKeyName, secret: this.secretArn });",
    // ASP.NET's anti-forgery token, scraped from a public login form (fresh sample UU: iobroker.wolf-smartset).
    "this.log.debug(`requestVerificationToken: ${requestVerificationToken}`);",
  ],
  invalid: [
    { code: jsNonce, errors: [{ ...at(jsNonce, 'client.__secret', 'secret', { after: 'secret ${' }), confidence: 'low' }] },
    { code: jsFlag, errors: [{ ...at(jsFlag, 'verifyToken', 'secret', { after: "'verify', " }), confidence: 'low' }] },
    { code: jsMasked, errors: [{ ...at(jsMasked, 'token', 'secret', { after: 'stringify(' }), confidence: 'low' }] },
    { code: jsDeleted, errors: [{ ...at(jsDeleted, 'credentials', 'secret', { after: "with', " }), confidence: 'low' }] },
    { code: jsLogRoute, errors: [{ ...at(jsLogRoute, 'req.body', 'body'), confidence: 'low' }] },
    { code: jsLogRouteLit, errors: [{ ...at(jsLogRouteLit, 'req.body', 'body'), confidence: 'low' }] },
    { code: jsBlogRoute, errors: [{ ...at(jsBlogRoute, 'req.body', 'body'), confidence: 'medium' }] },
    // …what the file also sets from elsewhere, masks only after the line or on another object keeps the name's verdict
    { code: jsNonceAndKey, errors: [{ ...at(jsNonceAndKey, 'client.__secret', 'secret', { after: 'secret ${' }), confidence: 'high' }] },
    { code: jsMaskedAfter, errors: [{ ...at(jsMaskedAfter, 'token', 'secret', { after: 'stringify(' }), confidence: 'high' }] },
    { code: jsMaskedOther, errors: [{ ...at(jsMaskedOther, 'token', 'secret', { after: 'stringify(' }), confidence: 'high' }] },
    { code: jsSetLater, errors: [{ ...at(jsSetLater, 'token', 'secret', { after: 'token ${' }), confidence: 'high' }] },
    { code: jsSetInside, errors: [{ ...at(jsSetInside, 'token', 'secret', { after: 'token ${' }), confidence: 'high' }] },
    { code: jsDestructured, errors: [{ ...at(jsDestructured, 'token', 'secret', { after: 'token ${' }), confidence: 'high' }] },
    { code: jsRandomKey, errors: [{ ...at(jsRandomKey, 'client.__secret', 'secret', { after: 'secret ${' }), confidence: 'high' }] },
    // …a neutral name under a secret key is the secret; a verification token of another kind is one
    { code: "logger.info({ token: t, password: pw });", errors: [{ line: 1, column: 22, endLine: 1, endColumn: 23, kind: 'secret' }] },
    { code: "log.debug(`verify ${emailVerificationToken}`);", errors: [at("log.debug(`verify ${emailVerificationToken}`);", 'emailVerificationToken', 'secret')] },
    // …and another secret on the line is the one reported
    { code: jsTwo, errors: [{ ...at(jsTwo, 'password', 'secret', { after: '__secret} ${' }), confidence: 'high' }] },
  ],
});

const pyNonce = 'class Conn:\n    def open(self):\n        self._secret = "%d_%d" % (time.time(), random.randint(0, 9999))\n\n    def ping(self):\n        log.info("conn %s secret %s", self.id, self._secret)';
const pyMasked = 'def login(resp):\n    token = dict(resp.json())\n    token["access_token"] = "***"\n    log.debug("token %s", token)';
const pySetLater = 'class Client:\n    def __init__(self):\n        self.token = None\n\n    def auth(self, resp):\n        self.token = resp["token"]\n        log.debug("token %s", self.token)';
const pyMaskedAfter = 'def login(resp):\n    token = dict(resp.json())\n    log.debug("token %s", token)\n    token["access_token"] = "***"';

ruleTester('sensitive-data-in-logs', 'python', {
  valid: [
    'log.info("auth", extra={"token": token_type, "password": password_changed})',
    'log.info("auth %s", token=self.token_expiry)',
  ],
  invalid: [
    { code: pyNonce, errors: [{ ...at(pyNonce, 'self._secret', 'secret', { after: 'self.id, ' }), confidence: 'low' }] },
    { code: pyMasked, errors: [{ ...at(pyMasked, 'token', 'secret', { after: '"token %s", ' }), confidence: 'low' }] },
    { code: 'log.info("auth", extra={"token": tok})', errors: [at('log.info("auth", extra={"token": tok})', 'tok', 'secret', { after: ': tok' })] },
    { code: pySetLater, errors: [{ ...at(pySetLater, 'self.token', 'secret', { after: '"token %s", ' }), confidence: 'high' }] },
    { code: pyMaskedAfter, errors: [{ ...at(pyMaskedAfter, 'token', 'secret', { after: '"token %s", ' }), confidence: 'high' }] },
  ],
});

// A time formatted as text is inert too (fresh sample BC: a printer driver's copier and fax jobs read a device lock's
// `token` from the device, then, when it is free, set it to `time.strftime(...)` of now and log it). The write just
// before the read in its own block is the value logged, whatever else the function wrote to the name earlier; a write
// in a branch (an `elif` too) or a destructuring between them, or the same name set from a reply, keeps the level.
const pyStamp = 'def run(self):\n    while state != DONE:\n        if state == BUSY:\n            state = RESET\n        elif state == SUCCESS:\n            state = RESET\n        elif state == LOCK:\n            try:\n                code, token = self.dev.get_lock()\n            except DeviceError:\n                state = SETUP\n            else:\n                if code > MAX_OK:\n                    state = SETUP\n                else:\n                    token = time.strftime("%d%m%Y%H:%M:%S", time.gmtime())\n                    log.debug("Setting lock token: %s" % token)\n                    self.dev.set_lock(token)';
const pyStampAndReply = 'def start_job(self, dev, reply):\n    token = time.strftime("%H:%M:%S")\n    if reply:\n        token = reply["token"]\n    log.debug("Setting lock token: %s" % token)';
const pyStampThenRead = 'def start_job(self, dev):\n    token = time.strftime("%H:%M:%S")\n    code, token = dev.get_lock()\n    log.debug("Setting lock token: %s" % token)';
const pyStampThenElif = 'def start_job(self, dev, reply):\n    token = time.strftime("%H:%M:%S")\n    if not reply:\n        pass\n    elif reply.ok:\n        token = reply["token"]\n    log.debug("Setting lock token: %s" % token)';

ruleTester('sensitive-data-in-logs', 'python', {
  valid: [],
  invalid: [
    { code: pyStamp, errors: [{ ...at(pyStamp, 'token', 'secret', { after: '% ' }), confidence: 'low' }] },
    { code: pyStampAndReply, errors: [{ ...at(pyStampAndReply, 'token', 'secret', { after: '% ' }), confidence: 'high' }] },
    { code: pyStampThenRead, errors: [{ ...at(pyStampThenRead, 'token', 'secret', { after: '% ' }), confidence: 'high' }] },
    { code: pyStampThenElif, errors: [{ ...at(pyStampThenElif, 'token', 'secret', { after: '% ' }), confidence: 'high' }] },
  ],
});
