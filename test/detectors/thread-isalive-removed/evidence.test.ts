// thread-isalive-removed's policy (held-out sample AC): high needs evidence that the receiver is a thread — the file
// imports threading, or binds the receiver to a `…Thread(…)`/`…Timer(…)` or annotates it as a thread. An object a
// library hands back (`serve(port)`) is unknown: low.
import { at, ruleTester } from '../harness';

const unknown = 'from dnsstuff import serve\n\nsrv = serve(port)\nwhile srv.isAlive():\n    pause()';
const boundThread = 'from workers import WorkerThread\n\nt = WorkerThread(target=run)\nwhile t.isAlive():\n    pause()';
const attrThread = 'from workers import PollThread\n\nclass Agent:\n    def start(self):\n        self.poller = PollThread()\n\n    def alive(self):\n        return self.poller.isAlive()';

ruleTester('thread-isalive-removed', 'python', {
  valid: [],
  invalid: [
    { code: unknown, errors: [{ ...at(unknown, '.isAlive()'), confidence: 'low' }] },
    { code: boundThread, errors: [{ ...at(boundThread, '.isAlive()'), confidence: 'high' }] },
    { code: attrThread, errors: [{ ...at(attrThread, '.isAlive()'), confidence: 'high' }] },
  ],
});
