// vouch.review.sign through the real server: a review recorded from the editor carries the
// reviewer's SSH signature, which `vouch verify` checks; with signing on and no key, the review is
// refused with a message instead of being written unsigned.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { regionHash } from '../../server/src/core/region-hash';
import type { MarkReviewedResult } from '../../server/src/protocol';
import { parseLedger } from '../../server/src/review/ledger';
import { checkEntrySignatures } from '../../server/src/review/signed-entries';
import { LspClient } from './lsp-client';
import { tempWorkspace, uriIn } from './helpers';

describe('server over JSON-RPC: signed reviews (vouch.review.sign)', function () {
  this.timeout(60_000);
  let dir: string;
  const LINE = 'const retries = computeRetries(config);\n';
  const TEXT = `// config\n${LINE}`;
  const region = { id: 'r1', source: 'agent' as const, confidence: 'medium' as const, time: new Date().toISOString(), hash: regionHash(LINE), range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } } };

  before(function () {
    try {
      execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') this.skip();
    }
    dir = tempWorkspace();
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'reviewer', '-f', join(dir, 'id_ed25519')]);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  async function review(settings: Record<string, unknown>): Promise<{ result?: MarkReviewedResult; error?: string }> {
    // The person's own git config must not leak in: an isolated HOME and no system config.
    const home = join(dir, 'home');
    const client = await LspClient.start(dir, settings, { env: { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1' } });
    try {
      const uri = uriIn(dir, 'src/a.js');
      client.open(uri, 'javascript', TEXT);
      await client.diagnosticsFor(uri);
      client.connection.sendNotification('vouch/provenance', { uri, version: 1, regions: [region] });
      await client.until(() => (client.trustChanged.includes(uri) ? true : undefined), 'the regions to arrive');
      return { result: await client.connection.sendRequest('vouch/markReviewed', { uri, regionIds: 'all' }) };
    } catch (e) {
      return { error: (e as Error).message };
    } finally {
      await client.stop();
    }
  }

  it('signs the entry with the configured key; the signature verifies for the named reviewer', async () => {
    const r = await review({ review: { sign: true, signingKey: join(dir, 'id_ed25519') } });
    assert.equal(r.result?.reviewed, 1, r.error);
    const ledger = parseLedger(readFileSync(join(dir, '.vouch', 'reviews.jsonl'), 'utf8'));
    const [entry] = ledger.entries;
    assert.match(entry.sig ?? '', /BEGIN SSH SIGNATURE/);
    const principal = entry.reviewer.email ?? entry.reviewer.name;
    const allowed = join(dir, 'allowed_signers');
    writeFileSync(allowed, `${principal} ${readFileSync(join(dir, 'id_ed25519.pub'), 'utf8').trim()}\n`);
    assert.deepEqual(checkEntrySignatures(ledger.entries, allowed).map((c) => [c.signer, c.problem]), [[principal, undefined]]);
  });

  it('refuses to record an unsigned review when signing is on but no key is known', async () => {
    rmSync(join(dir, '.vouch'), { recursive: true, force: true });
    // An empty HOME and no repository: git has no user.signingkey to offer.
    const r = await review({ review: { sign: true, signingKey: '' } });
    assert.equal(r.result, undefined);
    assert.match(r.error ?? '', /no key is set/);
  });
});
