// logging-warn-deprecated's policy (held-out sample AC): the rule's level needs evidence in the file that the receiver
// is a stdlib logger — the logging module imported as such, a name bound to `getLogger(...)`/`getChild(...)`, a
// receiver that also calls `warning()`/`exception()`, logging's calling convention (`log.debug("%d left", n)`), or a
// `logger` imported from a project module. Without it the receiver is unknown (a project's `log` module with its own
// `warn()` function, a logging library of its own) and the finding is low.
import { at, ruleTester } from '../harness';

const ownModule = 'from .. import log\n\ndef rollback(ref, err):\n    log.warn("cannot parse %s: %s" % (ref, err))\n    log.info("rolled back")';
const bareParam = 'def install(dest, logger=None):\n    if logger:\n        logger.warn("out of date: " + dest)';
const paramUsedAsLogger = 'def install(dest, logger=None):\n    if logger:\n        logger.warn("out of date: " + dest)\n    else:\n        logger.warning("nothing to do")';
const lazyArgs = 'from app import log\n\ndef submit(n):\n    log.debug("submitting %d prints", n)\n    log.warn("batch reduced to %d", n)';
const importedLogger = 'from tool.core import logger\n\ndef check():\n    logger.warn("tables are outdated")';
const importedAs = 'import logging as log\n\nlog.warn("disk almost full")';
const child = 'from engine import logger\n\nlogger = logger.getChild("engines")\nlogger.warn("bad name")';
const moduleOnly = 'import logging\n\nlogging.warn("disk almost full")';

ruleTester('logging-warn-deprecated', 'python', {
  valid: [],
  invalid: [
    { code: ownModule, errors: [{ ...at(ownModule, 'log.warn('), confidence: 'low' }] },
    { code: bareParam, errors: [{ ...at(bareParam, 'logger.warn('), confidence: 'low' }] },
    { code: paramUsedAsLogger, errors: [{ ...at(paramUsedAsLogger, 'logger.warn('), confidence: 'high' }] },
    { code: lazyArgs, errors: [{ ...at(lazyArgs, 'log.warn('), confidence: 'high' }] },
    { code: importedLogger, errors: [{ ...at(importedLogger, 'logger.warn('), confidence: 'high' }] },
    { code: importedAs, errors: [{ ...at(importedAs, 'log.warn('), confidence: 'high' }] },
    { code: child, errors: [{ ...at(child, 'logger.warn('), confidence: 'high' }] },
    { code: moduleOnly, errors: [{ ...at(moduleOnly, 'logging.warn('), confidence: 'high' }] },
  ],
});

// A `Logger` imported from any module but logging (a remote-display tool's `from xpra.log import Logger`, Twisted's)
// is that project's class with a `warn()` of its own, even when it takes logging-style arguments: low.
// `from logging import Logger` keeps the rule's level.
const ownLoggerClass = 'from viewer.log import Logger\n\nlog = Logger("clipboard")\n\ndef on_packet(kind):\n    log.warn("no handler for %s", kind)';
const stdlibLoggerClass = 'from logging import Logger, getLogger\n\nlog: Logger = getLogger("clipboard")\n\ndef on_packet(kind):\n    log.warn("no handler for %s", kind)';

ruleTester('logging-warn-deprecated', 'python', {
  valid: [],
  invalid: [
    { code: ownLoggerClass, errors: [{ ...at(ownLoggerClass, 'log.warn('), confidence: 'low' }] },
    { code: stdlibLoggerClass, errors: [{ ...at(stdlibLoggerClass, 'log.warn('), confidence: 'high' }] },
  ],
});

// A `Logger` class the file itself defines (fresh sample AT: a brute-forcing tool's workers send records through a
// queue with `class Logger:` and its own `warn()`, and rebind a global `logger = Logger(queue)`; the file also has a
// stdlib `getLogger()` for its printing process) is that class too: low. A subclass of logging's Logger inherits the
// deprecated alias and keeps the rule's level.
const classInFile = 'import logging\n\nclass Logger:\n    def __init__(self, queue):\n        self.queue = queue\n\n    def warn(self, msg):\n        self.queue.put(("warn", msg))\n\ndef printer():\n    logger = logging.getLogger("tool")\n    logger.info("ready")\n\ndef worker(queue):\n    global logger\n    logger = Logger(queue)\n    logger.warn("host unreachable")';
const stdlibSubclass = 'import logging\n\nclass Logger(logging.Logger):\n    pass\n\nlogger = logging.getLogger("tool")\nlogger.warn("host unreachable")';

ruleTester('logging-warn-deprecated', 'python', {
  valid: [],
  invalid: [
    { code: classInFile, errors: [{ ...at(classInFile, 'logger.warn('), confidence: 'low' }] },
    { code: stdlibSubclass, errors: [{ ...at(stdlibSubclass, 'logger.warn('), confidence: 'high' }] },
  ],
});

// Logging-style use (`warning()`, `log.debug("%d left", n)`) counts only for a receiver the file shows: imported by
// name, bound, or a parameter. One that comes from a star import (a printer driver's `from base.g import *`, whose
// `log` is its own Logger with `warning = warn`) is unknown: low. So is any file importing from a project module
// named `logging` (a directory service's `from tool.gp.util.logging import log`, a class with a static `warn()`).
const starImported = 'from base.g import *\n\ndef check(name):\n    log.warning("checking %s", name)\n    log.warn("%s is not a printer" % name)';
const projectLogging = 'from tool.gp.util.logging import log\n\ndef link(path):\n    log.warning("linking", {"path": path})\n    log.warn("failed to link", {"path": path})';

ruleTester('logging-warn-deprecated', 'python', {
  valid: [],
  invalid: [
    { code: starImported, errors: [{ ...at(starImported, 'log.warn('), confidence: 'low' }] },
    { code: projectLogging, errors: [{ ...at(projectLogging, 'log.warn('), confidence: 'low' }] },
  ],
});

// An attribute (`self.logger`, set up by a base class) counts as shown when the file uses it like a logger (a mail
// sync tool's terminal UI: `self.logger.addHandler(ch)`). `sys.hexversion < 0x030500F0` is no excuse here: logging's
// `warn` exists on every version, deprecated since 3.3, so the branch for old 3.x still calls the alias (a RPC
// library's ssl compatibility module).
const inheritedAttr = 'class TTYUI(UIBase):\n    def setup(self, ch):\n        self.logger.addHandler(ch)\n\n    def sleep(self):\n        self.logger.warn("timer interrupted")';
const hexBranch = 'import logging, sys\n\nlogger = logging.getLogger(__name__)\n\ndef legacy():\n    if sys.hexversion < 0x030500F0:\n        logger.warn("backport is too old")';

ruleTester('logging-warn-deprecated', 'python', {
  valid: [],
  invalid: [
    { code: inheritedAttr, errors: [{ ...at(inheritedAttr, 'self.logger.warn('), confidence: 'high' }] },
    { code: hexBranch, errors: [{ ...at(hexBranch, 'logger.warn('), confidence: 'high' }] },
  ],
});

// A receiver the file calls itself (`log("checking %s", uid)`, a remote-display server's auth modules importing the
// project's `log`) is neither a stdlib Logger nor the logging module, neither being callable: its logging-style use
// is no evidence, and the finding is low.
const calledLogger = 'from viewer.server.auth.base import Authenticator, log\n\ndef check(uid):\n    log("checking uid=%s", uid)\n    log.warn("unknown uid %i", uid)';

ruleTester('logging-warn-deprecated', 'python', {
  valid: [],
  invalid: [{ code: calledLogger, errors: [{ ...at(calledLogger, 'log.warn('), confidence: 'low' }] }],
});
