// One policy for findings in test files (core/test-files.ts), applied by the engine to every rule.
import assert from 'node:assert/strict';
import { Engine } from '../../server/src/core/engine';
import { cappedSeverity, testFilePolicy } from '../../server/src/core/test-files';
import type { Detector, DetectorMeta, Finding } from '../../server/src/core/types';
import { testEngine } from '../engine';

const needle = (meta: DetectorMeta, confidence?: 'low'): Detector => ({
  id: 'needle-rule', meta, languages: '*',
  run(ctx) {
    const i = ctx.text.indexOf('needle');
    if (i >= 0) ctx.report({ start: i, end: i + 6, message: 'needle', confidence });
  },
});
const one = (e: Engine, path: string): Finding | undefined => e.analyze({ text: 'a needle', languageId: 'javascript', path }).findings[0];

describe('core/test-files', () => {
  it('lowers security findings in test files to low confidence and info, whatever the detector said', () => {
    const e = new Engine([needle({ title: 'N', family: 'insecure-default', severity: 'error', confidence: 'high' })]);
    for (const p of ['src/a.js', 'flask/testing.py', 'app/latest.py', 'app/contests.py', 'environ/env.txt', 'app/test_env.js', 'docs/test_env.md', 'lib/latest.js', 'src/contest.ts']) assert.deepEqual([one(e, p)?.severity, one(e, p)?.confidence], ['error', 'high'], p);
    for (const p of ['test/a.js', 'src/a.test.ts', 'tests/test_a.py', 'src/__tests__/a.js', 'spec/a-spec.js', 'accounts/tests.py', 'app/test.py', 'lib/test.js', 'src/tests.ts', 'environ/test_env.txt', 'pkg/test_settings.ini']) {
      assert.deepEqual([one(e, p)?.severity, one(e, p)?.confidence], ['info', 'low'], p);
    }
  });

  it('keeps findings that break or leak from a test as well (made-up packages, removed APIs, provider tokens)', () => {
    for (const family of ['hallucinated-dependency', 'phantom-api', 'hardcoded-secret'] as const) {
      const e = new Engine([needle({ title: 'N', family, severity: 'error', confidence: 'high' })]);
      assert.deepEqual([one(e, 'test/a.js')?.severity, one(e, 'test/a.js')?.confidence], ['error', 'high'], family);
    }
  });

  it('lets a rule say `skip` or `keep` in its metadata', () => {
    const skip = new Engine([needle({ title: 'N', family: 'insecure-default', severity: 'warning', confidence: 'high', testFiles: 'skip' })]);
    assert.equal(one(skip, 'test/a.js'), undefined);
    assert.equal(one(skip, 'src/a.js')?.severity, 'warning');
    assert.equal(testFilePolicy({ family: 'insecure-default', testFiles: 'keep' }), 'keep');
  });

  it('never leaves a low-confidence finding at warning or error, in any file; an explicit override is capped too', () => {
    const e = new Engine([needle({ title: 'N', family: 'wrong-logic', severity: 'error', confidence: 'high' }, 'low')]);
    assert.deepEqual([one(e, 'src/a.js')?.severity, one(e, 'src/a.js')?.confidence], ['info', 'low']);
    const f = e.analyze({ text: 'a needle', languageId: 'javascript', path: 'src/a.js' }, { rules: { 'needle-rule': 'error' } }).findings[0];
    assert.equal(f.severity, 'info');
    assert.equal(cappedSeverity('hint', 'low'), 'hint');
    assert.equal(cappedSeverity('error', 'medium'), 'error');
  });

  it('applies to real rules: an error detail sent to the client from a test server is info, a TLS opt-out too', async () => {
    const engine = await testEngine();
    const code = "app.get('/x', async (req, res) => {\n  try { await run(); } catch (err) {\n    res.status(500).json({ stack: err.stack });\n  }\n});\nhttps.request({ host: 'api.acme.io', rejectUnauthorized: false });\n";
    const at = (path: string) => engine.analyze({ text: code, languageId: 'javascript', path }).findings
      .filter((f) => ['error-details-in-response', 'tls-verification-disabled'].includes(f.ruleId)).map((f) => `${f.ruleId}:${f.severity}:${f.confidence}`).sort();
    assert.deepEqual(at('test/server.test.js'), ['error-details-in-response:info:low', 'tls-verification-disabled:info:low']);
    assert.ok(at('src/server.js').every((s) => !s.endsWith(':low')), at('src/server.js').join());
  });
});
