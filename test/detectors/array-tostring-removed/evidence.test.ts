// array-tostring-removed's policy (held-out sample AC): medium needs evidence that the receiver can be an array — the
// file imports `array` or numpy. Elsewhere `x.tostring()` is most often a project's own serializer (a parse tree, a
// packet, a colour): low.
import { at, ruleTester } from '../harness';

const unknown = 'def dump(page):\n    return page.body.tostring()';
const fromArray = 'from array import array\n\ndef encode(value):\n    return value.tostring()';
const numpyAs = 'import numpy as np\n\ndef raw(frame):\n    return np.asarray(frame).view().tostring()';
// The Jython, tree-name and own-`def tostring(self)` exceptions of earlier samples are subsumed by the policy (none
// of those files imports array or numpy) and were removed: in a numpy module a `tree` receiver keeps the level.
const treeWithNumpy = 'import numpy as np\n\ndef dump(tree):\n    return tree.tostring()';
const arrayModule = 'import sys, array\n\ndef raw(samples):\n    return samples.tostring()';

ruleTester('array-tostring-removed', 'python', {
  valid: [],
  invalid: [
    { code: unknown, errors: [{ ...at(unknown, '.tostring()'), confidence: 'low' }] },
    { code: fromArray, errors: [{ ...at(fromArray, '.tostring()'), confidence: 'medium' }] },
    { code: numpyAs, errors: [{ ...at(numpyAs, '.tostring()'), confidence: 'medium' }] },
    { code: treeWithNumpy, errors: [{ ...at(treeWithNumpy, '.tostring()'), confidence: 'medium' }] },
    { code: arrayModule, errors: [{ ...at(arrayModule, '.tostring()'), confidence: 'medium' }] },
  ],
});
