// array-tostring-removed: version guards (held-out sample AC). A one-line switch on the version
// (`s.tostring() if six.PY2 else s.tobytes()`, a packet library's fuzzers) is low; the `else:` of
// `if hexversion >= 0x03020000:` (a USB library's string reader) is a py2-only branch and not reported.
// The py3 side of a hexversion test, and a ternary on anything else, keep the rule's level.
import { at, ruleTester } from '../harness';

const ternary = 'import array\n\ndef corrupt(s):\n    s = array.array("B", s)\n    return s.tostring() if six.PY2 else s.tobytes()';
const hexElse = 'import array\nfrom sys import hexversion\n\ndef text(buf):\n    if hexversion >= 0x03020000:\n        return buf.tobytes()\n    else:\n        return buf.tostring()';
const hexNew = 'import array\nimport sys\n\ndef text(buf):\n    if sys.hexversion >= 0x03020000:\n        return buf.tostring()';
const otherTernary = 'import array\n\ndef raw(v):\n    return v.tostring() if isinstance(v, array.array) else v';

ruleTester('array-tostring-removed', 'python', {
  valid: [hexElse],
  invalid: [
    { code: ternary, errors: [{ ...at(ternary, '.tostring()'), confidence: 'low' }] },
    { code: hexNew, errors: [{ ...at(hexNew, '.tostring()'), confidence: 'medium' }] },
    { code: otherTernary, errors: [{ ...at(otherTernary, '.tostring()'), confidence: 'medium' }] },
  ],
});
