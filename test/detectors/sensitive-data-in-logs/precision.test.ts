// Classes of false alarm measured on real packages (issue 10), each with the finding it must keep:
// a user named in the message, a login name in settings, counted tokens, file names, and what a
// command-line program prints for its user.
import { at, ruleTester } from '../harness';

const jsRecord = "function created(user) {\n  console.log('created', user);\n}";
const jsSpread = "console.log(`created ${JSON.stringify(user)}`);";
const jsEnvCli = "#!/usr/bin/env node\nconsole.log('publishing with', process.env.NPM_TOKEN);";
const jsServerCli = "#!/usr/bin/env node\nconst app = require('express')();\napp.post('/login', (req, res) => { console.log('login', req.body.password); res.end(); });";
const jsTokens = "logger.debug('auth', session.tokens);";
const jsFiles = "log.trace('migrating ' + credentials);";
const jsThread = "async function clear(sessionId, logger) {\n  logger.info(`Clearing OpenAI Thread ${sessionId}`);\n}";
const jsShortLived = "logger.info('exchanged for', shortLivedToken);";
// The rest of a record with the secret taken out (fresh held-out sample: n8n's me.controller.js).
const jsWithout = "const { currentPassword, ...payloadWithoutPassword } = payload;\nthis.logger.debug('email changed', { userId, payload: payloadWithoutPassword });";
const jsWithoutKept = "this.logger.debug('email changed', { payload: payloadWithoutPassword, currentPassword });";
// An ACME challenge's token is served in the clear at /.well-known/acme-challenge/ (held-out sample: wildduck's lib/api/acme.js);
// another token in such a file still counts.
const jsAcme = "const token = req.params.token;\nconst challenge = await acmeChallenge.get({ challenge: { token } });\nif (!challenge || !challenge.keyAuthorization) {\n  log.error('ACME', `Unknown challenge ${domain}: ${token}`);\n}";
const jsAcmeOther = "const challenge = await acmeChallenge.get({ challenge: { token } });\nif (!challenge.keyAuthorization) log.error('ACME', `failed with ${accessToken}`);";
// A session id carried inside another value (fresh held-out sample: open-wa's initializer builds a log path from
// `config.sessionId || 'session'`, a named WhatsApp session): low like the bare name; the web session's still counts.
const jsCarriedSession = "function start(config) {\n  const screenshotPath = `./logs/${config.sessionId || 'session'}/${START}`;\n  console.log('Screenshot taken. path:', `${screenshotPath}`);\n}\napp.get('/qr', (req, res) => res.end());";
const jsCarriedWebSession = "function visit(req) {\n  const p = `./logs/${req.cookies.sessionId}`;\n  console.log('path', `${p}`);\n}";
// An interactive setup prints what its user must paste elsewhere (fresh held-out sample: claudia-bot-builder's
// lib/facebook/setup.js prints the generated verify token, then prompts for the page token); its environment still counts.
const jsAsks = "const prompt = require('souffleur');\nconst token = crypto.randomBytes(8).toString('hex');\nconsole.log(`Your verify token is: ${token}`);\nprompt(['Facebook page access token']);";
const jsAsksEnv = "const inquirer = require('inquirer');\nconsole.log(`Using ${process.env.FB_APP_SECRET}`);";
const jsAsksLogger = "const inquirer = require('inquirer');\nlogger.info(`Your verify token is: ${token}`);";
const jsDiToken = "action(moduleCls) {\n  const token = typeof moduleCls === 'function' ? moduleCls.name : moduleCls;\n  if (!this.registry[token]) return this.logger.error(`\"${token}\" has not been found`);\n}";
const jsDiTokenTwice = "function a(cls) {\n  const token = cls.name;\n}\nfunction b(req) {\n  const token = req.headers.authorization;\n  logger.info(`mapped ${token}`);\n}";
const jsWebSession = "app.get('/me', (req, res) => {\n  logger.info('visit', req.sessionID);\n  res.end();\n});";
// A push sender's lists of device tokens named for the delivery's outcome (fresh sample HH: parse-push-adapter's FCM.js
// logs `failedTokens`); another token there, or such a list in a file that sends no push, still counts.
const jsPush = "const { getMessaging } = require('firebase-admin/messaging');\nfunction report(results, failedTokens, successfulTokens) {\n  log.error('fcm', `tokens with failed pushes: ${JSON.stringify(failedTokens)}`);\n  log.verbose('fcm', `ok: ${JSON.stringify(successfulTokens)}`);\n}";
const jsPushOther = "const { getMessaging } = require('firebase-admin/messaging');\nlog.error('fcm', `failed with ${accessTokens}`);";
const jsNoPush = "function rotate(failedTokens) {\n  log.error('oauth', `refresh failed: ${failedTokens}`);\n}";
// The body of a request the code built (fresh sample HH: PayPal's checkout samples log `new OrdersCreateRequest()`'s
// body); a handler's request of the same name in the same file still counts.
const jsBuilt = "async function createOrder(sdk) {\n  const request = new sdk.orders.OrdersCreateRequest();\n  request.requestBody({});\n  console.log(`Request Body: ${JSON.stringify(request.body, null, 4)}`);\n  console.log(request.headers);\n}";
const jsBuiltAndHandler = jsBuilt + "\napp.post('/orders', (request, res) => {\n  console.log('in', request.body);\n  res.end();\n});";

ruleTester('sensitive-data-in-logs', 'javascript', {
  valid: [
    // Written into the message: a whole record would print `[object Object]`, so this is a name.
    "logger.debug(`[smtp_client] authenticating as \"${c.auth.user}\"`);",
    "log.error('owner mutate', 'Not a package owner: ' + user);",
    "console.log('owner ' + String(user));",
    // A login name among connection settings, or under a key that names one value.
    "this.logger.debug({ tnx: 'smtp', username: this._auth.user, action: 'authenticated' }, 'User authenticated');",
    "logger.info({ user: this.options.user }, 'token generated');",
    "console.log('$ sudo chown ' + process.env.USER);",
    "console.log('owner', opts.user);",
    // util.format's `%s` says the author formats a name (npm's owner command).
    "log.verbose('owner add', '%s to %s', user, pkg);",
    // Counted tokens and pagination.
    "req.log.trace('Throttle(%s): num_tokens= %d', attr, bucket.tokens);",
    "logger.info('usage', { total_tokens: usage.total_tokens, promptTokens });",
    "console.log(`${response.usage.completion_tokens} completion tokens`);",
    // The members of a list of files are names.
    "log.trace('Migrating ' + project.files.oldCredentials + ' to ' + credsFilePath);",
    // A piece of the token kept to tell uploads apart (uppy companion's `Uploader.shortenToken`: its first 8 characters).
    "logger.debug('Received from client: resume', 'uploader', this.shortToken);",
    "log.info('refreshed', truncated_token, partialSecret);",
    jsWithout,
    jsAcme,
    { code: jsAsks, path: 'lib/facebook/setup.js' },
    // A channel's token selects the channel (fresh held-out sample: Vendure's mollie plugin logs `ctx.channel.token`).
    "Logger.info(`Received status update for channel ${ctx.channel.token} for Mollie payment ${paymentId}`, loggerCtx);",
    "logger.info('user', userSansSecret, dataExceptToken, body_excluding_password);",
    // The token endpoint's path in a table of constants (fresh sample BH: a cloud adapter's error when that endpoint is down).
    "adapter.log.error(`Endpoint: [${apiConst.BASE_URL}${apiConst.ENDPOINT_TOKEN}] is not available.`);",
    // A table of messages (fresh held-out sample: mockoon's ServerMessages.ADMIN_API_AUTH_AUTO_GENERATED_TOKEN), and a
    // `token` bound only to a class's name (NestJS's dependency-injection tokens in its REPL's debug()).
    "logger.warn(format(ServerMessages.ADMIN_API_AUTH_AUTO_GENERATED_TOKEN, port));",
    "log.error(form.errors.password, errorMessages.INVALID_TOKEN);",
    jsDiToken,
    jsPush,
    jsBuilt,
    // A table of environment variable names (msal-node): the name of the secret, not its value.
    "logger.error(`set the '${ManagedIdentityEnvironmentVariableNames.MSI_SECRET}' environment variable`);",
    // A table of the keys the environment is read by (fresh sample KK: inngest's compiled `envKeys` enum).
    "internalLogger.error(`In cloud mode but no signing key found: set the ${envKeys.InngestSigningKey} env var`);",
    "logger.warn('header missing', headerKeys.AuthToken, ENV_KEYS.SECRET_KEY);",
    // A command-line program prints what it was asked for.
    { code: "#!/usr/bin/env node\nconst keys = webPush.generateVAPIDKeys();\nconsole.log(`Private Key: ${keys.privateKey}`);", path: 'src/cli.js' },
    { code: "const password = generate();\nconsole.log(`Password: ${password}`);", path: 'bin/app.js' },
    { code: "prompt.get(['password'], (err, result) => {\n  console.log('  password: ' + result.password);\n});", path: 'examples/password.js' },
  ],
  invalid: [
    { code: jsRecord, errors: [at(jsRecord, 'user', 'record', { after: "'created', user" })] },
    { code: jsSpread, errors: [at(jsSpread, 'user', 'record', { after: 'stringify(user' })] },
    // Environment secrets printed by a script end up in CI logs.
    { code: jsEnvCli, errors: [at(jsEnvCli, 'process.env.NPM_TOKEN', 'secret')] },
    // A script that serves routes logs like a server.
    { code: jsServerCli, errors: [at(jsServerCli, 'req.body.password', 'secret')] },
    // A one-word `tokens` is qualified by its owner: a session's are credentials.
    { code: jsTokens, errors: [at(jsTokens, 'session.tokens', 'secret')] },
    { code: jsFiles, errors: [at(jsFiles, 'credentials', 'secret')] },
    // `short` before `lived` is the token's lifetime: the whole credential.
    { code: jsShortLived, errors: [at(jsShortLived, 'shortLivedToken', 'secret')] },
    // A `sessionId` of no known origin is as often a chat thread's (flowise, budibase): shown at low confidence…
    { code: jsThread, errors: [{ ...at(jsThread, 'sessionId', 'secret', { after: 'Thread ${' }), confidence: 'low' }] },
    // …the web session's, read from the request or a cookie, at the rule's confidence.
    { code: jsAcmeOther, errors: [at(jsAcmeOther, 'accessToken', 'secret')] },
    { code: jsAcme.replace('keyAuthorization', 'authorized'), errors: [at(jsAcme, 'token', 'secret', { after: '${domain}: ${token' })] },
    { code: jsWebSession, errors: [{ ...at(jsWebSession, 'req.sessionID', 'secret'), confidence: 'high' }] },
    { code: jsCarriedSession, errors: [{ ...at(jsCarriedSession, '`${screenshotPath}`', 'secret'), confidence: 'low' }] },
    { code: jsCarriedWebSession, errors: [{ ...at(jsCarriedWebSession, '`${p}`', 'secret'), confidence: 'high' }] },
    // …a logger is no terminal, and the environment is CI's log too.
    { code: jsAsksEnv, path: 'lib/setup.js', errors: [at(jsAsksEnv, 'process.env.FB_APP_SECRET', 'secret')] },
    { code: jsAsksLogger, path: 'lib/setup.js', errors: [at(jsAsksLogger, 'token', 'secret', { after: 'is: ${' })] },
    { code: "logger.info('secret', process.env.MSI_SECRET, names.length);", errors: [{ line: 1, column: 23, endLine: 1, endColumn: 45, kind: 'secret' }] },
    { code: "log.info('%s signed in: %j', user.name, user);", errors: [{ line: 1, column: 41, endLine: 1, endColumn: 45, kind: 'record' }] },
    { code: "console.log('saved', user.toJSON());", errors: [{ line: 1, column: 22, endLine: 1, endColumn: 26, kind: 'record' }] },
    // An example that serves routes logs like a server.
    { code: "fastify.post('/ping', async (request) => {\n  console.log(request.body);\n});", path: 'examples/server.js', errors: [{ line: 2, column: 15, endLine: 2, endColumn: 27, kind: 'body' }] },
    // A Koa example with one middleware and `listen` is a server.
    { code: "app.use(async (ctx) => {\n  console.log(ctx.request.body);\n});\napp.listen(3000);", path: 'examples/koa.js', errors: [{ line: 2, column: 15, endLine: 2, endColumn: 31, kind: 'body' }] },
    { code: "server.post<{ Body: PingBody }>('/ping', async (request) => {\n  console.log(request.body);\n});", path: 'examples/server.ts', language: 'typescript', errors: [{ line: 2, column: 15, endLine: 2, endColumn: 27, kind: 'body' }] },
    { code: "logger.info('start', { user: req.user });", errors: [{ line: 1, column: 30, endLine: 1, endColumn: 38, kind: 'record' }] },
    // The negation names what is left out; the secret itself, logged beside it, still counts.
    // The channel's secret, or a token the channel holds for someone, still counts.
    { code: "Logger.info(`channel ${channel.secret} ${channel.accessToken}`);", errors: [{ line: 1, column: 24, endLine: 1, endColumn: 38, kind: 'secret' }] },
    // …the endpoint's token is its address; a token fetched from it, or one named for something else, still counts.
    { code: "adapter.log.debug(`${apiConst.ENDPOINT_TOKEN} answered ${endpointAccessToken}`);", errors: [{ line: 1, column: 58, endLine: 1, endColumn: 77, kind: 'secret' }] },
    { code: jsWithoutKept, errors: [at(jsWithoutKept, 'currentPassword', 'secret')] },
    // …a message table's owner does not hide the secret beside it, nor does a `.name` of one of two bindings
    { code: "logger.warn(format(ServerMessages.GENERATED_TOKEN, server.adminToken));", errors: [at("logger.warn(format(ServerMessages.GENERATED_TOKEN, server.adminToken));", 'server.adminToken', 'secret')] },
    { code: jsDiTokenTwice, errors: [at(jsDiTokenTwice, 'token', 'secret', { after: 'mapped ${token' })] },
    // …tables that hold keys are secrets
    { code: "logger.info('keys', apiKeys.signingKey);", errors: [at("logger.info('keys', apiKeys.signingKey);", 'apiKeys.signingKey', 'secret')] },
    { code: "logger.info('keys', sessionKeys.signingKey);", errors: [at("logger.info('keys', sessionKeys.signingKey);", 'sessionKeys.signingKey', 'secret')] },
    { code: jsPushOther, errors: [at(jsPushOther, 'accessTokens', 'secret')] },
    { code: jsNoPush, errors: [at(jsNoPush, 'failedTokens', 'secret', { after: 'failed: ${' })] },
    { code: jsBuiltAndHandler, errors: [at(jsBuiltAndHandler, 'request.body', 'body', { after: "'in', " })] },
  ],
});

const pyKw = 'self._log.debug("{user!r} trying auth {kind!r}", user=user, kind=kind)';
const pyPrint = 'print("member joined", member, group)';
const pyCli = '#!/usr/bin/env python3\nimport os\nprint("token:", os.environ["API_TOKEN"])';
// A value logged under a `session_id` key is as often a remote API's session resource as a web session
// (fresh held-out sample: sushy's auth.py logs a Redfish session's URI): low, like a `sessionId` variable.
const pyKeySession = 'LOG.warning("could not delete session %(session_id)s", {"session_id": self._session_resource_id})';
const pyKeyWebSession = 'LOG.info("visit %(session_id)s", {"session_id": request.session.session_key})';
const pyKeyToken = 'LOG.debug("auth %(token)s", {"token": self._auth_header})';
// The same name read by key (fresh sample BA: a message queue's Consul transport logs the lock session it destroys
// from `self.queues[queue]['session_id']`): low like the variable; the web session's read by key still counts.
const pyLockSession = 'logger.debug("Destroying session %s", self.jobs[name]["session_id"])';
const pyWebSessionKey = 'logger.info("visit %s", request.session["session_id"])';

ruleTester('sensitive-data-in-logs', 'python', {
  valid: [
    'logger.info("Successful login: %r -> %r", login, user)',
    'log.msg(b"Authenticated login for " + user)',
    'log.msg(f"Unknown CTCP query from {user!r}: {tag!r}")',
    'print(_("[DEL] %s") % member)',
    'logger.info("access", repr(user) if user else "anonymous user")',
    pyKw,
    'logger.info("connect", extra={"user_id": user})',
    'log.msg("Unknown user: %s" % service.user)',
    'logger.info("as %s", settings.user)',
    '"token: %s" % self._starting_token\nlogger.debug("resuming from %s", self._starting_token)',
    'logger.info("tokens used: %d", response.usage.total_tokens)',
    { code: '#!/usr/bin/env python3\nkey = Fernet.generate_key()\nprint("secret key:", key)', path: 'tools/genkey.py' },
    // novaclient's `nova keypair-add` prints the key it generated (an entry point, no `#!`).
    { code: 'def do_keypair_add(cs, args):\n    private_key = cs.keypairs.create(args.name).private_key\n    print(private_key)', path: 'novaclient/v2/shell.py' },
    // an interactive shell showing the tokens its user asked for (fresh held-out sample: jira's jirashell.py)
    { code: 'def oauth_dance(args):\n    access_token = fetch_token(args)\n    if args.print_tokens:\n        print("Access token: " + access_token)', path: 'jira/jirashell.py' },
    { code: 'import argparse\n\ndef main():\n    parser = argparse.ArgumentParser()\n    args = parser.parse_args()\n    api_key = create_key(args.name)\n    print("Your new API key:", api_key)', path: 'tools/keys.py' },
  ],
  invalid: [
    { code: pyPrint, errors: [at(pyPrint, 'member', 'record', { after: '"member joined", member' })] },
    { code: 'logger.debug("user %s", json.dumps(user))', errors: [{ line: 1, column: 36, endLine: 1, endColumn: 40, kind: 'record' }] },
    { code: 'logger.info(user)', errors: [{ line: 1, column: 13, endLine: 1, endColumn: 17, kind: 'record' }] },
    { code: 'log.debug("Obtained token %s", token)', errors: [{ line: 1, column: 32, endLine: 1, endColumn: 37, kind: 'secret' }] },
    { code: pyCli, errors: [at(pyCli, 'os.environ["API_TOKEN"]', 'secret')] },
    { code: pyKeySession, errors: [{ ...at(pyKeySession, 'self._session_resource_id', 'secret'), confidence: 'low' }] },
    { code: pyKeyWebSession, errors: [{ ...at(pyKeyWebSession, 'request.session.session_key', 'secret'), confidence: 'high' }] },
    { code: pyKeyToken, errors: [{ ...at(pyKeyToken, 'self._auth_header', 'secret'), confidence: 'high' }] },
    { code: pyLockSession, errors: [{ ...at(pyLockSession, 'self.jobs[name]["session_id"]', 'secret'), confidence: 'low' }] },
    { code: pyWebSessionKey, errors: [{ ...at(pyWebSessionKey, 'request.session["session_id"]', 'secret'), confidence: 'high' }] },
    // `shell_utils.py` is not a shell entry point.
    { code: 'print(private_key)', path: 'app/shell_utils.py', errors: [{ line: 1, column: 7, endLine: 1, endColumn: 18, kind: 'secret' }] },
    // a CoAP server's request options (fresh held-out sample PP: an MQTT/CoAP bridge logging `req.headers`): no Authorization or
    // Cookie there, low; the same module serving HTTP too stays medium
    { code: "const coap = require('coap');\ncoap.createServer((req, res) => {\n  logger.info({ url: req.url, headers: req.headers }, 'request');\n});", errors: [{ line: 3, column: 40, kind: 'headers', confidence: 'low' }] },
    { code: "const coap = require('coap');\nconst http = require('http');\nhttp.createServer((req, res) => {\n  logger.info({ url: req.url, headers: req.headers }, 'request');\n});", errors: [{ line: 4, column: 40, kind: 'headers', confidence: 'medium' }] },
    // a program that parses its arguments still may not log a secret, nor print one from the environment (CI logs keep both)
    { code: 'import argparse, logging, os\nparser = argparse.ArgumentParser()\nlogging.info("key %s", api_key)\nprint("token", os.environ["API_TOKEN"])', path: 'tools/sync.py', errors: [{ line: 3, column: 24, endLine: 3, endColumn: 31, kind: 'secret' }, { line: 4, column: 16, endLine: 4, endColumn: 39, kind: 'secret' }] },
  ],
});
