// weak-password-hash (Python): digests a database's login protocol dictates (fresh held-out sample MM: a MySQL
// driver's caching_sha2 and ed25519 scrambles, a PostgreSQL driver's MD5 login answering the server's salt, an
// htpasswd `{SHA}` check comparing through a helper). A function given the server's nonce or scramble with the
// password: not flagged; a digest only sent to the peer over the wire: low. Hashes made for storage stay reported.
import { at, ruleTester } from '../harness';

const cachingPy = "import hashlib\n\ndef scramble_sha2(password, nonce):\n    p1 = hashlib.sha256(password).digest()\n    p2 = hashlib.sha256(p1).digest()\n    return xor(p1, hashlib.sha256(p2 + nonce).digest())";
const edPy = "import hashlib\n\ndef ed_login(password, scramble):\n    h = hashlib.sha512(password).digest()\n    return sign(h[:32], scramble)";
const taggedPy = "from hashlib import sha1\n\ndef check_sha(password, stored):\n    made = '{SHA}' + b64(sha1(password.encode()).digest())\n    return _same_text(stored, made)";
const wirePy = "from hashlib import md5\n\ndef on_auth(self, data):\n    salt = data[4:8]\n    pwd = b'md5' + md5(\n        md5(self.password + self.user).hexdigest().encode() +\n        salt).hexdigest().encode()\n    self._send_message(b'p', pwd + b'\\x00')";
// Kept: a salt is no challenge; a digest written to a file or also kept on a record is stored.
const saltedPy = "import hashlib\n\ndef hash_password(password, salt):\n    return hashlib.sha256(password + salt).hexdigest()";
const filedPy = "import hashlib\n\ndef save(f, password):\n    pwd = hashlib.md5(password.encode()).hexdigest()\n    f.write(pwd)";
const sentKeptPy = "import hashlib\n\ndef login(self, password):\n    pwd = hashlib.md5(password.encode()).hexdigest()\n    self.user.pw = pwd\n    self._send_message(pwd)";

// An Audioscrobbler client (fresh sample ZZ: two music players' scrobbler plugins) keeps md5(password) because the
// handshake is md5(md5(password) + timestamp): low. A scrobble server hashing a password from the request stays high.
const scrobblerPy = "from hashlib import md5\n\nclass Scrobbler:\n    def check_config(self, config):\n        passw = md5(config.get('password').encode()).hexdigest()\n        self.password = passw\n\n    def handshake(self, ts):\n        return md5((self.password + str(ts)).encode()).hexdigest()";
const scrobbleServerPy = "import hashlib\nfrom flask import request\n\n@app.route('/scrobbler/register', methods=['POST'])\ndef register():\n    user = User(name=request.form['name'])\n    user.password = hashlib.md5(request.form['password'].encode()).hexdigest()\n    db.add(user)";

ruleTester('weak-password-hash', 'python', {
  valid: [cachingPy, edPy, taggedPy],
  invalid: [
    { code: wirePy, errors: [{ line: 5, confidence: 'low' }, { line: 6, confidence: 'low' }] },
    { code: scrobblerPy, errors: [{ ...at(scrobblerPy, 'md5', undefined, 1), confidence: 'low' }, { ...at(scrobblerPy, 'md5', undefined, 2), confidence: 'low' }] },
    { code: scrobbleServerPy, errors: [{ ...at(scrobbleServerPy, 'hashlib.md5'), confidence: 'high' }] },
    { code: saltedPy, errors: [{ ...at(saltedPy, 'hashlib.sha256'), confidence: 'high' }] },
    { code: filedPy, errors: [{ ...at(filedPy, 'hashlib.md5'), confidence: 'high' }] },
    { code: sentKeptPy, errors: [{ ...at(sentKeptPy, 'hashlib.md5'), confidence: 'high' }] },
  ],
});

// JS (ledger sample BH: a MySQL driver's native-password helper). A nested digest is one expression: one finding, at
// the outer call. A file whose functions answer the server's scramble implements the handshake: its double SHA-1 is
// the stage the protocol has the server keep, low. Without a handshake in the file the same helper stays high.
const doubleJs = "const sha1 = require('sha1');\nexports.doubleSha1 = function (password) {\n  return sha1(sha1(password));\n};";
const handshakeJs = "const sha1 = require('sha1');\nexports.token = function (stageOne, scramble1, scramble2) {\n  return xor(sha1(scramble1, scramble2, sha1(stageOne)), stageOne);\n};\nexports.doubleSha1 = function (password) {\n  return sha1(sha1(password));\n};";
const storedJs = "const md5 = require('md5');\nasync function register(user, password) {\n  user.passwordHash = md5(md5(password) + user.salt);\n  await user.save();\n}";

ruleTester('weak-password-hash', 'javascript', {
  valid: [],
  invalid: [
    { code: doubleJs, errors: [{ ...at(doubleJs, 'sha1', 'name:data', 2), confidence: 'high' }] },
    { code: handshakeJs, errors: [{ ...at(handshakeJs, 'sha1', 'name:data', 4), confidence: 'low' }] },
    { code: storedJs, errors: [{ ...at(storedJs, 'md5', 'name:data', 2), confidence: 'high' }] },
  ],
});
