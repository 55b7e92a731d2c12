// python2-only-api's policy (held-out sample AC): `os.popen4`/`string.letters` name the stdlib module and keep the
// rule's level; `x.has_key(k)` is high only when the file shows `x` to be a dict (bound to `{…}`, `dict(…)`, a copy,
// or `os.environ`). An unknown receiver is most often a class of the project's own that defines has_key: low.
import { at, ruleTester } from '../harness';

const unknown = 'def stock(self, k):\n    if self.pantry.has_key(k) and self.pantry[k]:\n        return True';
const dictLiteral = 'seen = {}\n\ndef add(k):\n    if seen.has_key(k):\n        return';
const selfDict = 'class Index:\n    def __init__(self):\n        self.names = dict()\n\n    def known(self, k):\n        return self.names.has_key(k)';
const environ = 'import os\n\nif os.environ.has_key("HOME"):\n    pass';
const popen = 'import os\n\nout, err = os.popen3(cmd)';

ruleTester('python2-only-api', 'python', {
  valid: [],
  invalid: [
    { code: unknown, errors: [{ ...at(unknown, '.has_key('), confidence: 'low' }] },
    { code: dictLiteral, errors: [{ ...at(dictLiteral, '.has_key('), confidence: 'high' }] },
    { code: selfDict, errors: [{ ...at(selfDict, '.has_key('), confidence: 'high' }] },
    { code: environ, errors: [{ ...at(environ, '.has_key('), confidence: 'high' }] },
    { code: popen, errors: [{ ...at(popen, 'os.popen3('), confidence: 'high' }] },
  ],
});
