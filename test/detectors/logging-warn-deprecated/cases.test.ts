// logging-warn-deprecated: a data rule (rules/python-removed-apis.json) with its context filters.
// A logger reached through another object's attributes is an application's own logger class (not reported);
// so is, likely, a local name bound to such a chain first (supervisor's `logger = process.config.options.logger`):
// in a file with that binding the finding is low confidence.
import { at, ruleTester } from '../harness';

const aliased = 'def handle_result(self, result):\n    logger = process.config.options.logger\n    try:\n        run(result)\n    except RejectEvent:\n        logger.warn("%s: event was rejected" % name)';
const stdlib = 'import logging\n\nlogger = logging.getLogger(__name__)\n\ndef poll():\n    logger.warn("retrying")';
const rootAlias = 'import logging\n\nlog = logging.root\nlog.warn("disk almost full")';
const flaskAlias = 'from flask import current_app\n\ndef view():\n    log = flask.current_app.logger\n    log.warn("slow")';
// Twisted's `Logger` has a `warn()` level method of its own (buildbot's workers): low confidence in a file importing it.
const twisted = 'from twisted.logger import Logger\n\nlog = Logger()\n\ndef stop(self, code):\n    log.warn("could not stop {id}: {code}", id=self.id, code=code)';
const twistedParens = 'from twisted.logger import (\n    Logger,\n    globalLogPublisher,\n)\nlog = Logger()\nlog.warn("gone")';
// Twisted's old `log` module beside the stdlib logger: `logging.getLogger` is still a `logging.Logger`.
const twistedOther = 'import logging\nfrom twisted.python import log as tlog\n\nlog = logging.getLogger(__name__)\nlog.warn("missing plugin %s", name)';
const py2Branch = 'import logging, sys\nif sys.version_info.major < 3:\n    logging.warn("old")';
// A name bound to an instance of the application's own class (fresh sample RR: apt-offline's `log = AptOfflineLib.Log(...)`,
// whose `Log` defines `warn()`): low confidence; `logging.Logger(...)` and `getLogger(...)` stay high.
const ownClass = 'from apt_offline_core import AptOfflineLib\n\nlog = AptOfflineLib.Log(verbose, lock=True)\n\ndef fetch():\n    log.warn("failed\\n")';
const stdlibClass = 'import logging\n\nlog = logging.Logger("fetch")\nlog.warn("failed")';
const bareLogger = 'from logging import getLogger\n\nlog = getLogger(__name__)\nlog.warn("failed")';
// txaio's logger (autobahn: `self.log = txaio.make_logger()`) has `warn` as one of its own levels (fresh sample WW):
// low confidence in a file importing txaio. So is a file that imports a project module named `logging`
// (`from taskflow import logging`, whose adapter defines `warn()`); oslo.log's `import log as logging` stays high.
const txaio = 'import txaio\n\nclass Session:\n    def __init__(self):\n        self.log = txaio.make_logger()\n\n    def on_error(self, err):\n        self.log.warn("failed: {err}", err=err)';
const ownLogging = 'from flowlib import logging\n\nLOG = logging.getLogger(__name__)\n\ndef move(task):\n    LOG.warn("could not move %s", task)';
const osloLog = 'from oslo_log import log as logging\n\nLOG = logging.getLogger(__name__)\n\ndef load(ext):\n    LOG.warn("failed to load %s", ext)';
// Since sample AC the rule's level needs evidence that the receiver is a stdlib logger; a local copy of an attribute
// nobody shows to be one is low (it was high before the policy).
const selfAlias = 'class Registry:\n    def prune(self):\n        logger = self.logger\n        logger.warn("stale")';

ruleTester('logging-warn-deprecated', 'python', {
  valid: [
    'def f(ctx):\n    ctx.log.warn("could not read file")',
    '# logger.warn("old")\nlogger.warning("new")',
    py2Branch,
  ],
  invalid: [
    { code: aliased, errors: [{ ...at(aliased, 'logger.warn('), confidence: 'low' }] },
    { code: stdlib, errors: [{ ...at(stdlib, 'logger.warn('), confidence: 'high' }] },
    { code: rootAlias, errors: [{ ...at(rootAlias, 'log.warn('), confidence: 'high' }] },
    { code: flaskAlias, errors: [{ ...at(flaskAlias, 'log.warn('), confidence: 'high' }] },
    { code: twisted, errors: [{ ...at(twisted, 'log.warn('), confidence: 'low' }] },
    { code: twistedParens, errors: [{ ...at(twistedParens, 'log.warn('), confidence: 'low' }] },
    { code: twistedOther, errors: [{ ...at(twistedOther, 'log.warn('), confidence: 'high' }] },
    { code: selfAlias, errors: [{ ...at(selfAlias, 'logger.warn('), confidence: 'low' }] },
    { code: ownClass, errors: [{ ...at(ownClass, 'log.warn('), confidence: 'low' }] },
    { code: stdlibClass, errors: [{ ...at(stdlibClass, 'log.warn('), confidence: 'high' }] },
    { code: bareLogger, errors: [{ ...at(bareLogger, 'log.warn('), confidence: 'high' }] },
    { code: txaio, errors: [{ ...at(txaio, 'self.log.warn('), confidence: 'low' }] },
    { code: ownLogging, errors: [{ ...at(ownLogging, 'LOG.warn('), confidence: 'low' }] },
    { code: osloLog, errors: [{ ...at(osloLog, 'LOG.warn('), confidence: 'high' }] },
  ],
});
