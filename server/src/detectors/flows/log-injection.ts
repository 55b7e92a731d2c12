// Flags request strings interpolated into log lines (`logger.info('login ' + req.body.user)`,
// `logging.info("user %s", name)`): newlines forge entries and control characters corrupt log
// viewers. Structured fields (`logger.info({ user })`) or stripping CR/LF is the fix (CWE-117).
import { flowRule } from '../shared/flow-rule';

const WHOLE = new Set(['body', 'query', 'params', 'headers', 'cookies', 'files', 'json', 'form', 'args', 'GET', 'POST', 'data']);

export const logInjection = flowRule({
  id: 'log-injection',
  meta: { title: 'Untrusted input written into a log line', family: 'missing-input-validation', severity: 'warning', confidence: 'medium', cwe: ['CWE-117'] },
  kinds: ['log'],
  keywords: ['log', 'info', 'warn', 'error', 'debug'],
  labels: ['request'],
  impact: 'can forge log entries with line breaks (log injection)',
  accept(f, ctx) {
    if (WHOLE.has(f.origin.detail ?? '')) return false;
    // Python's logging formats every argument into the line; JavaScript loggers do only for built strings.
    return f.origin.stringified === true || ctx.languageId === 'python';
  },
});
