import { ruleTester } from '../harness';

ruleTester('insecure-cookie-flags', 'typescript', {
  valid: [
    // a double-submit CSRF cookie is read by the page's script by design: only `secure` counts for it
    "res.cookie('XSRF-TOKEN', req.csrfToken(), { secure: true, sameSite: 'strict' });",
    "res.cookie('XSRF-TOKEN', req.csrfToken(), { secure: true, httpOnly: false });",
    "res.cookie('token', jwt, { httpOnly: true, secure: true, sameSite: 'lax' });",
    "res.cookie('session', id, { httpOnly: true, secure: process.env.NODE_ENV === 'production' });",
    "res.cookie('theme', 'dark');",
    "res.cookie('theme', 'dark', { secure: false });",
    "res.cookie('sid', id, { ...cookieDefaults, secure: isProd });",
    "res.cookie('sid', id, cookieOptions);",
    "Cookies.set('token', token, { expires: 7 });",
    "app.use(session({ secret, cookie: { secure: true, httpOnly: true } }));",
    "// cookie: { secure: false } only for local HTTP\nconst x = 1;",
    "const text = 'set httpOnly: false on the cookie';",
    { code: "resp.set_cookie('session', token, secure=True, httponly=True, samesite='Lax')", language: 'python' },
    { code: "resp.set_cookie('theme', 'dark')", language: 'python' },
    { code: "resp.set_cookie('session', token, **COOKIE_KWARGS)", language: 'python' },
    { code: 'SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True', language: 'python', path: 'mysite/settings.py' },
    { code: 'SESSION_COOKIE_SECURE = False', language: 'python', path: 'mysite/settings/dev.py' },
    { code: 'SESSION_COOKIE_SECURE = False', language: 'python', path: 'mysite/settings/local.py' },
    // a project helper handed the response (its own `response.set_cookie` is what counts)
    { code: "utils.set_cookie(\n    response,\n    'remember_provider',\n    provider.suffix,\n    max_age\n)", language: 'python' },
    // …or the request handler (fresh held-out sample: JupyterHub's HubOAuth.set_cookie(handler, access_token), which sets the flags itself)
    { code: 'class HubOAuthCallbackHandler(HubOAuthenticated, RequestHandler):\n    async def get(self):\n        token = await self.hub_auth.token_for_code(code)\n        self.hub_auth.set_cookie(self, token)', language: 'python' },
    { code: 'def login(handler, access_token):\n    auth.set_cookie(handler, access_token)', language: 'python' },
    // the framework's own starting mapping (Flask's `default_config`), which applications override
    { code: 'class Flask(App):\n    default_config = ImmutableDict(\n        {\n            "SESSION_COOKIE_HTTPONLY": True,\n            "SESSION_COOKIE_SECURE": False,\n        }\n    )', language: 'python', path: 'app.py' },
    // …in capitals too (Quart's DEFAULT_CONFIG)
    { code: 'DEFAULT_CONFIG = {\n    "SESSION_COOKIE_HTTPONLY": True,\n    "SESSION_COOKIE_SECURE": False,\n}', language: 'python', path: 'quart/config.py' },
    // Foal's response.setCookie(name, value, options): options spread from a settings object are not seen as missing
    "const options = { secure: Config.get('settings.session.cookie.secure', 'boolean') };\nresponse.setCookie(cookieName, session.getToken(), {\n  ...options,\n  httpOnly: true,\n});",
    // a project helper handed the context (budibase's utils.setCookie(ctx, value, name)): its own call is what counts
    "utils.setCookie(ctx, returnUrl, Cookie.ReturnUrl);",
    // …and so is one declared in the same file (fresh held-out sample: budibase backend-core's utils.js), whose body sets the flags
    "function setCookie(ctx, value, name = 'builder', opts = { sign: true }) {\n  ctx.cookies.set(name, value, { httpOnly: opts.httpOnly ?? false, secure: opts.secure ?? ctx.secure });\n}\nfunction setAuthCookie(ctx, value) {\n  setCookie(ctx, value, Cookie.Auth, { sign: false, httpOnly: true });\n}",
    // where to go after logging in, not who you are (saltcorn's login_dest)
    "res.cookie('login_dest', req.originalUrl);",
    "res.cookie('auth_redirect', '/dashboard', { maxAge: 60000 });",
    // Falcon spells it http_only= and defaults both flags on (fresh held-out sample: hug's SessionMiddleware)
    { code: "response.set_cookie(\n    self.cookie_name,\n    sid,\n    max_age=self.cookie_max_age,\n    secure=self.cookie_secure,\n    http_only=self.cookie_http_only,\n)", language: 'python' },
    { code: "import falcon\n\nclass Login:\n    def on_post(self, req, resp):\n        resp.set_cookie('session_id', new_sid())", language: 'python' },
    // a double-submit CSRF cookie the page's script must read, and a cookie cleared with an empty value (held-out sample: flask-jwt-extended)
    { code: "response.set_cookie(\n    config.refresh_csrf_cookie_name,\n    value=get_csrf_token(encoded_refresh_token),\n    secure=config.cookie_secure,\n    httponly=False,\n)", language: 'python' },
    { code: "response.set_cookie(config.access_cookie_name, value=\"\", expires=0, domain=domain)\nresp.set_cookie('session_id', None, max_age=0)", language: 'python' },
    // cleared at logout: an empty cookie carries nothing (held-out sample: sinopia's web logout)
    "res.cookies.set('token', '')",
    "res.cookie('session', null);",
    // jquery-cookie runs in the page, which cannot set HttpOnly: only `secure` counts (held-out sample: shout's client)
    "$.cookie('token', data.token, { expires: 30, secure: true });",
    // options naming their own, non-session cookie (held-out sample: jQuery UI Layout's state cookie bundled in aloha)
    "const stateManagement = {\n  cookie: {\n    name: '',\n    path: '',\n    secure: false\n  }\n};",
    // Next.js middleware editing the request it passes on (fresh sample KK: auth0's read-after-write `reqCookies.set`): no Set-Cookie
    "reqCookies.set(this.sessionCookieName, jwe.toString());",
    "request.cookies.set('session', token);\nreturn NextResponse.next({ request });",
  ],
  invalid: [
    // …the response's cookies beside it still count
    { code: "reqCookies.set(name, jwe);\nresCookies.set(this.sessionCookieName, jwe.toString());", errors: [{ line: 2, column: 1 }] },
    { code: "const res = NextResponse.next();\nres.cookies.set('session', token);", errors: [{ line: 2, column: 1 }] },
    { code: "res.cookie(XSRF_COOKIE_KEY, token);", errors: [{ line: 1, column: 1 }] },
    { code: "res.cookie('XSRF-TOKEN', token, { httpOnly: false });", errors: [{ line: 1, column: 1 }] },
    { code: "res.cookie('token', jwt);", errors: [{ line: 1, column: 1 }] },
    // a real value keeps the finding; so does a browser-set token cookie without `secure`, and a cookie option naming a session
    { code: "res.cookies.set('token', auth.aes_encrypt(str).toString('base64'))", errors: [{ line: 1, column: 1, endLine: 1, endColumn: 67 }] },
    { code: "$.cookie('token', data.token, { expires: 30 });", errors: [{ line: 1, column: 1, endLine: 1, endColumn: 47 }] },
    { code: "const layout = {\n  cookie: {\n    name: 'session_id',\n    secure: false\n  }\n};", errors: [{ line: 4, column: 5, endLine: 4, endColumn: 18 }] },
    { code: "res.cookie('session', id, { maxAge: 3600_000 });", errors: 1 },
    { code: "res.cookie('auth', token, { httpOnly: true });", errors: 1 },
    { code: "res.cookie('auth', token, { httpOnly: false, secure: true });", errors: [{ line: 1, column: 29 }], output: "res.cookie('auth', token, { httpOnly: true, secure: true });" },
    { code: "app.use(session({\n  secret: process.env.SECRET,\n  cookie: { secure: false, maxAge: 60000 },\n}));", errors: [{ line: 3, column: 13 }], output: "app.use(session({\n  secret: process.env.SECRET,\n  cookie: { secure: true, maxAge: 60000 },\n}));" },
    { code: "cookies().set('session', token, { path: '/' });", errors: 1 },
    { code: "ctx.cookies.set('sid', sid, { httpOnly: true });", errors: 1 },
    { code: "response.setCookie('sessionID', session.getToken());", errors: [{ line: 1, column: 1 }] },
    { code: "setCookie(event, 'session', token);", errors: [{ line: 1, column: 1 }] },
    { code: "setCookie(event, 'auth_token', token, { httpOnly: true });", errors: 1 },
    // h3's setCookie imported beside a helper of another name is still read
    { code: "import { setCookie } from 'h3';\nconst setSession = (event, token) => setCookie(event, 'session', token, { httpOnly: true });", errors: [{ line: 2, column: 38 }] },
    { code: "resp.set_cookie('session_id', sid)", language: 'python', errors: [{ line: 1, column: 1 }] },
    // a CSRF cookie still needs `secure`; a cleared name with a value still counts
    { code: "response.set_cookie(config.access_csrf_cookie_name, value=get_csrf_token(tok), httponly=False)", language: 'python', errors: [{ line: 1, column: 1, endLine: 1, endColumn: 95 }] },
    { code: "response.set_cookie(config.access_cookie_name, value=\"x\", expires=0)", language: 'python', errors: 1 },
    // Tornado's RequestHandler.set_cookie(name, value) on `self` is still read
    { code: "class Login(RequestHandler):\n    def post(self):\n        self.set_cookie('session_id', sid)", language: 'python', errors: [{ line: 3, column: 9, endLine: 3, endColumn: 43 }] },
    { code: "utils.set_cookie(response, 'x', 1, 60)\nresponse.set_cookie('session_token', tok, max_age=60)", language: 'python', errors: [{ line: 2, column: 1, endLine: 2, endColumn: 54 }] },
    { code: "resp.set_cookie(key='access_token', value=token, httponly=True)", language: 'python', errors: 1 },
    { code: "resp.set_cookie('auth', token, secure=False, httponly=True)", language: 'python', errors: 1 },
    // turned off in Falcon's spelling
    { code: "resp.set_cookie('session_id', sid, secure=True, http_only=False)", language: 'python', errors: 1 },
    { code: "import falcon\n\nclass Login:\n    def on_post(self, req, resp):\n        resp.set_cookie('session_id', new_sid(), secure=False)", language: 'python', errors: [{ line: 5, column: 9 }] },
    { code: 'DEBUG = False\nSESSION_COOKIE_SECURE = False\nCSRF_COOKIE_SECURE = False', language: 'python', path: 'mysite/settings.py', errors: [{ line: 2 }, { line: 3 }], output: 'DEBUG = False\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True' },
    { code: "app.config['SESSION_COOKIE_HTTPONLY'] = False", language: 'python', errors: 1 },
    { code: 'app.config.update(SESSION_COOKIE_SECURE=False)', language: 'python', errors: 1 },
    // the application's own mapping, under another name
    { code: 'app_config = {\n    "SESSION_COOKIE_SECURE": False,\n}\napp.config.from_mapping(app_config)', language: 'python', errors: [{ line: 2, column: 5, endLine: 2, endColumn: 35, kind: 'setting-off' }] },
  ],
});
