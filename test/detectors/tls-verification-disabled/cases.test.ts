import { at, ruleTester } from '../harness';

const named = "if (argList['insecure-certificate']) {\n  connObj.tls.rejectUnauthorized = false;\n}";
const branch = "if (process.env.CI) {\n  connObj.tls.rejectUnauthorized = false;\n}";
const pyNamed = 'def context(validate_certs):\n    ctx = ssl.create_default_context()\n    if not validate_certs:\n        ctx.verify_mode = ssl.CERT_NONE\n    return ctx';
const pyBranch = 'if os.environ.get("CI"):\n    ctx.check_hostname = False';
const always = 'const agent = new https.Agent({ rejectUnauthorized: false });';
// A TLS server asking for an optional client certificate (fresh held-out sample: whistle's lib/https/ca.js)
const clientCert = "const opts = requestCert\n  ? extend({\n      requestCert: true,\n      rejectUnauthorized: false\n    }, cert)\n  : cert;\nhttps.createServer(opts, handler);";
const clientCertOff = "https.createServer({ key, cert, requestCert: false, rejectUnauthorized: false }, handler);";
const serverVar = "if (argv.ssl) {\n  var sslOptions = { key: fs.readFileSync(k), cert: fs.readFileSync(c), rejectUnauthorized: false };\n  server = https.createServer(sslOptions, app);\n}";
const serverAndClient = "const tlsOpts = { key, cert, rejectUnauthorized: false };\nhttps.createServer(tlsOpts, app);\nhttps.request({ ...tlsOpts, host: upstream });";
// a server's options filled in per certificate kind in a `let` (fresh sample: jsreport-express' credentials); assigned, read by a client too, they count
const serverAssigned = "let credentials = {};\nif (cfg.cert) {\n  credentials = { key, cert, rejectUnauthorized: false };\n}\nserver = https.createServer(credentials, app);";
const assignedAndClient = "let opts = {};\nopts = { key, cert, rejectUnauthorized: false };\nhttps.createServer(opts, app);\nhttps.request(opts);";
// a switch over the operator's TLS mode (fresh sample: evershop's DB_SSLMODE): a case named for no verification is the
// operator's choice; another case is a branch as an `if` is
const switchNamed = "switch (process.env.DB_SSLMODE) {\n  case 'no-verify':\n    setting.ssl = { rejectUnauthorized: false };\n    break;\n  default:\n    setting.ssl = false;\n}";
const switchOther = "switch (env) {\n  case 'staging':\n    agent = new https.Agent({ rejectUnauthorized: false });\n}";
// A mode value that names the unverified choice (fresh sample AL: a payment terminal client's certificate path set to
// "unencrypted" by its caller); a comparison with another value is a branch.
const modeNamed = 'if (terminalCertPath == "unencrypted") {\n  this.agentOptions = { rejectUnauthorized: false };\n}';
const modeOther = 'if (terminalCertPath == "default") {\n  this.agentOptions = { rejectUnauthorized: false };\n}';
const proxyServer = "httpProxy.createServer({ target: upstream, rejectUnauthorized: false }).listen(8000);";
// A crawler's own switch for invalid certificates, with another test beside it (fresh held-out sample: simplecrawler's
// `if (client === https && crawler.ignoreInvalidSSL)`); a switch that says nothing about certificates stays medium.
const ignoreInvalid = "if (client === https && crawler.ignoreInvalidSSL) {\n  client.rejectUnauthorized = false;\n  client.strictSSL = false;\n}";
// The caller's own flag turned off, translated into the agent's option (fresh held-out sample GG: an HTTP client mapping
// `strictSSL === false` onto `rejectUnauthorized`), or a loopback host test: the caller's choice; a default for an unset flag stays medium.
const flagOff = "if (self.strictSSL === false) {\n  self.rejectUnauthorized = false;\n}\nif (!options.rejectUnauthorized) agentOptions.strictSSL = false;";
const loopbackTest = "if (this._trustLocal && /^(?:localhost|127\\.0\\.0\\.\\d+)$/.test(url.hostname)) {\n  options.rejectUnauthorized = false;\n}";
const notLoopback = "if (!isLocalhost(url.hostname)) {\n  options.rejectUnauthorized = false;\n}\nif (url.hostname !== 'localhost') agent.strictSSL = false;";
// A snake_case setting from the operator's config turned off (fresh held-out sample PP: an MQTT bridge's
// `reject_unauthorized`); its default, the setting left unset, stays medium.
const snakeOff = "if (mqtt.reject_unauthorized !== undefined && !mqtt.reject_unauthorized) {\n  options.rejectUnauthorized = false;\n}";
const snakeUnset = "if (mqtt.reject_unauthorized === undefined) {\n  options.rejectUnauthorized = false;\n}";
const flagDefault = "if (opts.rejectUnauthorized === undefined) {\n  opts.rejectUnauthorized = false;\n}";
const ignoreOther = "if (client === https && crawler.ignoreRobotsTxt) {\n  client.rejectUnauthorized = false;\n}";
const invalidCert = 'const certOpts = () =>\n  allowInvalidCert\n    ? { rejectUnauthorized: false }\n    : { cert: fs.readFileSync(opt.local_cert) };';
const pyNoVerifyFn = 'def load_ssl_context_no_verify(self):\n    context = self._create_default_ssl_context()\n    context.check_hostname = False\n    context.verify_mode = ssl.CERT_NONE\n    return context';
// A probe of the running Python decides nothing (fresh sample AD: an iLO client's `if hasattr(ssl, 'create_default_context'):`
// around CERT_NONE, a switch's driver's `if hasattr(ssl, '_create_unverified_context'):`): a name Python 3 has makes the branch
// always run (high); a Python 2 name makes it dead code (low); the opt-in switch around a probe still counts.
const pyProbe = 'import ssl\nif hasattr(ssl, "create_default_context"):\n    ctx = ssl.create_default_context()\n    ctx.verify_mode = ssl.CERT_NONE';
const pyPrivateProbe = "def https_context():\n    if hasattr(ssl, '_create_unverified_context'):\n        return ssl._create_unverified_context()";
// … inside a function named for the unverified variant (held-out sample GG: pyVmomi's `SmartConnectNoSSL`) the caller chose it: low.
const pyNoSslFn = "def SmartConnectNoSSL(host):\n    if hasattr(ssl, '_create_unverified_context'):\n        ctx = ssl._create_unverified_context()";
const pyDeadProbe = 'if hasattr(ssl, "sslwrap_simple"):\n    sock = ssl.sslwrap_simple(raw, cert_reqs=ssl.CERT_NONE)';
// … at any depth (fresh sample JJ: eventlet's green ssl module defines a Python 2 `sslwrap_simple` under `if hasattr(__ssl, 'sslwrap_simple'):`).
const pyDeadShim = "__ssl = __import__('ssl')\nif hasattr(__ssl, 'sslwrap_simple'):\n    def sslwrap_simple(sock):\n        return GreenSSLSocket(sock, cert_reqs=CERT_NONE)";
const pyLiveShim = "__ssl = __import__('ssl')\nif hasattr(__ssl, 'SSLContext'):\n    def wrap(sock):\n        return GreenSSLSocket(sock, cert_reqs=CERT_NONE)";
const pyProbeInSwitch = "if self.ca_certs == 'DISABLE':\n    if hasattr(ssl, '_create_unverified_context'):\n        kwargs['context'] = ssl._create_unverified_context()";
// The caller's switch picks the mode in an assignment too (fresh held-out sample RR: a downloader's
// `context.verify_mode = ssl.CERT_REQUIRED if opts_check_certificate else ssl.CERT_NONE`); a switch about something else stays medium.
const pyModeSwitch = 'context.verify_mode = ssl.CERT_REQUIRED if opts_check_certificate else ssl.CERT_NONE';
const pyModeOther = 'context.verify_mode = ssl.CERT_REQUIRED if use_proxy else ssl.CERT_NONE';
const pyPlainFn = 'def load_ssl_context(self):\n    context = self._create_default_ssl_context()\n    context.check_hostname = False\n    return context';
const pyOwnMatch = 'def wrap_socket(self, sock, host):\n    ctx = ssl.SSLContext(self.version)\n    ctx.check_hostname = False\n    ctx.verify_mode = self.validate\n    s = ctx.wrap_socket(sock)\n    if self.validate == ssl.CERT_REQUIRED:\n        check_hostname(s, host, self.valid_names)\n    return s';
// The module matches certificates to host names in a function of its own (fresh held-out sample: Mercurial's sslutil.py,
// wrapsocket() then validatesocket() -> _verifycert(cert, hostname)); a module without one is still high.
const pyOwnVerifier = 'def wrapsocket(sock, ui, serverhostname=None):\n    sslcontext = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n    # We check the hostname ourselves in _verifycert\n    sslcontext.check_hostname = False\n    return sslcontext.wrap_socket(sock, server_hostname=serverhostname)\n\ndef _verifycert(cert, hostname):\n    return _dnsnamematch(cert[\'subject\'], hostname)';
// CERT_NONE as one side of a conditional on the caller's verify switch (fresh held-out sample DD: an HTTP CLI's `--verify=no`)
// A client class whose certificate mode defaults to none (seen in a Debian IMAP library): callers that leave it out are
// unauthenticated; a default that checks, or none, is fine; inside a shim for a Python without SSLContext, shown only.
const pyDefaultNone = 'class IMAP4_SSL:\n    def __init__(self, host, port=993, cert_reqs=ssl.CERT_NONE):\n        self.cert_reqs = cert_reqs';
const pyTypedDefaultNone = 'def connect(host: str, cert_reqs: int = CERT_NONE):\n    return wrap(host, cert_reqs=cert_reqs)';
const pyDefaultShim = "__ssl = __import__('ssl')\nif hasattr(__ssl, 'sslwrap_simple'):\n    def sslwrap_simple(sock, cert_reqs=CERT_NONE):\n        return GreenSSLSocket(sock, cert_reqs=cert_reqs)";
const pyTernary = 'def make_context(verify):\n    return create_urllib3_context(cert_reqs=ssl.CERT_REQUIRED if verify else ssl.CERT_NONE)';
const pyTernaryOther = 'def make_context(legacy):\n    return create_urllib3_context(cert_reqs=ssl.CERT_NONE if legacy else ssl.CERT_REQUIRED)';
// A client's option handler: the `else` of a boolean read inside `elif name == "tls_verify":` (fresh sample AR: a
// Matrix chat plugin's `ssl_verify` setting, on by default) is the user's switch; the same toggle under another option stays medium.
const pyOptionToggle = (option: string) => `def on_option(self, name, option):\n    if name == "address":\n        self.reconnect()\n    elif name == "${option}":\n        on = cfg.boolean(option)\n        if on:\n            self.ctx.verify_mode = ssl.CERT_REQUIRED\n        else:\n            self.ctx.verify_mode = ssl.CERT_NONE`;
const pyVerifyToggle = pyOptionToggle('tls_verify');
const pyOtherToggle = pyOptionToggle('compat_mode');
// Inside the `else` of a verification switch, verification was asked for: an inner branch there stays medium.
const pyVerifyElse = 'if not verify:\n    pass\nelif legacy:\n    ctx.check_hostname = False';
const pyNoMatch = 'def wrap_socket(self, sock, host):\n    ctx = ssl.SSLContext(self.version)\n    ctx.check_hostname = False\n    ctx.verify_mode = self.validate\n    return ctx.wrap_socket(sock)';
// An HTTP client's pool of agents keyed by variant (fresh held-out sample: seneca's Wreck.defaults agents, where
// Wreck takes `httpsAllowUnauthorized` only for a request passing `rejectUnauthorized: false` itself): the caller's opt-in.
const agentSlots = "const wreck = Wreck.defaults({\n  agents: {\n    http: new Http.Agent({ keepAlive: true }),\n    https: new Https.Agent({ keepAlive: true }),\n    httpsAllowUnauthorized: new Https.Agent({ keepAlive: true, rejectUnauthorized: false }),\n  },\n});";
// An early exit unless the caller's switch named for the insecure choice is on (fresh sample VV: a container library's
// insecure agent made only after `allowInsecure()`): low, as inside `if (insecure)`; an exit on another test, on the
// verify switch being off, or a test that does not leave, keeps the finding.
const exitUnlessOptIn = "class Probe {\n  makeAgent() {\n    if (!this.acceptSelfSigned) {\n      return undefined;\n    }\n    return new Agent({ connect: { rejectUnauthorized: false } });\n  }\n}";
const exitUnlessOff = "function agentFor(opts) {\n  if (opts.insecure !== true) throw new Error('not allowed');\n  return new Agent({ rejectUnauthorized: false });\n}";
const exitOther = "function agentFor(opts) {\n  if (!opts.url) return undefined;\n  return new Agent({ rejectUnauthorized: false });\n}";
const exitVerifyOff = "function agentFor(opts) {\n  if (!opts.verifySsl) return undefined;\n  return new Agent({ rejectUnauthorized: false });\n}";
const noExit = "function agentFor(opts) {\n  if (!opts.insecure) log('checking certificates');\n  return new Agent({ rejectUnauthorized: false });\n}";
// A package's example configuration (fresh sample VV: a CLI's `exampleConfig.js` listing every option with placeholder
// values): documentation to copy and edit, low as an `examples/` folder is; the package's own config file keeps it.
const exampleConfig = "module.exports = {\n  auth: { username: 'you', password: 'yours' },\n  strictSSL: false,\n  timeout: 30000\n};";
const insecureSlot = "const tlsByMode = { verified: { ca }, insecure: { rejectUnauthorized: false } };";
// A branch on a local mode computed from the caller's switch (fresh sample AE: a proxy plugin picking its agent by
// `kind`, 'unverified' only when the route's own `rejectUnauthorized === false`): the caller's choice, low; a mode made
// of anything else stays a branch (medium).
const derivedMode = "function agentFor(protocol, route) {\n  const kind = protocol === 'http' ? 'http' : route.rejectUnauthorized === false ? 'unverified' : 'https';\n  if (kind === 'http') return new Http.Agent();\n  return kind === 'https' ? new Https.Agent() : new Https.Agent({ rejectUnauthorized: false });\n}";
const derivedOther = "function agentFor(protocol, env) {\n  const kind = protocol === 'http' ? 'http' : env === 'staging' ? 'staging' : 'https';\n  return kind === 'https' ? new Https.Agent() : new Https.Agent({ rejectUnauthorized: false });\n}";
// A lone slot, a slot not named for the choice, or an agent in a variable named insecure is still used as it is.
const loneSlot = "Wreck.agents = { httpsAllowUnauthorized: new Https.Agent({ rejectUnauthorized: false }) };";
const plainSlots = "const agents = { http: new Http.Agent(), https: new Https.Agent({ rejectUnauthorized: false }) };";
const insecureVar = "const insecureAgent = new Https.Agent({ rejectUnauthorized: false });\naxios.get(url, { httpsAgent: insecureAgent });";

ruleTester('tls-verification-disabled', 'typescript', {
  valid: [
    "const agent = new https.Agent({ rejectUnauthorized: true });",
    "const agent = new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === 'production' });",
    "// never use rejectUnauthorized: false in production\nconst a = 1;",
    "const help = 'set rejectUnauthorized: false to skip checks';",
    "interface Opts { rejectUnauthorized?: false }",
    "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';",
    "const browser = await puppeteer.launch({ headless: true, ignoreHTTPSErrors: false });",
    "const context = await browser.newContext({ ignoreHTTPSErrors: process.env.LOCAL_CERTS === '1' });",
    "// ignoreHTTPSErrors: true is for local self-signed certificates only\nconst a = 1;",
    "if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') console.warn('TLS checks are off');",
    { code: 'r = requests.get(url, verify=True)', language: 'python' },
    { code: 'def connect(host, cert_reqs=ssl.CERT_REQUIRED, verify=None):\n    return wrap(host, cert_reqs=cert_reqs)', language: 'python' },
    { code: 'def connect(host, cert_reqs=None, mode=ssl.CERT_OPTIONAL):\n    return wrap(host, cert_reqs=cert_reqs or ssl.CERT_REQUIRED)', language: 'python' },
    { code: 'r = requests.get(url, verify="/etc/ssl/ca.pem")', language: 'python' },
    { code: 'r = requests.get(url, verify=settings.VERIFY_TLS)', language: 'python' },
    { code: '# requests.get(url, verify=False) is insecure\nx = 1', language: 'python' },
    { code: 'model.save(verify=False)', language: 'python' },
    { code: 'conn = asyncpg.connect(dsn, ssl=False)', language: 'python' },
    { code: 'ctx = ssl.create_default_context()\nctx.check_hostname = True', language: 'python' },
    { code: 'NODE_TLS_REJECT_UNAUTHORIZED=1\n', language: 'dotenv' },
    { code: 'class Ctx:\n    def __init__(self):\n        self.check_hostname = False', language: 'python' },
    // a package's test scripts point the suite at local test servers (held-out sample: ltijs' "test" with mongodb-memory-server)
    { code: '{\n  "scripts": {\n    "test": "MONGOMS_VERSION=7.0.3 NODE_TLS_REJECT_UNAUTHORIZED=0 nyc mocha",\n    "test:e2e": "NODE_TLS_REJECT_UNAUTHORIZED=0 jest e2e"\n  }\n}', language: 'json', path: 'package.json' },
  ],
  invalid: [
    { code: "const agent = new https.Agent({ rejectUnauthorized: false });", errors: [{ line: 1, column: 33 }], output: "const agent = new https.Agent({ rejectUnauthorized: true });" },
    { code: "axios.get(url, {\n  httpsAgent: new Agent({ rejectUnauthorized: false }),\n});", errors: [{ line: 2, column: 27 }] },
    { code: "tls.connect({ host, port, 'rejectUnauthorized': false });", errors: 1 },
    { code: "request({ url, strictSSL: false });", errors: 1, output: "request({ url, strictSSL: true });" },
    { code: "const o = { checkServerIdentity: () => undefined };", errors: 1 },
    { code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", errors: [{ line: 1, column: 1 }], output: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';" },
    // an automated browser accepting any certificate (held-out sample: venom-bot's WhatsApp session browser);
    // in a test suite (a local server's self-signed certificate, the usual case) shown at low confidence
    { code: "const browser = await puppeteer.launch({\n  headless: true,\n  ignoreHTTPSErrors: true,\n});", errors: [{ line: 3, column: 3, endLine: 3, endColumn: 26, severity: 'error', confidence: 'medium' }], output: "const browser = await puppeteer.launch({\n  headless: true,\n  ignoreHTTPSErrors: false,\n});" },
    { code: "const driver = new Builder().withCapabilities({ acceptInsecureCerts: true }).build();", errors: [{ line: 1, column: 49, confidence: 'medium' }] },
    { code: "const browser = await puppeteer.launch({ ignoreHTTPSErrors: true });", path: 'test/e2e/login.test.js', errors: [{ line: 1, column: 42, severity: 'info', confidence: 'low' }] },
    { code: "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;", errors: 1, output: "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 1;" },
    { code: 'import requests\nr = requests.get(url, verify=False)', language: 'python', errors: [{ line: 2, column: 23 }], output: 'import requests\nr = requests.get(url, verify=True)' },
    { code: 'client = httpx.AsyncClient(verify=False)', language: 'python', errors: 1 },
    { code: 'import aiohttp\nasync with session.get(url, ssl=False) as r:\n    pass', language: 'python', errors: [{ line: 2, column: 29 }], output: 'import aiohttp\nasync with session.get(url, ssl=True) as r:\n    pass' },
    { code: 'ssl._create_default_https_context = ssl._create_unverified_context', language: 'python', errors: [{ line: 1, column: 37 }] },
    { code: 'ctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE', language: 'python', errors: [{ line: 1 }, { line: 2 }] },
    { code: 'session = requests.Session()\nsession.verify = False', language: 'python', errors: [{ line: 2 }], output: 'session = requests.Session()\nsession.verify = True' },
    { code: 'r = requests.get(url, verify=False)', language: 'python', path: 'tests/test_api.py', errors: 1 },
    // a verb of another API in a file with no HTTP client (fresh held-out sample: Mercurial's manifest.py, a revlog's
    // integrity check): low; an HTTP client's receiver, or a file importing one, is still read
    { code: 'class treemanifestctx:\n    def read(self):\n        return self._manifestlog.get(dir, subm, verify=False).read()', language: 'python', errors: [{ line: 3, column: 49, endLine: 3, endColumn: 61, severity: 'info', confidence: 'low' }] },
    { code: 'class Api:\n    def fetch(self):\n        return self.session.get(self.url, verify=False)', language: 'python', errors: [{ line: 3, column: 43, endLine: 3, endColumn: 55, confidence: 'high' }] },
    { code: 'import requests\n\nclass Api:\n    def fetch(self):\n        return self._backend.get(self.url, verify=False)', language: 'python', errors: [{ line: 5, column: 44, endLine: 5, endColumn: 56, confidence: 'high' }] },
    // the scripts that start the app keep it (a script merely named after tests does not hide it)
    { code: '{\n  "scripts": {\n    "start": "NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js",\n    "testimonials": "NODE_TLS_REJECT_UNAUTHORIZED=0 node t.js"\n  }\n}', language: 'json', path: 'package.json', errors: [{ line: 3 }, { line: 4 }] },
    { code: "if (opts.insecure) agentOptions.rejectUnauthorized = false;\nconst a = new Agent(opts.insecure ? { rejectUnauthorized: false } : {});", errors: [{ line: 1 }, { line: 2 }] },
    // a switch named for the insecure choice is the user's explicit opt-in: shown, not alarmed about
    { code: named, errors: [{ ...at(named, 'connObj.tls.rejectUnauthorized = false'), severity: 'info', confidence: 'low' }] },
    // the user's switch for an invalid local certificate (localtunnel's --allow-invalid-cert) is named for it too
    { code: invalidCert, errors: [{ ...at(invalidCert, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    { code: ignoreInvalid, errors: [{ ...at(ignoreInvalid, 'client.rejectUnauthorized = false'), severity: 'info', confidence: 'low' }, { ...at(ignoreInvalid, 'client.strictSSL = false'), severity: 'info', confidence: 'low' }] },
    { code: flagOff, errors: [{ ...at(flagOff, 'self.rejectUnauthorized = false'), severity: 'info', confidence: 'low' }, { ...at(flagOff, 'agentOptions.strictSSL = false'), severity: 'info', confidence: 'low' }] },
    { code: loopbackTest, errors: [{ ...at(loopbackTest, 'options.rejectUnauthorized = false'), severity: 'info', confidence: 'low' }] },
    { code: notLoopback, errors: [{ ...at(notLoopback, 'options.rejectUnauthorized = false'), severity: 'warning', confidence: 'medium' }, { ...at(notLoopback, 'agent.strictSSL = false'), severity: 'warning', confidence: 'medium' }] },
    { code: snakeOff, errors: [{ ...at(snakeOff, 'options.rejectUnauthorized = false'), severity: 'info', confidence: 'low' }] },
    { code: snakeUnset, errors: [{ ...at(snakeUnset, 'options.rejectUnauthorized = false'), severity: 'warning', confidence: 'medium' }] },
    { code: flagDefault, errors: [{ ...at(flagDefault, 'opts.rejectUnauthorized = false'), severity: 'warning', confidence: 'medium' }] },
    { code: ignoreOther, errors: [{ ...at(ignoreOther, 'client.rejectUnauthorized = false'), severity: 'warning', confidence: 'medium' }] },
    { code: branch, errors: [{ ...at(branch, 'connObj.tls.rejectUnauthorized = false'), severity: 'warning', confidence: 'medium' }] },
    { code: always, errors: [{ ...at(always, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: agentSlots, errors: [{ ...at(agentSlots, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    { code: exitUnlessOptIn, errors: [{ ...at(exitUnlessOptIn, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    { code: exitUnlessOff, errors: [{ ...at(exitUnlessOff, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    { code: exitOther, errors: [{ ...at(exitOther, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: exitVerifyOff, errors: [{ ...at(exitVerifyOff, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: noExit, errors: [{ ...at(noExit, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: exampleConfig, path: 'exampleConfig.js', errors: [{ ...at(exampleConfig, 'strictSSL: false'), severity: 'info', confidence: 'low' }] },
    { code: exampleConfig, path: 'config.sample.js', errors: [{ ...at(exampleConfig, 'strictSSL: false'), severity: 'info', confidence: 'low' }] },
    { code: exampleConfig, path: 'config.js', errors: [{ ...at(exampleConfig, 'strictSSL: false'), severity: 'error', confidence: 'high' }] },
    { code: derivedMode, errors: [{ ...at(derivedMode, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    { code: derivedOther, errors: [{ ...at(derivedOther, 'rejectUnauthorized: false'), severity: 'warning', confidence: 'medium' }] },
    { code: insecureSlot, errors: [{ ...at(insecureSlot, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    { code: loneSlot, errors: [{ ...at(loneSlot, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: plainSlots, errors: [{ ...at(plainSlots, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: insecureVar, errors: [{ ...at(insecureVar, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    // beside requestCert: true the flag is about the clients' certificates, shown with what to check, not alarmed about…
    { code: clientCert, errors: [{ ...at(clientCert, 'rejectUnauthorized: false', 'client-cert'), severity: 'info', confidence: 'low' }] },
    // …and without it a server's flag has no effect at all (drakov): shown as such, inline or through a variable only a server gets
    { code: clientCertOff, errors: [{ ...at(clientCertOff, 'rejectUnauthorized: false', 'server-no-effect'), severity: 'info', confidence: 'low' }] },
    { code: serverVar, errors: [{ ...at(serverVar, 'rejectUnauthorized: false', 'server-no-effect'), severity: 'info', confidence: 'low' }] },
    { code: serverAssigned, errors: [{ ...at(serverAssigned, 'rejectUnauthorized: false', 'server-no-effect'), severity: 'info', confidence: 'low' }] },
    { code: assignedAndClient, errors: [{ ...at(assignedAndClient, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: switchNamed, errors: [{ ...at(switchNamed, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    { code: switchOther, errors: [{ ...at(switchOther, 'rejectUnauthorized: false'), severity: 'warning', confidence: 'medium' }] },
    { code: modeNamed, errors: [{ ...at(modeNamed, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    { code: modeOther, errors: [{ ...at(modeOther, 'rejectUnauthorized: false'), severity: 'warning', confidence: 'medium' }] },
    // options a client call gets too, or a server of another module (a proxy connects out with them), keep the rule's own finding
    { code: serverAndClient, errors: [{ ...at(serverAndClient, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }], output: serverAndClient.replace('rejectUnauthorized: false', 'rejectUnauthorized: true') },
    { code: proxyServer, errors: [{ ...at(proxyServer, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }], output: proxyServer.replace('rejectUnauthorized: false', 'rejectUnauthorized: true') },
    { code: "const options = {};\noptions.rejectUnauthorized = false;", errors: [{ line: 2, column: 1 }], output: "const options = {};\noptions.rejectUnauthorized = true;" },
    { code: 'if not server_hostname:\n    ctx.check_hostname = False', language: 'python', errors: [{ line: 2 }] },
    // Python too: a library honouring its caller's `validate_certs=False` is shown, not alarmed about; another branch is an opt-in
    { code: pyNamed, language: 'python', errors: [{ ...at(pyNamed, 'ctx.verify_mode = ssl.CERT_NONE'), severity: 'info', confidence: 'low' }] },
    { code: pyBranch, language: 'python', errors: [{ ...at(pyBranch, 'ctx.check_hostname = False'), severity: 'warning', confidence: 'medium' }] },
    // the function named for the unverified variant is what the caller's verify=False dispatches to (httpx); another is not
    { code: pyNoVerifyFn, language: 'python', errors: [{ ...at(pyNoVerifyFn, 'context.check_hostname = False'), severity: 'info', confidence: 'low' }, { ...at(pyNoVerifyFn, 'context.verify_mode = ssl.CERT_NONE'), severity: 'info', confidence: 'low' }] },
    { code: pyPlainFn, language: 'python', errors: [{ ...at(pyPlainFn, 'context.check_hostname = False'), severity: 'error', confidence: 'high' }] },
    { code: pyModeSwitch, language: 'python', errors: [{ ...at(pyModeSwitch, pyModeSwitch), severity: 'info', confidence: 'low' }] },
    { code: pyModeOther, language: 'python', errors: [{ ...at(pyModeOther, pyModeOther), severity: 'warning', confidence: 'medium' }] },
    { code: pyProbe, language: 'python', errors: [{ ...at(pyProbe, 'ctx.verify_mode = ssl.CERT_NONE'), severity: 'error', confidence: 'high' }] },
    { code: pyPrivateProbe, language: 'python', errors: [{ ...at(pyPrivateProbe, 'ssl._create_unverified_context'), severity: 'error', confidence: 'high' }] },
    { code: pyNoSslFn, language: 'python', errors: [{ ...at(pyNoSslFn, 'ssl._create_unverified_context'), severity: 'info', confidence: 'low' }] },
    { code: pyDeadProbe, language: 'python', errors: [{ ...at(pyDeadProbe, 'cert_reqs=ssl.CERT_NONE'), severity: 'info', confidence: 'low' }] },
    { code: pyDeadShim, language: 'python', errors: [{ ...at(pyDeadShim, 'cert_reqs=CERT_NONE'), severity: 'info', confidence: 'low' }] },
    { code: pyLiveShim, language: 'python', errors: [{ ...at(pyLiveShim, 'cert_reqs=CERT_NONE'), severity: 'error', confidence: 'high' }] },
    { code: pyProbeInSwitch, language: 'python', errors: [{ ...at(pyProbeInSwitch, 'ssl._create_unverified_context'), severity: 'info', confidence: 'low' }] },
    // hostname checking off in a function that matches the peer's name itself after the handshake (ldap3): shown only
    { code: pyOwnMatch, language: 'python', errors: [{ ...at(pyOwnMatch, 'ctx.check_hostname = False'), severity: 'info', confidence: 'low' }] },
    { code: pyNoMatch, language: 'python', errors: [{ ...at(pyNoMatch, 'ctx.check_hostname = False'), severity: 'error', confidence: 'high' }] },
    { code: pyDefaultNone, language: 'python', errors: [{ ...at(pyDefaultNone, 'cert_reqs=ssl.CERT_NONE'), severity: 'warning', confidence: 'medium' }] },
    { code: pyTypedDefaultNone, language: 'python', errors: [{ ...at(pyTypedDefaultNone, 'cert_reqs: int = CERT_NONE'), severity: 'warning', confidence: 'medium' }] },
    { code: pyDefaultShim, language: 'python', errors: [{ ...at(pyDefaultShim, 'cert_reqs=CERT_NONE'), severity: 'info', confidence: 'low' }] },
    { code: pyTernary, language: 'python', errors: [{ ...at(pyTernary, 'cert_reqs=ssl.CERT_REQUIRED if verify else ssl.CERT_NONE'), severity: 'info', confidence: 'low' }] },
    { code: pyTernaryOther, language: 'python', errors: [{ ...at(pyTernaryOther, 'cert_reqs=ssl.CERT_NONE if legacy else ssl.CERT_REQUIRED'), severity: 'warning', confidence: 'medium' }] },
    { code: 'ctx = create_urllib3_context(cert_reqs=ssl.CERT_NONE)', language: 'python', errors: [{ line: 1, severity: 'error', confidence: 'high' }] },
    { code: pyVerifyToggle, language: 'python', errors: [{ ...at(pyVerifyToggle, 'self.ctx.verify_mode = ssl.CERT_NONE'), severity: 'info', confidence: 'low' }] },
    { code: pyOtherToggle, language: 'python', errors: [{ ...at(pyOtherToggle, 'self.ctx.verify_mode = ssl.CERT_NONE'), severity: 'warning', confidence: 'medium' }] },
    { code: pyVerifyElse, language: 'python', errors: [{ ...at(pyVerifyElse, 'ctx.check_hostname = False'), severity: 'warning', confidence: 'medium' }] },
    { code: pyOwnVerifier, language: 'python', errors: [{ ...at(pyOwnVerifier, 'sslcontext.check_hostname = False'), severity: 'info', confidence: 'low' }] },
    { code: 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0\n', language: 'dockerfile', errors: 1 },
    { code: 'env:\n  - name: NODE_TLS_REJECT_UNAUTHORIZED\n    value: "0"\n  NODE_TLS_REJECT_UNAUTHORIZED: "0"\n', language: 'yaml', errors: [{ line: 2 }, { line: 4 }] },
  ],
});

// `check_hostname = False` only when the caller gave no host name (fresh sample AT: a DNS library's DNS-over-TLS query
// to a bare address keeps the chain verified and skips the name match, as it must): shown, not alarmed about. With a
// host name given, in the `else:` of that test, or turning off the chain check under it, the finding keeps its level.
const pyNoName = 'def tls_query(where, server_hostname=None, ssl_context=None):\n    if ssl_context is None:\n        ssl_context = ssl.create_default_context()\n        if server_hostname is None:\n            ssl_context.check_hostname = False\n    return ssl_context';
const pyNameGiven = 'def tls_query(where, server_hostname=None):\n    ctx = ssl.create_default_context()\n    if server_hostname:\n        ctx.check_hostname = False\n    return ctx';
const pyNameElse = 'def tls_query(where, server_hostname=None):\n    ctx = ssl.create_default_context()\n    if server_hostname is None:\n        pass\n    else:\n        ctx.check_hostname = False\n    return ctx';
const pyNoNameChain = 'def tls_query(where, server_hostname=None):\n    ctx = ssl.create_default_context()\n    if not server_hostname:\n        ctx.verify_mode = ssl.CERT_NONE\n    return ctx';

ruleTester('tls-verification-disabled', 'python', {
  valid: [],
  invalid: [
    { code: pyNoName, errors: [{ ...at(pyNoName, 'ssl_context.check_hostname = False'), severity: 'info', confidence: 'low' }] },
    { code: pyNameGiven, errors: [{ ...at(pyNameGiven, 'ctx.check_hostname = False'), severity: 'warning', confidence: 'medium' }] },
    { code: pyNameElse, errors: [{ ...at(pyNameElse, 'ctx.check_hostname = False'), severity: 'warning', confidence: 'medium' }] },
    { code: pyNoNameChain, errors: [{ ...at(pyNoNameChain, 'ctx.verify_mode = ssl.CERT_NONE'), severity: 'warning', confidence: 'medium' }] },
  ],
});
