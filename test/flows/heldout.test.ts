// Recall and precision of the missing-input-validation rules on a held-out suite written by someone
// who did not write the rules (test/flows/heldout/README.md): realistic handlers in Express, Fastify,
// Koa, Hono, NestJS, Next.js, Node http, the browser, React, Flask, FastAPI, Django/DRF, scripts and
// templates, every sink line marked `expect:` or `ok:`. The table is printed; the bars are asserted.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { testEngine } from '../engine';
import { score, table } from './score';

describe('held-out suite: missing-input-validation across frameworks', () => {
  it('recall ≥ 0.9 and precision ≥ 0.98 overall; precision ≥ 0.9 for every rule', async function () {
    this.timeout(60_000);
    const { rules, misses } = await score(await testEngine(), join(__dirname, 'heldout'));
    const all = [...rules.values()].reduce((a, s) => ({ tp: a.tp + s.tp, fn: a.fn + s.fn, fp: a.fp + s.fp }), { tp: 0, fn: 0, fp: 0 });
    if (process.env.VOUCH_SCORE) console.log(`${table(rules)}\n${misses.join('\n')}`);
    assert.ok(all.tp / (all.tp + all.fn) >= 0.9, `recall ${all.tp}/${all.tp + all.fn}\n${misses.join('\n')}`);
    assert.ok(all.tp / (all.tp + all.fp) >= 0.98, `precision ${all.tp}/${all.tp + all.fp}\n${misses.join('\n')}`);
    const noisy = [...rules].filter(([, s]) => s.tp + s.fp > 0 && s.precision < 0.9).map(([id, s]) => `${id} ${s.precision.toFixed(2)}`);
    assert.deepEqual(noisy, []);
  });
});
