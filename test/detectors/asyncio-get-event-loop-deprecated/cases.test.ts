// asyncio-get-event-loop-deprecated: a data rule (rules/python-removed-apis.json) with its context filters.
// Inside `async def` a loop runs (not reported); in a sync function of a module that also defines
// coroutines, it is likely called from one (Quart's `add_background_task`): shown at low confidence.
import { at, ruleTester } from '../harness';

const script = 'import asyncio\n\nloop = asyncio.get_event_loop()\nloop.run_until_complete(main())';
const server = 'import asyncio\n\nclass Driver:\n    def listen(self):\n        loop = asyncio.get_event_loop()\n        loop.run_forever()';
const mixed = 'import asyncio\n\nclass App:\n    async def handle(self):\n        self.add_background_task(work)\n\n    def add_background_task(self, func):\n        loop = asyncio.get_event_loop()\n        return loop.create_task(func())';

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
  ],
});
