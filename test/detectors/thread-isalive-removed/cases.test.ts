// thread-isalive-removed: a data rule (rules/python-removed-apis.json) with its context filters.
// libvirt's virConnect (and Java objects reached through JPype/Py4J) have their own isAlive(): in a file
// importing such a binding the receiver is likely not a threading.Thread, so the finding is low confidence.
import { at, ruleTester } from '../harness';

const worker = 'import threading\n\nt = threading.Thread(target=run)\nt.start()\nwhile t.isAlive():\n    pass';
const libvirtConn = 'import libvirt\n\nvc = libvirt.openReadOnly(uri)\nvc.setKeepAlive(5, 3)\nwhile vc.isAlive() == 1 and self.running:\n    sleep(1)';
const jpype = 'from jpype import JClass\n\nthread = JClass("java.lang.Thread")(task)\nif thread.isAlive():\n    thread.join()';
const virtInName = 'import threading\n\nlibvirt_thread = threading.Thread(target=loop)\nok = libvirt_thread.isAlive()';

ruleTester('thread-isalive-removed', 'python', {
  valid: [
    'while worker.is_alive():\n    pass',
    'class Conn:\n    def alive(self):\n        return self.isAlive()',
    '# while worker.isAlive():\nwhile worker.is_alive():\n    pass',
  ],
  invalid: [
    { code: worker, errors: [{ ...at(worker, '.isAlive()'), confidence: 'high' }] },
    { code: virtInName, errors: [{ ...at(virtInName, '.isAlive()'), confidence: 'high' }] },
    { code: libvirtConn, errors: [{ ...at(libvirtConn, '.isAlive()'), confidence: 'low' }] },
    { code: jpype, errors: [{ ...at(jpype, '.isAlive()'), confidence: 'low' }] },
  ],
});
