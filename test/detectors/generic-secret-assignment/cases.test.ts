import { ruleTester } from '../harness';

const V = 'StWIwW04TpTMgFA6BBuTxkWvSeGmDnGn';
const HEX = 'f523409ef3e35ca2ab2e21c6244c254adab76c2a';
const BCRYPT = '$2a$10$T1UJYlinVUGHqfInKSZQz./CHrYIVVqbDO3N1fRNEUvFvSEcshNdC';
// a bare SHA-512 hex digest, as a default user's password in a config file
const SHA512 = '6001423cf52fc85274fa4a40382ab6a02f8e0541082e39bfbc41fa23d2523d7cece225c068187a0ac5cda6015f56a12424d79bee040a803a5db088c9c6d894a1';
const DJANGO = 'pbkdf2_sha256$260000$Qx7s9LkP2vRt$1nB8cX5yZ0aWq3mE6uJ4hG7fD2sK9lP0oI8uY6tR5eA=';

ruleTester('generic-secret-assignment', 'typescript', {
  valid: [
    // env reads, placeholders and empty values
    'const apiKey = process.env.API_KEY;',
    'const apiKey = process.env.API_KEY ?? "";',
    'const password = "changeme";',
    'const apiKey = "<your-api-key>";',
    // a sentinel that stands in for a credential the API masks (flowise)
    "exports.REDACTED_CREDENTIAL_VALUE = '_FLOWISE_BLANK_07167752-1a71-43b1-bf8f-4f32252165db';",
    "const MASKED_PASSWORD = 'e3b0c44298fc1c14';",
    'const token = "${GITHUB_TOKEN}";',
    'const secret = "{{ .Values.secret }}";',
    'const apiKey = "xxxxxxxxxxxxxxxxxxxxxxxx";',
    'const apiKey = "your-api-key-here";',
    'const password = "********";',
    'const secret = "dummy-secret-value-for-local-dev";',
    // names that describe a secret rather than hold one
    `const passwordField = "${V}";`,
    `const tokenType = "${V}";`,
    `const secretName = "${V}";`,
    `const passwordPolicy = "${V}";`,
    `const config = { tokenUrl: "https://auth.example.org/oauth/token" };`,
    `const token_type = "Bearer";`,
    `const isPasswordValid = "${V}";`,
    `const publicKey = "${V}";`,
    // values that are not secrets
    'const privateKeyPath = "./certs/server.pem";',
    'const privateKey = "./certs/server.pem";',
    'const token = "GITHUB_TOKEN";',
    'const secret = "auth.errors.invalidSecret";',
    'const authToken = "Please sign in again";',
    'const password = "abc";',
    'const authToken = "Token expired at 12:00, sign in";',
    // a regex source under a token name
    'const TOKEN_STRINGS = "[A-Za-z0-9._~+/-]+=*";',
    `const jwt = require("jsonwebtoken");\nconst jwtSecret = "${V}";\njwt.sign(p, jwtSecret);`,
    // a comparison is a different flaw
    `if (password === "${V}") { login(); }`,
    // a naive regex would flag this: a type, not a value
    `type Creds = { password: "${V}" };`,
    // provider formats are left to the provider rules
    'const token = "ghp_R8dKx2mQ7vN4pL9sT3wZ6yB1cF5hJ0aE2gU8";',
    // enum-like constants whose value spells the name
    'export const ACQUIRE_TOKEN_START = "msal:acquireTokenStart";',
    'const FLOW_PASSWORD_REQUIRED_V2 = "FlowPasswordRequiredV2";',
    // declaration files hold types, not values
    { code: `declare const apiKey = "${V}";`, path: 'src/env.d.ts' },
  ],
  invalid: [
    { code: `const apiKey = "${V}";`, errors: [{ line: 1, column: 17 }], output: 'const apiKey = process.env.API_KEY;' },
    { code: `const config = {\n  clientSecret: "${V}",\n};`, errors: [{ line: 2, column: 18 }], output: 'const config = {\n  clientSecret: process.env.CLIENT_SECRET,\n};' },
    { code: `headers["X-Api-Key"] = '${HEX}';`, errors: [{ line: 1, column: 25 }], output: 'headers["X-Api-Key"] = process.env.X_API_KEY;' },
    { code: `this.accessToken = \`${V}\`;`, errors: 1 },
    { code: `function connect(password = "Tr0ub4dor&3xQ") {}`, errors: 1 },
    { code: `class Client { private readonly secretKey = "${V}"; }`, errors: 1 },
    { code: `const jwtSecret = process.env.JWT_SECRET || "${V}";`, errors: [{ line: 1, column: 46 }] },
    { code: `const s = process.env.SESSION_SECRET ?? "${V}";`, errors: 1 },
    { code: `const el = <Provider apiKey="${V}" />;`, language: 'typescriptreact', errors: 1 },
    { code: `const auth = { Authorization: "Bearer ${V}" };`, errors: 1 },
    { code: `const apiKey = "${V}";`, path: 'test/api.test.ts', errors: 1 },
    // mock, fake, dummy and stub data (a preview's sample events): shown at low confidence (held-out sample: vendure's email-plugin mock-events.js)
    { code: `exports.mockPasswordResetEvent = new PasswordResetEvent({}, new User({\n  identifier: 'test@test.com',\n  authenticationMethods: [new NativeAuthenticationMethod({ passwordResetToken: '${V}' })],\n}));`, path: 'src/handler/mock-events.js', errors: [{ line: 3, column: 81, confidence: 'low', severity: 'info' }] },
    { code: `export const users = [{ name: 'ada', apiKey: "${V}" }];`, path: 'src/fakes/fake-users.ts', errors: [{ line: 1, column: 47, confidence: 'low', severity: 'info' }] },
    { code: `export const users = [{ name: 'ada', apiKey: "${V}" }];`, path: 'src/dummy-data.ts', errors: [{ line: 1, column: 47, confidence: 'low', severity: 'info' }] },
    // a package's test-support folder (fresh held-out sample: a generator's lib/testing CI matrix with its apps' JWT key); a folder only named like it is kept
    { code: `export const env = { os: 'ubuntu-latest', 'jwt-secret-key': '${V}' };`, path: 'lib/testing/github-matrix.js', errors: [{ line: 1, column: 62, confidence: 'low', severity: 'info' }] },
    { code: `export const env = { os: 'ubuntu-latest', 'jwt-secret-key': '${V}' };`, path: 'lib/load-testing-config.js', errors: [{ line: 1, column: 62, confidence: 'medium' }] },
    // …a name that only starts like one is no mock file
    { code: `export const users = [{ name: 'ada', apiKey: "${V}" }];`, path: 'src/mockingbird.ts', errors: [{ line: 1, column: 47, confidence: 'medium' }] },
    { code: `exports.event = { passwordResetToken: '${V}' };`, path: 'src/handler/email-events.js', errors: [{ line: 1, column: 40, confidence: 'medium' }] },
    // an SDK's samples folder: runnable calls against the provider's sandbox (fresh sample AY: a payment SDK's
    // `samples/` with sandbox keys and one-time form tokens), low as `examples/` is; `lib/sampler/` is code
    { code: `const request = { locale: 'en', apiKey: "${V}" };`, path: 'samples/PaymentSamples.js', errors: [{ line: 1, column: 42, confidence: 'low', severity: 'info' }] },
    { code: `const request = { locale: 'en', apiKey: "${V}" };`, path: 'sample/checkout.js', errors: [{ line: 1, column: 42, confidence: 'low', severity: 'info' }] },
    { code: `const request = { locale: 'en', apiKey: "${V}" };`, path: 'lib/sampler/checkout.js', errors: [{ line: 1, column: 42, confidence: 'medium' }] },
    { code: `const { password = "${V}" } = options;`, errors: 1 },
    { code: `const apiKey2 = "${V}";`, errors: 1 },
    // a shared default key, compared only to learn whether it is still in use, is reported here, where it is assigned (fresh
    // sample BE: an Ethereum library's RPC providers), not as a credential check
    { code: "const DEFAULT_API_KEY = 'Qm7vR2xT9kLp4WnZ8cYb3HfJ';\nclass Rpc {\n  constructor(apiKey) {\n    if (apiKey == null) { apiKey = DEFAULT_API_KEY; }\n    this.apiKey = apiKey;\n  }\n  isShared() { return this.apiKey === DEFAULT_API_KEY; }\n}", errors: [{ line: 1, column: 26, endColumn: 50, confidence: 'medium' }] },
    // a random key may contain a space
    { code: 'const apiKey = "q8#Lz!v2Rk9$Xw4 mT7&pB3^nY6@cJ1";', errors: [{ line: 1, column: 17, endColumn: 48 }] },
  ],
});

ruleTester('generic-secret-assignment', 'python', {
  valid: [
    // paging, idempotency and change markers carry no authority; a format marker; a timestamp under a password name
    `NextContinuationToken = "1w41l63U0xa8q7smH50vCxyTQqdxo69O3EmK28Bi5PcROI4wI/EyIJg=="`,
    `params = {"ClientRequestToken": "a8ca07e4-61ec-4399-99f4-19853ef4e5d1", "ChangeToken": "abcd12f2-46da-4fdb-b8d5-fbd4c466928f"}`,
    `user = {"PasswordLastUsed": "2016-09-22T14:58:23Z"}`,
    'OPENSSH_AUTH_MAGIC = b"openssh-key-v1\\x00"',
    // a regex character class (RFC 2616's token, in swift's swob.py)
    String.raw`token = r'[^()<>@,;:\"/\[\]?={}\x00-\x20\x7f]+'`,
    'api_key = os.environ["API_KEY"]',
    'api_key = os.getenv("API_KEY")',
    'password = "changeme"',
    `password_field = "${V}"`,
    `token_type = "${V}"`,
    // where a thing is, not the thing (fresh sample WW: a token contract's public Ethereum address)
    `XBR_DEBUG_TOKEN_ADDR = '0xaB12c9F0e4D5a6B7c8D9e0F1a2B3c4D5e6F7a8B9'`,
    `token_address = "${V}"`,
    `if password == "${V}":\n    pass`,
    'SECRET_KEY = f"{prefix}-{suffix}-abcdefghijkl"',
    'private_key = "keys/private.pem"',
    // a literal that reaches a secret sink is hardcoded-secret-in-sink's finding (one finding, not two)
    `app.config["SECRET_KEY"] = "${V}"`,
    `SECRET_KEY = 'django-insecure-9k#x@2m!q8v$w3zr^1t7p(l0yb6n&f4hj5s-d'`,
  ],
  invalid: [
    { code: `API_KEY = "${V}"`, errors: [{ line: 1, column: 12 }], output: `import os\nAPI_KEY = os.environ["API_KEY"]` },
    { code: `import os\nclient = Client(api_key='${V}')`, errors: 1, output: `import os\nclient = Client(api_key=os.environ["API_KEY"])` },
    { code: `settings = {"client_secret": "${V}"}`, errors: 1 },
    { code: `def connect(password="Tr0ub4dor&3xQ"):\n    pass`, errors: 1 },
    { code: `token = os.getenv("GITHUB_TOKEN", "${V}")`, errors: 1 },
    { code: `secret = os.environ.get("APP_SECRET") or "${V}"`, errors: 1 },
    { code: `SECRET = b"${V}"`, errors: 1 },
    { code: `ADDRESS_TOKEN = "${V}"`, errors: 1 },
    { code: `class Settings:\n    db_password: str = "${V}"`, errors: [{ line: 2, column: 25 }] },
  ],
});

ruleTester('generic-secret-assignment', 'dotenv', {
  valid: ['API_KEY=', 'API_KEY=changeme', 'API_KEY=${API_KEY}', 'TOKEN_URL=https://auth.example.org/token', `# API_KEY=${V}`],
  invalid: [
    { code: `API_KEY=${V}`, errors: [{ line: 1, column: 9 }] },
    { code: `export DB_PASSWORD="${V}" # prod`, errors: 1 },
    // an example environment file documents the variables to set, with made-up values, as `config.sample.js` does
    // (fresh sample BE: a help-desk SDK's `.env.example`, a random-looking key beside a made-up host and address): low;
    // the real environment files stay medium
    { code: `DESK_URL=https://acme.example.com/\nDESK_API_KEY=${HEX}`, path: '.env.example', errors: [{ line: 2, column: 14, endColumn: 54, confidence: 'low', severity: 'info' }] },
    { code: `DESK_URL=https://acme.example.com/\nDESK_API_KEY=${HEX}`, path: 'api/.env.sample', errors: [{ line: 2, column: 14, endColumn: 54, confidence: 'low', severity: 'info' }] },
    { code: `DESK_URL=https://acme.example.com/\nDESK_API_KEY=${HEX}`, path: '.env.production', errors: [{ line: 2, column: 14, endColumn: 54, confidence: 'medium' }] },
    { code: `DESK_URL=https://acme.example.com/\nDESK_API_KEY=${HEX}`, path: '.env', errors: [{ line: 2, column: 14, endColumn: 54, confidence: 'medium' }] },
  ],
});

ruleTester('generic-secret-assignment', 'yaml', {
  valid: ['password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256', 'client_secret: >-\n  folded', 'password: ${DB_PASSWORD}', 'api_key: "{{ secrets.API_KEY }}"', 'token: ${{ secrets.GITHUB_TOKEN }}', 'secretName: my-app-secrets'],
  invalid: [
    { code: `database:\n  password: "${V}"`, errors: [{ line: 2, column: 14 }] },
    { code: `env:\n  - name: STRIPE_SECRET\n    value: ${V}`, errors: [{ line: 3, column: 12 }] },
  ],
});

// A translation catalogue says what the UI shows (saltcorn's locales/da.json); the same pair in a config file is a secret.
ruleTester('generic-secret-assignment', 'json', {
  valid: [{ code: `{\n  "Api key": "${V}"\n}`, path: 'locales/en.json' }, { code: `{\n  "password": "${V}"\n}`, path: 'src/i18n/fr/auth.json' }],
  invalid: [{ code: `{\n  "Api key": "${V}"\n}`, path: 'config/app.json', errors: [{ line: 2, column: 15 }] }],
});

// A shell command substitution is run, not a literal (magnum's make-cert.sh).
ruleTester('generic-secret-assignment', 'shellscript', {
  valid: ["USER_TOKEN=`curl -s -i -X POST -H \"$content_type\" -d \"$auth_json\" $url | grep -i X-Subject-Token | awk '{print $2}'`"],
  invalid: [{ code: `API_TOKEN=${V}`, errors: 1 }],
});

const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfN2Y0YzJhIiwicm9sZSI6ImFkbWluIiwiaWF0IjoxNzE3MDAwMDAwfQ.q8V2mXkR4tL9pZ7wN3sB6yH1cJ5gF0dA2eU8iO4rT7k';
const EXPIRED = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJBTVBXZWJQbGF5IiwiaWF0IjoxNTc0MTk3NDA3LCJleHAiOjE1ODk3NDk0MDd9.ael_GP97O4fyXJuQAQlmC7ieY-t-OOGFwtXShhVA6m_p9Sq03D';
// exp in the header (itsdangerous' timed serializer: rsshub's 1point3acres token), the payload a bare user id
const HEADER_EXPIRED = 'eyJhbGciOiJIUzUxMiIsImlhdCI6MTU3Njk5Njc5OSwiZXhwIjoxNTg0ODU5MTk5fQ.eyJ1aWQiOjQ1NzQyN30.0ei5UE6OgLBzN2_IS7xUIbIfW_S1Wzl42q2UeusbboxuzvctO_4Mz6YRr6f0PBLUVZMETxt8F0_4-yqIJ3_kUQ';
const LIVE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJBTVBXZWJQbGF5IiwiaWF0IjoxNTc0MTk3NDA3LCJleHAiOjQxMDI0NDQ4MDB9.ael_GP97O4fyXJuQAQlmC7ieY-t-OOGFwtXShhVA6m_p9Sq03D';
// Provider-format data rules say nothing about declaration files: their values are examples in comments (supertokens' schema.d.ts).
ruleTester('jwt-token', 'typescript', {
  valid: [{ code: `/**\n * @example ${JWT}\n */\nexport type AccessToken = string;`, path: 'lib/ts/core/versions/5.4/schema.d.ts' }],
  invalid: [
    { code: `export const token = "${JWT}";`, path: 'lib/client.ts', errors: [{ line: 1, column: 23, confidence: 'medium' }] },
    // a token whose exp has passed authenticates no one: low confidence (held-out sample: rsshub's 2020 App Store
    // token); one still valid (exp in 2100), or with no exp at all (JWT above), keeps its confidence
    { code: `const headers = { authorization: 'Bearer ${EXPIRED}' };`, path: 'lib/routes/appstore.js', errors: [{ line: 1, column: 42, confidence: 'low' }] },
    { code: `const headers = { authorization: '${HEADER_EXPIRED}' };`, path: 'lib/routes/offer.js', errors: [{ line: 1, column: 35, confidence: 'low' }] },
    { code: `const headers = { authorization: 'Bearer ${LIVE}' };`, path: 'lib/routes/appstore.js', errors: [{ line: 1, column: 42, confidence: 'medium' }] },
    // a README's curl example: documentation, shown at low confidence (fresh held-out sample: hapi-auth-jwt2's READMEs)
    { code: `Try it:\n\n    curl -H "Authorization: ${JWT}" http://localhost:8000/restricted\n`, path: 'README.md', language: 'markdown', errors: [{ line: 3, column: 29, confidence: 'low', severity: 'info' }] },
  ],
});

ruleTester('generic-secret-assignment', 'json', {
  valid: [
    '{ "password": "" }', '{ "tokenEndpoint": "https://auth.example.org/token" }',
    // an npm alias spec under a dependency named for auth (held-out sample: auth0's package.json)
    '{\n  "dependencies": {\n    "auth0-legacy": "npm:auth0@^4.37.1",\n    "secret-store-v2": "npm:@acme/secret-store@~2.1.0 || ^3"\n  }\n}',
    // a translation: the key names the UI string a password field shows (strapi's users-permissions)
    '{\n  "EditForm.inputToggle.placeholder.email-reset-password": "f.eks. https://hjemmeside.dk/nulstil-kodeord",\n  "Auth.form.password.tooltip": "Mindst 8 tegn, 1 stort bogstav og 1 tal: Kx9#mQ2v"\n}',
    // a plugin map names source files (held-out sample: flowfuse nr-launcher's package.json "node-red" plugins)
    '{\n  "node-red": {\n    "plugins": {\n      "flowfuse-auth": "lib/auth/httpAuthPlugin.js",\n      "token-store": "dist/TokenStore2Plugin.mjs"\n    }\n  }\n}',
    // an emoji map: the emoji named "secret" and its image with a cache buster (fresh sample: docsify's emoji-data.js)
    '{\n  "seat": "unicode/1f4ba.png?v8",\n  "secret": "unicode/3299.png?v8"\n}',
  ],
  invalid: [
    { code: `{\n  "apiKey": "${V}"\n}`, errors: [{ line: 2, column: 14 }] },
    // npm-looking text that is no alias spec stays a value
    { code: '{ "authToken": "npm:Kx9mQ2vTr8pLw3ZcB7" }', errors: [{ line: 1, column: 17 }] },
    // a value ending in .js with a character no file name has is still a secret
    { code: '{ "authToken": "Kx9m$Q2vTr8pLw3Z.js" }', errors: [{ line: 1, column: 17 }] },
    // …and a secret with a query-like tail that names no file is still a secret
    { code: '{ "secret": "Kx9mQ2vTr8pLw3Zc?v8" }', errors: [{ line: 1, column: 14 }] },
    // …and so is a file's address carrying a credential in its query: no cache buster
    { code: '{ "secret": "assets/app.js?token=Kx9mQ2vTr8pLw3Zc" }', errors: [{ line: 1, column: 14 }] },
    // a password hash is the verifier of a fixed password, not a credential to send: low (held-out sample: ircdjs's config.json)
    { code: `{\n  "opers": { "alex": { "password": "${BCRYPT}" } }\n}`, errors: [{ line: 2, column: 37, confidence: 'low' }] },
    { code: `password = '${DJANGO}'`, language: 'python', errors: [{ line: 1, column: 13, confidence: 'low' }] },
    // a bare digest with its hashing named beside it (fresh held-out sample PP: a file manager's default config with
    // `"algo"` below, a realtime server's users file with a `# Password hash` comment above): low; without, medium
    { code: `{\n  "username": "root",\n  "password": "${SHA512}",\n  "algo": "sha512WithRSAEncryption"\n}`, errors: [{ line: 3, column: 16, confidence: 'low' }] },
    { code: 'admin:\n  # Password hash, salt after the =\n  password: "Qm9vc3Rlcj1Db3JuZmxha2VzQnV0dGVy=c2FsdHlTYWx0UGVwcGVy=="\n', language: 'yaml', errors: [{ line: 3, column: 14, confidence: 'low' }] },
    { code: `{\n  "username": "root",\n  "password": "${SHA512}",\n  "editor": "vim"\n}`, errors: [{ line: 3, column: 16, confidence: 'medium' }] },
    { code: 'admin:\n  # Default admin\n  password: "Qm9vc3Rlcj1Db3JuZmxha2VzQnV0dGVy=c2FsdHlTYWx0UGVwcGVy=="\n', language: 'yaml', errors: [{ line: 3, column: 14, confidence: 'medium' }] },
    // a media site's extractor keeps the site's public web-player key (fresh held-out sample DD: a stream downloader's
    // plugins): low; the same class in a module that is no extractor stays medium
    { code: `from streamlink.plugin import Plugin, pluginmatcher\n\nclass Site(Plugin):\n    API_KEY = "${V}"`, language: 'python', errors: [{ line: 4, column: 16, confidence: 'low' }] },
    { code: `from .common import InfoExtractor\n\nclass SiteIE(InfoExtractor):\n    _API_KEY = "${V}"`, language: 'python', errors: [{ line: 4, column: 17, confidence: 'low' }] },
    { code: `from myapp.plugin import Base\n\nclass Site(Base):\n    API_KEY = "${V}"`, language: 'python', errors: [{ line: 4, column: 16, confidence: 'medium' }] },
    // the name check made on the text before any node is read: an \`=\` inside a quoted key is not the binding's
    { code: `conf = {}\nconf['db=api_key'] = '${V}'\nself.client_secret = '${V}'`, language: 'python', errors: [{ line: 2, column: 23, endLine: 2, endColumn: 55, confidence: 'medium' }, { line: 3, column: 23, endLine: 3, endColumn: 55, confidence: 'medium' }] },
    // an OAuth installed-app client's secret beside its out-of-band redirect, or under Google's `installed` key, ships in
    // every copy by design (fresh sample AR: a mail sync tool's Gmail client): low; a web client's, or one with no such sign, stays medium
    { code: `CLIENT = {\n    "client_id": "12345-abc.apps.example.com",\n    "client_secret": "${V}",\n    "redirect_uris": ["urn:ietf:wg:oauth:2.0:oob", "http://localhost"],\n}`, language: 'python', errors: [{ line: 3, column: 23, endLine: 3, endColumn: 55, confidence: 'low' }] },
    { code: `{\n  "installed": {\n    "client_id": "12345-abc.apps.example.com",\n    "client_secret": "${V}"\n  }\n}`, errors: [{ line: 4, column: 23, endLine: 4, endColumn: 55, confidence: 'low' }] },
    { code: `{\n  "web": {\n    "client_id": "12345-abc.apps.example.com",\n    "client_secret": "${V}",\n    "redirect_uris": ["https://app.example.com/callback"]\n  }\n}`, errors: [{ line: 4, column: 23, endLine: 4, endColumn: 55, confidence: 'medium' }] },
    { code: `CLIENT = {\n    "client_id": "12345-abc.apps.example.com",\n    "client_secret": "${V}",\n}`, language: 'python', errors: [{ line: 3, column: 23, endLine: 3, endColumn: 55, confidence: 'medium' }] },
    { code: `REDIRECT = "urn:ietf:wg:oauth:2.0:oob"\napi_key = "${V}"`, language: 'python', errors: [{ line: 2, column: 12, endLine: 2, endColumn: 44, confidence: 'medium' }] },
    // …the password itself is not
    { code: `{ "password": "Kx9#mQ2vTr8!pLw3Zc" }`, errors: [{ line: 1, column: 16, confidence: 'medium' }] },
  ],
});

ruleTester('generic-secret-assignment', 'dockerfile', {
  valid: [
    'ARG NPM_TOKEN', 'ENV API_KEY=${API_KEY}',
    // a PostHog project key is sent to every browser by design (budibase); a personal key (phx_) is not
    'ENV POSTHOG_TOKEN=phc_Zq8wLm2Rt5Yv9Kx3Bn7Hd4Fs6Gj1Pc0Ae2Wq5Ut8Ri',
  ],
  invalid: [
    { code: `FROM node:20\nENV NODE_ENV=production API_SECRET=${V}`, errors: [{ line: 2, column: 36 }] },
    { code: `ARG GITHUB_TOKEN="${HEX}"`, errors: 1 },
    { code: 'ENV POSTHOG_PERSONAL_TOKEN=phx_Zq8wLm2Rt5Yv9Kx3Bn7Hd4Fs6Gj1Pc0Ae2Wq5Ut8Ri', errors: [{ line: 1, column: 28 }] },
  ],
});

ruleTester('generic-secret-assignment', 'terraform', {
  valid: ['password = "${var.db_password}"', 'variable "db_password" {\n  type      = string\n  sensitive = true\n}', 'password = var.db_password'],
  invalid: [
    { code: `variable "db_password" {\n  default = "${V}"\n}`, errors: [{ line: 2, column: 14 }] },
    { code: `resource "aws_db_instance" "db" {\n  password = "${V}"\n}`, errors: 1 },
  ],
});

ruleTester('generic-secret-assignment', 'shellscript', {
  valid: ['API_TOKEN="$(cat /run/secrets/token)"', 'export API_TOKEN=$API_TOKEN'],
  invalid: [{ code: `#!/bin/sh\nexport API_TOKEN=${V}`, errors: [{ line: 2, column: 18 }] }],
});
