// Fuzz (issue 7, "Keep it that way") over real JSON-RPC: hostile documents opened and edited in the
// running server, and the server started on hostile workspace layouts (special files, deep policy,
// absurd provenance ranges, forged ledger lines). The server is its own process under a heap cap; every
// wait has a deadline, so a hang fails the test. Asserted: no crash, no detector error, diagnostics for
// every version, and the server keeps answering.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { FILE_NAMES, hostileText, language, runs, SEED } from '../fuzz/arbitraries';
import { check } from '../fuzz/engine-property';
import { layout, materialize } from '../fuzz/layouts';
import { LspClient } from './lsp-client';
import { AWS_KEY, tempWorkspace, uriIn } from './helpers';

const HEAP = { NODE_OPTIONS: '--max-old-space-size=512' };
/** Log lines and notices that mean something threw instead of being handled. */
const BROKE = /Detector \S+ failed on|could not analyse this file|Analysis of .* failed|policy for .* failed|Uncaught|Unhandled rejection/i;

function assertHealthy(client: LspClient): void {
  assert.equal(client.exited, null, 'server still running');
  assert.deepEqual(client.logs.filter((l) => BROKE.test(l.message)).map((l) => l.message.slice(0, 500)), []);
  const notices = [...client.statuses.values()].flatMap((s) => s.notices).filter((n) => BROKE.test(n));
  assert.deepEqual(notices, []);
}

/** Proves the server still answers: a fresh document gets its diagnostics (its finding, unless a policy hides it). */
async function assertResponsive(client: LspClient, root: string, name: string, policy = false): Promise<void> {
  const uri = uriIn(root, `${name}.js`);
  client.open(uri, 'javascript', `const id = "${AWS_KEY}";\n`);
  const d = await client.diagnosticsFor(uri, 1, 20_000);
  if (!policy) assert.ok(d.some((x) => x.code === 'aws-access-key-id'), `${name}: ${JSON.stringify(d)}`);
  client.close(uri);
}

describe('fuzz: hostile documents and workspaces over JSON-RPC', function () {
  this.timeout(120_000);

  it('hostile text opened and edited: diagnostics for every version, no detector error, no crash', async () => {
    const dir = tempWorkspace();
    const client = await LspClient.start(dir, { detectorBudgetMs: 100 }, { env: HEAP });
    let n = 0;
    try {
      await check(fc.asyncProperty(hostileText, hostileText, language, async (first, second, lang) => {
        const uri = uriIn(dir, `src/f${n++}-${FILE_NAMES[lang]}`);
        client.open(uri, lang, first);
        await client.diagnosticsFor(uri, 1, 20_000);
        const v = client.change(uri, second);
        await client.diagnosticsFor(uri, v, 20_000);
        client.close(uri);
        assertHealthy(client);
      }), SEED + 4, runs(25));
      await assertResponsive(client, dir, 'after-text');
      assertHealthy(client);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hostile workspace layouts: diagnostics, vouch/fileTrust and vouch/scanWorkspace answer, no crash', async function () {
    if (process.platform === 'win32') this.skip();
    const base = mkdtempSync(join(tmpdir(), 'vouch-fuzz-srv-'));
    let n = 0;
    try {
      await check(fc.asyncProperty(layout, async (l) => {
        const root = join(base, `ws${n}`);
        materialize(root, join(base, `outside${n++}`), l);
        const client = await LspClient.start(root, {}, { env: HEAP });
        try {
          // A file the provenance generator names, so absurd ranges meet a real document.
          const uri = pathToFileURL(join(root, 'src', 'a.js')).href;
          client.open(uri, 'javascript', `const id = "${AWS_KEY}";\n`);
          await client.diagnosticsFor(uri, 1, 20_000);
          await client.connection.sendRequest('vouch/fileTrust', { uri });
          const { scanId } = await client.connection.sendRequest<{ scanId: number }>('vouch/scanWorkspace', {});
          await client.connection.sendRequest('vouch/renderReport', { scanId, format: 'json' });
          client.close(uri);
          await assertResponsive(client, root, 'after-layout', l.config !== undefined || l.specials.some((s) => s.name === '.vouch.json'));
          assertHealthy(client);
        } finally {
          await client.stop();
        }
      }), SEED + 5, runs(5));
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
