// Fuzz (issue 7, "Keep it that way"): hostile text and bytes through both engine tiers. The property
// runs in a child process (test/fuzz/engine-property.ts) with a kill timer and a heap cap, so a hang or
// a runaway allocation fails this test instead of hanging or exhausting the suite. Fixed seed, bounded
// runs; VOUCH_FUZZ_SEED and VOUCH_FUZZ_SCALE explore further locally.
import assert from 'node:assert/strict';
import { runs } from '../fuzz/arbitraries';
import { inChild } from './safe-read.test';

describe('fuzz: hostile text through the engine', function () {
  this.timeout(90_000);

  it('never throws, never overruns its budget silently, and says why it skipped (both tiers)', () => {
    const verdict = inChild(`
      const { fuzzEngine } = load('test/fuzz/engine-property.ts');
      return await fuzzEngine({ textRuns: ${runs(600)}, byteRuns: ${runs(200)}, budgetMs: 100 });
    `, 75_000) as { ok: boolean; message?: string; cases: number };
    assert.ok(verdict.ok, verdict.message);
    assert.ok(verdict.cases > 0);
  });
});
