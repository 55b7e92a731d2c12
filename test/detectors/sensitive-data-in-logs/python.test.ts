import { at, ruleTester } from '../harness';

const captureHandle = 'def capture_start(handler):\n    token = make_id(16)\n    capture_handlers[token] = handler\n    log.debug("Added log handler %s." % token)\n    return token';
const sessionStore = 'def login(user):\n    token = make_id(16)\n    sessions[token] = user\n    log.debug("Added session %s." % token)\n    return token';
const ec2Pair = 'columns = ("access", "secret", "user_id")\nLOG.error(_("Failed to delete EC2 credentials with access key %(access_key)s"), {"access_key": access_key})';
const ec2ById = 'columns = ("access", "secret", "user_id")\nfor i in keys:\n    LOG.error(_("Failed to delete access key %(access_key)s: %(e)s"), {"access_key": i, "e": e})';
const ec2Both = 'def show(access_key, secret_key):\n    log.info("keys %s %s", access_key, secret_key)';
const accessAlone = 'def connect(account, access_key):\n    log.info("storage key %s", access_key)';

ruleTester('sensitive-data-in-logs', 'python', {
  valid: [
    'logger.info("password reset email sent to %s", user.id)',
    'logging.info("token refreshed", extra={"user_id": user_id})',
    'print(len(password))',
    'logger.debug("valid=%s", is_password_valid)',
    'log.info(f"tokens used: {token_count}")',
    // counts and limits named for tokens (fresh held-out sample: jira's rate-limit header, LLM usage)
    'logger.warning("rate limited: %s", maximum_number_of_tokens)',
    'logger.info("usage %s of %s", total_tokens, number_of_tokens)',
    // a switch named for the secret (fresh sample RR: cloud-init's flag from Azure's metadata service)
    'LOG.debug("Disable password retrieved from IMDS: %s", imds_disable_password)',
    'logger.info("password required: %s", require_password)',
    // the value fills a place in the message (fresh sample RR: gallery-dl's cookies file path)
    'self.log.debug("Loading cookies from \'%s\'", cookies)',
    'log.info("saving credentials to %s", credentials)',
    // printed only after the user said yes to seeing it (fresh sample RR: borg's passphrase check)
    'def verify(passphrase):\n    if yes("Display your passphrase? [yN]: ",\n           retry=True, env_var_override="DISPLAY_PASSPHRASE"):\n        print("Your passphrase: %s" % passphrase, file=sys.stderr)',
    'logger.info("masked %s", mask(api_key))',
    // a name that says the secret is hidden (fresh sample WW: a database URL's `obscure_password` form)
    'logger.info("Connected to database %s", self.url.obscure_password)',
    'log.info("dsn %s", censored_password)',
    // what a semaphore hands back to be returned on release (fresh sample WW: s3transfer's `acquire_token`)
    'def release(self, tag, acquire_token):\n    logger.debug(f"Releasing acquire {tag}/{acquire_token}")',
    // a manual run's output, anywhere in the module's `if __name__ == "__main__":` block (fresh sample WW: a passphrase dialog's demo)
    'if __name__ == "__main__":\n    async def main(reactor):\n        passphrase = await ask(reactor)\n        print("got", passphrase)\n    react(main)',
    'logger.info("prefix %s", token[:4])',
    // only the header names, or the items less the credentials (the whole set through `.items()` counts, below)
    'log.debug("header names: %s", list(request.headers.keys()))',
    'log.debug("headers: %s", {k: v for k, v in request.headers.items() if k != "Authorization"})',
    'catalog.info(password)',
    'logger.info("pagination", extra={"next_page_token": next_page_token})',
    'logger.info("login for %s", request.form.get("email"))',
    'logger.info("request", exc_info=True)',
    'session = requests.Session()\nprint(session)',
    'dialog.info(password)',
    // Formatted into the message, a user is its `str()`: the name (radicale, twisted, oauthlib).
    'logger.info("user %s", user)',
    'logger.warning("Failed to create principal "\n               "collection %r: %s", user, e)',
    // OpenStack's policy check: `credentials` is the user, project and roles from the request context (fresh sample: placement, masakari).
    'def authorize(context, action, target):\n    credentials = context.to_policy_values()\n    try:\n        return enforcer.authorize(action, target, credentials)\n    except Exception:\n        LOG.debug("Policy check for %(action)s failed with credentials %(credentials)s",\n                  {"action": action, "credentials": credentials})\n        raise',
    // Pygments' style tokens (fresh sample AJ: pgcli's pgstyle.py warning about a style name it cannot map)
    'from pygments.token import string_to_tokentype\ndef style(names):\n    for token in names:\n        logger.error("Unhandled style / class name: %s", token)',
    // a file with a tokenizer of its own, private too (fresh sample BA: a docstring parser warning about a malformed type token)
    'def _tokenize_spec(spec):\n    return spec.split(",")\n\ndef kind(token):\n    if token.startswith("{"):\n        logger.warning("missing closing brace: %s", token)',
    // the message calls the value an id, also through a translation function (fresh sample AJ: openstackclient deleting credentials by id)
    'for i in ids:\n    LOG.error(_("Failed to delete credentials with ID \'%(credential)s\': %(e)s"), {"credential": i, "e": e})',
    'logger.warning("no secret for id=%(secret)s", {"secret": name})',
  ],
  invalid: [
    // an access key beside its secret half is the pair's id: low (fresh sample AJ: openstackclient's EC2 credentials, `access` and `secret`)
    { code: ec2Pair, errors: [{ line: 2, column: 96, kind: 'secret', confidence: 'low' }] },
    { code: ec2ById, errors: [{ line: 3, kind: 'secret', confidence: 'low' }] },
    // … the secret half still is a secret, and an access key alone keeps the rule's confidence (Azure's storage access key is the secret)
    { code: ec2Both, errors: [{ ...at(ec2Both, 'secret_key', 'secret', 1), confidence: 'high' }] },
    { code: accessAlone, errors: [{ ...at(accessAlone, 'access_key', 'secret', 1), confidence: 'high' }] },
    // a token that keys a registry of handlers is the registration's handle: low (fresh sample AJ: TuneD's log capture)
    { code: captureHandle, errors: [{ line: 4, kind: 'secret', confidence: 'low' }] },
    // … a token that keys a store of sessions or users is the credential
    { code: sessionStore, errors: [{ line: 4, kind: 'secret', confidence: 'high' }] },
    // the same shapes where the message does not say so
    { code: 'LOG.error(_("Failed to store %(credential)s: %(e)s"), {"credential": value, "e": e})', errors: 1 },
    { code: 'LOG.error("login id %(id)s with token \'%(token)s\'", {"id": uid, "token": t})', errors: 1 },
    { code: 'from pygments import highlight\nlog.debug("Obtained token %s", token)', errors: 1 },
    // a helper whose name only ends in tokenize is no tokenizer (`detokenize`), nor is a `tokenized` card
    { code: 'def detokenize_card(token):\n    log.debug("Obtained token %s", token)', errors: [{ line: 2, column: 36, endLine: 2, endColumn: 41, kind: 'secret' }] },
    { code: 'logger.info(f"login {username} {password}")', errors: [{ line: 1, column: 33 }] },
    { code: 'logging.debug("payload: %s", request.json)', errors: 1 },
    { code: 'print(request.get_json())', errors: 1 },
    { code: 'app.logger.info("headers %s", request.headers)', errors: 1 },
    { code: 'logger.warning("auth %s", request.headers["Authorization"])', errors: 1 },
    { code: 'self.logger.info("creds", extra={"api_key": settings.api_key})', errors: 1 },
    { code: 'log.info("login", password=pw)', errors: 1 },
    // a secret whose qualifier only sounds like a switch stays a secret
    { code: 'LOG.debug("admin password: %s", imds_admin_password)', errors: 1 },
    { code: 'LOG.debug("device secret: %s", enable_password)', errors: 1 },
    { code: 'log.debug("loaded %s from %s", cookies, path)', errors: 1 },
    { code: 'log.debug("cookies from %s: %s", path, cookies)', errors: 1 },
    { code: 'def verify(passphrase):\n    if yes("Continue? [yN]: "):\n        log.info("passphrase %s", passphrase)', errors: 1 },
    { code: 'def verify(passphrase):\n    if retry:\n        print("Your passphrase: %s" % passphrase)', errors: 1 },
    // … a logger there still counts, and so does a print in a module's other code or in another `if` at the top
    { code: 'if __name__ == "__main__":\n    passphrase = ask()\n    log.info("got %s", passphrase)', errors: 1 },
    { code: 'if DEBUG:\n    passphrase = ask()\n    print("got", passphrase)', errors: 1 },
    { code: 'def show(passphrase):\n    print("got", passphrase)\n\nif __name__ == "__main__":\n    show(ask())', errors: 1 },
    { code: 'logger.info("dsn %s", unobscured_password)', errors: 1 },
    { code: 'def login(self, access_token):\n    logger.debug(f"login {access_token}")', errors: 1 },
    { code: 'print("token=" + access_token)', errors: 1 },
    { code: 'logger.info("env: %s", dict(os.environ))', errors: 1 },
    // the whole header set through its items or values, as JS's `Object.entries(req.headers)` (fresh sample AF: a web
    // framework logging every request's headers at debug), and the environment through a copy
    { code: 'log.debug("headers: %s", list(request.headers.items()))', errors: [{ line: 1, column: 31, kind: 'headers', confidence: 'medium' }] },
    { code: 'log.debug("meta: %s", request.META.values())', errors: [{ line: 1, kind: 'headers' }] },
    { code: 'logger.info("env %s", os.environ.copy())', errors: [{ line: 1, kind: 'env' }] },
    { code: 'logger.info("user %s", vars(user))', errors: [{ line: 1, column: 29, endLine: 1, endColumn: 33, kind: 'record' }] },
    { code: 'logger.error("pw: {}".format(user.password))', errors: 1 },
    { code: 'print(f"card={card_number} ssn={ssn}")', errors: 1 },
    { code: 'logger.info("pw %s", request.form.get("password"))', errors: 1 },
    // Credentials bound to anything else than the policy values still count.
    { code: 'def check(context):\n    credentials = load_credentials(context)\n    LOG.debug("failed with credentials %(credentials)s", {"credentials": credentials})', errors: 1 },
  ],
});

// A `req` bound to what an HTTP client returned holds the response (fresh sample AT: a WAF fingerprinting tool's
// `req = requests.get(self.target, …)` then `self.log.debug('Headers: %s' % req.headers)`): the headers the server
// sent, not the caller's Authorization and Cookie. The request object a web handler receives keeps the finding.
const clientResponse = 'import requests\n\nclass Probe:\n    def fetch(self, url):\n        req = requests.get(url, timeout=7)\n        self.log.debug("Headers: %s" % req.headers)\n        return req';
const sessionResponse = 'def fetch(self, url):\n    request = self.session.post(url, data={})\n    log.info("got %s", request.headers)';
const handlerRequest = 'def hook(request, response):\n    log.debug("headers: %s" % request.headers)\n    return response';

ruleTester('sensitive-data-in-logs', 'python', {
  valid: [clientResponse, sessionResponse],
  invalid: [
    { code: handlerRequest, errors: [{ ...at(handlerRequest, 'request.headers'), kind: 'headers', confidence: 'medium' }] },
  ],
});

// An entry of a table of message texts (fresh sample AT: a Tor controller library prints
// `CONNECT_MESSAGES['incorrect_password']`, the text "Incorrect password"): the key names a text about the secret.
// A dictionary of credentials indexed the same way keeps the finding.
const messageTable = 'CONNECT_MESSAGES = {"incorrect_password": "Incorrect password"}\n\ndef connect(sock):\n    print(CONNECT_MESSAGES["incorrect_password"])';
const credentialTable = 'def connect(creds):\n    print(creds["password"])';

ruleTester('sensitive-data-in-logs', 'python', {
  valid: [messageTable],
  invalid: [
    { code: credentialTable, errors: [{ ...at(credentialTable, 'creds["password"]'), kind: 'secret' }] },
  ],
});
