// Loopback peers and test certificates (issue 10): `rejectUnauthorized: false` towards `localhost` is info at
// most, anywhere; in a test file every finding of the rule is info at low confidence (core/test-files.ts).
import { at, ruleTester } from '../harness';

const js = "https.request({ host: 'localhost', port: 8443, rejectUnauthorized: false });";
const jsUrl = "https.get('https://127.0.0.1:8443/health', { rejectUnauthorized: false }, cb);";
const jsRemote = "https.request({ host: 'api.acme.io', rejectUnauthorized: false });";
const jsTest = "const agent = new https.Agent({ rejectUnauthorized: false });\nawait fetch(url, { agent });";
const py = 'import requests\nr = requests.get("https://localhost:8443/health", verify=False)';
const pyRemote = 'import requests\nr = requests.get("https://api.acme.io/health", verify=False)';
// A bare host name names the peer too (its closing quote used to hide it).
const pyHost = 'client = vault.Client(host="localhost", port=8200, verify=False)';
const pyHostRemote = 'client = vault.Client(host="vault.acme.io", port=8200, verify=False)';
// A context whose function talks only to itself (fresh held-out sample: cheroot's `_loopback_for_cert` parses a
// certificate over a `socket.socketpair()`) or only to localhost has no network peer to impersonate.
const pyPair = 'def loopback_for_cert(cert, key):\n    context = ssl.create_default_context()\n    context.load_cert_chain(cert, key)\n    context.check_hostname = False\n    context.verify_mode = ssl.CERT_NONE\n    client, server = socket.socketpair()';
const pyLocal = 'def probe():\n    ctx = ssl.create_default_context()\n    ctx.verify_mode = ssl.CERT_NONE\n    sock = socket.create_connection(("127.0.0.1", 8443))\n    return ctx.wrap_socket(sock)';
const pyRemoteSock = 'def probe(host):\n    ctx = ssl.create_default_context()\n    ctx.verify_mode = ssl.CERT_NONE\n    sock = socket.create_connection(("127.0.0.1", 8443))\n    other = socket.create_connection((host, 443))';

// The host through a constant of the file (fresh sample: maildev's healthcheck, `const HOST = '127.0.0.1'`, the plan
// built with `host: HOST`, the flag spread in when the probe is HTTPS): every host the file names is loopback.
const probe = (host: string) => `const HOST = ${host};\nfunction plan(env) {\n  return { host: HOST, port: 1080, secure: env.HTTPS === '1' };\n}\nfunction check(plan) {\n  const options = {\n    host: plan.host,\n    port: plan.port,\n    ...(plan.secure ? { rejectUnauthorized: false } : {}),\n  };\n  return https.request(options);\n}`;
const probeLocal = probe("'127.0.0.1'");
const probeRemote = probe("'mail.acme.io'");
const constHost = "const HOST = 'localhost';\nhttps.request({ host: HOST, rejectUnauthorized: false });";
const mixed = "const HOST = 'localhost';\nhttps.request({ host: HOST, path: '/a' });\nhttps.request({ host: opts.host, rejectUnauthorized: false });\nconnect({ host: process.env.UPSTREAM });";

ruleTester('tls-verification-disabled', 'javascript', {
  valid: [],
  invalid: [
    { code: probeLocal, errors: [{ ...at(probeLocal, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    { code: constHost, errors: [{ ...at(constHost, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }] },
    // a remote constant, or a file whose hosts are not all loopback, keeps the finding
    { code: probeRemote, errors: [{ ...at(probeRemote, 'rejectUnauthorized: false'), severity: 'warning', confidence: 'medium' }] },
    { code: mixed, errors: [{ ...at(mixed, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }] },
    { code: js, errors: [{ ...at(js, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }], output: js.replace('false', 'true') },
    { code: jsUrl, errors: [{ ...at(jsUrl, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }], output: jsUrl.replace('false', 'true') },
    { code: jsRemote, errors: [{ ...at(jsRemote, 'rejectUnauthorized: false'), severity: 'error', confidence: 'high' }], output: jsRemote.replace('false', 'true') },
    { code: jsTest, path: 'test/https/https.test.js', errors: [{ ...at(jsTest, 'rejectUnauthorized: false'), severity: 'info', confidence: 'low' }], output: jsTest.replace('false', 'true') },
    { code: py, language: 'python', errors: [{ ...at(py, 'verify=False'), severity: 'info', confidence: 'low' }], output: py.replace('verify=False', 'verify=True') },
    { code: pyPair, language: 'python', errors: [
      { ...at(pyPair, 'context.check_hostname = False'), severity: 'info', confidence: 'low' },
      { ...at(pyPair, 'context.verify_mode = ssl.CERT_NONE'), severity: 'info', confidence: 'low' },
    ] },
    { code: pyLocal, language: 'python', errors: [{ ...at(pyLocal, 'ctx.verify_mode = ssl.CERT_NONE'), severity: 'info', confidence: 'low' }] },
    { code: pyRemoteSock, language: 'python', errors: [{ ...at(pyRemoteSock, 'ctx.verify_mode = ssl.CERT_NONE'), confidence: 'high' }] },
    { code: pyHost, language: 'python', errors: [{ ...at(pyHost, 'verify=False'), severity: 'info', confidence: 'low' }], output: pyHost.replace('verify=False', 'verify=True') },
    { code: pyHostRemote, language: 'python', errors: [{ ...at(pyHostRemote, 'verify=False'), severity: 'error', confidence: 'high' }], output: pyHostRemote.replace('verify=False', 'verify=True') },
    { code: pyRemote, language: 'python', errors: [{ ...at(pyRemote, 'verify=False'), severity: 'error', confidence: 'high' }], output: pyRemote.replace('verify=False', 'verify=True') },
  ],
});
