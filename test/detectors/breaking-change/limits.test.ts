// breaking-change on limits in exported configuration: a timeout, size, TTL, retry count or maximum
// that went down. Valid cases are what a naive "a number changed" rule would flag: a limit raised, the
// same value written another way, minimums and intervals (smaller is not stricter), private constants.
import assert from 'node:assert/strict';
import { isLimitName } from '../../../server/src/change/limits';
import { MemoryBaseline } from '../../../server/src/vcs/memory-baseline';
import { at, ruleTester, type Case, type InvalidCase } from '../harness';

function change(c: Omit<Case, 'services'> & { before: string; path: string }): Case {
  return { ...c, services: { baseline: new MemoryBaseline({ [c.path]: c.before }) } };
}
function broken(c: Omit<Case, 'services'> & { before: string; path: string }, text: string, kind: string, severity: string): InvalidCase {
  return { ...change(c), errors: [{ ...at(c.code, text, kind), severity }] };
}

const CONFIG = (timeout: string, extra = '') => `export const config = {\n  http: { timeout: ${timeout}, retries: 3 },\n  minPasswordLength: 8,${extra}\n};\n`;
const USER = { 'src/client.ts': "import { config } from './config';\nexport const t = config.http.timeout;\n" };

ruleTester('breaking-change', 'typescript', {
  valid: [
    change({ name: 'a timeout raised', path: 'src/config.ts', before: CONFIG('5000'), files: USER, code: CONFIG('30000') }),
    change({ name: 'the same value written another way (30 * 1000)', path: 'src/config.ts', before: CONFIG('30000'), files: USER, code: CONFIG('30 * 1000') }),
    change({ name: 'a minimum and an interval lowered (smaller is not stricter)', path: 'src/config.ts', before: CONFIG('5000', '\n  pollIntervalMs: 1000,'), files: USER, code: CONFIG('5000', '\n  pollIntervalMs: 500,').replace('minPasswordLength: 8', 'minPasswordLength: 6') }),
    change({ name: 'a private constant lowered', path: 'src/config.ts', before: "const MAX_SIZE = 100;\nexport function ok(n: number) { return n < MAX_SIZE; }\n", code: "const MAX_SIZE = 10;\nexport function ok(n: number) { return n < MAX_SIZE; }\n" }),
    change({ name: 'a number that is not a limit (a port) changed', path: 'src/config.ts', before: "export const PORT = 8080;\n", code: "export const PORT = 3000;\n" }),
  ],
  invalid: [
    broken({ name: 'a nested timeout lowered: its importer is warned', path: 'src/config.ts', before: CONFIG('30000'), files: USER, code: CONFIG('1000') }, '1000', 'limit-tightened', 'warning'),
    broken({ name: 'an exported maximum lowered that nothing imports: hint', path: 'src/limits.ts', before: "export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;\n", code: "export const MAX_UPLOAD_BYTES = 1024 * 1024;\n" }, '1024 * 1024', 'limit-tightened', 'hint'),
  ],
});

ruleTester('breaking-change', 'python', {
  valid: [
    change({ name: 'a retry count raised; a delay lowered', path: 'app/settings.py', before: "MAX_RETRIES = 3\nRETRY_DELAY = 2\n", files: { 'app/jobs.py': "from app.settings import MAX_RETRIES\n" }, code: "MAX_RETRIES = 5\nRETRY_DELAY = 1\n" }),
  ],
  invalid: [
    broken({ name: 'a dict limit lowered, imported elsewhere', path: 'app/settings.py', before: "LIMITS = {'max_body_size': 10 * 1024 * 1024, 'timeout': 30}\n", files: { 'app/views.py': "from app.settings import LIMITS\n" }, code: "LIMITS = {'max_body_size': 1024, 'timeout': 30}\n" }, '1024', 'limit-tightened', 'warning'),
  ],
});

describe('change/limits: which names are limits', () => {
  it('knows the direction of a name by its words', () => {
    for (const yes of ['timeout', 'REQUEST_TIMEOUT_MS', 'maxRetries', 'max_upload_size', 'cacheTtl', 'pageSize', 'maxAge', 'concurrency']) assert.ok(isLimitName(yes), yes);
    for (const no of ['minPasswordLength', 'pollInterval', 'RETRY_DELAY', 'admin', 'port', 'threshold', 'rateLimitWindowMin', 'waitTimeout']) assert.ok(!isLimitName(no), no);
  });
});
