// thread-isalive-removed: in a file that never names a thread (no `threading`, no `…Thread`, no `Timer`), the receiver
// of `.isAlive()` is more likely a library's own object with that method (a DNS library's server class defines
// isAlive() and its example scripts poll it): low confidence (fresh held-out sample JJ). A file that makes or names
// a thread keeps the rule's confidence. The policy since sample AC: the rule's level needs evidence that the receiver is
// a `threading.Thread` (the file imports threading, or binds or annotates the receiver as a thread); a project's own
// `Timer` made by a helper is not such evidence, so that case is now low.
import { at, ruleTester } from '../harness';

const ownServer = 'from dnsstuff.server import UDPServer\n\nserver = UDPServer(resolver, port=53)\nserver.start_thread()\nwhile server.isAlive():\n    time.sleep(1)';
const passedThread = 'import time\n\ndef wait(worker: "Thread"):\n    while worker.isAlive():\n        time.sleep(0.1)';
const subclass = 'from threading import Thread\n\nclass Poller(Thread):\n    pass\n\np = Poller()\np.start()\nprint(p.isAlive())';
const timer = 'import time\nfrom mylib import Timer\n\nt = make(Timer)\nif t.isAlive():\n    t.cancel()';

ruleTester('thread-isalive-removed', 'python', {
  valid: [],
  invalid: [
    { code: ownServer, errors: [{ ...at(ownServer, '.isAlive()'), confidence: 'low' }] },
    { code: passedThread, errors: [{ ...at(passedThread, '.isAlive()'), confidence: 'high' }] },
    { code: subclass, errors: [{ ...at(subclass, '.isAlive()'), confidence: 'high' }] },
    { code: timer, errors: [{ ...at(timer, '.isAlive()'), confidence: 'low' }] },
  ],
});
