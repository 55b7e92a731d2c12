// What keeps the CLI's peak memory down besides the scan's own bounds: the heap grows by 50 %
// past what a full collection kept (server/src/io/heap.ts), and the bundle is ASCII, so V8 keeps its source
// one byte a character (esbuild.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBuilt } from './cli.test';

const REPO = resolve(__dirname, '../..');

// Half a million objects stay live while four million more are made and dropped, most of them after
// surviving long enough to reach the old generation: the garbage a scan makes between files.
const CHURN = `
  const live = []; for (let i = 0; i < 5e5; i++) live.push({ a: i, b: [i], c: { d: i } });
  const ring = new Array(2e5); let peak = 0;
  for (let i = 0; i < 4e6; i++) {
    ring[i % ring.length] = { a: i, b: [i, i], c: { d: i } };
    if ((i & 0xfff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  process.stdout.write(String(Math.round(peak / 1e6)) + ' ' + live.length + ' ' + ring.length);
`;

function peakHeapMb(setUp: string, execArgv: string[] = []): number {
  const r = spawnSync(process.execPath, [...execArgv, '--import', 'tsx', '-e', setUp + CHURN], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.split(' ')[0]);
}

describe('cli: memory', function () {
  this.timeout(120_000);
  const heap = JSON.stringify(join(REPO, 'server/src/io/heap.ts'));

  it('keeps the heap near what survives, where V8 alone let garbage grow it to 3x', () => {
    const limited = peakHeapMb(`if (!require(${heap}).limitHeapGrowth()) process.exit(3);`);
    assert.ok(limited <= 350, `peak heap ${limited} MB`);
  });

  it('leaves a growing factor given to node alone', () => {
    const r = spawnSync(process.execPath, ['--heap-growing-percent=80', '--import', 'tsx', '-e', `process.exit(require(${heap}).limitHeapGrowth() ? 1 : 0)`], { cwd: REPO });
    assert.equal(r.status, 0);
  });

  it('builds an ASCII bundle, so V8 keeps its source one byte a character', () => {
    ensureBuilt();
    for (const bundle of ['cli/out/vouch.js', 'cli/out/vouch-main.js', 'server/out/server-main.js']) {
      const text = readFileSync(join(REPO, bundle), 'latin1');
      const at = text.search(/[^\x00-\x7f]/);
      assert.equal(at, -1, `${bundle}: a non-ASCII byte at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}`);
    }
  });
});
