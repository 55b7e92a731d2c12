import assert from 'node:assert/strict';
import { at, ruleTester, type InvalidCase } from '../harness';
import { nearest, pythonApi, suggestion } from '../../../server/src/detectors/shared/python-api';

/** An invalid case whose findings span `texts` (first occurrence of each, in order) with their kinds. */
function py(code: string, ...spans: Array<[text: string, kind: string, nth?: number]>): InvalidCase {
  return { code, errors: spans.map(([text, kind, nth]) => at(code, text, kind, nth)) };
}

ruleTester('phantom-member', 'python', {
  valid: [
    // Real names, from every branch of the stubs' version checks.
    'import os\nprint(os.getcwd(), os.path.join("a", "b"), os.sep)',
    'import os.path as p\np.exists("x")',
    'from os import getcwd, path, sep as s',
    'from xml.etree import ElementTree as ET\nET.fromstring("<a/>")',
    'import xml.etree.ElementTree\nxml.etree.ElementTree.parse("a.xml")',
    'import asyncio\nasyncio.run(main())\nasyncio.TaskGroup',
    'import base64\nbase64.binascii.Error',
    '[].append(1)\n{}.items()\n"s".startswith("x")\nb"x".decode()\n(1, 2).count(1)\n{1}.add(2)',
    'd = {}\nfor k, v in d.items(): pass',
    'from pathlib import Path\nPath("a").read_text().splitlines()',
    'import re\nre.compile("x").match("y").group(0)',
    // Shadowing and rebinding: the name no longer means the module or the literal.
    { name: 'module reassigned', code: 'import os\nos = MyOS()\nos.getcwdu()' },
    { name: 'module name as a parameter', code: 'import string\ndef f(string):\n    return string.letterz' },
    { name: 'module name bound by a loop', code: 'import time\nfor time in times:\n    time.clockk()' },
    { name: 'aliased module name rebound', code: 'import os.path as p\np = Mine()\np.joinn("a")' },
    { name: 'global statement', code: 'import os\ndef f():\n    global os\n    os = None\nos.getcwdu()' },
    { name: 'variable reassigned', code: 'd = {}\nd = MyDict()\nd.iteritems()' },
    { name: 'variable augmented', code: 'xs = []\nxs += other\nxs.push(1)' },
    { name: 'variable is a parameter elsewhere in scope', code: 'def f(d):\n    d.iteritems()\nd = {}' },
    { name: 'variable used before its assignment', code: 'def f():\n    d.iteritems()\nd = {}' },
    { name: 'nonlocal', code: 'def f():\n    d = {}\n    def g():\n        nonlocal d\n        d = Other()\n    d.iteritems()' },
    { name: 'class attribute literal', code: 'class A:\n    d = {}\n    def f(self):\n        return self.d.iteritems()' },
    { name: 'shadowed builtin class', code: 'from mylib import list\nxs = list()\nxs.push(1)' },
    { name: 'user class with the same method names', code: 'class Stack:\n    def push(self, x): pass\ns = Stack()\ns.push(1)\nclass D(dict):\n    def iteritems(self): pass\nD().iteritems()' },
    { name: 'instance of a stdlib class may carry set attributes', code: 'import argparse\np = argparse.ArgumentParser()\np.extra_flag' },
    { name: 'attribute added at run time', code: 'import os\nos.getcwdu = os.getcwd\nos.getcwdu()' },
    // Compatibility code.
    { name: 'conditional import', code: 'import sys\nif sys.version_info < (3,):\n    from os import getcwdu\nelse:\n    from os import getcwd as getcwdu' },
    { name: 'try / except ImportError', code: 'try:\n    from itertools import izip\nexcept ImportError:\n    izip = zip' },
    { name: 'try / except AttributeError', code: 'import os\ntry:\n    cwd = os.getcwdu()\nexcept AttributeError:\n    cwd = os.getcwd()' },
    { name: 'Python 2 branch', code: 'import sys, os\nPY3 = sys.version_info[0] == 3\nif PY3:\n    cwd = os.getcwd()\nelse:\n    cwd = os.getcwdu()' },
    // a project's own flag name (fresh held-out sample: rpyc's lib/compat.py, `if is_py_3k: ... else: maxint = sys.maxint`)
    { name: 'Python 2 branch of an is_py_3k flag', code: 'import sys\nis_py_3k = (sys.version_info[0] >= 3)\nif is_py_3k:\n    maxint = sys.maxsize\nelse:\n    maxint = sys.maxint' },
    // a major version under the project's own name compared with 3 (fresh sample AD: a billing SDK's `if compat.py_major_v >= 3: … else: urllib.quote(…)`)
    { name: 'Python 2 branch of a py_major_v comparison', code: 'import urllib\nif compat.py_major_v >= 3:\n    url = urllib.parse.quote(p)\nelse:\n    url = urllib.quote(p)' },
    { name: 'Python 2 branch of an IS_PY2 flag', code: 'import os\nif IS_PY2:\n    cwd = os.getcwdu()' },
    { name: 'Python 2 side of a conditional expression', code: 'import sys, math\nPY3 = sys.version_info[0] == 3\nbits = int(math.log(sys.maxsize if PY3 else sys.maxint, 2))' },
    // A Python 2 probe (fresh sample WW: confluent-kafka's `try: string_type = basestring` … `except NameError:`): the rest of the body runs only on Python 2.
    { name: 'try / except NameError', code: 'import urllib\ntry:\n    text_type = unicode\n    def quote(v):\n        return urllib.quote(v)\nexcept NameError:\n    text_type = str' },
    // After an early return for Python 3 (fresh sample ZZ: onboard's `unicode_str`, `if sys.version_info.major >= 3: return str(obj)`), the rest of the body is Python 2 only.
    { name: 'after a Python 3 early return', code: 'import sys\ndef text(obj):\n    if sys.version_info.major >= 3:\n        return str(obj)\n    return str(obj).decode("utf-8")' },
    // …and after an `if … elif` chain whose every branch returns, one of them for Python 3.8+ (fresh sample AZ: a build-service
    // client's distro probe ends in `platform.linux_distribution()` for Python 2.6 to 3.7).
    { name: 'after an elif chain of early returns', code: 'import platform, sys\ndef distro_id():\n    if distro is not None:\n        return distro.id()\n    elif sys.version_info >= (3, 8):\n        return None\n    return platform.linux_distribution()[0]' },
    // The scanned project is the stubbed package itself (fresh sample WW: simplejson's tests read its C speedups): not judged by the stubs.
    { name: 'the package itself', path: 'simplejson/tests/test_speedups.py', code: 'import simplejson.encoder\nenc = simplejson.encoder.c_encode_basestring_ascii' },
    { name: 'module imported inside try is not trusted', code: 'try:\n    import simplejson as json\nexcept ImportError:\n    import json\njson.lods("{}")' },
    // What the stubs cannot judge.
    { name: 'module with __getattr__', code: 'import encodings\nencodings.whatever_codec' },
    { name: 'not a stdlib module', code: 'import numpy\nnumpy.arrayy([1])\nfrom numpy import arrayy' },
    { name: 'relative import', code: 'from . import os\nos.getcwdu()' },
    { name: 'private names', code: 'import os\nos._exit(0)\nos._nothing_here' },
    { name: 'undocumented module attribute with no near name', code: 'import json.decoder\njson.decoder.WHITESPACE' },
    { name: 'import of a name with no near one', code: 'from email.headerregistry import parser' },
    { name: 'removed API the data pack reports (it wins)', code: 'import time\nstart = time.clock()' },
    { name: 'removed ABC alias the data pack reports', code: 'from collections import Mapping' },
    { name: 'has_key, which the data pack reports', code: 'counts = dict()\ncounts.has_key("a")' },
    { name: 'comment', code: 'import os\n# os.getcwdu() is Python 2' },
  ],
  invalid: [
    // The author silenced the member check on the line (fresh held-out sample GG: a cloud library's Python 2 fallback
    // `itertools.izip(*iters)  # pylint: disable=no-member`), or the file is a fixture: low. Another code's waiver does not count.
    ...(['  # pylint: disable=no-member', '  # type: ignore', '  # type: ignore[attr-defined]', '  # pyright: ignore', '  # noqa'].map((c) => {
      const code = `import itertools\nfor t in itertools.izip(a, b):${c}\n    pass`;
      return { name: `silenced:${c}`, code, errors: [{ ...at(code, 'izip', 'python2'), confidence: 'low' as const }] };
    })),
    { name: 'pylint disable-next', code: 'import string\n# pylint: disable-next=no-member\nwords = string.split(s)', errors: [{ ...at('import string\n# pylint: disable-next=no-member\nwords = string.split(s)', 'split', 'python2'), confidence: 'low' }] },
    { name: 'a fixture: low', path: 'tests/fixtures/sample.py', code: 'import string\nwords = string.split(s)', errors: [{ ...at('import string\nwords = string.split(s)', 'split', 'python2'), confidence: 'low' }] },
    ...(['  # type: ignore[import]', '  # noqa: E501', '  # pylint: disable=line-too-long'].map((c) => {
      const code = `import itertools\nfor t in itertools.izip(a, b):${c}\n    pass`;
      return { name: `other waiver:${c}`, code, errors: [{ ...at(code, 'izip', 'python2'), confidence: 'high' as const }] };
    })),
    { name: 'a test that runs: kept', path: 'tests/test_words.py', code: 'import string\nwords = string.split(s)', errors: [{ ...at('import string\nwords = string.split(s)', 'split', 'python2'), confidence: 'high' }] },
    py('import os\ncwd = os.getcwdu()', ['getcwdu', 'python2']),
    // An early return that is no version check, or a version check that does not leave, keeps what follows judged.
    py('import sys\ndef text(obj):\n    if obj is None:\n        return ""\n    return str(obj).decode("utf-8")', ['decode', 'python2']),
    py('import sys\ndef text(obj):\n    if sys.version_info.major >= 3:\n        log(obj)\n    return str(obj).decode("utf-8")', ['decode', 'python2']),
    // A branch of the chain that does not leave runs on into what follows on any version.
    py('import platform, sys\ndef distro_id():\n    if distro is not None:\n        log(distro)\n    elif sys.version_info >= (3, 8):\n        return None\n    return platform.linux_distribution()[0]', ['linux_distribution', 'python2']),
    py('from os import getcwdu', ['getcwdu', 'python2']),
    py('import os.path\nos.path.joinn("a", "b")', ['joinn', 'module']),
    py('import os.path as p\np.exsts("a")', ['exsts', 'module']),
    py('from shutil import copy_tree', ['copy_tree', 'import']),
    py('import xmlrpc.client\nraise xmlrpc.client.fault(400, "x")', ['fault', 'module']),
    py('import string\nletters = string.strip(s)', ['strip', 'python2']),
    py('import platform\nplatform.linux_distribution()', ['linux_distribution', 'python2']),
    py('items = []\nitems.push(1)', ['push', 'member']),
    py('[].push(1)', ['push', 'member']),
    py('d = {}\nfor k, v in d.iteritems():\n    pass', ['iteritems', 'python2']),
    py('counts = dict()\ncounts.viewkeys()', ['viewkeys', 'python2']),
    py('"name".startwith("n")', ['startwith', 'member']),
    py('def f():\n    s = "abc"\n    return s.decode("utf8")', ['decode', 'python2']),
    py('names = {"a"}\nnames.push("b")', ['push', 'member']),
    py('from pathlib import Path\nPath("a").read_txt()', ['read_txt', 'member']),
    py('import re\npattern = re.compile(r"\\d+")\npattern.matches("12")', ['matches', 'member']),
    py('from datetime import datetime\ndatetime.now().isoFormat()', ['isoFormat', 'member']),
    py('import collections\nc = collections.OrderedDict()\nc.iteritems()', ['iteritems', 'python2']),
    py('import itertools, urllib\nfor a, b in itertools.izip(x, y):\n    urllib.quote(a)', ['izip', 'python2'], ['quote', 'python2']),
    { ...py('import requests\nrequests.get(url).jsonn()', ['jsonn', 'member']), errors: [{ ...at('import requests\nrequests.get(url).jsonn()', 'jsonn', 'member'), confidence: 'medium' }] },
    py('import os.path\nos.path.walk(root, visit, None)', ['walk', 'python2']),
    // … another exception is no Python 2 probe, and a project merely using the package is judged as before.
    py('import urllib\ntry:\n    q = urllib.quote(v)\nexcept ValueError:\n    q = v', ['quote', 'python2']),
    { name: 'a user of the package', path: 'app/tests/test_speedups.py', code: 'import simplejson.encoder\nenc = simplejson.encoder.c_encode_basestring_ascii', errors: [{ ...at('import simplejson.encoder\nenc = simplejson.encoder.c_encode_basestring_ascii', 'c_encode_basestring_ascii', 'module'), confidence: 'medium' }] },
    // a condition that is not about the version still is no guard (`copy2`, `is_py_gte311` name no Python 2/3 flag)
    py('import sys\nif copy2:\n    n = sys.maxint', ['maxint', 'python2']),
    py('import sys\nif is_py_gte311:\n    n = sys.maxint', ['maxint', 'python2']),
    py('import sys\nif api_version >= 3:\n    n = sys.maxint', ['maxint', 'python2']),
    // a logger's method with no near name may be a custom level the project installs elsewhere
    // (`logging.setLoggerClass(AppLogger)` with `trace()`, `setattr(logging.getLoggerClass(), "answer", …)`): low
    { ...py('import logging\nlog = logging.getLogger(__name__)\nlog.trace("got %s", x)', ['trace', 'member']), errors: [{ ...at('import logging\nlog = logging.getLogger(__name__)\nlog.trace("got %s", x)', 'trace', 'member'), confidence: 'low' }] },
    // … but a near miss of a real method stays certain
    { ...py('import logging\nlog = logging.getLogger(__name__)\nlog.warnig("disk full")', ['warnig', 'member']), errors: [{ ...at('import logging\nlog = logging.getLogger(__name__)\nlog.warnig("disk full")', 'warnig', 'member'), confidence: 'high' }] },
    // The same policy for any class written in Python: a missing method with no near name and no Python 3 replacement may
    // come from the subclass or look-alike the project passes instead (a parser class extended elsewhere): low; built-in
    // literals' classes are complete and stay certain.
    { ...py('import argparse\nparser = argparse.ArgumentParser()\nparser.add_command("run")', ['add_command', 'member']), errors: [{ ...at('import argparse\nparser = argparse.ArgumentParser()\nparser.add_command("run")', 'add_command', 'member'), confidence: 'low' }] },
    { ...py('import argparse\nparser = argparse.ArgumentParser()\nparser.add_argumnt("--run")', ['add_argumnt', 'member']), errors: [{ ...at('import argparse\nparser = argparse.ArgumentParser()\nparser.add_argumnt("--run")', 'add_argumnt', 'member'), confidence: 'high' }] },
    { ...py('names = []\nnames.add_command("run")', ['add_command', 'member']), errors: [{ ...at('names = []\nnames.add_command("run")', 'add_command', 'member'), confidence: 'high' }] },
    { ...py('import requests\ns = requests.Session()\ns.gett("https://example.org")', ['gett', 'member']), errors: [{ ...at('import requests\ns = requests.Session()\ns.gett("https://example.org")', 'gett', 'member'), confidence: 'medium' }] },
  ],
});

describe('phantom-member (Python): the stub facts', () => {
  it('ships the standard library and the classes the rule types', () => {
    const api = pythonApi();
    assert.ok(api.names('os')?.has('getcwd') && !api.names('os')?.has('getcwdu'));
    assert.ok(api.names('asyncio')?.has('TaskGroup'), 'names from a newer version branch count');
    assert.ok(api.members('builtins.list')?.has('append') && api.members('builtins.dict')?.has('items'));
    assert.ok(api.members('pathlib.Path')?.has('read_text'), 'inherited from PurePath or Path itself');
    assert.equal(api.names('encodings'), undefined, 'a module with __getattr__ is open');
    assert.equal(api.returns('re.compile'), 're.Pattern');
  });

  it('suggests the near name, the Python 3 name or the Python spelling of a carried-over one', () => {
    assert.equal(nearest('startwith', ['startswith', 'endswith']), 'startswith');
    assert.equal(nearest('foo', ['bar', 'baz']), undefined);
    assert.equal(suggestion('list', 'push', ['append', 'pop'])?.text, '`append`');
    assert.equal(suggestion('dict', 'iteritems', [])?.python2, 'Python 2');
  });
});
