// asyncio-get-event-loop-deprecated: inside a function, the loop asked for only to schedule on it
// (`asyncio.get_event_loop().create_task(…)`, `.add_reader(fd, cb)`, `.remove_reader(fd)`) is most often a callback
// run by the loop itself (a terminal client's key handler, a plugin's fifo reader): low confidence (fresh held-out
// sample JJ). The loop kept to run (`loop = …; loop.run_until_complete`), a chained `run_until_complete`, or a
// chained call at module level keeps the rule's confidence.
import { at, ruleTester } from '../harness';

const keyHandler = 'import asyncio\n\nclass Buffer:\n    def on_key(self, key):\n        if key == "q":\n            asyncio.get_event_loop().create_task(self.ui.apply(key))';
const fifo = 'import asyncio, os\n\nclass Plugin:\n    def reopen(self):\n        asyncio.get_event_loop().remove_reader(self.fd)\n        self.fd = os.open(self.path, os.O_RDONLY)\n        asyncio.get_event_loop().add_reader(self.fd, self.read)';
const runChained = 'import asyncio\n\ndef main():\n    asyncio.get_event_loop().run_until_complete(serve())';
const topLevel = 'import asyncio\n\nasyncio.get_event_loop().create_task(serve())\nrun()';
// A helper that returns the scheduled task (`return asyncio.get_event_loop().create_task(coro)`, pychess's compat
// `create_task`) is the same schedule-only shape (fresh sample ZZ); returning the loop, or the result of running it, is not.
const taskHelper = 'import asyncio\n\n\ndef spawn(coro):\n    return asyncio.get_event_loop().create_task(coro)';
const runHelper = 'import asyncio\n\n\ndef run(coro):\n    return asyncio.get_event_loop().run_until_complete(coro)';
const loopHelper = 'import asyncio\n\n\ndef current():\n    return asyncio.get_event_loop()';
const kept = 'import asyncio\n\ndef main():\n    loop = asyncio.get_event_loop()\n    loop.create_task(serve())\n    loop.run_forever()';

ruleTester('asyncio-get-event-loop-deprecated', 'python', {
  valid: [],
  invalid: [
    { code: keyHandler, errors: [{ ...at(keyHandler, 'asyncio.get_event_loop()'), confidence: 'low' }] },
    { code: fifo, errors: [{ line: 5, confidence: 'low' }, { line: 7, confidence: 'low' }] },
    { code: runChained, errors: [{ ...at(runChained, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
    { code: topLevel, errors: [{ ...at(topLevel, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
    { code: taskHelper, errors: [{ ...at(taskHelper, 'asyncio.get_event_loop()'), confidence: 'low' }] },
    { code: runHelper, errors: [{ ...at(runHelper, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
    { code: loopHelper, errors: [{ ...at(loopHelper, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
    { code: kept, errors: [{ ...at(kept, 'asyncio.get_event_loop()'), confidence: 'medium' }] },
  ],
});
