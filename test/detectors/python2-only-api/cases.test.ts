// python2-only-api: a data rule (rules/python-removed-apis.json) with its context filters.
// A file that defines the Python 2 name itself (`string.lowercase = string.ascii_lowercase`, a 2/3 shim) makes
// its later uses work: every finding there is low confidence (fresh held-out sample DD: a support-report tool).
import { at, ruleTester } from '../harness';

const shim = 'import string, random\ntry:\n    string.lowercase = string.ascii_lowercase\nexcept NameError:\n    pass\n\ndef suffix():\n    return "".join(random.choice(string.lowercase) for _ in range(5))';
const plain = 'import string, random\n\ndef suffix():\n    return "".join(random.choice(string.lowercase) for _ in range(5))';
const compared = 'import string\nif string.lowercase == "abc":\n    pass';

ruleTester('python2-only-api', 'python', {
  valid: [
    'import string\nletters = string.ascii_lowercase',
  ],
  invalid: [
    { code: shim, errors: [{ ...at(shim, 'string.lowercase'), confidence: 'low' }, { ...at(shim, 'string.lowercase', undefined, 1), confidence: 'low' }] },
    { code: plain, errors: [{ ...at(plain, 'string.lowercase'), confidence: 'high' }] },
    { code: compared, errors: [{ ...at(compared, 'string.lowercase'), confidence: 'high' }] },
  ],
});
