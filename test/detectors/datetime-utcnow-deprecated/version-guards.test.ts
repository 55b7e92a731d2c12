// datetime-utcnow-deprecated and the other Python rules that had no version guard (asyncio-coroutine-removed,
// json-loads-encoding-removed), after held-out sample AM: the branch only old Pythons take (`else:` of
// `sys.version_info >= (3, 11)`, where `datetime.UTC` is missing; `if PY2:`) is the fallback and is not reported.
// The same call under the new-Python branch, or after an unrelated test, keeps it.
import { at, ruleTester } from '../harness';

const fallback = 'import sys\nfrom datetime import datetime\n\ndef stamp():\n    if sys.version_info >= (3, 11):\n        from datetime import UTC\n        return datetime.now(UTC)\n    else:\n        return datetime.utcnow()';
const py2 = 'from datetime import datetime\n\nif PY2:\n    started = datetime.utcnow()';
const newBranch = 'import sys\nfrom datetime import datetime\n\ndef stamp():\n    if sys.version_info >= (3, 11):\n        return datetime.utcnow()\n    return None';
const unrelated = 'from datetime import datetime\n\ndef stamp(utc):\n    if utc:\n        return datetime.utcnow()\n    else:\n        return datetime.utcnow()';

ruleTester('datetime-utcnow-deprecated', 'python', {
  valid: [fallback, py2],
  invalid: [
    { code: newBranch, errors: [{ ...at(newBranch, 'datetime.utcnow('), confidence: 'high' }] },
    {
      code: unrelated,
      errors: [
        { ...at(unrelated, 'datetime.utcnow('), confidence: 'high' },
        { ...at(unrelated, 'datetime.utcnow(', undefined, 1), confidence: 'high' },
      ],
    },
  ],
});

const oldCoroutine = 'import asyncio, sys\n\nif sys.version_info < (3, 5):\n    @asyncio.coroutine\n    def wait(n):\n        yield from asyncio.sleep(n)';
ruleTester('asyncio-coroutine-removed', 'python', { valid: [oldCoroutine], invalid: [] });

const py2Json = 'import json\n\ndef read(body):\n    if PY2:\n        return json.loads(body, encoding="utf-8")\n    return json.loads(body)';
ruleTester('json-loads-encoding-removed', 'python', { valid: [py2Json], invalid: [] });
