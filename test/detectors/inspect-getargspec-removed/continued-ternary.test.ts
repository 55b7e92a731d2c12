// inspect-getargspec-removed: a version switch split over two lines (held-out sample AM). A kernel's magics write
// `getfullargspec(func) if PY3 \` and `else getargspec(func)` on the next line, or break the expression inside
// parentheses before `else`: one statement, low as the one-line switch is. A backslash-continued call with no
// version test, and a plain `else:` block after an unrelated `if`, keep the finding.
import { at, ruleTester } from '../harness';

const backslash = 'import inspect\n\ndef args(func):\n    spec = inspect.getfullargspec(func) if PY3 \\\n           else inspect.getargspec(func)\n    return spec.args';
const bracketed = 'import inspect\n\ndef args(func):\n    spec = (inspect.getfullargspec(func) if PY3\n            else inspect.getargspec(func))\n    return spec.args';
const firstLine = 'import inspect\n\ndef args(func):\n    spec = inspect.getargspec(func) if not PY3 \\\n        else inspect.getfullargspec(func)\n    return spec.args';
const noSwitch = 'import inspect\n\ndef args(func, strict):\n    spec = inspect.getargspec(func) if strict \\\n        else None\n    return spec';
const elseBlock = 'import inspect\n\ndef args(func):\n    if use_cache:\n        pass\n    else:\n        return inspect.getargspec(func).args';

ruleTester('inspect-getargspec-removed', 'python', {
  valid: [],
  invalid: [
    { code: backslash, errors: [{ ...at(backslash, 'inspect.getargspec('), confidence: 'low' }] },
    { code: bracketed, errors: [{ ...at(bracketed, 'inspect.getargspec('), confidence: 'low' }] },
    { code: firstLine, errors: [{ ...at(firstLine, 'inspect.getargspec('), confidence: 'low' }] },
    { code: noSwitch, errors: [{ ...at(noSwitch, 'inspect.getargspec('), confidence: 'high' }] },
    { code: elseBlock, errors: [{ ...at(elseBlock, 'inspect.getargspec('), confidence: 'high' }] },
  ],
});
