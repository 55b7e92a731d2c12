// The test-only fault detectors (VOUCH_TEST_FAULTS=1) must never reach a normal engine.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeSettings } from '../../server/src/core/config';
import { createEngine, testFaultDetectors } from '../../server/src/scan/create-engine';
import { BATCH_BUDGET_FACTOR, scanFiles } from '../../server/src/scan/scan';

describe('create-engine: test fault detectors', () => {
  const saved = process.env.VOUCH_TEST_FAULTS;
  afterEach(() => {
    if (saved === undefined) delete process.env.VOUCH_TEST_FAULTS;
    else process.env.VOUCH_TEST_FAULTS = saved;
  });
  const faultIds = testFaultDetectors().map((d) => d.id);

  it('are not loaded without the environment variable', async () => {
    for (const value of [undefined, '', '0', 'true']) {
      if (value === undefined) delete process.env.VOUCH_TEST_FAULTS;
      else process.env.VOUCH_TEST_FAULTS = value;
      const { engine, warnings } = await createEngine();
      assert.deepEqual(engine.rules().filter((r) => r.id.startsWith('test-fault')), [], `VOUCH_TEST_FAULTS=${value}`);
      assert.ok(!warnings.some((w) => w.includes('VOUCH_TEST_FAULTS')));
    }
  });

  it('are loaded, with a warning, when VOUCH_TEST_FAULTS=1', async () => {
    process.env.VOUCH_TEST_FAULTS = '1';
    const { engine, warnings } = await createEngine();
    assert.deepEqual(faultIds.filter((id) => !engine.rule(id)), []);
    assert.ok(warnings.some((w) => w.includes('VOUCH_TEST_FAULTS')));
  });

  it('misbehave only on their trigger words', async () => {
    const { engine } = await createEngine({ testFaults: true });
    const kinds = (text: string) => engine.analyze({ text, languageId: 'javascript', path: 'a.js' }, { budgetMs: 20 }).notices.map((n) => `${n.kind}:${n.ruleId}`);
    assert.deepEqual(kinds('const a = 1;'), []);
    assert.deepEqual(kinds('// __vouch_throw__'), ['detector-error:test-fault-throws']);
    assert.deepEqual(kinds('// __vouch_slow__'), ['detector-timeout:test-fault-slow']);
  });

  it('a scan gives each detector a few times the editor\'s budget (a loaded machine must not change a report)', async () => {
    const { engine } = await createEngine({ testFaults: true });
    const dir = mkdtempSync(join(tmpdir(), 'vouch-budget-'));
    try {
      writeFileSync(join(dir, 'a.js'), '// __vouch_slow__\n');
      const scan = scanFiles({ root: dir, settings: mergeSettings({ detectorBudgetMs: 20, registry: { enabled: false } }), engine });
      const timeouts = scan.files.flatMap((f) => f.notices).filter((n) => n.kind === 'detector-timeout').map((n) => n.message);
      assert.equal(BATCH_BUDGET_FACTOR, 4);
      assert.deepEqual(timeouts.map((m) => /its (\d+) ms budget/.exec(m)?.[1]), ['80']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
