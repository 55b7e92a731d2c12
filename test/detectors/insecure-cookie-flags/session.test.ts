// Session middleware left at its defaults (no `secure` on the session cookie), and Flask/Django cookie
// settings turned off; conditional and env-driven settings, dev branches and other `session`s are fine.
import { at, ruleTester } from '../harness';

const REQ = "const session = require('express-session');\n";
const COOKIE = "const cookieSession = require('cookie-session');\n";

const bare = REQ + 'app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));';
const noSecure = "import session from 'express-session';\napp.use(session({ secret, cookie: { maxAge: 86400000, httpOnly: true } }));";
const viaVar = REQ + 'const sess = { secret: process.env.S, cookie: { sameSite: "lax" } };\napp.use(session(sess));';
const direct = "app.use(require('express-session')({ secret: 'x' }));";
const babel = 'var _expressSession = _interopRequireDefault(require("express-session"));\napp.use((0, _expressSession["default"])({ secret: s, resave: true }));';
const cs = COOKIE + "app.use(cookieSession({ name: 'session', keys: [process.env.K1] }));";
const flaskBranch = 'SESSION_COOKIE_SECURE = True\nSESSION_COOKIE_SAMESITE = False';

ruleTester('insecure-cookie-flags', 'javascript', {
  valid: [
    REQ + "app.use(session({ secret, cookie: { secure: process.env.NODE_ENV === 'production' } }));",
    REQ + "app.use(session({ secret, cookie: { secure: 'auto', sameSite: 'lax' } }));",
    REQ + 'app.use(session({ secret, cookie: cookieOptions }));',
    REQ + 'app.use(session({ ...base, secret }));',
    REQ + 'app.use(session(config.session));',
    // The express-session README: the flag set in a production branch.
    REQ + "const sess = { secret: 'x', cookie: {} };\nif (app.get('env') === 'production') {\n  app.set('trust proxy', 1);\n  sess.cookie.secure = true;\n}\napp.use(session(sess));",
    COOKIE + "app.use(cookieSession({ name: 'session', keys, secure: isProd, sameSite: 'lax' }));",
    // Completed later from settings (as Node-RED's admin does).
    REQ + 'const opts = { secret, resave: false };\nif (settings.cookie) opts.cookie = { ...settings.cookie };\napp.use(session(opts));',
    REQ + 'const opts = { secret };\nObject.assign(opts, config.session);\napp.use(session(opts));',
    // Another `session` (a parameter) is not the middleware.
    REQ + 'function wrap(session) { return session({}); }',
    // No import of the middleware: some other `session()`.
    'app.use(session({ secret }));',
    "import { session } from 'telegraf';\nbot.use(session());",
  ],
  invalid: [
    { code: bare, errors: [{ ...at(bare, 'session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false })'), kind: 'session-defaults', confidence: 'medium' }] },
    { code: noSecure, errors: [{ ...at(noSecure, 'session({ secret, cookie: { maxAge: 86400000, httpOnly: true } })'), kind: 'session-defaults' }] },
    { code: viaVar, errors: [{ ...at(viaVar, 'session(sess)'), kind: 'session-defaults' }] },
    { code: direct, errors: [{ ...at(direct, "require('express-session')({ secret: 'x' })"), kind: 'session-defaults' }] },
    { code: babel, errors: [{ ...at(babel, '(0, _expressSession["default"])({ secret: s, resave: true })'), kind: 'session-defaults' }] },
    { code: cs, errors: [{ ...at(cs, "cookieSession({ name: 'session', keys: [process.env.K1] })"), kind: 'session-defaults', confidence: 'low' }] },
    {
      // An explicit `secure: false` is the other finding, not this one too.
      code: REQ + 'app.use(session({ secret, cookie: { secure: false } }));',
      errors: [{ line: 2, column: 37, endLine: 2, endColumn: 50 }],
    },
  ],
});

ruleTester('insecure-cookie-flags', 'python', {
  valid: [
    { code: 'if DEBUG:\n    SESSION_COOKIE_SECURE = False\n    CSRF_COOKIE_SECURE = False', path: 'mysite/settings.py' },
    { code: 'SESSION_COOKIE_SECURE = not DEBUG\nCSRF_COOKIE_SECURE = env.bool("SECURE", True)', path: 'mysite/settings.py' },
    { code: 'SESSION_COOKIE_SECURE = False\nCSRF_COOKIE_SECURE = False', path: 'mysite/settings/test.py' },
    { code: 'SESSION_COOKIE_SECURE = False\nSESSION_COOKIE_HTTPONLY = True', path: 'django/conf/global_settings.py' },
    { code: 'default_config = ImmutableDict({"SESSION_COOKIE_SECURE": False, "SESSION_COOKIE_SAMESITE": None})', path: 'flask/app.py' },
    { code: 'if app.testing:\n    app.config["SESSION_COOKIE_SECURE"] = False', path: 'app/__init__.py' },
    { code: 'SESSION_COOKIE_SAMESITE = "Lax"', path: 'config.py' },
  ],
  invalid: [
    { code: flaskBranch, path: 'config.py', errors: [{ ...at(flaskBranch, 'SESSION_COOKIE_SAMESITE = False'), kind: 'setting-off' }], output: 'SESSION_COOKIE_SECURE = True\nSESSION_COOKIE_SAMESITE = "Lax"' },
    {
      code: 'if not DEBUG:\n    pass\nCSRF_COOKIE_SECURE = False', path: 'shop/settings/production.py',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 27, kind: 'setting-off' }],
    },
  ],
});
