import { at, ruleTester } from '../harness';

const PK = 'def _decode_jwt_from_config(self, encoded_token):\n    unverified_claims = jwt.decode(\n        encoded_token,\n        options={"verify_signature": False},\n    )\n    unverified_headers = jwt.get_unverified_header(encoded_token)\n    secret = self._decode_key_callback(unverified_headers, unverified_claims)\n    return _decode_jwt(encoded_token, secret)';

const hp = "const jwt = require('jsonwebtoken');\nfunction who(token) {\n  const d = jwt.decode(token, { complete: true });\n  return { kid: d.header.kid, user: d.payload.sub };\n}";

const fakeSign = "const jsonwebtoken_1 = require('jsonwebtoken');\nconst jwtStr = (0, jsonwebtoken_1.sign)(claims, 'fake-secret', {\n  algorithm: 'none',\n  expiresIn: 3600,\n});";
const fakeVerify = "import jwt from 'jsonwebtoken';\nconst claims = jwt.verify(token, 'fake-secret', { algorithms: ['none'] });";
// expired tokens accepted outside a request handler, the claims deciding nothing there (held-out samples: flowfuse's
// licence loader, which checks expiry itself; oidc-provider's id_token_hint, which may be expired): low
const licence = "const jwt = require('jsonwebtoken');\nfunction verifyLicenseWithKey(data, key) {\n  return jwt.verify(data, readKey(key), {\n    ignoreExpiration: true,\n    algorithms: ['ES256'],\n  });\n}";
const hint = "import * as JWT from '../helpers/jwt.js';\nclass IdToken {\n  static async validate(jwt, client) {\n    const opts = { ignoreExpiration: true, audience: client.clientId };\n    return JWT.verify(jwt, client.keystore, opts);\n  }\n}";
// a request handler (its callback too), or claims that decide access, keep it high
const mw = "const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) {\n  const token = req.headers.authorization.split(' ')[1];\n  req.user = jwt.verify(token, secret, { ignoreExpiration: true });\n  next();\n}";
const cb = "const jwt = require('jsonwebtoken');\napp.use((req, res, next) => {\n  readToken(req, (token) => {\n    res.locals.claims = jwt.verify(token, secret, { ignoreExpiration: true });\n    next();\n  });\n});";
const admin = "const jwt = require('jsonwebtoken');\nfunction isAdmin(token) {\n  const claims = jwt.verify(token, secret, { ignoreExpiration: true });\n  return claims.role === 'admin';\n}";
// a decode-only read outside a request handler, its claims deciding nothing there (held-out sample: dbgate's licence key,
// its `exp` read before saving): low; in a handler, or read for who the caller is or may be, medium
const licenceKey = "const jwt = require('jsonwebtoken');\nasync function saveLicenseKey({ licenseKey }) {\n  const decoded = jwt.decode(licenseKey.trim());\n  if (!decoded || decoded.exp * 1000 < Date.now()) return { status: 'error' };\n  await writeKey(licenseKey);\n}";
const meHandler = "const jwt = require('jsonwebtoken');\nrouter.get('/me', (req, res) => {\n  res.json(jwt.decode(getToken(req)));\n});";
const canDelete = "const jwt = require('jsonwebtoken');\nfunction canDelete(token) {\n  return jwt.decode(token).role === 'admin';\n}";
const refresh = "import jwt from 'jsonwebtoken';\nasync function refreshTokens(accessToken, refreshToken) {\n  jwt.verify(refreshToken, secret);\n  const old = jwt.verify(accessToken, secret, { ignoreExpiration: true });\n  return issue(old.data);\n}";

ruleTester('jwt-verification-disabled', 'typescript', {
  valid: [
    "import jwt from 'jsonwebtoken';\nconst claims = jwt.verify(token, secret, { algorithms: ['HS256'] });",
    "import jwt from 'jsonwebtoken';\nconst { header } = jwt.decode(token, { complete: true });\nconst claims = jwt.verify(token, keys[header.kid]);",
    "import { jwtDecode } from 'jwt-decode';\nconst claims = jwtDecode(token);",
    // the header only (its `kid` picks the key to verify with, in another module)
    "const jwt = require('jsonwebtoken');\nconst getHeaderFromToken = token => {\n  const decodedToken = jwt.decode(token, { complete: true });\n  if (!decodedToken) throw new Error('not a JWT');\n  return decodedToken.header;\n};",
    "const jwt = require('jsonwebtoken');\nexport const kidOf = (t) => jwt.decode(t, { complete: true }).header.kid;",
    // the issuer only (it picks which verifier runs: Directus), and a token this function has just signed (Feathers)
    "import jwt from 'jsonwebtoken';\nexport default function isDirectusJWT(s) {\n  const payload = jwt.decode(s, { json: true });\n  return payload?.iss === 'directus';\n}",
    "import jsonwebtoken from 'jsonwebtoken';\nasync function create(data) {\n  const accessToken = await this.createAccessToken(data.payload);\n  return { accessToken, payload: jsonwebtoken.decode(accessToken) };\n}",
    // the ID token of a code exchange, straight from the token endpoint over TLS (OIDC Core 3.1.3.7: firebase-tools' login)
    "const jwt = require('jsonwebtoken');\nasync function complete(code, verifier) {\n  const tokens = await getTokensFromAuthorizationCode(code, `${(0, api.origin)()}/complete`, verifier);\n  return { user: jwt.decode(tokens.id_token, { json: true }), tokens };\n}",
    "import jwt from 'jsonwebtoken';\napp.get('/cb', async (req, res) => {\n  const tokens = await oauth.exchangeCodeForTokens(req.query.code);\n  res.json(jwt.decode(tokens.idToken));\n});",
    // the tokens of a code exchange posted by hand (fresh held-out sample: dbgate's OAuth provider, axios and `grant_type=authorization_code`)
    "const jwt = require('jsonwebtoken');\nasync function oauthToken({ code }) {\n  const resp = await axios.post(TOKEN_URL, `grant_type=authorization_code&code=${encodeURIComponent(code)}`);\n  const { access_token, id_token } = resp.data;\n  let payload = jwt.decode(access_token);\n  if (!payload && id_token) payload = jwt.decode(id_token);\n  return payload.sub;\n}",
    "import jwt from 'jsonwebtoken';\nasync function exchange(code) {\n  const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code }) });\n  const tokens = await res.json();\n  return jwt.decode(tokens.id_token).email;\n}",
    // header and payload handed together to the key look-up, verify in another module (fresh held-out sample: koa-jwt's get-secret.js)
    "const { decode } = require('jsonwebtoken');\nmodule.exports = async (provider, token) => {\n  const decoded = decode(token, { complete: true });\n  if (!decoded || !decoded.header) throw new Error('Invalid token');\n  return provider(decoded.header, decoded.payload);\n};",
    // passport-jwt's key look-up decodes to pick the key the strategy then verifies with (held-out sample: tiledesk's passport.js)
    "const jwt = require('jsonwebtoken');\npassport.use(new JwtStrategy({\n  jwtFromRequest: ExtractJwt.fromAuthHeaderWithScheme('jwt'),\n  secretOrKeyProvider: function (request, rawJwtToken, done) {\n    const decoded = jwt.decode(rawJwtToken);\n    done(null, secrets[decoded.id_project]);\n  },\n}, verify));",
    // an OAuth strategy's verify callback is handed the tokens the strategy received from the token endpoint (same file)
    "const jwt = require('jsonwebtoken');\npassport.use(new OAuth2Strategy(opts, function (accessToken, refreshToken, params, profile, cb) {\n  const token = jwt.decode(accessToken);\n  const info = jwt.decode(params.access_token);\n  cb(null, { id: token.sub, email: info.email });\n}));",
    "const decoded = Buffer.from(b64, 'base64');\nconst text = decoder.decode(bytes);",
    "const gzip = { algorithm: 'none', level: 0 };",
    "// never pass algorithms: ['none'] to jwt.verify\nconst x = 1;",
    "import jwt from 'jsonwebtoken';\njwt.verify(token, secret, { ignoreExpiration: false });",
    // a store look-up's own option, the expiry checked by the caller next (held-out sample: oidc-provider's device flow)
    "import { JWT } from './jwt.js';\nconst code = await provider.DeviceCode.find(id, { ignoreExpiration: true, ignoreSessionBinding: true });\nif (code.isExpired) throw new Error('expired');",
    { code: 'claims = jwt.decode(token, key, algorithms=["HS256"])', language: 'python' },
    { code: 'header = jwt.get_unverified_header(token)', language: 'python' },
    { code: 'claims = jwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": True})', language: 'python' },
    { code: 'data = base64.b64decode(token)\ntext = data.decode("utf-8")', language: 'python' },
    // the unverified claims only pick the key the token is then verified with (held-out sample: flask-jwt-extended)
    { code: PK, language: 'python' },
  ],
  invalid: [
    { code: "import jwt from 'jsonwebtoken';\nconst user = jwt.decode(req.headers.authorization);", errors: [{ line: 2, column: 14 }] },
    { code: "const { decode } = require('jsonwebtoken');\nconst user = decode(token);", errors: [{ line: 2 }] },
    // the issuer and a claim read: trusted; a token from elsewhere, decoded: trusted
    { code: "import jwt from 'jsonwebtoken';\nfunction who(s) {\n  const p = jwt.decode(s);\n  return p.iss === 'app' ? p.sub : null;\n}", errors: [{ line: 3 }] },
    { code: "import jwt from 'jsonwebtoken';\nasync function who(req) {\n  const token = await readToken(req);\n  return jwt.decode(token).sub;\n}", errors: [{ line: 4 }] },
    // an id_token the client sent, or read from the request by a token-named helper: not the token endpoint's
    { code: "import jwt from 'jsonwebtoken';\nfunction who(req) {\n  return jwt.decode(req.body.id_token);\n}", errors: [{ line: 3, column: 10 }] },
    { code: "import jwt from 'jsonwebtoken';\nasync function who(req) {\n  const tokens = await getTokens(req);\n  return jwt.decode(tokens.id_token).sub;\n}", errors: [{ line: 4 }] },
    { code: "import jwt from 'jsonwebtoken';\nfunction who(tokens) {\n  return jwt.decode(tokens.id_token).sub;\n}", errors: [{ line: 3 }] },
    // a grant posted in the same function does not make the client's own token the endpoint's
    { code: "import jwt from 'jsonwebtoken';\nasync function cb(req) {\n  await axios.post(url, { grant_type: 'authorization_code', code: req.query.code });\n  const { access_token } = req.body;\n  return jwt.decode(access_token).sub;\n}", errors: [{ line: 5 }] },
    // the header and the payload both read: the claims are trusted unverified
    // the payload read beside the look-up is trusted
    { code: "const { decode } = require('jsonwebtoken');\nmodule.exports = async (provider, token) => {\n  const decoded = decode(token, { complete: true });\n  const key = await provider(decoded.header, decoded.payload);\n  return decoded.payload.sub;\n};", errors: [{ line: 3 }] },
    // a decode outside the key look-up, or of a callback's other argument, is still trusted
    { code: "const jwt = require('jsonwebtoken');\nconst opts = {\n  secretOrKeyProvider: (req, raw, done) => done(null, KEY),\n};\nfunction user(req) {\n  return jwt.decode(req.headers.authorization).sub;\n}", errors: [{ line: 6 }] },
    { code: "const jwt = require('jsonwebtoken');\nfunction cb(accessToken, refreshToken, params, profile, done) {\n  done(null, jwt.decode(profile.token));\n}", errors: [{ line: 3 }] },
    { code: hp, errors: [{ ...at(hp, "jwt.decode(token, { complete: true })"), severity: 'warning', confidence: 'medium' }] },
    { code: "import jwt from 'jsonwebtoken';\nconst claims = jwt.verify(token, secret, { algorithms: ['none', 'HS256'] });", errors: [{ line: 2, column: 44 }] },
    { code: "import jwt from 'jsonwebtoken';\nconst t = jwt.sign(payload, '', { algorithm: 'none' });", errors: 1 },
    // fake tokens minted on purpose, under a key that says so (firebase-tools' auth emulator): shown, not alarmed about
    { code: fakeSign, errors: [{ ...at(fakeSign, "algorithm: 'none'"), severity: 'info', confidence: 'low' }] },
    // accepting unsigned tokens stays an error whatever the key is called
    { code: fakeVerify, errors: [{ ...at(fakeVerify, "algorithms: ['none']"), severity: 'error', confidence: 'high' }] },
    { code: "import jwt from 'jsonwebtoken';\njwt.verify(token, secret, { ignoreExpiration: true });", errors: 1, output: "import jwt from 'jsonwebtoken';\njwt.verify(token, secret, { ignoreExpiration: false });" },
    // options built beside the verification, or handed to anything but a store look-up, still count
    { code: "import jwt from 'jsonwebtoken';\nconst opts = { ignoreExpiration: true };\njwt.verify(token, secret, opts);", errors: [{ line: 2, column: 16 }] },
    { code: "import { jwtVerify } from 'jose';\nawait verifyToken(token, { ignoreExpiration: true });", errors: [{ line: 2, column: 28 }] },
    // a refresh flow reads the expired access token it replaces, its refresh token checked with expiry (accounts-js): low
    { code: refresh, errors: [{ line: 4, confidence: 'low' }] },
    { code: licenceKey, errors: [{ ...at(licenceKey, 'jwt.decode(licenseKey.trim())'), severity: 'info', confidence: 'low' }] },
    { code: meHandler, errors: [{ ...at(meHandler, 'jwt.decode(getToken(req))'), severity: 'warning', confidence: 'medium' }] },
    { code: canDelete, errors: [{ ...at(canDelete, 'jwt.decode(token)'), severity: 'warning', confidence: 'medium' }] },
    { code: licence, errors: [{ ...at(licence, 'ignoreExpiration: true'), severity: 'info', confidence: 'low' }] },
    { code: hint, errors: [{ ...at(hint, 'ignoreExpiration: true'), severity: 'info', confidence: 'low' }] },
    { code: mw, errors: [{ ...at(mw, 'ignoreExpiration: true'), severity: 'warning', confidence: 'high' }] },
    { code: cb, errors: [{ ...at(cb, 'ignoreExpiration: true'), severity: 'warning', confidence: 'high' }] },
    { code: admin, errors: [{ ...at(admin, 'ignoreExpiration: true'), severity: 'warning', confidence: 'high' }] },
    { code: 'claims = jwt.decode(token, options={"verify_signature": False})', language: 'python', errors: [{ line: 1, column: 37 }], output: 'claims = jwt.decode(token, options={"verify_signature": True})' },
    { code: 'claims = jwt.decode(token, key, verify=False)', language: 'python', errors: 1, output: 'claims = jwt.decode(token, key, verify=True)' },
    // the same claims used for anything else still count
    { code: PK.replace('return _decode_jwt(encoded_token, secret)', 'return unverified_claims'), language: 'python', errors: [{ line: 4, column: 18 }] },
    { code: 'claims = jwt.decode(token, key, algorithms=["none"])', language: 'python', errors: 1 },
    { code: 'claims = jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": False})', language: 'python', errors: 1 },
  ],
});
