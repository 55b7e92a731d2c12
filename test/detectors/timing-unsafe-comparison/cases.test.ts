import { at, ruleTester } from '../harness';

// A webhook handler that computes the HMAC right and compares it like a string (shapes seen in payment SDKs'
// webhook helpers: the signature header against the hex digest).
const jsInPlace = "app.post('/hook', (req, res) => {\n  const sig = req.get('x-signature');\n  if (sig !== crypto.createHmac('sha256', secret).update(req.rawBody).digest('hex')) return res.sendStatus(401);\n  res.sendStatus(200);\n});";
const jsNamed = "function verify(body, signature, secret) {\n  const expected = crypto.createHmac('sha512', secret).update(body).digest('hex');\n  return expected === signature;\n}";
const jsSteps = "function verify(body, header) {\n  const hmac = createHmac('sha256', KEY);\n  hmac.update(body);\n  const digest = hmac.digest('base64');\n  return header == digest;\n}";
const jsLocal = "function readKey(body, passphrase, storedMac) {\n  const calc = createHmac('sha1', keyOf(passphrase)).update(body).digest('hex');\n  if (calc !== storedMac) return new Error('wrong passphrase');\n}";
const jsAssigned = "function readKey(body, assignedMac) {\n  const calc = createHmac('sha1', KEY).update(body).digest('hex');\n  if (calc !== assignedMac) return null;\n}";
const jsHub = "function onEvent(body, hubSignature) {\n  const calc = createHmac('sha1', KEY).update(body).digest('hex');\n  if (calc !== hubSignature) return null;\n}";
// The HMAC made in a helper of the same file (a webhook SDK's `sign`), compared where the request is checked.
const jsMethod = "class Webhooks {\n  sign(payload) {\n    return createHmac('sha256', this.secret).update(payload).digest('hex');\n  }\n  verify(payload, signature) {\n    return this.sign(payload) === signature;\n  }\n}";
const jsArrow = "const sign = (body) => crypto.createHmac('sha256', KEY).update(body).digest('hex');\napp.post('/hook', (req, res) => {\n  if (sign(req.rawBody) !== req.headers['x-signature']) return res.sendStatus(401);\n  res.sendStatus(200);\n});";
const jsTwoDeep = "function mac(body) {\n  const h = createHmac('sha1', KEY);\n  h.update(body);\n  return h.digest('hex');\n}\nfunction signed(body) {\n  return mac(body);\n}\nfunction isValid(body, sig) {\n  const expected = signed(body);\n  return expected == sig;\n}";
const pyMethod = "class Client:\n    def _sign(self, body):\n        return hmac.new(self.key, body, hashlib.sha256).hexdigest()\n\n    def verify(self, body, signature):\n        expected = self._sign(body)\n        if expected != signature:\n            raise Forbidden()";
const pyInPlace = "def verify(request, secret):\n    sig = request.headers.get('X-Signature')\n    return sig == hmac.new(secret, request.body, hashlib.sha256).hexdigest()";
const pyNamed = "def check(payload, signature):\n    expected = hmac.new(KEY, payload, 'sha1').hexdigest()\n    if expected != signature:\n        raise Forbidden()";
const pyOneShot = "def verify_mac(msg, mac):\n    return hmac.digest(KEY, msg, 'sha256') == mac";

ruleTester('timing-unsafe-comparison', 'javascript', {
  valid: [
    // the constant-time comparison, length checked first
    "const expected = Buffer.from(crypto.createHmac('sha256', secret).update(body).digest('hex'));\nconst got = Buffer.from(sig);\nif (expected.length !== got.length || !crypto.timingSafeEqual(expected, got)) throw new Error('bad signature');",
    // a plain hash: a checksum, no secret
    "if (crypto.createHash('sha256').update(file).digest('hex') !== manifest.sha256) throw new Error('corrupt download');",
    // a digest compared with a literal: an emptiness check
    "const d = crypto.createHmac('sha256', k).update(b).digest('hex');\nif (d === '') throw new Error('empty');",
    // a name that holds an HMAC only in one branch (shadowed by another value) is not a digest
    "let token = req.query.token;\nif (legacy) token = createHmac('md5', k).update(u).digest('hex');\nif (token === session.token) next();",
    // a method named digest on something else
    "if (mail.digest('daily') === lastDigest) skip();",
    // a helper that hashes without a key: a checksum
    "function checksum(buf) {\n  return crypto.createHash('sha256').update(buf).digest('hex');\n}\nif (checksum(file) !== manifest.sha256) throw new Error('corrupt');",
    // a helper that returns something else on one path is not known to return the HMAC
    "function sign(body) {\n  if (!KEY) return body.id;\n  return createHmac('sha256', KEY).update(body).digest('hex');\n}\nif (sign(req.body) === req.get('x-signature')) next();",
    // another object's method of the same name is not this class's helper
    "class Hook {\n  sign(b) {\n    return createHmac('sha256', this.k).update(b).digest('hex');\n  }\n  check(b, sig) {\n    return this.store.sign(b) === sig;\n  }\n}",
    // a helper that calls itself ends (no digest on the way)
    "function again(b) {\n  return again(b);\n}\nif (again(x) === sig) ok();",
  ],
  invalid: [
    { code: jsInPlace, errors: [{ ...at(jsInPlace, "sig !== crypto.createHmac('sha256', secret).update(req.rawBody).digest('hex')", 'timing-safe-equal'), severity: 'warning', confidence: 'medium' }] },
    { code: jsNamed, errors: [{ ...at(jsNamed, 'expected === signature', 'timing-safe-equal'), confidence: 'medium' }] },
    { code: jsSteps, errors: [at(jsSteps, 'header == digest', 'timing-safe-equal')] },
    // a MAC over a local file's contents (a key file's passphrase check): no request, so no one times it; shown at low confidence
    { code: jsLocal, errors: [{ ...at(jsLocal, 'calc !== storedMac', 'timing-safe-equal'), severity: 'info', confidence: 'low' }] },
    // a name that only holds the letters of one inside a word (`assigned`) says nothing about a signature
    { code: jsAssigned, errors: [{ ...at(jsAssigned, 'calc !== assignedMac', 'timing-safe-equal'), severity: 'info', confidence: 'low' }] },
    // a camel-case word of a name does
    { code: jsHub, errors: [{ ...at(jsHub, 'calc !== hubSignature', 'timing-safe-equal'), severity: 'warning', confidence: 'medium' }] },
    // the HMAC from a method of the same class, from a same-file arrow, and two helpers deep
    { code: jsMethod, errors: [{ ...at(jsMethod, 'this.sign(payload) === signature', 'timing-safe-equal'), severity: 'warning', confidence: 'medium' }] },
    { code: jsArrow, errors: [{ ...at(jsArrow, "sign(req.rawBody) !== req.headers['x-signature']", 'timing-safe-equal'), confidence: 'medium' }] },
    { code: jsTwoDeep, errors: [{ ...at(jsTwoDeep, 'expected == sig', 'timing-safe-equal'), confidence: 'medium' }] },
    // in a test, shown at low confidence
    { code: jsNamed, path: 'test/webhook.test.js', errors: [{ ...at(jsNamed, 'expected === signature'), confidence: 'low' }] },
  ],
});

ruleTester('timing-unsafe-comparison', 'python', {
  valid: [
    "def verify(request, secret):\n    expected = hmac.new(secret, request.body, hashlib.sha256).hexdigest()\n    return hmac.compare_digest(expected, request.headers.get('X-Signature', ''))",
    "if hashlib.sha256(data).hexdigest() != expected_checksum:\n    raise ValueError('corrupt')",
    "digest = hmac.new(KEY, msg, 'sha256').hexdigest()\nif digest == '':\n    raise ValueError()",
    // a helper that hashes without a key
    "def checksum(data):\n    return hashlib.sha256(data).hexdigest()\n\nif checksum(blob) != expected:\n    raise ValueError('corrupt')",
  ],
  invalid: [
    { code: pyInPlace, language: 'python', errors: [{ ...at(pyInPlace, "sig == hmac.new(secret, request.body, hashlib.sha256).hexdigest()", 'compare-digest'), severity: 'warning', confidence: 'medium' }] },
    { code: pyNamed, language: 'python', errors: [{ ...at(pyNamed, 'expected != signature', 'compare-digest'), confidence: 'medium' }] },
    { code: pyOneShot, language: 'python', errors: [at(pyOneShot, "hmac.digest(KEY, msg, 'sha256') == mac", 'compare-digest')] },
    { code: pyMethod, language: 'python', errors: [{ ...at(pyMethod, 'expected != signature', 'compare-digest'), confidence: 'medium' }] },
  ],
});
