// weak-password-hash (Python): a digest a remote API's login asks for, put in the request's payload and never
// stored, and a digest that only masks the password in a log line: low (fresh held-out sample JJ: a notification
// library's media-server login sending MD5 and SHA-1 of the password, a monitoring client logging sha256(password)).
// The same digests kept on a record, returned, or written to a stored field stay reported at their confidence.
import { at, ruleTester } from '../harness';

const payloadPy = "import hashlib\n\ndef login(self):\n    payload = {'user': self.user}\n    pw_md5 = hashlib.md5()\n    pw_md5.update(self.password.encode('utf-8'))\n    payload['passwordMd5'] = pw_md5.hexdigest()\n    return self.session.post(self.url, data=payload)";
const payloadDirectPy = "import hashlib\n\ndef login(self, params):\n    params['pass'] = hashlib.sha1(self.password.encode()).hexdigest()\n    return self.fetch(params)";
const loggedPy = "import hashlib, logging\n\ndef login(self, user, password):\n    masked = 'sha256(' + hashlib.sha256(password.encode()).hexdigest() + ')'\n    self.log.debug('login as %s with %s', user, masked)\n    return self.call('user.login', user=user, password=password)";
// The payload's field is named `password` (the stored-field flow sees it too): both findings low.
const payloadFieldPy = "import hashlib\n\ndef login(self):\n    payload = {'user': self.user}\n    pw_sha1 = hashlib.sha1()\n    pw_sha1.update(self.password.encode('utf-8'))\n    payload['password'] = pw_sha1.hexdigest()\n    return self.session.post(self.url, data=payload)";
const loggedReprPy = "import hashlib\n\ndef login(self, user, password):\n    masked = 'sha256(' + hashlib.sha256(password.encode()).hexdigest() + ')'\n    self.debug('login as %s with %s' % (repr(user), repr(masked)))";
// Fresh sample RR (a video downloader's site logins): a query dict named `query_params`, and a keyed digest of the
// password's MD5 passed as the `query=` of the site's fetch helper.
const queryParamsPy = "import hashlib\n\ndef entries(self, file_id):\n    query_params = {'contentId': file_id}\n    password = self.get_param('videopassword')\n    if password:\n        query_params['password'] = hashlib.sha256(password.encode('utf-8')).hexdigest()\n    return self._download_json(API, file_id, query=query_params)";
const queryKwPy = "import base64, hashlib, hmac\n\ndef login(self, username, password):\n    password_hash = base64.urlsafe_b64encode(hmac.new(KEY, ''.join(\n        f'{b:02x}' for b in hashlib.md5(password.encode()).digest()).encode(), hashlib.sha256).digest()).decode()\n    return self._download_json(TOKEN_URL, None, query={'login': username, 'password': password_hash})";
// Kept: a serializer's `data=` is what gets saved.
const serializerPy = "import hashlib\n\ndef register(username, password):\n    password_hash = hashlib.md5(password.encode()).hexdigest()\n    return UserSerializer(data={'username': username, 'password': password_hash}).save()";
// Kept: the hash object's digest also goes to a stored field; a masked-looking string that is returned.
const keptPy = "import hashlib\n\ndef register(self, user):\n    payload = {}\n    pw_md5 = hashlib.md5()\n    pw_md5.update(user.password.encode())\n    payload['passwordMd5'] = pw_md5.hexdigest()\n    user.password_hash = pw_md5.hexdigest()\n    user.save()";
const storedTagPy = "import hashlib\n\ndef make_password(password):\n    stored = 'md5$' + hashlib.md5(password.encode()).hexdigest()\n    return stored";
const recordPy = "import hashlib\n\ndef register(user, password):\n    user['password'] = hashlib.sha1(password.encode()).hexdigest()\n    user.save()";

ruleTester('weak-password-hash', 'python', {
  valid: [],
  invalid: [
    { code: payloadPy, errors: [{ ...at(payloadPy, 'hashlib.md5'), confidence: 'low' }] },
    { code: payloadDirectPy, errors: [{ ...at(payloadDirectPy, 'hashlib.sha1'), confidence: 'low' }] },
    { code: loggedPy, errors: [{ ...at(loggedPy, 'hashlib.sha256'), confidence: 'low' }] },
    // Line 8 is the stored field's own finding (the digest reaching `password_hash`).
    { code: payloadFieldPy, errors: [{ ...at(payloadFieldPy, 'hashlib.sha1'), confidence: 'low' }, { ...at(payloadFieldPy, 'pw_sha1.hexdigest()'), confidence: 'low' }] },
    { code: loggedReprPy, errors: [{ ...at(loggedReprPy, 'hashlib.sha256'), confidence: 'low' }] },
    { code: queryParamsPy, errors: [{ ...at(queryParamsPy, 'hashlib.sha256'), confidence: 'low' }] },
    { code: queryKwPy, errors: [{ ...at(queryKwPy, 'hashlib.md5'), confidence: 'low' }] },
    { code: serializerPy, errors: [{ ...at(serializerPy, 'hashlib.md5'), confidence: 'high' }] },
    { code: keptPy, errors: [{ ...at(keptPy, 'hashlib.md5'), confidence: 'high' }, { line: 8 }] },
    { code: storedTagPy, errors: [{ ...at(storedTagPy, 'hashlib.md5'), confidence: 'high' }] },
    { code: recordPy, errors: [{ ...at(recordPy, 'hashlib.sha1'), confidence: 'high' }] },
  ],
});
