import { at, ruleTester, type InvalidCase } from '../harness';

const V = 'StWIwW04TpTMgFA6BBuTxkWvSeGmDnGn';
const SPACED = 'q8#Lz!v2Rk9$Xw4 mT7&pB3^nY6@cJ1'; // 31 characters, random, with one space

/** One finding spanning `value` (inside its quotes, its nth occurrence), with this message kind. */
const flag = (code: string, value: string, kind: string, extra: Partial<InvalidCase> = {}, nth = 0): InvalidCase =>
  ({ code, errors: [at(code, value, kind, nth)], ...extra });

const jsSession = "const session = require('express-session');\napp.use(session({ secret: 'keyboard cat', resave: false }));";
const jsJwtAlias = "import jwt from 'jsonwebtoken';\nconst JWT_SECRET = 'dev-secret';\nexport const sign = (u) => jwt.sign({ id: u.id }, JWT_SECRET, { expiresIn: '1h' });";
const jsJwtFallback = "const jwt = require('jsonwebtoken');\nconst secret = process.env.JWT_SECRET || 'fallback-secret';\njwt.verify(token, secret);";
const jsNamed = "import { sign } from 'jsonwebtoken';\nsign(payload, 'my super secret key');";
const jsHmac = "const crypto = require('crypto');\nconst sig = crypto.createHmac('sha256', 'abc123').update(body).digest('hex');";
// An HMAC as a keyed hash of names (whistle's temp and certificate file names): the helper returns only the digest.
const hashHelper = "const { createHmac } = require('crypto');\nexports.getHash = function (str) {\n  var hmac = createHmac('sha256', '5b6af7b9884e1165');\n  return hmac.update(str).digest('hex');\n};";
const hexHash = "const crypto = require('crypto');\nfunction getHexHash(ctn, key) {\n  return crypto.createHmac('sha256', key || 'whistle_temp_files').update(ctn || '').digest('hex').toLowerCase();\n}";
// …while a helper named for signing, or one that hands back more than the digest, keeps it.
const signHelper = "const crypto = require('crypto');\nfunction signPayload(body) {\n  return crypto.createHmac('sha256', '5b6af7b9884e1165').update(body).digest('hex');\n}";
const hashAndSend = "const crypto = require('crypto');\nfunction hashBody(body, res) {\n  const mac = crypto.createHmac('sha256', '5b6af7b9884e1165').update(body).digest('hex');\n  res.set('X-Signature', mac);\n}";
const jsCipher = "import { createCipheriv } from 'node:crypto';\nconst c = createCipheriv('aes-256-cbc', Buffer.from('0123456789abcdef0123456789abcdef'), iv);";
const jsPool = "const { Pool } = require('pg');\nconst pool = new Pool({ user: 'app', host: 'db', password: 'postgres', port: 5432 });";
const jsMysql = "const mysql = require('mysql');\nconst options = { host: 'localhost', user: 'root', password: 'hunter2' };\nconst db = mysql.createConnection(options);";
const jsSequelize = "const { Sequelize } = require('sequelize');\nconst db = new Sequelize('shop', 'root', 'r00t pass', { dialect: 'mysql' });";
const jsCookie = "const cookieParser = require('cookie-parser');\napp.use(cookieParser('cookie secret'));";
const jsPassport = "const JwtStrategy = require('passport-jwt').Strategy;\npassport.use(new JwtStrategy({ jwtFromRequest: fromHeader, secretOrKey: 'shhhhh' }, verify));";
const jsGoogle = "import { Strategy as GoogleStrategy } from 'passport-google-oauth20';\npassport.use(new GoogleStrategy({ clientID: id, clientSecret: 'GOCSPX-abc', callbackURL: '/cb' }, cb));";
const jsSpaced = `const jwt = require('jsonwebtoken');\njwt.sign(p, '${SPACED}');`;
const jsPlaceholder = "const session = require('express-session');\napp.use(session({ secret: 'your-secret-here' }));";
const jsCookieSession = "const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 's', keys: ['key1', 'key2'] }));";
// A device protocol's LAN discovery key, named for the broadcast it decrypts (fresh sample BH: a smart plug's and a
// vacuum's discovery keys, the same for every device of the vendor): public by design, low. Inline, or bound to another name, it keeps the rule's confidence.
const jsUdpKey = "const crypto = require('crypto');\nconst UDP_KEY = Buffer.from('9a3c51f0e2b74d88a1c06e5f7b2d4c19', 'hex');\nconst open = (msg) => crypto.createDecipheriv('aes-128-ecb', UDP_KEY, '').update(msg);";
const jsInlineKey = "const crypto = require('crypto');\nconst open = (msg) => crypto.createDecipheriv('aes-128-ecb', Buffer.from('9a3c51f0e2b74d88a1c06e5f7b2d4c19', 'hex'), '').update(msg);";
const jsStoreKey = "const crypto = require('crypto');\nconst STORE_KEY = Buffer.from('9a3c51f0e2b74d88a1c06e5f7b2d4c19', 'hex');\nconst open = (msg) => crypto.createDecipheriv('aes-128-ecb', STORE_KEY, '').update(msg);";
const jsTernary = "const session = require('express-session');\napp.use(session({ secret: process.env.NODE_ENV === 'production' ? process.env.SECRET : 'dev' }));";

ruleTester('hardcoded-secret-in-sink', 'javascript', {
  valid: [
    // values from the environment, config lookups and parameters
    "const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET }));",
    "const jwt = require('jsonwebtoken');\nmodule.exports = (u, key) => jwt.sign({ id: u.id }, key);",
    "const jwt = require('jsonwebtoken');\njwt.sign(p, config.get('jwt.secret'));",
    "const jwt = require('jsonwebtoken');\nconst { secret } = require('./config');\njwt.sign(p, secret);",
    // a local function that happens to be called sign, and a shadowed import
    "const sign = (p, k) => k;\nsign({ id: 1 }, 'not-a-secret');",
    "import jwt from 'jsonwebtoken';\nfunction f(jwt) { return jwt.sign(p, 'literal'); }",
    // a name bound twice is not a constant
    "const jwt = require('jsonwebtoken');\nlet k = 'dev';\nk = load();\njwt.sign(p, k);",
    // empty values and template placeholders are not secrets
    "const { Pool } = require('pg');\nnew Pool({ password: '' });",
    "const session = require('express-session');\napp.use(session({ secret: '${SESSION_SECRET}' }));",
    // arguments that are not the key
    "const crypto = require('crypto');\ncrypto.createHmac('sha256', key).update('payload');",
    "const crypto = require('crypto');\ncrypto.createCipheriv('aes-256-gcm', key, 'static-iv-12');",
    { code: `import jwt from 'jsonwebtoken';\ndeclare const k: string;\njwt.sign(p, 'x');`, path: 'src/types.d.ts' },
  ],
  invalid: [
    flag(jsSession, 'keyboard cat', 'sink:weak', { output: jsSession.replace("'keyboard cat'", 'process.env.SESSION_SECRET') }),
    flag(jsJwtAlias, 'dev-secret', 'sink:weak', { output: jsJwtAlias.replace("'dev-secret'", 'process.env.JWT_SECRET') }),
    flag(jsJwtFallback, 'fallback-secret', 'fallback:weak'),
    flag(jsNamed, 'my super secret key', 'sink:weak'),
    flag(jsHmac, 'abc123', 'sink:weak'),
    { code: hashHelper, errors: [{ ...at(hashHelper, '5b6af7b9884e1165', 'sink:weak:hash'), confidence: 'low', severity: 'info' }] },
    { code: hexHash, errors: [{ ...at(hexHash, 'whistle_temp_files', 'sink:weak:hash'), confidence: 'low', severity: 'info' }] },
    { code: signHelper, errors: [{ ...at(signHelper, '5b6af7b9884e1165', 'sink:weak'), confidence: 'high' }] },
    { code: hashAndSend, errors: [{ ...at(hashAndSend, '5b6af7b9884e1165', 'sink:weak'), confidence: 'high' }] },
    flag(jsCipher, '0123456789abcdef0123456789abcdef', 'sink:weak'),
    flag(jsPool, 'postgres', 'sink:weak'),
    flag(jsMysql, 'hunter2', 'sink:weak'),
    flag(jsSequelize, 'r00t pass', 'sink:weak'),
    flag(jsCookie, 'cookie secret', 'sink:weak'),
    flag(jsPassport, 'shhhhh', 'sink:weak'),
    flag(jsGoogle, 'GOCSPX-abc', 'sink:weak'),
    flag(jsSpaced, SPACED, 'sink'),
    flag(jsPlaceholder, 'your-secret-here', 'sink:weak'),
    { code: jsCookieSession, errors: [at(jsCookieSession, 'key1', 'sink:weak'), at(jsCookieSession, 'key2', 'sink:weak')] },
    flag(jsTernary, 'dev', 'fallback:weak'),
    { code: jsUdpKey, errors: [{ ...at(jsUdpKey, '9a3c51f0e2b74d88a1c06e5f7b2d4c19', 'sink'), confidence: 'low' }] },
    { code: jsInlineKey, errors: [{ ...at(jsInlineKey, '9a3c51f0e2b74d88a1c06e5f7b2d4c19', 'sink'), confidence: 'high' }] },
    { code: jsStoreKey, errors: [{ ...at(jsStoreKey, '9a3c51f0e2b74d88a1c06e5f7b2d4c19', 'sink'), confidence: 'high' }] },
    { code: `const jwt = require('jsonwebtoken');\njwt.sign(p, '${V}');`, errors: [{ ...at(`const jwt = require('jsonwebtoken');\njwt.sign(p, '${V}');`, V, 'sink'), confidence: 'high', severity: 'error' }] },
    // in a test file: shown at low confidence
    { code: jsSession, path: 'test/session.test.js', errors: [{ ...at(jsSession, 'keyboard cat', 'sink:weak'), confidence: 'low', severity: 'info' }] },
    // an example app under a folder named for what it shows (fresh sample AY: an accounting SDK's OAuth 2 demo beside its
    // `example/`): low as `examples/` is; a folder only containing the word in another one keeps it
    { code: jsSession, path: 'oauth2example/app.js', errors: [{ ...at(jsSession, 'keyboard cat', 'sink:weak'), confidence: 'low', severity: 'info' }] },
    { code: jsSession, path: 'express-example/server.js', errors: [{ ...at(jsSession, 'keyboard cat', 'sink:weak'), confidence: 'low', severity: 'info' }] },
    { code: jsSession, path: 'src/examplesdk/app.js', errors: [{ ...at(jsSession, 'keyboard cat', 'sink:weak'), confidence: 'high', severity: 'error' }] },
    { code: jsSession, path: 'src/resamples/app.js', errors: [{ ...at(jsSession, 'keyboard cat', 'sink:weak'), confidence: 'high', severity: 'error' }] },
  ],
});

const pyFlask = "from flask import Flask\napp = Flask(__name__)\napp.config['SECRET_KEY'] = 'ACME'";
const pyFlaskAttr = "from flask import Flask\napp = Flask(__name__)\napp.secret_key = 'super secret key'";
const pyDjango = "DEBUG = True\nSECRET_KEY = 'django-insecure-change-me'\nALLOWED_HOSTS = []";
const pyConfigClass = "class Config:\n    SECRET_KEY = os.environ.get('SECRET_KEY') or 'hard to guess string'";
const pyGetenv = "import os\nSECRET_KEY = os.getenv('SECRET_KEY', 'dev')";
const pyHmac = "import hmac, hashlib\nsig = hmac.new(b'webhook-key', body, hashlib.sha256).hexdigest()";
const pyHmacAlias = "import hmac\nKEY = 'shared key'.encode()\ndef sign(body):\n    return hmac.new(KEY, body, 'sha256').hexdigest()";
const pyPsycopg = "import psycopg2\nconn = psycopg2.connect(host='db', dbname='app', user='app', password='app')";
const pyMysql = "import mysql.connector\ndb = mysql.connector.connect(host='localhost', user='root', passwd='toor')";
const pyAuth = "import requests\nr = requests.get(url, auth=('admin', 'letmein'))";
const pyBasic = "from requests.auth import HTTPBasicAuth\nr = requests.get(url, auth=HTTPBasicAuth('api', 'pa55word'))";
const pyUpdate = "app.config.update(SECRET_KEY='dev', DEBUG=True)";
// BIP32's master key is HMAC-SHA512 keyed with the standard's own "Bitcoin seed" (fresh sample WW: a wallet helper): public by design.
const pyBip32 = "import hmac, hashlib\nBIP32_SEED_MODIFIER = b'Bitcoin seed'\ndef master_key(seed):\n    return hmac.new(BIP32_SEED_MODIFIER, seed, hashlib.sha512).digest()";
const pyBitcoinKey = "import hmac, hashlib\ndef sign(body):\n    return hmac.new(b'Bitcoin seed key', body, hashlib.sha512).digest()";
const pyJwt = "import jwt\ntoken = jwt.encode({'id': 1}, 'secret', algorithm='HS256')";

ruleTester('hardcoded-secret-in-sink', 'python', {
  valid: [
    "import os\nfrom flask import Flask\napp = Flask(__name__)\napp.config['SECRET_KEY'] = os.environ['SECRET_KEY']",
    "SECRET_KEY = os.environ.get('SECRET_KEY')",
    "SECRET_KEY = ''",
    "from django.conf import settings\nkey = settings.SECRET_KEY",
    "def connect(password):\n    return psycopg2.connect(password=password)",
    "import psycopg2\nconn = psycopg2.connect(host='db', password=os.environ['DB_PASSWORD'])",
    "import requests\nr = requests.get(url, auth=(user, password))",
    "import hmac\nsig = hmac.new(key, b'payload', 'sha256')",
    // the MAC of a fixed message under a fixed key is a constant: paste measures the digest size with it
    "import hmac\nfrom hashlib import sha1\n_signature_size = len(hmac.new(b'x', b'x', sha1).digest())",
    "import hmac, hashlib\nDIGEST_SIZE = hmac.new(b'probe-key', msg=b'', digestmod=hashlib.sha256).digest_size",
    // a local name, not a setting
    "def f():\n    SECRET_KEY = 'x'\n    return SECRET_KEY",
    // not the requests library
    "r = client.get(url, auth=('admin', 'letmein'))",
    pyBip32,
  ],
  invalid: [
    flag(pyFlask, 'ACME', 'sink:weak', { output: `import os\n${pyFlask.replace("'ACME'", 'os.environ["SECRET_KEY"]')}` }),
    flag(pyFlaskAttr, 'super secret key', 'sink:weak'),
    flag(pyDjango, 'django-insecure-change-me', 'sink:weak'),
    flag(pyConfigClass, 'hard to guess string', 'fallback:weak'),
    flag(pyGetenv, 'dev', 'fallback:weak'),
    flag(pyHmac, 'webhook-key', 'sink:weak'),
    flag(pyHmacAlias, 'shared key', 'sink:weak'),
    flag(pyBitcoinKey, 'Bitcoin seed key', 'sink:weak'),
    flag(pyPsycopg, 'app', 'sink:weak', {}, 2),
    flag(pyMysql, 'toor', 'sink:weak'),
    flag(pyAuth, 'letmein', 'sink:weak'),
    flag(pyBasic, 'pa55word', 'sink:weak'),
    // a one-character password beside a token sent as the user name (fresh sample RR: lexicon's Memset provider): low;
    // a two-character one keeps the rule's confidence
    flag("import requests\nr = requests.get(url, auth=(self.token, 'x'))", 'x', 'sink:weak', { errors: [{ ...at("import requests\nr = requests.get(url, auth=(self.token, 'x'))", 'x', 'sink:weak'), confidence: 'low' }] }),
    flag("import requests\nr = requests.get(url, auth=(self.token, 'xy'))", 'xy', 'sink:weak', { errors: [{ ...at("import requests\nr = requests.get(url, auth=(self.token, 'xy'))", 'xy', 'sink:weak'), confidence: 'high' }] }),
    flag(pyUpdate, 'dev', 'sink:weak'),
    flag(pyJwt, 'secret', 'sink:weak'),
    { code: `SECRET_KEY = '${SPACED}'`, errors: [at(`SECRET_KEY = '${SPACED}'`, SPACED, 'sink')] },
  ],
});

ruleTester('hardcoded-secret-in-sink', 'python', {
  valid: [
    // the name of a key (an environment variable, a config field), not its value
    "class EnvProvider:\n    ACCESS_KEY = 'AWS_ACCESS_KEY_ID'\n    SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'",
    "class ConfigProvider:\n    SECRET_KEY = 'aws_secret_access_key'",
  ],
  invalid: [flag("SECRET_KEY = 'secret-key'", 'secret-key', 'sink:weak')],
});

const pyEngine = "from sqlalchemy import create_engine\nengine = create_engine('postgresql://postgres:postgres@localhost:5432/shop')";
const jsSequelizeUrl = "const { Sequelize } = require('sequelize');\nconst db = new Sequelize('mysql://root:root@localhost:3306/shop');";
const jsPoolUrl = "const { Pool } = require('pg');\nconst pool = new Pool({ connectionString: 'postgres://app:changeme@db/app' });";

ruleTester('hardcoded-secret-in-sink', 'python', {
  valid: [
    "from sqlalchemy import create_engine\nengine = create_engine('sqlite:///app.db')",
    "from sqlalchemy import create_engine\nengine = create_engine(os.environ['DATABASE_URL'])",
    // a strong URL password is connection-string-password's finding (one finding, not two)
    "from sqlalchemy import create_engine\nengine = create_engine('postgresql://app:N7vq2Lx9Rk4mTz@db.internal/app')",
  ],
  invalid: [{ code: pyEngine, errors: [at(pyEngine, 'postgres', 'sink:weak', 2)] }],
});

ruleTester('hardcoded-secret-in-sink', 'javascript', {
  valid: ["const { Sequelize } = require('sequelize');\nconst db = new Sequelize(process.env.DATABASE_URL);"],
  invalid: [
    { code: jsSequelizeUrl, errors: [at(jsSequelizeUrl, 'root', 'sink:weak', 1)] },
    { code: jsPoolUrl, errors: [at(jsPoolUrl, 'changeme', 'sink:weak')] },
  ],
});

// Values a sink reads from another workspace module (slow tier): the finding is at the sink, the
// literal's place in the other file is its related location.
const jsRequired = "const jwt = require('jsonwebtoken');\nconst config = require('./config');\nexports.sign = (u) => jwt.sign({ id: u.id }, config.jwt.secret);";
const jsDefault = "import session from 'express-session';\nimport config from '../config/index.js';\napp.use(session({ secret: config.sessionSecret, resave: false }));";
const jsNamedEsm = "import jwt from 'jsonwebtoken';\nimport { JWT_SECRET } from './settings';\njwt.verify(token, JWT_SECRET);";
const jsFallback = "const jwt = require('jsonwebtoken');\nconst { secret } = require('./config');\njwt.sign(p, process.env.JWT_SECRET || secret);";
const CONFIG = { 'src/config.js': "module.exports = {\n  port: 3000,\n  jwt: { secret: 'keyboard cat' },\n};\n" };

ruleTester('hardcoded-secret-in-sink', 'javascript', {
  valid: [
    // the other module reads the environment, or computes the value
    { code: jsRequired, path: 'src/auth.js', files: { 'src/config.js': 'module.exports = { jwt: { secret: process.env.JWT_SECRET } };' } },
    { code: jsRequired, path: 'src/auth.js', files: { 'src/config.js': "module.exports = { jwt: { secret: load('jwt') } };" } },
    // a member the module does not export as a literal, a module that is not in the workspace
    { code: jsRequired.replace('config.jwt.secret', 'config.port'), path: 'src/auth.js', files: CONFIG },
    { code: "const jwt = require('jsonwebtoken');\nconst config = require('config');\njwt.sign(p, config.secret);", path: 'src/auth.js', files: CONFIG },
    // the name is rebound before the sink: not the module's value
    { code: "const jwt = require('jsonwebtoken');\nlet config = require('./config');\nconfig = load();\njwt.sign(p, config.jwt.secret);", path: 'src/auth.js', files: CONFIG },
    // not a sink
    { code: "const config = require('./config');\nconsole.log(config.jwt.secret.length);", path: 'src/auth.js', files: CONFIG },
  ],
  invalid: [
    { code: jsRequired, path: 'src/auth.js', files: CONFIG, errors: [{ ...at(jsRequired, 'config.jwt.secret', 'imported:weak'), confidence: 'high' }] },
    {
      code: jsDefault, path: 'src/app.js', files: { 'config/index.js': "exports.sessionSecret = 'my super secret';" },
      errors: [at(jsDefault, 'config.sessionSecret', 'imported:weak')],
    },
    {
      code: jsNamedEsm, path: 'src/auth.ts', files: { 'src/settings.ts': `export const PORT = 80;\nexport const JWT_SECRET: string = '${V}';\n` },
      errors: [at(jsNamedEsm, 'JWT_SECRET', 'imported', 1)],
    },
    { code: jsFallback, path: 'src/auth.js', files: { 'src/config.js': "module.exports = { secret: 'dev' };" }, errors: [{ ...at(jsFallback, 'secret', 'imported:weak', 1), confidence: 'medium' }] },
  ],
});

const pyImported = "from flask import Flask\nfrom settings import SECRET_KEY\napp = Flask(__name__)\napp.secret_key = SECRET_KEY";
const pyModule = "import jwt\nimport config\ntoken = jwt.encode({'id': 1}, config.JWT_KEY, algorithm='HS256')";

ruleTester('hardcoded-secret-in-sink', 'python', {
  valid: [
    { code: pyImported, path: 'app.py', files: { 'settings.py': "import os\nSECRET_KEY = os.environ['SECRET_KEY']\n" } },
    { code: pyModule, path: 'app.py', files: { 'config.py': "JWT_KEY = None\n" } },
  ],
  invalid: [
    { code: pyImported, path: 'app.py', files: { 'settings.py': "DEBUG = False\nSECRET_KEY = 'change me'\n" }, errors: [at(pyImported, 'SECRET_KEY', 'imported:weak', 1)] },
    { code: pyModule, path: 'app.py', files: { 'config.py': `JWT_KEY = '${V}'\n` }, errors: [at(pyModule, 'config.JWT_KEY', 'imported')] },
  ],
});
