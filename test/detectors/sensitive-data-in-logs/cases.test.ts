import { ruleTester } from '../harness';

ruleTester('sensitive-data-in-logs', 'typescript', {
  valid: [
    "console.log('password reset email sent');",
    "logger.info('token refreshed', { userId });",
    "console.log('length', password.length);",
    // an id meant to be shown, named so
    "runtime.log.debug(`multiplayer new session public:${publicSessionId} user:${user.username}`);",
    "console.log('valid?', isPasswordValid);",
    "logger.debug(`tokens used: ${tokenCount}`);",
    "console.log('user', user.id, user.email);",
    "logger.info({ token: mask(token) });",
    "logger.info('token prefix', token.slice(0, 4));",
    "logger.info('hashed', { password: await bcrypt.hash(password, 10) });",
    "console.log('next page', nextPageToken);",
    "catalog.info(password);",
    "dialog.error(secret);",
    "console.log(ctx.body);",
    "console.log(res.headers);",
    "logger.info({ hasPassword: Boolean(password), tokenExpiresAt });",
    "const password = req.body.password; console.log('login attempt for', req.body.email);",
    "log.info('api key rotated', { keyId: apiKey.id });",
    // in the branch where it equals a literal, the value logged is that literal (fresh sample: lightgallery's demo licence key)
    "function validate() {\n  this.outer.attr('role', 'dialog');\n  if (!this.settings.licenseKey) console.error('Please provide a licence key');\n  else if (this.settings.licenseKey === '0000-0000-000-0000') {\n    console.warn('lightGallery: ' + this.settings.licenseKey + ' is not valid for production use');\n  }\n}",
    "if (mode === 'demo' && apiKey === 'DEMO_KEY') logger.info({ apiKey });",
  ],
  invalid: [
    { code: "console.log('login', username, password);", errors: [{ line: 1, column: 32 }] },
    // a literal compared in another way, another value, an else branch, or a disjunction pins nothing
    { code: "if (token !== 'none') console.log('token', token);", errors: [{ line: 1, column: 44 }] },
    { code: "if (user.token === 'x') console.log('token', accessToken);", errors: [{ line: 1, column: 46 }] },
    { code: "if (token === 'none') skip();\nelse console.log('token', token);", errors: [{ line: 2, column: 27 }] },
    { code: "if (token === 'none' || force) console.log('token', token);", errors: [{ line: 1, column: 53 }] },
    // a development-only branch is shown at info, low confidence; a production or negated check is not one
    { code: "if (isDev) {\n  console.log('webhook token', token);\n}", errors: [{ line: 2, column: 32, severity: 'info', confidence: 'low' }] },
    { code: "if (process.env.NODE_ENV === 'development') logger.info({ apiKey });", errors: [{ line: 1, column: 59, severity: 'info', confidence: 'low' }] },
    { code: "if (!isDev) {\n  console.log('webhook token', token);\n}", errors: [{ line: 2, column: 32, severity: 'warning' }] },
    // a debug variable tested alone is the operator's opt-in too (fresh sample BA: a storage emulator dumping each request's
    // headers under `STORAGE_EMULATOR_DEBUG`); negated, or any other variable, it is not
    { code: "if (process.env.STORE_EMULATOR_DEBUG) {\n  api.use((req, res, next) => {\n    console.log(JSON.stringify(req.headers, undefined, 2));\n    next();\n  });\n}", errors: [{ line: 3, column: 32, endLine: 3, endColumn: 43, kind: 'headers', severity: 'info', confidence: 'low' }] },
    { code: "if (!process.env.STORE_DEBUG) {\n  api.use((req, res, next) => {\n    console.log(JSON.stringify(req.headers, undefined, 2));\n    next();\n  });\n}", errors: [{ line: 3, column: 32, endLine: 3, endColumn: 43, kind: 'headers', severity: 'warning', confidence: 'medium' }] },
    { code: "if (process.env.STORE_DEBUG && process.env.PUBLIC) {\n  api.use((req, res, next) => {\n    console.log(JSON.stringify(req.headers, undefined, 2));\n    next();\n  });\n}", errors: [{ line: 3, column: 32, endLine: 3, endColumn: 43, kind: 'headers', severity: 'warning', confidence: 'medium' }] },
    // a switch named for logging the headers is the operator's opt-in, shown like a development branch (held-out sample: apimocker)
    { code: "if (apiMocker.options.logRequestHeaders || options.logRequestHeaders) {\n  logger.info(req.headers);\n}", errors: [{ line: 2, column: 15, severity: 'info', confidence: 'low' }] },
    // …turned off, or any other switch, it is not
    { code: "if (!options.logRequestHeaders) {\n  logger.info(req.headers);\n}", errors: [{ line: 2, column: 15, severity: 'warning', confidence: 'medium' }] },
    // The true side of a ternary on the operator's switch for logging refused auth data (fresh held-out sample PP: a realtime
    // server's `logInvalidAuthData`): shown, not alarmed about; the false side, or a switch named for something else, is not
    { code: "logger.debug('bad auth', `token: ${this._logInvalidAuthData === true ? msg.token : '-'}`);", errors: [{ line: 1, column: 72, severity: 'info', confidence: 'low' }] },
    { code: "logger.debug('bad auth', `token: ${this._logInvalidAuthData ? '-' : msg.token}`);", errors: [{ line: 1, column: 69, severity: 'warning', confidence: 'high' }] },
    { code: "logger.debug('bad auth', `token: ${this._verbose === true ? msg.token : '-'}`);", errors: [{ line: 1, column: 61, severity: 'warning', confidence: 'high' }] },
    // A switch named for logging the password itself (fresh held-out sample QQ: an LDAP client's `isPasswordLoggingEnabled`,
    // off unless its developer turns it on): its true side and its branch are shown, not alarmed about; its false side, negated, is
    { code: "log.trace('authenticate(%j,%s)', username, isPasswordLoggingEnabled ? password : '********');", errors: [{ line: 1, column: 71, severity: 'info', confidence: 'low' }] },
    { code: "if (opts.enableSecretLogging) {\n  logger.debug('client secret', clientSecret);\n}", errors: [{ line: 2, column: 33, severity: 'info', confidence: 'low' }] },
    { code: "log.trace('authenticate(%j,%s)', username, isPasswordLoggingEnabled ? '********' : password);", errors: [{ line: 1, column: 84, severity: 'warning', confidence: 'high' }] },
    { code: "if (!opts.passwordLogging) {\n  logger.debug('password', password);\n}", errors: [{ line: 2, column: 28, severity: 'warning', confidence: 'high' }] },
    { code: "log.trace('auth %s', passwordChanged ? password : '-');", errors: [{ line: 1, column: 40, severity: 'warning', confidence: 'high' }] },
    // The operator's switch for personal data (fresh held-out sample: passport-azure-ad's `loggingNoPII`, true by default): shown, not alarmed about…
    { code: "if (self._options.loggingNoPII)\n  log.info('token received');\nelse\n  log.info('received access_token: ' + token);", errors: [{ line: 4, column: 40, severity: 'info', confidence: 'low' }] },
    { code: "if (!self._options.loggingNoPII) {\n  log.info('received refresh_token: ', refresh_token);\n}", errors: [{ line: 2, column: 40, severity: 'info', confidence: 'low' }] },
    { code: "if (config.piiLoggingEnabled) {\n  logger.info('token', token);\n}", errors: [{ line: 2, column: 24, severity: 'info', confidence: 'low' }] },
    // …but not where the switch says no personal data.
    { code: "if (self._options.loggingNoPII) {\n  log.info('received access_token: ' + token);\n}", errors: [{ line: 2, column: 40, severity: 'warning', confidence: 'high' }] },
    { code: "if (!config.piiLoggingEnabled) {\n  logger.info('token', token);\n}", errors: [{ line: 2, column: 24, severity: 'warning', confidence: 'high' }] },
    { code: "if (options.verbose) {\n  logger.info(req.headers);\n}", errors: [{ line: 2, column: 15, severity: 'warning', confidence: 'medium' }] },
    { code: "if (isDev) {\n  app.post('/test-webhook', (request, response) => {\n    log.debug('test', request.body);\n    response.send('OK');\n  });\n}", errors: [{ line: 3, column: 23, severity: 'info', confidence: 'low' }] },
    { code: "logger.info(`token=${accessToken}`);", errors: [{ line: 1, column: 22 }] },
    { code: "runtime.log.debug('multiplayer disconnect', existingSessionId, publicSessionId);", errors: [{ line: 1, column: 45, endLine: 1, endColumn: 62 }] },
    { code: "console.log('body', req.body);", errors: [{ line: 1, column: 21 }] },
    { code: "logger.debug({ headers: req.headers }, 'incoming');", errors: 1 },
    { code: "console.log(req.headers.authorization);", errors: 1 },
    { code: "console.log(req.headers['authorization']);", errors: 1 },
    { code: "this.logger.warn('stripe', { apiKey: config.stripe.apiKey });", errors: 1 },
    { code: "logger.info({ password: req.body.pw });", errors: 1 },
    { code: "console.log(JSON.stringify(req.body, null, 2));", errors: 1 },
    { code: "console.log(process.env);", errors: 1 },
    { code: "console.log('tokens', tokens);", errors: 1 },
    { code: "req.log.info({ user }, 'signed in');", errors: 1 },
    { code: "console.log('card', cardNumber, cvv);", errors: 1 },
    { code: "console.log(await request.json());", errors: 1 },
    { code: "appLogger.error('auth failed: ' + req.cookies);", errors: 1 },
  ],
});
