import { at, ruleTester } from '../harness';

const py = (code: string) => ({ code, language: 'python' as const });

// Flow cases: the password reaches the digest under other names (helpers, aliases, request fields).
const helperJs = "const crypto = require('crypto');\nfunction makeDigest(x) { return crypto.createHash('md5').update(x).digest('hex'); }\nfunction register(email, password) { return { email, digest: makeDigest(password) }; }";
const pinJs = "import md5 from 'md5';\nexport function signup(req, res) { const secretWord = req.body.pin; res.json({ d: md5(secretWord) }); }";
const aliasJs = "import { createHash } from 'crypto';\napp.post('/signup', async (req, res) => {\n  const { email, password } = req.body;\n  const p = password;\n  const h = createHash('sha1');\n  h.update(p);\n  await User.create({ email, hash: h.digest('hex') });\n});";
const renamedJs = "app.post('/login', (req, res) => {\n  const { password: secretValue } = req.body;\n  const d = crypto.createHash('sha1').update(secretValue).digest('hex');\n  res.json({ d });\n});";
const serviceJs = "const crypto = require('crypto');\nfunction hash(v) { return crypto.createHash('sha256').update(v).digest('hex'); }\nclass UserService {\n  async register(email, password) {\n    const digest = hash(password);\n    return this.repo.save({ email, digest });\n  }\n}";
const helperPy = "import hashlib\n\ndef make_digest(x):\n    return hashlib.md5(x.encode()).hexdigest()\n\ndef register(email, password):\n    return {'email': email, 'digest': make_digest(password)}";
const updatePy = "import hashlib\n\ndef register(passwd):\n    h = hashlib.sha1()\n    data = passwd.encode()\n    h.update(data)\n    return h.hexdigest()";
const pinPy = "from flask import request\nimport hashlib\n@app.route('/x', methods=['POST'])\ndef signup():\n    pin = request.form['pin']\n    d = hashlib.sha256(pin.encode()).hexdigest()\n    return d";
const djangoPy = "import hashlib\n\ndef signup(request):\n    raw = request.POST['password']\n    u = User(email=request.POST['email'])\n    u.digest = hashlib.sha1(raw.encode()).hexdigest()\n    u.save()";
const newPy = "import hashlib\n\ndef store(user, pwd):\n    raw = pwd.encode()\n    user.digest = hashlib.new('md5', raw).hexdigest()";

// Output cases: a digest stored as a password, whatever was hashed.
const ormJs = "const crypto = require('crypto');\nasync function register(email, input) {\n  const h = crypto.createHash('sha1').update(input).digest('hex');\n  await User.create({ email, password: h });\n}";
const storeJs = "const crypto = require('crypto');\nconst makeDigest = (x) => crypto.createHash('md5').update(x).digest('hex');\nexport async function reset(user, next) {\n  user.passwordHash = makeDigest(next);\n  await user.save();\n}";
const prismaJs = "import { createHash } from 'crypto';\nasync function signup(prisma, email, value) {\n  const h = createHash('sha256');\n  h.update(value);\n  const digest = h.digest('hex');\n  return prisma.user.create({ data: { email, hashedPassword: digest } });\n}";
const md5Js = "import md5 from 'md5';\nexport async function register(email, input) {\n  const h = md5(input);\n  await User.create({ email, password: h });\n}";
const storePy = "import hashlib\n\ndef save(user, raw):\n    h = hashlib.md5(raw.encode()).hexdigest()\n    user.password_hash = h\n    user.save()";
const ormPy = "import hashlib\n\ndef make_digest(x):\n    return hashlib.sha256(x.encode()).hexdigest()\n\ndef signup(email, value):\n    User.objects.create(email=email, password=make_digest(value))";

// Implementations of a crypt(3) scheme, and helpers that only name the digest.
// A cipher's key and IV derived from a passphrase (OpenSSL's EVP_BytesToKey; fresh held-out sample DD: a media
// downloader decrypting a site's payload): low; the same digest in a function that stores it stays high.
const kdfPy = 'import hashlib\n\ndef derive(passphrase, salt, key_len, iv_len):\n    out = block = b""\n    while len(out) < key_len + iv_len:\n        block = hashlib.md5(block + passphrase + salt).digest()\n        out += block\n    return out[:key_len], out[key_len:]';
const kdfStorePy = 'import hashlib\n\ndef register(user, passphrase, salt):\n    user.secret = hashlib.md5(passphrase + salt).digest()\n    user.save()';
// A digest a site's protocol asks for, sent and never stored (fresh held-out sample DD: a stream downloader's
// password-protected streams): low; the same digest also kept on a record stays high.
const sentPy = 'import hashlib\n\ndef stream_url(base, password):\n    digest = hashlib.md5(password.encode()).hexdigest()\n    return update_qsd(base, {"word": digest})';
const sentAndKeptPy = 'import hashlib\n\ndef stream_url(user, base, password):\n    digest = hashlib.md5(password.encode()).hexdigest()\n    user.pw = digest\n    return update_qsd(base, {"word": digest})';
const schemePy = 'from hashlib import md5\n\ndef _raw_md5_crypt(pwd, salt, use_apr=False):\n    db = md5(pwd + salt + pwd).digest()\n    for i in range(1000):\n        db = md5(pwd + db).digest()\n    return db';
const schemeJs = "const crypto = require('crypto');\nfunction md5Crypt(password, salt) {\n  let d = crypto.createHash('md5').update(password + salt + password).digest();\n  return d;\n}";
// A check of a password against a hash stored with its scheme tag (an htpasswd `{SHA}` line the operator keeps).
const taggedCheckPy = 'import base64, hashlib\n\ndef _check_sha(stored, password):\n    stored = stored.replace("{SHA}", "").encode("ascii")\n    d = hashlib.sha1()\n    d.update(password.encode("utf-8"))\n    return d.digest() == base64.b64decode(stored)';
const taggedCheckJs = "function checkSsha(stored, password) {\n  if (!stored.startsWith('{SSHA}')) return false;\n  const raw = Buffer.from(stored.slice(6), 'base64');\n  const digest = crypto.createHash('sha1').update(password).update(raw.subarray(20)).digest();\n  return crypto.timingSafeEqual(digest, raw.subarray(0, 20));\n}";
// Making a tagged hash chooses the scheme: still reported.
const taggedMakePy = 'import base64, hashlib\n\ndef ldap_password(password):\n    return "{SHA}" + base64.b64encode(hashlib.sha1(password.encode()).digest()).decode()';
const md5HelperPy = 'import hashlib\n\ndef md5_password(pw):\n    return hashlib.md5(pw.encode()).hexdigest()';
const md5HelperJs = "const crypto = require('crypto');\nfunction md5Password(password) {\n  return crypto.createHash('md5').update(password).digest('hex');\n}";

// Syntax cases (names around the call).
const s1 = "const hashed = crypto.createHash('md5').update(password).digest('hex');";
const s2 = "const h = createHash('sha256').update(req.body.password + salt).digest('hex');";
const s3 = "function hashPassword(pw: string) {\n  return crypto.createHash('sha1').update(pw).digest('hex');\n}";
const s4 = 'user.passwordHash = md5(input);';
const s5 = 'const digest = CryptoJS.SHA256(userPassword).toString();';
const p1 = 'password_hash = hashlib.md5(password.encode()).hexdigest()';
const p2 = 'def hash_password(pw):\n    return hashlib.sha256(pw.encode()).hexdigest()';
const p3 = 'h = hashlib.sha1()\nh.update(user.password.encode())\nstored = h.hexdigest()';
const p4 = "digest = hashlib.new('md5', passwd.encode()).hexdigest()";
const p5 = 'from hashlib import md5\nhashed = md5(raw_password.encode()).hexdigest()';

ruleTester('weak-password-hash', 'typescript', {
  valid: [
    // Have I Been Pwned's range API asks for SHA-1 of the password; only five hex digits leave, nothing is stored
    "async function pwnedCount(password) {\n  const sha1 = crypto.createHash('sha1').update(password).digest('hex').toUpperCase();\n  const res = await fetch(`https://api.pwnedpasswords.com/range/${sha1.slice(0, 5)}`);\n  return parse(await res.text(), sha1.slice(5));\n}",
    py("import hashlib, urllib.request\n\ndef pwned_password(password):\n    sha1 = hashlib.sha1(password.encode('utf8')).hexdigest()\n    req = urllib.request.Request(url=f'https://api.pwnedpasswords.com/range/{sha1[:5].upper()}')\n    return urllib.request.urlopen(req).read()"),
    // …in a helper nested in the breach check (held-out sample: wildduck's checkPwnedPassword)
    "async function isPwned(password) {\n  const sha1 = (pw) => crypto.createHash('sha1').update(pw + '').digest('hex');\n  const hex = sha1(password);\n  return (await fetch('https://api.pwnedpasswords.com/range/' + hex.slice(0, 5))).text();\n}",
    "function checkPwnedPassword(password) {\n  const API_URL = 'https://api.pwnedpasswords.com/range/';\n  function hash(password) {\n    const shasum = crypto.createHash('sha1');\n    shasum.update(password);\n    return shasum.digest('hex');\n  }\n  const h = hash(password);\n  return get(API_URL + h.slice(0, 5));\n}",
    "const etag = crypto.createHash('md5').update(body).digest('hex');",
    "const checksum = createHash('sha1').update(fileBuffer).digest('hex');",
    "const hash = crypto.createHash('sha256').update(apiKey).digest('hex');",
    "const passwordHash = await bcrypt.hash(password, 12);",
    "const key = crypto.scryptSync(password, salt, 64);",
    "// never md5(password)\nconst x = 1;",
    "const msg = 'md5(password) is weak';",
    "function updatePassword(user) { const etag = md5(JSON.stringify(user.profile)); return etag; }",
    "const bypassHash = md5(bypassToken);",
    // A random token hashed for storage is the recommended practice.
    "const crypto = require('crypto');\nfunction makeDigest(x) { return crypto.createHash('sha256').update(x).digest('hex'); }\nconst token = crypto.randomBytes(32).toString('hex');\nuser.resetTokenDigest = makeDigest(token);",
    "app.get('/verify', (req, res) => { const t = req.query.token; res.json(createHash('sha256').update(t).digest('hex')); });",
    // A random token's digest stored as a token (also under a password-reset name) is right.
    "const crypto = require('crypto');\nasync function issue(user) {\n  const t = crypto.randomBytes(32).toString('hex');\n  const h = crypto.createHash('sha256').update(t).digest('hex');\n  await Token.create({ userId: user.id, tokenHash: h });\n  user.passwordResetToken = h;\n}",
    "user.resetPasswordToken = crypto.createHash('sha256').update(resetToken).digest('hex');",
    py('user.password_reset_token = hashlib.sha256(token.encode()).hexdigest()'),
    py('password_salt = hashlib.md5(os.urandom(16)).hexdigest()'),
    "import md5 from 'md5';\nexport async function avatar(user, email) {\n  const h = md5(email.trim());\n  await User.update({ avatarHash: h }, { where: { id: user.id } });\n}",
    // File contents through the same helper a password never reaches.
    "const fs = require('fs');\nfunction makeDigest(x) { return crypto.createHash('md5').update(x).digest('hex'); }\nexport function etagOf(path, password) { return makeDigest(fs.readFileSync(path)); }",
    // Password goes to bcrypt; the digest gets the email (for a Gravatar URL).
    "app.post('/signup', async (req, res) => {\n  const { email, password } = req.body;\n  const stored = await bcrypt.hash(password, 12);\n  const avatar = crypto.createHash('md5').update(email.trim().toLowerCase()).digest('hex');\n  await User.create({ email, password: stored, avatar });\n});",
    // HMAC with a key is not a bare digest.
    "const crypto = require('crypto');\nfunction makeDigest(x) { return crypto.createHmac('sha256', process.env.PEPPER).update(x).digest('hex'); }\nfunction register(password) { return makeDigest(password); }",
    // Shadowing: the callback's `pin` is a file name, not the request's PIN; reassigned aliases end the trail.
    "app.post('/x', (req, res) => {\n  const pin = req.body.pin;\n  const sums = files.map((pin) => createHash('sha1').update(pin).digest('hex'));\n  let p = req.body.password;\n  p = fileBuffer;\n  res.json({ sums, d: createHash('md5').update(p).digest('hex') });\n});",
    // Lengths and slices of a password are not the password.
    "function check(password) { const n = String(password.length); return createHash('md5').update(n).digest('hex'); }",
    // HTTP Digest authentication: the protocol fixes MD5 of user:realm:password, nothing is stored.
    py("import hashlib\n\ndef H(data):\n    return hashlib.md5(data).hexdigest()\n\ndef HA1(realm, username, password):\n    return H(b':'.join([username.encode(), realm.encode(), password.encode()]))\n\ndef response(ha1, nonce, ha2):\n    return H(f'{ha1}:{nonce}:{ha2}'.encode())"),
    py('digest = hashlib.md5(open(path, "rb").read()).hexdigest()'),
    // ZooKeeper's digest ACL scheme: the server fixes `user:base64(sha1(user:password))` (fresh sample WW: a ZooKeeper client's ACL helper).
    py('import hashlib\nfrom base64 import b64encode\n\ndef make_digest_acl_credential(username, password):\n    """A SHA1 digest credential for a ZooKeeper digest ACL."""\n    credential = username.encode() + b":" + password.encode()\n    cred_hash = b64encode(hashlib.sha1(credential).digest()).strip()\n    return username + ":" + cred_hash.decode()\n\ndef make_digest_acl(username, password):\n    return make_digest_acl_credential(username, password)'),
    py("import hashlib\n\ndef save(user, raw):\n    h = hashlib.md5(raw.encode()).hexdigest()\n    user.avatar_hash = h\n    user.save()"),
    py('h = hashlib.sha256(data, usedforsecurity=False)'),
    py('pw_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())'),
    py('key = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)'),
    py('etag = hashlib.sha1(body).hexdigest()'),
    py("import hashlib, secrets\n\ndef make_digest(x):\n    return hashlib.sha256(x.encode()).hexdigest()\n\ndef issue(user):\n    token = secrets.token_urlsafe(32)\n    user.token_digest = make_digest(token)\n    return token"),
    py("import hashlib\n\ndef make_digest(x):\n    return hashlib.md5(x).hexdigest()\n\ndef upload(request, password):\n    f = request.FILES['doc']\n    return make_digest(f.read())"),
    py("import hashlib\n\ndef make_digest(x):\n    return hashlib.md5(x.encode(), usedforsecurity=False).hexdigest()\n\ndef register(password):\n    return make_digest(password)"),
    py("import hashlib, hmac\n\ndef register(password, key):\n    return hmac.new(key, password.encode(), hashlib.sha256).hexdigest()"),
    // A legacy crypt(3) scheme implemented so that old hashes still verify (passlib's md5_crypt): the
    // function or the file is named for the scheme; the code that chooses it is where a finding belongs.
    py(schemePy),
    { ...py('from hashlib import md5\n\ndef checksum(pwd, salt):\n    return md5(pwd + salt + pwd).digest()'), path: 'passlib/handlers/md5_crypt.py' },
    schemeJs,
    py(taggedCheckPy),
    taggedCheckJs,
  ],
  invalid: [
    // …a digest of a password in a file that only talks to ZooKeeper, with no digest ACL, stays.
    { ...py('import hashlib\n\ndef store(zk, user, password):\n    pw_hash = hashlib.sha1(password.encode()).hexdigest()\n    zk.create("/zookeeper/users/" + user, pw_hash.encode())'), errors: 1 },
    // A helper named for MD5, not for a crypt scheme, is the insecure choice itself.
    { ...py(md5HelperPy), errors: [at(md5HelperPy, 'hashlib.md5', 'name:data')] },
    { ...py(kdfPy), errors: [{ ...at(kdfPy, 'hashlib.md5', 'name:data'), confidence: 'low' }] },
    { ...py(kdfStorePy), errors: [{ ...at(kdfStorePy, 'hashlib.md5', 'name:data'), confidence: 'high' }] },
    { ...py(sentPy), errors: [{ ...at(sentPy, 'hashlib.md5', 'name:data'), confidence: 'low' }] },
    { ...py(sentAndKeptPy), errors: [{ ...at(sentAndKeptPy, 'hashlib.md5', 'name:data'), confidence: 'high' }] },
    { code: md5HelperJs, errors: [at(md5HelperJs, "'md5'", 'name:data')] },
    { ...py(taggedMakePy), errors: [at(taggedMakePy, 'hashlib.sha1', 'name:data')] },
    { code: s1, errors: [at(s1, "'md5'", 'name:data')] },
    // a breach check elsewhere in the file does not excuse the digest stored here
    { code: s3 + "\nasync function pwned(p) { return fetch('https://api.pwnedpasswords.com/range/' + p); }", errors: [at(s3, "'sha1'", 'name:data')] },
    // …and a digest reached by flow, with a breach check elsewhere in the file (held-out sample: wildduck's user-handler)
    { code: "function register(password) {\n  const digest = sha(password);\n  return db.save({ hash: digest });\n}\nfunction sha(str) {\n  return crypto.createHash('sha1').update(str).digest('hex');\n}\nasync function pwnedCheck(p) { return fetch('https://api.pwnedpasswords.com/range/' + p); }", errors: [{ line: 6, column: 28, endLine: 6, endColumn: 34 }] },
    // a nested helper outside any breach check still counts
    { code: "function register(password) {\n  function hash(password) {\n    return crypto.createHash('sha1').update(password).digest('hex');\n  }\n  return db.save({ password: hash(password) });\n}", errors: [{ line: 3, column: 30, endLine: 3, endColumn: 36 }] },
    { code: s2, errors: [at(s2, "'sha256'", 'name:data')] },
    { code: s3, errors: [at(s3, "'sha1'", 'name:data')] },
    { code: s4, errors: [at(s4, 'md5', 'name:receiver')] },
    { code: s5, errors: [at(s5, 'CryptoJS.SHA256', 'name:data')] },
    { ...py(p1), errors: [at(p1, 'hashlib.md5', 'name:data')] },
    { ...py(p2), errors: [at(p2, 'hashlib.sha256', 'name:data')] },
    { ...py(p3), errors: [at(p3, 'hashlib.sha1', 'name:data')] },
    { ...py(p4), errors: [at(p4, "'md5'", 'name:data')] },
    { ...py(p5), errors: [at(p5, 'md5', 'name:data', 1)] },
    { code: helperJs, errors: [at(helperJs, "'md5'", 'sensitive:summary')] },
    { code: pinJs, errors: [at(pinJs, 'md5', 'request:direct', { after: 'd: md5' })] },
    { code: aliasJs, errors: [at(aliasJs, 'p', 'request:direct', { after: 'h.update(p' })] },
    { code: renamedJs, errors: [at(renamedJs, "'sha1'", 'request:direct')] },
    { code: serviceJs, errors: [at(serviceJs, "'sha256'", 'sensitive:summary')] },
    { ...py(helperPy), errors: [at(helperPy, 'hashlib.md5', 'sensitive:summary')] },
    { ...py(updatePy), errors: [at(updatePy, 'data', 'sensitive:direct', { after: 'h.update(data' })] },
    { ...py(pinPy), errors: [at(pinPy, 'hashlib.sha256', 'request:direct')] },
    { ...py(djangoPy), errors: [at(djangoPy, 'hashlib.sha1', 'request:direct')] },
    { ...py(newPy), errors: [at(newPy, "'md5'", 'sensitive:direct')] },
    { code: ormJs, errors: [at(ormJs, "crypto.createHash('sha1').update(input).digest('hex')", 'digest:direct')] },
    { code: storeJs, errors: [at(storeJs, "crypto.createHash('md5').update(x).digest('hex')", 'digest:summary')] },
    { code: prismaJs, errors: [at(prismaJs, "h.digest('hex')", 'digest:direct')] },
    { code: md5Js, errors: [at(md5Js, 'md5(input)', 'digest:direct')] },
    { ...py(storePy), errors: [at(storePy, 'hashlib.md5(raw.encode()).hexdigest()', 'digest:direct')] },
    { ...py(ormPy), errors: [at(ormPy, 'hashlib.sha256(x.encode()).hexdigest()', 'digest:summary')] },
    // Both halves on one call: one finding, the syntax's.
    { code: "const crypto = require('crypto');\nasync function register(email, password) {\n  const h = crypto.createHash('sha1').update(password).digest('hex');\n  await User.create({ email, password: h });\n}", errors: 1 },
  ],
});

// Challenge-response protocols fix their digests and store nothing; credentials derived from keys are not passwords hashed.
const digestAuthJs = "const crypto = require('crypto');\n// RFC 7616\nfunction ha1(username, realm, password) {\n  return crypto.createHash('md5').update(username + ':' + realm + ':' + password).digest('hex');\n}\nconst nonce = crypto.randomBytes(16).toString('hex');";
const ntlmJs = "const crypto = require('crypto');\nfunction md4(b) { return crypto.createHash('md4').update(b).digest(); }\nfunction ntowfv2(password, user, domain) { return hmacMd5(md4(toUnicode(password)), toUnicode(user + domain)); }";
const derivedJs = "const crypto = require('crypto');\nfunction mqttCredentials(username, nonce, key) {\n  return { user: username, pass: crypto.createHash('sha384').update(username + ':' + nonce + ':' + key).digest('base64') };\n}";
const derivedPy = "import hashlib\ndef event_credentials(username, node_id):\n    password = hashlib.sha256((username + ':' + node_id + ':' + settings.EVENT_SECRET).encode()).hexdigest()\n    return password";
// H(A1) laid out in a variable first, then hashed (fresh sample: ganeti's {HA1} check); a salted layout is no protocol's.
const ha1VarPy = 'from hashlib import md5\n\ndef check(stored, username, realm, password):\n    data = "%s:%s:%s" % (username, realm, password)\n    ha1 = md5(data.encode("ascii"))\n    return stored.lower() == ha1.hexdigest().lower()';
const saltVarPy = 'from hashlib import md5\n\ndef check(stored, username, salt, password):\n    data = "%s:%s:%s" % (username, salt, password)\n    h = md5(data.encode("ascii"))\n    return stored.lower() == h.hexdigest().lower()';
const realmOnly = "const crypto = require('crypto');\nconst realm = 'app';\nfunction store(password) { return crypto.createHash('md5').update(password).digest('hex'); }";

ruleTester('weak-password-hash', 'javascript', {
  valid: [digestAuthJs, ntlmJs, derivedJs, py(derivedPy), py(ha1VarPy)],
  invalid: [
    { code: saltVarPy, language: 'python' as const, errors: 1 },
    // A realm alone is not Digest authentication; a salt or a key beside the password does not make it derived.
    { code: realmOnly, errors: [at(realmOnly, "'md5'", 'name:data')] },
  ],
});

const apopPy = "from hashlib import md5\ndef apop(self, user, password, challenge):\n    digest = md5(challenge + password).hexdigest().encode('ascii')\n    return self.send(user, digest)";
const xmppPy = "from hashlib import sha1\ndef hashPassword(sid, password):\n    return sha1(f'{sid}{password}'.encode('utf-8')).hexdigest()";
const apopJs = "const crypto = require('crypto');\nfunction apop(user, password, challenge) {\n  const passwordDigest = crypto.createHash('md5').update(challenge + password).digest('hex');\n  return send(user, passwordDigest);\n}";

// WS-Security's UsernameToken digest, base64(sha1(nonce + created + password)), its bytes joined first (fresh held-out sample: soap)
const wsseJs = "const crypto = require('crypto');\nfunction passwordDigest(nonce, created, password) {\n  const pwHash = crypto.createHash('sha1');\n  const full = Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created), Buffer.from(password)]);\n  pwHash.update(full);\n  return pwHash.digest('base64');\n}";
// a password-named digest in a function given no challenge is still a stored hash
const pwJs = "const crypto = require('crypto');\nfunction save(user, created, password) {\n  const pwHash = crypto.createHash('sha1');\n  pwHash.update(password);\n  user.password = pwHash.digest('hex');\n}";

// a digest of the stored password hash kept as a JWT key voids tokens on a password change (held-out sample: FlowFuse's
// email-verification tokens); a digest of the password a client sent, or one stored, is still a password hash
const keyOf = (data: string, use: string) => `const sha256 = require('sha256');\nasync function token(app, user, req) {\n  const signingHash = sha256(${data});\n  ${use};\n}`;
const k1 = keyOf('req.body.password', 'return jwt.sign({ sub: user.email, exp: 1 }, signingHash)');
const k2 = keyOf('user.password', 'await user.update({ passwordDigest: signingHash })');

ruleTester('weak-password-hash', 'javascript', {
  valid: [py(apopPy), py(xmppPy), apopJs, wsseJs, keyOf('user.password', 'return jwt.sign({ sub: user.email, exp: 1 }, signingHash)'), keyOf('requestingUser.password', 'return jwt.verify(token, signingHash)')],
  invalid: [
    { code: pwJs, errors: [at(pwJs, "'sha1'", 'name:receiver'), { line: 5 }] },
    { code: k1, errors: [at(k1, 'sha256', 'name:data', 2)] },
    { code: k2, errors: [at(k2, 'sha256', 'name:data', 2)] },
  ],
});
