// locale-getdefaultlocale-deprecated: Python 2 branches (held-out sample AM). A console set-up under
// `if os.name == 'nt' and PY2:` (an IDE kernel's Windows code page fix) and a fallback after `except AttributeError:`
// run only where the function is current, so they are not reported; a one-line version switch is low. The same
// call under a platform check alone, or in the `else:` of a Python 2 check, keeps it.
import { at, ruleTester } from '../harness';

const py2Block = 'import os, locale\n\nif os.name == "nt" and PY2:\n    try:\n        _t, _cp = locale.getdefaultlocale("LANG")\n    except Exception:\n        pass';
const fallback = 'import locale\n\ntry:\n    enc = locale.getencoding()\nexcept AttributeError:\n    enc = locale.getdefaultlocale()[1]';
const ternary = 'import locale\n\ndef lang():\n    return locale.getdefaultlocale()[0] if PY2 else locale.getlocale()[0]';
const platformOnly = 'import os, locale\n\nif os.name == "nt":\n    _t, _cp = locale.getdefaultlocale("LANG")';
const py3Branch = 'import locale\n\nif PY2:\n    enc = "ascii"\nelse:\n    enc = locale.getdefaultlocale()[1]';

ruleTester('locale-getdefaultlocale-deprecated', 'python', {
  valid: [py2Block, fallback],
  invalid: [
    { code: ternary, errors: [{ ...at(ternary, 'locale.getdefaultlocale('), confidence: 'low' }] },
    { code: platformOnly, errors: [{ ...at(platformOnly, 'locale.getdefaultlocale('), confidence: 'high' }] },
    { code: py3Branch, errors: [{ ...at(py3Branch, 'locale.getdefaultlocale('), confidence: 'high' }] },
  ],
});
