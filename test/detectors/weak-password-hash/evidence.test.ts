// weak-password-hash's policy (TT): a password's fast digest is medium or high only where the code keeps it as a
// password hash: stored, compared or returned (a returned digest judged where the file calls its function). Passed
// on to anything else it is low. Shapes from the fresh sample TT and the earlier labelled rows, each beside the kept
// shape the policy must not lower: a site's or a server's challenge login, a pre-hash fed to bcrypt, a digest hashed
// again into a protocol answer, a cipher's key or a cache key, a document format's key derivation, a crypt(3)
// format implemented, a digest written to a socket.
import { at, ruleTester } from '../harness';

const py = (code: string) => ({ code, language: 'python' as const });
const low = (code: string, text: string, n = 0) => ({ ...at(code, text, undefined, n), confidence: 'low' });
const high = (code: string, text: string, n = 0) => ({ ...at(code, text, undefined, n), confidence: 'high' });

// A challenge login: the helper returns the answer, and the file's only caller sends it.
const answerPy = "from hashlib import md5\n\ndef encode_answer(tok, password):\n    h = md5()\n    h.update(b'\\x00' + password.encode() + tok)\n    return '00' + h.hexdigest()\n\ndef login(api, user, password):\n    tok = api('/login')\n    api('/login', name=user, response=encode_answer(tok, password))";
// Kept: the caller compares what the helper returns; a helper no caller in the file explains is a password hasher.
const checkedPy = "import hashlib\n\ndef salted(salt, password):\n    return hashlib.sha256(salt.encode() + password.encode()).hexdigest()\n\ndef check(stored, password):\n    salt, digest = stored.split('$')\n    return digest == salted(salt, password)";
const exportedPy = "import hashlib\n\ndef salted(salt, password):\n    return hashlib.sha256(salt.encode() + password.encode()).hexdigest()";
// A digest passed to an unknown call (a site's login) is low; stored on a record, it is high.
const passedJs = "const crypto = require('crypto');\nasync function login(client, user, password) {\n  const hashed = crypto.createHash('md5').update(password).digest('hex');\n  return client.call('auth', user, hashed);\n}";
const storedJs = "const crypto = require('crypto');\nasync function register(db, user, password) {\n  const hashed = crypto.createHash('md5').update(password).digest('hex');\n  await db.users.insert({ user, secret: hashed });\n}";
// A pre-hash fed to bcrypt (bcrypt stores it); the same digest compared directly is a password hash.
const prehashJs = "import bcrypt from 'bcryptjs';\nimport { sha256 } from './utils';\nexport async function verify(plainPassword, stored) {\n  const password = await sha256(plainPassword);\n  return bcrypt.compare(password, stored);\n}";
const comparedJs = "import { sha256 } from './utils';\nexport async function verify(plainPassword, stored) {\n  const password = await sha256(plainPassword);\n  return password === stored;\n}";
// A digest hashed again into a protocol answer (PostgreSQL's MD5 login); a stretched digest returned is kept. A nested
// digest (`md5(md5(password) + salt)`) is one expression: one finding, at the outer call.
const rehashedJs = "const md5 = (x) => crypto.createHash('md5').update(x).digest('hex');\nasync function auth(p, password, user, salt) {\n  return p.Password('md5' + md5(Buffer.concat([Buffer.from(md5(password + user)), salt])));\n}";
const stretchedJs = "const crypto = require('crypto');\nfunction portable(password, salt) {\n  let h = crypto.createHash('sha1').update(salt + password).digest();\n  for (let i = 0; i < 1000; i++) h = crypto.createHash('sha1').update(Buffer.concat([h, Buffer.from(password)])).digest();\n  return h.toString('hex');\n}";
const stretchedSentJs = "const crypto = require('crypto');\nfunction answer(sock, password, salt) {\n  let h = crypto.createHash('sha1').update(salt + password).digest();\n  h = crypto.createHash('sha1').update(h).digest('hex');\n  sock.send(h);\n}";
const doubleJs = "import md5 from 'md5';\nexport function hashPassword(password, salt) {\n  return md5(md5(password) + salt);\n}";
// A name that says the digest is a key (a cache's or a cipher's); the same digest bound to a hash's name and stored.
const cacheKeyJs = "const crypto = require('crypto');\nfunction proceed(salted, pass, s) {\n  const key = crypto.createHash('sha256').update(pass + s).digest('base64');\n  if (!salted.has(key)) salted.set(key, derive(pass, s));\n  return salted.get(key);\n}";
const namedHashJs = "const crypto = require('crypto');\nfunction keep(table, pass, s) {\n  const hashed = crypto.createHash('sha256').update(pass + s).digest('base64');\n  table.set(pass, hashed);\n}";
// A document format's key derivation (the file encrypts with AES/RC4) and a crypt(3) format implemented: low;
// the same check without a cipher in the file is a password hash compared.
const pdfPy = "import hashlib\nfrom Crypto.Cipher import AES\n\ndef owner_digest(password, salt, u):\n    return hashlib.sha256(password + salt + u).digest()\n\ndef check(doc, password):\n    return owner_digest(password, doc.salt, doc.u) == doc.o";
const cryptJs = "const crypto = require('crypto');\nfunction hashPortable(password, salt) {\n  const h = crypto.createHash('md5').update(salt + password).digest('hex');\n  return `$P$B${salt}${h}`;\n}";
const plainPy = "import hashlib\n\ndef owner_digest(password, salt, u):\n    return hashlib.sha256(password + salt + u).digest()\n\ndef check(doc, password):\n    return owner_digest(password, doc.salt, doc.u) == doc.o";
// A record made with the digest (`new User({ … })`, then saved); the same digest in a request's query is sent.
const modelJs = "const crypto = require('crypto');\nasync function signup(name, password) {\n  const user = new User({ name, password: crypto.createHash('sha1').update(password).digest('hex') });\n  await user.save();\n}";
const queryJs = "const crypto = require('crypto');\nasync function signin(name, password) {\n  const q = new URLSearchParams({ name, pw: crypto.createHash('sha1').update(password).digest('hex') });\n  return fetch('/login?' + q);\n}";
// Written to a socket (POP3's APOP line) is sent; written to a file is kept.
const socketJs = "const crypto = require('crypto');\nClient.prototype.apop = function (user, password) {\n  this.write('APOP', user + ' ' + crypto.createHash('md5').update(this.stamp + password).digest('hex'));\n};";
const fileJs = "const crypto = require('crypto');\nfunction save(file, user, password) {\n  file.write(user + ':' + crypto.createHash('md5').update(password).digest('hex'));\n}";

ruleTester('weak-password-hash', 'python', {
  valid: [],
  invalid: [
    { ...py(answerPy), errors: [low(answerPy, 'md5', 1)] },
    { ...py(checkedPy), errors: [high(checkedPy, 'hashlib.sha256')] },
    { ...py(exportedPy), errors: [high(exportedPy, 'hashlib.sha256')] },
    { ...py(pdfPy), errors: [low(pdfPy, 'hashlib.sha256')] },
    { ...py(plainPy), errors: [high(plainPy, 'hashlib.sha256')] },
    { code: passedJs, language: 'javascript' as const, errors: [low(passedJs, "'md5'")] },
    { code: storedJs, language: 'javascript' as const, errors: [high(storedJs, "'md5'")] },
    { code: prehashJs, language: 'javascript' as const, errors: [{ line: 4, confidence: 'low' }] },
    { code: comparedJs, language: 'javascript' as const, errors: [{ line: 3, confidence: 'high' }] },
    { code: rehashedJs, language: 'javascript' as const, errors: [{ line: 1, column: 38, confidence: 'low' }, { line: 3, column: 29, confidence: 'low' }] },
    { code: stretchedJs, language: 'javascript' as const, errors: [high(stretchedJs, "'sha1'"), high(stretchedJs, "'sha1'", 1)] },
    { code: stretchedSentJs, language: 'javascript' as const, errors: [low(stretchedSentJs, "'sha1'")] },
    { code: doubleJs, language: 'javascript' as const, errors: [high(doubleJs, 'md5', 2)] },
    { code: cacheKeyJs, language: 'javascript' as const, errors: [low(cacheKeyJs, "'sha256'")] },
    { code: namedHashJs, language: 'javascript' as const, errors: [high(namedHashJs, "'sha256'")] },
    { code: cryptJs, language: 'javascript' as const, errors: [low(cryptJs, "'md5'")] },
    { code: modelJs, language: 'javascript' as const, errors: [high(modelJs, "'sha1'")] },
    { code: queryJs, language: 'javascript' as const, errors: [low(queryJs, "'sha1'")] },
    { code: socketJs, language: 'javascript' as const, errors: [low(socketJs, "'md5'")] },
    { code: fileJs, language: 'javascript' as const, errors: [high(fileJs, "'md5'")] },
  ],
});
