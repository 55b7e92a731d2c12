import { ruleTester } from '../harness';

const saltPy = "import random\n\ndef _generate_salt():\n    return ''.join([random.choice(SALT_CHARS) for c in range(16)])";

ruleTester('insecure-randomness', 'typescript', {
  valid: [
    "const delay = base * 2 ** attempt + Math.random() * 100;",
    // a probability: one token in ten gets a log line (unleash's api-token-service)
    "function checkTokenRate(token) {\n  if (Math.random() < 0.1) {\n    logger.info(`Token ${token.slice(0, 8)} rate limited`);\n  }\n}",
    { code: 'import random as random_module\nrandom = random_module.SystemRandom()\n\ndef password(n):\n    return "".join(random.choice(CHARS) for _ in range(n))', language: 'python' },
    // an analytics visit (firebase-tools' GA4 session): counted, not authenticated
    "property.currentSession = {\n  measurementId: property.measurementId,\n  clientId,\n  sessionId: (Math.random() * Number.MAX_SAFE_INTEGER).toFixed(0),\n  totalEngagementSeconds: 0,\n};",
    // a feature flag's stickiness key: hashed to a rollout bucket, guessing it grants nothing (held-out sample: @unleash/proxy)
    "import { getDefaultVariant } from 'unleash-client/lib/variant';\nfunction all(context) {\n  const sessionId = context.sessionId || String(Math.random());\n  return flags.map((d) => unleash.isEnabled(d.name, { ...context, sessionId }));\n}",
    "import { OpenFeature } from '@openfeature/server-sdk';\nconst ctx = { targetingKey: user.id, sessionId: String(Math.random()) };",
    "setTimeout(retry, Math.random() * 1000);",
    "const x = Math.random() * width;",
    "items.sort(() => Math.random() - 0.5);",
    "const id = Math.random().toString(36).slice(2);",
    "<li key={Math.random()}>{item}</li>",
    "const token = crypto.randomBytes(32).toString('hex');",
    "// never use Math.random() for a token\nconst token = crypto.randomUUID();",
    "function refreshToken() { const jitter = Math.random() * 50; return fetchToken(jitter); }",
    // a scheduler spreading a job over the clock (Ghost's token clean-up): the numbers are about load, not the tokens
    "async function scheduleTokenCleanupJob() {\n  const s = Math.floor(Math.random() * 60);\n  const m = Math.floor(Math.random() * 60);\n  jobs.add({ at: `${s} ${m} * * * *` });\n}",
    { code: 'delay = random.uniform(0.5, 1.5)', language: 'python' },
    { code: 'import random\nsample = random.sample(rows, 100)', language: 'python' },
    { code: 'import random\ntoken = secrets.token_urlsafe(32)', language: 'python' },
    { code: 'import numpy as np\ntoken_ids = np.random.randint(0, 100, size=10)', language: 'python' },
    // the id of a configured key picks which key signs, it is no key (held-out sample: os-ken's BFD auth_key_id)
    { code: 'import random\nauth_key_id = list(self._auth_keys.keys())[random.randint(0, len(self._auth_keys) - 1)]', language: 'python' },
    "const keyId = keys[Math.floor(Math.random() * keys.length)].id;",
    { code: 'import random\nrng = random.SystemRandom()\ntoken = "".join(rng.choice(chars) for _ in range(32))', language: 'python' },
  ],
  invalid: [
    { code: "const token = Math.random().toString(36).substring(2);", errors: [{ line: 1, column: 15 }] },
    { code: "const otp = Math.floor(100000 + Math.random() * 900000);", errors: [{ line: 1, column: 33 }] },
    { code: "function generateSessionId() {\n  let result = '';\n  for (let i = 0; i < 32; i++) result += chars.charAt(Math.floor(Math.random() * chars.length));\n  return result;\n}", errors: [{ line: 3 }] },
    { code: "user.resetToken = Math.random().toString(16).slice(2);", errors: 1 },
    { code: "res.json({ apiKey: Math.random().toString(36) });", errors: 1 },
    // a session id beside a user, not analytics keys: a login session
    { code: "req.session = {\n  userId: user.id,\n  sessionId: (Math.random() * Number.MAX_SAFE_INTEGER).toFixed(0),\n  expires: Date.now() + ttl,\n};", errors: [{ line: 3, column: 15 }] },
    // beside a flag SDK, a token is still a token, and a session id is one where the SDK is not imported
    { code: "import { initialize } from 'unleash-client';\nconst resetToken = String(Math.random());\nconst sessionToken = Math.random().toString(36);", errors: [{ line: 2, column: 27 }, { line: 3, column: 22 }] },
    { code: "const sessionId = req.cookies.sid || String(Math.random());", errors: [{ line: 1, column: 45 }] },
    { code: 'import random\nimport string\ntoken = "".join(random.choice(string.ascii_letters) for _ in range(32))', language: 'python', errors: [{ line: 3, column: 17 }] },
    { code: 'import random\notp_code = random.randint(100000, 999999)', language: 'python', errors: 1 },
    { code: 'from random import choices\ndef make_password(n=12):\n    return "".join(choices(ALPHABET, k=n))', language: 'python', errors: [{ line: 3 }] },
    { code: 'import random\nuser.api_key = "%032x" % random.getrandbits(128)', language: 'python', errors: 1 },
    // a value only put in a URL's query (fresh sample RR: a video site's `?v={rand}000` cache-buster in `_get_token`): low;
    // the same value also returned keeps the function name's medium
    { code: "import random\n\ndef _get_token(self, country):\n    rand = ''.join(random.choices('0123456789', k=10))\n    return self._download_json(f'{API}/auth/token?v={rand}000', country)", language: 'python', errors: [{ line: 4, confidence: 'low' }] },
    { code: "import random\n\ndef _get_token(self, country):\n    rand = ''.join(random.choices('0123456789', k=10))\n    self._fetch(f'{API}/auth/token?v={rand}000')\n    return rand", language: 'python', errors: [{ line: 4, confidence: 'medium' }] },
    // a shuffle only reorders characters chosen elsewhere (cinder draws them from os.urandom): low
    { code: 'from os import urandom\nfrom random import shuffle\n\ndef generate_password(length=16):\n    password = [s[ord(urandom(1)) % len(s)] for s in GROUPS]\n    shuffle(password)\n    return "".join(password)', language: 'python', errors: [{ line: 6, confidence: 'low' }] },
    // an aliased module still counts (and `random` rebound to SystemRandom, above, is the OS's generator)
    { code: 'import random as rnd\ntoken = "".join(rnd.choice(CHARS) for _ in range(32))', language: 'python', errors: [{ line: 2, column: 17 }] },
    // A salt needs to be unique more than unpredictable (nova's crypt salt): shown at low confidence;
    // a name that also asks for secrecy keeps the rule's.
    { code: saltPy, language: 'python', errors: [{ line: 4, column: 21, confidence: 'low' }] },
    { code: "const salt = Math.random().toString(36).slice(2);", errors: [{ line: 1, column: 14, confidence: 'low' }] },
    { code: "const saltedToken = Math.random().toString(36).slice(2);", errors: [{ line: 1, column: 21, confidence: 'high' }] },
    // So does a nonce (held-out samples: the Discord gateway's request nonce in eris and seyfert, Aliyun's SignatureNonce)…
    { code: "const nonce = Date.now().toString() + Math.random().toString(36);", errors: [{ line: 1, column: 39, confidence: 'low' }] },
    { code: "const params = { SignatureMethod: 'HMAC-SHA1', SignatureNonce: Math.random().toString() };", errors: [{ line: 1, column: 64, confidence: 'low' }] },
    // …but not in a file about a Content-Security-Policy or OpenID Connect, nor one named for secrecy too; a key itself is a key
    { code: "const nonce = Math.random().toString(36).slice(2);\nres.set('Content-Security-Policy', `script-src 'nonce-${nonce}'`);", errors: [{ line: 1, column: 15, confidence: 'high' }] },
    { code: "const params = { response_type: 'id_token', nonce: Math.random().toString(36) };", errors: [{ line: 1, column: 52, confidence: 'high' }] },
    { code: "const csrfNonce = Math.random().toString(36);", errors: [{ line: 1, column: 19, confidence: 'high' }] },
    { code: 'import random\nauth_key = random.getrandbits(128)', language: 'python', errors: [{ line: 2, confidence: 'high' }] },
    // Django test projects' settings are test files: low confidence (guardian's testapp)
    { code: 'import random, string\nSECRET_KEY = "".join([random.choice(string.ascii_letters) for x in range(40)])', language: 'python', path: 'guardian/testapp/testsettings.py', errors: [{ line: 2, confidence: 'low' }] },
  ],
});
