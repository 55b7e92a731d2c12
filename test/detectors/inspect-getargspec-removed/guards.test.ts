// inspect-getargspec-removed: compatibility guards that provide the replacement (held-out sample AC). A py2 branch
// under a flag spelled `PYTHON3` (`if not PYTHON3:`, a widget library's compat module), the `else:` of a probe for
// `inspect.Signature` (a D-Bus binding's decorators) are not reported; a one-line version switch
// (`getargspec(f) if not PY3 else getfullargspec(f)`, a GUI toolkit's shell) is low. Other probes and lines keep it.
import { at, ruleTester } from '../harness';

const pythonFlag = 'from compat import PYTHON3\nif not PYTHON3:\n    from inspect import getargspec\nelse:\n    from inspect import getfullargspec as getargspec';
const signatureProbe = 'import inspect\n\ndef names(func):\n    if hasattr(inspect, "Signature"):\n        return list(inspect.signature(func).parameters)\n    else:\n        return inspect.getargspec(func)[0]';
const ternary = 'import inspect\n\ndef spec(obj):\n    return inspect.getargspec(obj) if not PY3 else inspect.getfullargspec(obj)';
const otherProbe = 'import inspect\n\ndef names(func):\n    if hasattr(inspect, "cleandoc"):\n        return []\n    else:\n        return inspect.getargspec(func)[0]';
const otherTernary = 'import inspect\n\ndef spec(obj):\n    return inspect.getargspec(obj) if callable(obj) else None';

ruleTester('inspect-getargspec-removed', 'python', {
  valid: [pythonFlag, signatureProbe],
  invalid: [
    { code: ternary, errors: [{ ...at(ternary, 'inspect.getargspec('), confidence: 'low' }] },
    { code: otherProbe, errors: [{ ...at(otherProbe, 'inspect.getargspec('), confidence: 'high' }] },
    { code: otherTernary, errors: [{ ...at(otherTernary, 'inspect.getargspec('), confidence: 'high' }] },
  ],
});
