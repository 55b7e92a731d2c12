// array-tostring-removed: a data rule (rules/python-removed-apis.json). A Jython module (it imports `java.*` or
// `javax.*`) runs on Jython 2.7, where a Java array's tostring() is the idiom and CPython never loads the file: low
// (fresh held-out sample MM: a session library's javax.crypto backend). The same call in a CPython module stays medium.
import { at, ruleTester } from '../harness';

const jython = "from javax.crypto import Cipher\n\ndef encrypt(data, spec):\n    cipher = Cipher.getInstance('AES/CTR/NoPadding')\n    cipher.init(Cipher.ENCRYPT_MODE, spec)\n    return cipher.doFinal(data).tostring()";
const cpython = "import array\n\ndef pack(values):\n    samples = array.array('h', values)\n    return samples.tostring()";

// A call under `if hasattr(x, 'tostring'):` runs only where the method exists (fresh sample WW: jsonpickle's numpy
// handler); numpy's deprecated tostring() may still be there: low. Under `if not hasattr(…)` or another check it stays.
const probed = "import numpy\n\ndef flatten(dtype, data):\n    if hasattr(dtype, 'tostring'):\n        data['dtype'] = dtype.tostring()\n    else:\n        data['dtype'] = str(dtype)";
const notProbed = "import numpy\n\ndef flatten(arr, data):\n    if not hasattr(arr, 'tobytes'):\n        data['raw'] = arr.tostring()";
const elseOfProbe = "import numpy\n\ndef flatten(arr):\n    if hasattr(arr, 'tostring'):\n        return arr.dumps()\n    else:\n        return arr.tostring()";

// A tree or document object's own serializer (fresh sample ZZ: a notes app's parse tree, `newtree.tostring()`, and its
// undo stack comparing `tree.tostring()`): no array has that name, and ElementTree's tostring is a module function: low.
// So is any call in a file that defines a zero-argument `def tostring(self)` of its own. Other receivers stay medium.
const parseTree = "def get_data(self):\n    newtree = self.resolve(self.parsetree)\n    return newtree.tostring()";
const camelTree = "def dump(parseTree):\n    return parseTree.tostring()";
const ownMethod = "class Page:\n    def tostring(self):\n        return ''.join(self.parts)\n\ndef dump(page):\n    return page.tostring()";
const notATree = "import array\n\ndef pack(node_values):\n    values = array.array('h', node_values)\n    return values.tostring()";
const ownWithArgs = "import array\n\nclass Opt:\n    def tostring(self, value):\n        return str(value)\n\ndef pack(xs):\n    return array.array('h', xs).tostring()";

ruleTester('array-tostring-removed', 'python', {
  valid: [],
  invalid: [
    { code: jython, errors: [{ ...at(jython, '.tostring()'), confidence: 'low' }] },
    { code: cpython, errors: [{ ...at(cpython, '.tostring()'), confidence: 'medium' }] },
    { code: probed, errors: [{ ...at(probed, '.tostring()'), confidence: 'low' }] },
    { code: notProbed, errors: [{ ...at(notProbed, '.tostring()'), confidence: 'medium' }] },
    { code: parseTree, errors: [{ ...at(parseTree, '.tostring()'), confidence: 'low' }] },
    { code: camelTree, errors: [{ ...at(camelTree, '.tostring()'), confidence: 'low' }] },
    { code: ownMethod, errors: [{ ...at(ownMethod, '.tostring()'), confidence: 'low' }] },
    { code: notATree, errors: [{ ...at(notATree, '.tostring()'), confidence: 'medium' }] },
    { code: ownWithArgs, errors: [{ ...at(ownWithArgs, '.tostring()'), confidence: 'medium' }] },
    { code: elseOfProbe, errors: [{ ...at(elseOfProbe, '.tostring()'), confidence: 'medium' }] },
  ],
});
