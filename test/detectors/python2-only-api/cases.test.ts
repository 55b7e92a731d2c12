// python2-only-api: a data rule (rules/python-removed-apis.json) with its context filters.
// A file that defines the Python 2 name itself (`string.lowercase = string.ascii_lowercase`, a 2/3 shim) makes
// its later uses work: every finding there is low confidence (fresh held-out sample DD: a support-report tool).
import { at, ruleTester } from '../harness';

const shim = 'import string, random\ntry:\n    string.lowercase = string.ascii_lowercase\nexcept NameError:\n    pass\n\ndef suffix():\n    return "".join(random.choice(string.lowercase) for _ in range(5))';
const plain = 'import string, random\n\ndef suffix():\n    return "".join(random.choice(string.lowercase) for _ in range(5))';
const compared = 'import string\nif string.lowercase == "abc":\n    pass';
// has_key of the project's own class (fresh held-out sample MM: a Django cache backend forwarding to its client, a
// RADIUS library's tests of its packet and dictionary classes, which alias has_key to __contains__): low. The same
// call on an unknown object is low too since sample AC (the policy: high needs evidence that the receiver is a dict).
const cacheBackend = 'from django.core.cache.backends.base import BaseCache\n\nclass Store(BaseCache):\n    def has_key(self, key):\n        return self.client.has_key(key)';
const asserted = 'import unittest\n\nclass T(unittest.TestCase):\n    def test_contains(self):\n        box = Box()\n        self.assertEqual(box.has_key("a"), False)';
const plainClient = 'class Store:\n    def has_key(self, key):\n        return self.client.has_key(key)';
const notAsserted = 'def test_reply(self):\n    found = reply.has_key("a")\n    self.assertTrue(found)';

ruleTester('python2-only-api', 'python', {
  valid: [
    'import string\nletters = string.ascii_lowercase',
  ],
  invalid: [
    { code: shim, errors: [{ ...at(shim, 'string.lowercase'), confidence: 'low' }, { ...at(shim, 'string.lowercase', undefined, 1), confidence: 'low' }] },
    { code: plain, errors: [{ ...at(plain, 'string.lowercase'), confidence: 'high' }] },
    { code: compared, errors: [{ ...at(compared, 'string.lowercase'), confidence: 'high' }] },
    { code: cacheBackend, errors: [{ ...at(cacheBackend, '.has_key('), confidence: 'low' }] },
    { code: asserted, errors: [{ ...at(asserted, '.has_key('), confidence: 'low' }] },
    { code: plainClient, errors: [{ ...at(plainClient, '.has_key('), confidence: 'low' }] },
    { code: notAsserted, errors: [{ ...at(notAsserted, '.has_key('), confidence: 'low' }] },
  ],
});
