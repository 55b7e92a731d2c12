// array-tostring-removed: version guards (held-out sample AC). A one-line switch on the version
// (`s.tostring() if six.PY2 else s.tobytes()`, a packet library's fuzzers) is low; the `else:` of
// `if hexversion >= 0x03020000:` (a USB library's string reader) is a py2-only branch and not reported.
// The py3 side of a hexversion test, and a ternary on anything else, keep the rule's level.
import { at, ruleTester } from '../harness';

const ternary = 'import array\n\ndef corrupt(s):\n    s = array.array("B", s)\n    return s.tostring() if six.PY2 else s.tobytes()';
const hexElse = 'import array\nfrom sys import hexversion\n\ndef text(buf):\n    if hexversion >= 0x03020000:\n        return buf.tobytes()\n    else:\n        return buf.tostring()';
const hexNew = 'import array\nimport sys\n\ndef text(buf):\n    if sys.hexversion >= 0x03020000:\n        return buf.tostring()';
const otherTernary = 'import array\n\ndef raw(v):\n    return v.tostring() if isinstance(v, array.array) else v';

// A handler whose `try:` body already called the bytes variant (fresh sample AX: an audio library's
// `try: data = data.tobytes()` / `except: data = data.tostring()`) is a py2 fallback that py3 never reaches: low.
// A handler after a try that attempted something else, or after an earlier clause that called it, keeps the level.
const fallback = "import array\n\ndef to_raw(samples):\n    buf = array.array('h', samples)\n    try:\n        raw = buf.tobytes()\n    except:\n        raw = buf.tostring()\n    return raw";
const otherTry = 'import array\n\ndef dump(buf, sink):\n    try:\n        sink.write(buf)\n    except Exception:\n        sink.write(buf.tostring())';
const earlierClause = 'import array\n\ndef dump(buf, sink):\n    try:\n        sink.send(buf)\n    except KeyError:\n        sink.send(buf.tobytes())\n    except:\n        sink.send(buf.tostring())';

ruleTester('array-tostring-removed', 'python', {
  valid: [hexElse],
  invalid: [
    { code: ternary, errors: [{ ...at(ternary, '.tostring()'), confidence: 'low' }] },
    { code: hexNew, errors: [{ ...at(hexNew, '.tostring()'), confidence: 'medium' }] },
    { code: otherTernary, errors: [{ ...at(otherTernary, '.tostring()'), confidence: 'medium' }] },
    { code: fallback, errors: [{ ...at(fallback, '.tostring()'), confidence: 'low' }] },
    { code: otherTry, errors: [{ ...at(otherTry, '.tostring()'), confidence: 'medium' }] },
    { code: earlierClause, errors: [{ ...at(earlierClause, '.tostring()'), confidence: 'medium' }] },
  ],
});
