import { at, ruleTester, type ExpectedFinding, type InvalidCase } from '../harness';

/** One finding spanning `value` (inside its quotes), with this message kind. */
const flag = (code: string, value: string, kind: string, extra: Partial<InvalidCase> = {}): InvalidCase =>
  ({ code, errors: [at(code, `${value}'`, kind)].map((e) => ({ ...e, endColumn: e.endColumn! - 1 })), ...extra });

/** The same case, asserting the rule's own confidence. */
const high = (c: InvalidCase): InvalidCase => ({ ...c, errors: (c.errors as ExpectedFinding[]).map((e) => ({ ...e, confidence: 'high' as const })) });

const jsAnd = "function login(user, pass) {\n  if (user === 'root' && pass === 'hunter2') return true;\n  return false;\n}";
const jsBody = "app.post('/login', (req, res) => {\n  if (req.body.password !== 'letmein') return res.sendStatus(401);\n  res.send('ok');\n});";
const jsConst = "const ADMIN_PASSWORD = 'admin123';\nexport const isAdmin = (password) => password === ADMIN_PASSWORD;";
const jsBcrypt = "const bcrypt = require('bcrypt');\nconst ok = await bcrypt.compare('changeme', user.hash);";
const jsMethod = "if (await user.comparePassword('Passw0rd!')) { next(); }";
const jsApiKey = "if (req.headers['x-api-key'] === 'k-12345') next();";
const jsDemo = "class Builder {\n  get(model, options) {\n    if (this.apiKey === 'DEMO' && !options.initialContent) options.initialContent = [];\n  }\n}";
const jsDemoKey = "if (apiKey === 'DEMO_KEY') return demoLimits();";

const sharedDefaultJs = "const DEFAULT_API_KEY = 'Qm7vR2xT9kLp4WnZ8cYb3HfJ';\nclass Rpc {\n  constructor(apiKey) {\n    if (apiKey == null) { apiKey = DEFAULT_API_KEY; }\n    this.apiKey = apiKey;\n  }\n  isShared() { return this.apiKey === DEFAULT_API_KEY; }\n}";
const memberDefaultJs = "const ADMIN_PASS = 'Adm1n-Pass-42';\nopts.password = opts.password || ADMIN_PASS;\napp.post('/login', (req, res) => {\n  if (req.body.password === ADMIN_PASS) return res.send('ok');\n});";
const sharedDefaultPy = "SHARED_KEY = 'Qm7vR2xT9kLp4WnZ8cYb3HfJ'\n\nclass Client:\n    def __init__(self, api_key=None):\n        self.api_key = api_key or SHARED_KEY\n\n    def throttled(self):\n        return self.api_key == SHARED_KEY";
const otherDefaultPy = "ADMIN_KEY = 'Adm1n-Key-42x'\nfallback_key = ADMIN_KEY\n\ndef allowed(api_key):\n    return api_key == ADMIN_KEY";

ruleTester('hardcoded-credential-comparison', 'javascript', {
  valid: [
    // the shipped default, detected to be replaced: the value asks to be changed
    "if (user.username === 'admin' && (user.password === 'admin-default-password-change-me' || user.password === '')) {\n  user.password = generateRandomPassword(16);\n}",
    "if (config.apiSecret === 'replace_me') throw new Error('configure apiSecret');",
    // the placeholder of a template URL the user was told to edit (firebase-tools' auth emulator)
    "if (req.query.newPassword === 'NEW_PASSWORD_HERE') return res.status(400).json({ hint: 'replace NEW_PASSWORD_HERE' });",
    "if (apiKey === 'YOUR_API_KEY') throw new Error('set your API key');",
    // an option about the password (Ansible's `update_password: always | on_create`), not one
    "if (opts.update_password === 'always' && user.exists) changePassword(user);",
    // empty, null and length checks
    "if (password === '') throw new Error('required');",
    'if (password === null || password === undefined) return;',
    'if (password.length < 8) return;',
    // comparing two values, typeof, field types and enums
    'if (password === confirmPassword) save();',
    "if (typeof password === 'string') use(password);",
    "if (mode === 'password') showPasswordField();",
    "if (input.type === 'password') mask(input);",
    "if (field === 'password') return '********';",
    "if (password === 'password') return 'field';",
    // i18n labels and masks
    "if (passwordLabel === 'Password') translate();",
    "if (password === 'Enter your password here') clear();",
    "if (password === '********') keepOld();",
    // a compiler pass, and a lexer token: not credentials
    "if (pass === 'first') runFirst();",
    "if (config.passwordMode === 'bcrypt') useBcrypt();",
    "if (opts.apiKeySource === 'header') readHeader();",
    // the branch only warns that the shipped default is still configured
    "if (config.basicAuth.username === 'admin' && config.basicAuth.password === 'pass') {\n  console.error(clc.red('basicAuth credentials are \"admin:pass\", it is recommended you change this in your config.js!'));\n}",
    "if (token === 'function') parseFunction();",
    // an option value named after the field it sets (held-out sample: n8n-nodes-base's Microsoft Entra user node)
    "if (body.forceChangePassword === 'forceChangePasswordNextSignIn') body.passwordProfile = { forceChangePasswordNextSignIn: true };",
    "if (resetPassword === 'reset_password_on_login') flag();",
    // the shipped default refused: dropped when equal, or thrown out (held-out sample: better-auth's buildSecretConfig)
    "function build(secrets, legacySecret) {\n  return { legacySecret: legacySecret && legacySecret !== 'better-auth-secret-12345678901234567890' ? legacySecret : void 0 };\n}",
    "const s = process.env.APP_SECRET === 'app-secret-1234' ? undefined : process.env.APP_SECRET;",
    "if (opts.secret === 'my-app-secret-1234' && isProd) {\n  throw new Error('the built-in secret cannot be used in production');\n}",
    // the key compared with the constant it got as its default: is the shared default still in use? (fresh sample BE: an
    // Ethereum library's RPC providers, whose community key is then throttled); the key is generic-secret-assignment's
    sharedDefaultJs,
    // bcrypt against a stored hash
    "const bcrypt = require('bcrypt');\nconst ok = await bcrypt.compare(req.body.password, user.hash);",
    // a local `compare`, not bcrypt's
    "const compare = (a, b) => a === b;\ncompare(password, 'x1');",
  ],
  invalid: [
    flag(jsAnd, 'hunter2', 'compare'),
    flag(jsBody, 'letmein', 'compare'),
    flag(jsConst, 'admin123', 'compare'),
    flag(jsBcrypt, 'changeme', 'call'),
    flag(jsMethod, 'Passw0rd!', 'call'),
    flag(jsApiKey, 'k-12345', 'compare'),
    // …a default given to another holder (`opts.password`), and a request compared with it, is still a login
    high(flag(memberDefaultJs, 'Adm1n-Pass-42', 'compare')),
    // a word that merely ends in "here" is no placeholder
    flag("if (req.body.password === 'wherethere') login();", 'wherethere', 'compare'),
    // a password that repeats the name with digits, or holds other words, is still one
    flag("if (adminPassword === 'adminPassword1') grant();", 'adminPassword1', 'compare'),
    flag("if (req.body.password === 'superSecretAdmin') grant();", 'superSecretAdmin', 'compare'),
    // what is kept on a match is not the value itself, or a mismatch is what throws: the literal lets one in
    flag("const role = password === 'hunter2' ? 'admin' : undefined;", 'hunter2', 'compare'),
    flag("return apiKey !== 'k-98765' ? null : grant(user);", 'k-98765', 'compare'),
    flag("if (req.body.password !== 'letmein') throw new Error('denied');", 'letmein', 'compare'),
    // a log line that is no warning about the default: the login check stands
    flag("if (user === 'root' && pass === 'hunter2') {\n  console.log('admin logged in');\n  grant();\n}", 'hunter2', 'compare'),
    { ...flag(jsAnd, 'hunter2', 'compare'), path: 'test/login.test.js', errors: [{ ...at(jsAnd, 'hunter2', 'compare'), confidence: 'low', severity: 'info' }] },
    // an SDK's own key checked for its demo sentinel: a public demo mode, low (fresh sample: @builder.io/sdk's
    // `this.apiKey === 'DEMO'` giving a demo model empty content)
    { code: jsDemo, errors: [{ ...at(jsDemo, "DEMO'", 'compare'), endColumn: at(jsDemo, "DEMO'", 'compare').endColumn! - 1, confidence: 'low', severity: 'info' }] },
    { code: jsDemoKey, errors: [{ ...at(jsDemoKey, "DEMO_KEY'", 'compare'), endColumn: at(jsDemoKey, "DEMO_KEY'", 'compare').endColumn! - 1, confidence: 'low', severity: 'info' }] },
    // a demo account's password still lets anyone in, and a key that merely starts with demo is a key
    high(flag("if (req.body.password === 'demo') grant();", 'demo', 'compare')),
    high(flag("if (req.headers['x-api-key'] === 'demo-8f3k2') next();", 'demo-8f3k2', 'compare')),
  ],
});

const pyIf = "def login(username, password):\n    if password == 'letmein':\n        return True\n    return False";
const pyForm = "@app.route('/login', methods=['POST'])\ndef login():\n    if request.form['password'] != 'admin':\n        abort(401)";
const pyGet = "if request.form.get('password') == 'secret123':\n    session['admin'] = True";
const pyCheck = "from werkzeug.security import check_password_hash\nok = check_password_hash(user.pw_hash, 's3cret!')";
const pyDjango = "from django.contrib.auth.hashers import check_password\nif check_password('hunter2', user.password):\n    pass";
const pyUser = "if user.check_password('p@ss'):\n    login(user)";

const urlMarkerPy = "from urllib.parse import urlsplit\n\ndef trusts(actions):\n    for action in actions:\n        url = urlsplit(action)\n        if url.username and url.password == 'delete':\n            yield url.username";
const urlAndFormPy = "from urllib.parse import urlsplit\n\ndef login(request, action):\n    url = urlsplit(action)\n    if request.form.password == 's3cret-99':\n        return url.path";

const maskPy = "if ovf_env.password != 'REDACTED':\n    redact(ovf_env)";

ruleTester('hardcoded-credential-comparison', 'python', {
  valid: [
    "if password == '':\n    raise ValueError('required')",
    'if password is None:\n    return',
    'if len(password) < 8:\n    return',
    "if password == confirm_password:\n    save()",
    "if field.widget.input_type == 'password':\n    pass",
    "if password == 'password':\n    pass",
    "if password_label == 'Password':\n    pass",
    "if check_password_hash(user.pw_hash, request.form['password']):\n    pass",
    "if user.check_password(form.password.data):\n    pass",
    // the user part of a `user:pass` pair, and values too short to be a password
    "if user_pass == 'git':\n    return netloc",
    // `pass` in another sense (jinja2's compiler)
    "if pass_arg == 'environment':\n    self.write(', environment')",
    "if password == 'x':\n    pass",
    // settings that say how a password is checked or stored, not a password
    "if settings.CAS_LDAP_PASSWORD_CHECK == 'bind':\n    pass",
    "if self.user and settings.PASSWORD_HASHER != 'argon2':\n    pass",
    "if secret_storage == 'keyring':\n    pass",
    "legacy = secret if secret != 'default-secret-123' else None",
    "if settings.SECRET == 'shipped-secret-123':\n    raise ImproperlyConfigured('set SECRET')",
    // a warning, its message on the next line, that the shipped key was not redefined (held-out sample: wims-lti's apps.py)
    "if settings.SECRET_KEY == '-qj!o^8$@!&7))^77^z8(':\n    warnings.warn(\n        \"Settings 'SECRET_KEY' has not been redefined in wimsLTI/config.py, \"\n        \"see the docs\",\n        Warning\n    )",
    // the key compared with the constant it got as its default (`api_key or SHARED_KEY`): the shared default in use
    sharedDefaultPy,
  ],
  invalid: [
    flag(pyIf, 'letmein', 'compare'),
    // …the constant given to another name is no default of the key compared
    high(flag(otherDefaultPy, 'Adm1n-Key-42x', 'compare')),
    flag(pyForm, 'admin', 'compare'),
    flag(pyGet, 'secret123', 'compare'),
    flag(pyCheck, 's3cret!', 'call'),
    flag(pyDjango, 'hunter2', 'call'),
    flag(pyUser, 'p@ss', 'call'),
    flag("if settings.ADMIN_PASSWORD == 'bind-admin':\n    login()", 'bind-admin', 'compare'),
    flag("if request.form['password'] != 's3cret-99':\n    raise Forbidden()", 's3cret-99', 'compare'),
    // a warning about something else still leaves the check standing
    flag("if request.form['password'] == 's3cret-99':\n    logger.warning(\n        'admin login from %s', ip)\n    login()", 's3cret-99', 'compare'),
    // The password part of a URL the code parsed, compared with the word its scheme uses as a marker (fresh sample: aodh's trust URLs): low.
    { ...flag(urlMarkerPy, 'delete', 'compare'), errors: [{ ...(flag(urlMarkerPy, 'delete', 'compare').errors as ExpectedFinding[])[0], confidence: 'low' }] },
    // A password from the request stays high whatever the file parses.
    high(flag(urlAndFormPy, 's3cret-99', 'compare')),
    // A redaction mask compared (fresh sample RR: cloud-init checks the password was already hidden): low; a word
    // that only contains the marker stays high.
    { ...flag(maskPy, 'REDACTED', 'compare'), errors: [{ ...(flag(maskPy, 'REDACTED', 'compare').errors as ExpectedFinding[])[0], confidence: 'low' }] },
    high(flag("if password == 'unredacted-9':\n    login()", 'unredacted-9', 'compare')),
  ],
});
