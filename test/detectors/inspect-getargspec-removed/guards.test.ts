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

// inspect-getargspec-removed / ssl-wrap-socket-removed: a probe of the removed name itself (fresh sample AT: a SQL
// injection tool's plugin loader writes `hasattr(inspect, "getargspec") and inspect.getargspec(f)…` on one line, its
// HTTPS handler calls `ssl.wrap_socket` under `elif hasattr(ssl, "wrap_socket"):`): the call runs only where the name
// exists, not reported. A probe joined by `or`, a negated probe, or a probe of another name keep the finding.
const sameLine = 'import inspect\n\ndef is_hook(fn):\n    return hasattr(inspect, "getargspec") and inspect.getargspec(fn).keywords == "kw"';
const headerProbe = 'import ssl\n\ndef connect(sock):\n    if HAS_CONTEXT:\n        return CONTEXT.wrap_socket(sock)\n    elif hasattr(ssl, \'wrap_socket\'):\n        return ssl.wrap_socket(sock)';
const ternaryProbe = 'import inspect\n\ndef spec(fn):\n    return inspect.getargspec(fn) if hasattr(inspect, "getargspec") else None';
const orProbe = 'import inspect\n\ndef spec(fn):\n    return hasattr(inspect, "getargspec") or inspect.getargspec(fn)';
const negatedHeader = 'import ssl\n\ndef connect(sock):\n    if not hasattr(ssl, "wrap_socket"):\n        return ssl.wrap_socket(sock)';
const otherName = 'import inspect\n\ndef spec(fn):\n    return hasattr(inspect, "getmembers") and inspect.getargspec(fn)';

ruleTester('inspect-getargspec-removed', 'python', {
  valid: [sameLine, ternaryProbe],
  invalid: [
    { code: orProbe, errors: [{ ...at(orProbe, 'inspect.getargspec('), confidence: 'high' }] },
    { code: otherName, errors: [{ ...at(otherName, 'inspect.getargspec('), confidence: 'high' }] },
  ],
});

ruleTester('ssl-wrap-socket-removed', 'python', {
  valid: [headerProbe],
  invalid: [{ code: negatedHeader, errors: [{ ...at(negatedHeader, 'ssl.wrap_socket('), confidence: 'high' }] }],
});

// The pack's version guards: `sys.version` compared as a string (fresh sample BC: a vendored decorator module in a
// flash-card app, `if sys.version >= '3':` … `else:` a Python 2 getfullargspec built on getargspec). Its `else:` and
// `if sys.version < '3':` / `sys.version[0] == '2'` / `sys.version.startswith('2')` are Python 2 branches: not
// reported. The Python 3 side of the same test, and the `else:` of its Python 2 side, keep the finding.
const versionElse = "import inspect\nimport sys\n\nif sys.version >= '3':\n    from inspect import getfullargspec\nelse:\n    def getfullargspec(f):\n        return inspect.getargspec(f) + ([], None)";
const versionOld = "import inspect, sys\n\ndef spec(f):\n    if sys.version < '3':\n        return inspect.getargspec(f)\n    return inspect.getfullargspec(f)";
const versionIndex = "import inspect, sys\n\ndef names(f):\n    if sys.version[0] == '2':\n        return inspect.getargspec(f)[0]\n    elif sys.version.startswith('2'):\n        return inspect.getargspec(f).args";
const versionNew = "import inspect\nimport sys\n\nif sys.version >= '3':\n    spec = inspect.getargspec(handler)";
const versionOldElse = "import inspect\nimport sys\n\nif sys.version < '3':\n    spec = None\nelse:\n    spec = inspect.getargspec(handler)";

ruleTester('inspect-getargspec-removed', 'python', {
  valid: [versionElse, versionOld, versionIndex],
  invalid: [
    { code: versionNew, errors: [{ ...at(versionNew, 'inspect.getargspec('), confidence: 'high' }] },
    { code: versionOldElse, errors: [{ ...at(versionOldElse, 'inspect.getargspec('), confidence: 'high' }] },
  ],
});
