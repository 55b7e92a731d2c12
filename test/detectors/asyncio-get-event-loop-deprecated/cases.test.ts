// asyncio-get-event-loop-deprecated: a data rule (rules/python-removed-apis.json) with its context filters.
// Inside `async def` a loop runs (not reported); in a sync function of a module that also defines
// coroutines, it is likely called from one (Quart's `add_background_task`): shown at low confidence.
import { at, ruleTester } from '../harness';

const script = 'import asyncio\n\nloop = asyncio.get_event_loop()\nloop.run_until_complete(main())';
const server = 'import asyncio\n\nclass Driver:\n    def listen(self):\n        loop = asyncio.get_event_loop()\n        loop.run_forever()';
const mixed = 'import asyncio\n\nclass App:\n    async def handle(self):\n        self.add_background_task(work)\n\n    def add_background_task(self, func):\n        loop = asyncio.get_event_loop()\n        return loop.create_task(func())';
// A `try:` whose `except` catches RuntimeError expects the Python 3.14 error (notebook's and Tornado's compat
// helpers create a loop then): low confidence. A handler for something else, or a `try` around other code, keeps it.
const handled = 'import asyncio\n\ndef ensure_loop():\n    try:\n        loop = asyncio.get_event_loop()\n    except RuntimeError:\n        loop = asyncio.new_event_loop()\n        asyncio.set_event_loop(loop)\n    return loop';
const handledTuple = 'import asyncio\n\nclass Loop:\n    def make_current(self):\n        try:\n            # the old loop, if any\n            self.old = asyncio.get_event_loop()\n\n        except (RuntimeError, AssertionError):\n            self.old = None';
const otherError = 'import asyncio\n\ndef start():\n    try:\n        loop = asyncio.get_event_loop()\n    except KeyError:\n        pass\n    finally:\n        cleanup()';
const inHandler = 'import asyncio\n\ndef start():\n    try:\n        configure()\n    except RuntimeError:\n        loop = asyncio.get_event_loop()';
const afterTry = 'import asyncio\n\ndef start():\n    try:\n        configure()\n    except RuntimeError:\n        pass\n    loop = asyncio.get_event_loop()';
// A loop set just before in the same block (fresh sample WW: autobahn's `if loop.is_closed():` branch sets a new loop,
// then asks for it): get_event_loop() returns that loop on every version, low confidence. The call before the set,
// or a set in a nested block or another function, keeps it.
const afterSet = 'import asyncio\n\ndef run():\n    loop = asyncio.get_event_loop()\n    if loop.is_closed():\n        asyncio.set_event_loop(asyncio.new_event_loop())\n        loop = asyncio.get_event_loop()\n    return loop';
const setElsewhere = 'import asyncio\n\ndef setup(loop):\n    asyncio.set_event_loop(loop)\n\ndef run():\n    loop = asyncio.get_event_loop()\n    return loop';
const setNested = 'import asyncio\n\ndef run(fresh):\n    if fresh:\n        asyncio.set_event_loop(asyncio.new_event_loop())\n    loop = asyncio.get_event_loop()\n    return loop';

ruleTester('asyncio-get-event-loop-deprecated', 'python', {
  valid: [
    'import asyncio\n\nasync def handler():\n    loop = asyncio.get_event_loop()',
    '"""Use asyncio.get_event_loop() only in old code."""\nimport asyncio',
    '# loop = asyncio.get_event_loop()\nloop = asyncio.new_event_loop()',
  ],
  invalid: [
    { code: script, errors: [{ ...at(script, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
    { code: server, errors: [{ ...at(server, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
    { code: mixed, errors: [{ ...at(mixed, 'asyncio.get_event_loop()'), confidence: 'low' }] },
    { code: handled, errors: [{ ...at(handled, 'asyncio.get_event_loop()'), confidence: 'low' }] },
    { code: handledTuple, errors: [{ ...at(handledTuple, 'asyncio.get_event_loop()'), confidence: 'low' }] },
    { code: otherError, errors: [{ ...at(otherError, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
    { code: inHandler, errors: [{ ...at(inHandler, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
    { code: afterTry, errors: [{ ...at(afterTry, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
    { code: afterSet, errors: [{ ...at(afterSet, 'asyncio.get_event_loop()'), confidence: 'medium' }, { ...at(afterSet, 'asyncio.get_event_loop()', undefined, 1), confidence: 'low' }] },
    { code: setElsewhere, errors: [{ ...at(setElsewhere, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
    { code: setNested, errors: [{ ...at(setNested, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
  ],
});
