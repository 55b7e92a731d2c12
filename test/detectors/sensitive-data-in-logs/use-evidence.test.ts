// The policy's third evidence: what the file shows a logged value is used for (secret-use-evidence.ts; sample AP, the
// rule's ledger over forty-three samples and a fresh one of IoT plugins and Debian clients). A token named for another
// thing is a credential only where the file sends credentials; a pairing token shown so its owner can store it in the
// settings is delivered; a Python HTTP client's own request is what it sends. All are low, never dropped; the same
// shapes with the evidence keep the rule's confidence.
import { at, ruleTester } from '../harness';

// A database's random name, called a token (oslo.db's provisioning): no credential is sent anywhere in the file.
const pyDbToken = 'def provision(backend):\n    db_token = _random_ident()\n    log.info("CREATE BACKEND %s TOKEN %s", backend.url, db_token)';
// …the same name in a file that sends a bearer header is a credential after all.
const pyDbTokenSent = 'def provision(backend):\n    db_token = fetch()\n    headers = {"Authorization": "Bearer " + db_token}\n    log.info("TOKEN %s", db_token)';
// A token whose first word names the credential (`service_token`) keeps high in any file.
const pyServiceToken = 'def start(resp):\n    service_token = resp["token"]\n    log.info("TOKEN %s", service_token)';
// The TV's pairing token, printed while the adapter's setting is still empty (an ioBroker TV adapter).
const jsPairing = "function paired(remote) {\n  if (!adapter.config.token) {\n    adapter.log.info(`Token: ${remote.token}`);\n  }\n}";
// …and the message that says where to paste it (a homebridge TV plugin).
const jsPaste = "function saved(token) {\n  log.info(`Skip pairing next time by pasting this token into the token field of the config: ${token}`);\n}";
// Where the setting is filled, or the branch is on something else, the token is logged as any other.
const jsPairingSet = "function paired(remote) {\n  if (adapter.config.token) {\n    adapter.log.info(`Token: ${remote.token}`);\n  }\n}";
const jsOtherBranch = "function paired(remote) {\n  if (!adapter.config.host) {\n    adapter.log.info(`Token: ${remote.token}`);\n  }\n}";
// A session record's id logged under a `sessionId` key (an auth library's refresh flow): a key names no known origin, as
// in Python, so it is low; read from the request's cookies it is the web session's credential.
const jsSessionKey = "async function refresh(session) {\n  const updated = await sessions.update(session.id);\n  logger.debug('refreshed', { sessionId: updated.id });\n}";
const jsSessionCookie = "app.get('/', (req, res) => {\n  logger.debug('visit', { sessionId: req.cookies.sid });\n});";
// A Mastodon client's verbose request log: the `requests.Request` it is about to send (toot).
const pyClient = 'from requests import Request\n\ndef log_request(request: Request):\n    logger.debug(f"FILES: {request.files}")';
// A Flask view's request is a client's.
const pyServer = 'from flask import request\nfrom requests import get\n\ndef view():\n    logger.debug(f"FILES: {request.files}")';
// A console password generated where the setting is empty and logged so its operator can log in (fresh sample BA: a
// crawler's telnet console): delivered, low. Read from a form in that branch, or logged after the branch, it still counts.
const pyGenerated = 'def start(self, settings):\n    self.password = settings["CONSOLE_PASSWORD"]\n    if not self.password:\n        self.password = secrets.token_hex(8)\n        logger.info("Console password: %s", self.password)';
const pyFromForm = 'def start(self, form):\n    if not self.password:\n        self.password = form.get("password")\n        logger.info("Console password: %s", self.password)';
const pyAfterBranch = 'def start(self, settings):\n    if not self.password:\n        self.password = secrets.token_hex(8)\n    logger.info("Console password: %s", self.password)';

ruleTester('sensitive-data-in-logs', 'python', {
  valid: [],
  invalid: [
    { code: pyGenerated, errors: [{ ...at(pyGenerated, 'self.password', 'secret', { after: '%s", ' }), confidence: 'low' }] },
    { code: pyFromForm, errors: [{ ...at(pyFromForm, 'self.password', 'secret', { after: '%s", ' }), confidence: 'high' }] },
    { code: pyAfterBranch, errors: [{ ...at(pyAfterBranch, 'self.password', 'secret', { after: '%s", ' }), confidence: 'high' }] },
    { code: pyDbToken, errors: [{ ...at(pyDbToken, 'db_token', 'secret', { after: 'backend.url, ' }), confidence: 'low' }] },
    { code: pyDbTokenSent, errors: [{ ...at(pyDbTokenSent, 'db_token', 'secret', { after: '"TOKEN %s", ' }), confidence: 'high' }] },
    { code: pyServiceToken, errors: [{ ...at(pyServiceToken, 'service_token', 'secret', { after: '"TOKEN %s", ' }), confidence: 'high' }] },
    { code: pyClient, errors: [{ ...at(pyClient, 'request.files', 'body'), confidence: 'low' }] },
    { code: pyServer, errors: [{ ...at(pyServer, 'request.files', 'body'), confidence: 'medium' }] },
  ],
});

ruleTester('sensitive-data-in-logs', 'javascript', {
  valid: [],
  invalid: [
    { code: jsPairing, errors: [{ ...at(jsPairing, 'remote.token', 'secret'), confidence: 'low' }] },
    { code: jsPaste, errors: [{ ...at(jsPaste, 'token', 'secret', { after: 'config: ${' }), confidence: 'low' }] },
    { code: jsPairingSet, errors: [{ ...at(jsPairingSet, 'remote.token', 'secret'), confidence: 'high' }] },
    { code: jsSessionKey, errors: [{ ...at(jsSessionKey, 'updated.id', 'secret'), confidence: 'low' }] },
    { code: jsSessionCookie, errors: [{ ...at(jsSessionCookie, 'req.cookies.sid', 'secret'), confidence: 'high' }] },
    { code: jsOtherBranch, errors: [{ ...at(jsOtherBranch, 'remote.token', 'secret'), confidence: 'high' }] },
  ],
});
