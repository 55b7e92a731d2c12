// What keeps the CLI's peak memory down besides the scan's own bounds: the heap grows by 50 %
// past what a full collection kept and the young generation stays at its first size (server/src/io/heap.ts), and the bundle is ASCII, so V8 keeps its source
// one byte a character (esbuild.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBuilt } from './cli.test';
import { usesWorkers } from '../../cli/src/heap-flags';

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

  const NEW_SPACE = `;process.stdout.write(' ' + Math.round(require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1e6))`;
  function newSpaceMb(setUp: string, execArgv: string[] = []): number {
    const r = spawnSync(process.execPath, [...execArgv, '--import', 'tsx', '-e', setUp + CHURN + NEW_SPACE], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    return Number(r.stdout.split(' ').at(-1));
  }

  it('keeps the young generation at the size V8 starts it with, where V8 alone grew it to 33 MB', () => {
    assert.ok(newSpaceMb('') >= 16, 'the churn grows V8\'s own young generation');
    const limited = newSpaceMb(`if (!require(${heap}).limitYoungGeneration()) process.exit(3);`);
    assert.ok(limited <= 4, `new space ${limited} MB`);
  });

  it('leaves a young generation size given to node alone', () => {
    for (const flag of ['--semi-space-growth-factor=2', '--max-semi-space-size=8']) {
      const r = spawnSync(process.execPath, [flag, '--import', 'tsx', '-e', `process.exit(require(${heap}).limitYoungGeneration() ? 1 : 0)`], { cwd: REPO });
      assert.equal(r.status, 0, flag);
    }
  });

  it('keeps it only for a scan on its own thread: worker threads need the room (--jobs above 1 or auto)', () => {
    for (const argv of [['scan', '.'], ['scan', '--jobs', '1'], ['scan', '--jobs=1'], ['scan', '--', '--jobs', '4']]) assert.equal(usesWorkers(argv), false, argv.join(' '));
    for (const argv of [['scan', '--jobs', '2'], ['scan', '--jobs=auto'], ['scan', '.', '--jobs', 'auto', '--quiet']]) assert.equal(usesWorkers(argv), true, argv.join(' '));
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
