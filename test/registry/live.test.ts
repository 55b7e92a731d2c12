// Opt-in (VOUCH_LIVE_REGISTRY=1): look-ups against the npm registry the developer's own npm
// configuration names. Skipped by default and in CI; nothing but package names is sent.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistryService } from '../../server/src/registry';

const live = process.env.VOUCH_LIVE_REGISTRY === '1';

(live ? describe : describe.skip)('registry: live npm registry (VOUCH_LIVE_REGISTRY=1)', function () {
  this.timeout(30_000);

  it('finds a well-known package and not a made-up one, via the configured registry', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'vouch-live-'));
    const lines: string[] = [];
    const s = createRegistryService({ settings: { registry: { enabled: true } }, cacheDir, workspaceRoot: process.cwd(), log: (m) => lines.push(m), client: { timeoutMs: 15_000 } });
    try {
      const known = await s.lookup('npm', 'left-pad');
      assert.equal(known?.exists, true, lines.join('\n'));
      assert.equal(known?.source, 'registry');
      assert.ok((known?.versions ?? 0) > 1);
      const made = await s.lookup('npm', `vouch-live-made-up-${Date.now()}`);
      assert.equal(made?.exists, false);
    } finally {
      s.dispose();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
