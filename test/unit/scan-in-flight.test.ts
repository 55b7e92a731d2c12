// The scan's bound on the characters analysed at once: files whose slow tiers overlap hold their
// parse and analysis meanwhile, so large files must not all wait together.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../server/src/core/engine';
import type { Services } from '../../server/src/core/types';
import type { AnalyzeResult } from '../../server/src/core/session';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { InFlight, MAX_IN_FLIGHT_CHARS } from '../../server/src/scan/in-flight';
import { scanFilesAsync } from '../../server/src/scan/scan';

const tick = () => new Promise((go) => setImmediate(go));

describe('scan: characters in flight', () => {
  it('admits files while their characters fit, then the next as one leaves', async () => {
    const gate = new InFlight(100);
    const order: string[] = [];
    const leaveA = await gate.enter(60);
    const b = gate.enter(30).then((leave) => (order.push('b'), leave));
    const c = gate.enter(30).then((leave) => (order.push('c'), leave));
    await tick();
    assert.deepEqual(order, ['b']);
    assert.deepEqual(gate.inFlight, { files: 2, chars: 90 });
    leaveA();
    leaveA(); // leaving twice counts once
    await tick();
    assert.deepEqual(order, ['b', 'c']);
    assert.deepEqual(gate.inFlight, { files: 2, chars: 60 });
    (await b)();
    (await c)();
    assert.deepEqual(gate.inFlight, { files: 0, chars: 0 });
  });

  it('lets a file larger than the budget in alone, and keeps walk order behind it', async () => {
    const gate = new InFlight(100);
    const order: string[] = [];
    const leaveSmall = await gate.enter(10);
    const big = gate.enter(500).then((leave) => (order.push('big'), leave));
    const small = gate.enter(1).then((leave) => (order.push('small'), leave));
    await tick();
    assert.deepEqual(order, []);
    leaveSmall();
    await tick();
    assert.deepEqual(order, ['big']);
    (await big)();
    await tick();
    assert.deepEqual(order, ['big', 'small']);
    (await small)();
  });

  it('bounds what a scan analyses at once while slow tiers overlap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-in-flight-'));
    try {
      const size = Math.ceil(MAX_IN_FLIGHT_CHARS / 3);
      for (let i = 0; i < 8; i++) writeFileSync(join(dir, `f${i}.js`), `// ${'x'.repeat(size)}\n`);
      let chars = 0;
      let most = 0;
      const engine = {
        async analyzeTiers(input: { text: string }): Promise<AnalyzeResult> {
          chars += input.text.length;
          most = Math.max(most, chars);
          await new Promise((go) => setTimeout(go, 5)); // a registry look-up
          chars -= input.text.length;
          return { findings: [], notices: [], timings: {} };
        },
      } as unknown as Engine;
      const result = await scanFilesAsync({ root: dir, settings: DEFAULT_SETTINGS, engine, services: {} as Services, concurrency: 8 });
      assert.equal(result.fileCount, 8);
      assert.ok(most > size, 'files still overlap');
      assert.ok(most <= MAX_IN_FLIGHT_CHARS, `${most} characters analysed at once`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
