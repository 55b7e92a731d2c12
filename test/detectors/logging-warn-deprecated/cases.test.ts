// logging-warn-deprecated: a data rule (rules/python-removed-apis.json) with its context filters.
// A logger reached through another object's attributes is an application's own logger class (not reported);
// so is, likely, a local name bound to such a chain first (supervisor's `logger = process.config.options.logger`):
// in a file with that binding the finding is low confidence.
import { at, ruleTester } from '../harness';

const aliased = 'def handle_result(self, result):\n    logger = process.config.options.logger\n    try:\n        run(result)\n    except RejectEvent:\n        logger.warn("%s: event was rejected" % name)';
const stdlib = 'import logging\n\nlogger = logging.getLogger(__name__)\n\ndef poll():\n    logger.warn("retrying")';
const rootAlias = 'import logging\n\nlog = logging.root\nlog.warn("disk almost full")';
const flaskAlias = 'from flask import current_app\n\ndef view():\n    log = flask.current_app.logger\n    log.warn("slow")';
const selfAlias = 'class Registry:\n    def prune(self):\n        logger = self.logger\n        logger.warn("stale")';

ruleTester('logging-warn-deprecated', 'python', {
  valid: [
    'def f(ctx):\n    ctx.log.warn("could not read file")',
    '# logger.warn("old")\nlogger.warning("new")',
  ],
  invalid: [
    { code: aliased, errors: [{ ...at(aliased, 'logger.warn('), confidence: 'low' }] },
    { code: stdlib, errors: [{ ...at(stdlib, 'logger.warn('), confidence: 'high' }] },
    { code: rootAlias, errors: [{ ...at(rootAlias, 'log.warn('), confidence: 'high' }] },
    { code: flaskAlias, errors: [{ ...at(flaskAlias, 'log.warn('), confidence: 'high' }] },
    { code: selfAlias, errors: [{ ...at(selfAlias, 'logger.warn('), confidence: 'high' }] },
  ],
});
