// A service thread collects its garbage once idle (io/idle-collect.ts), with the `gc()` the server's
// launcher gives every thread (io/heap.ts exposeCollectorToThreads).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { IdleCollector } from '../../server/src/io/idle-collect';

const REPO = `${__dirname}/../..`;

describe('io/idle-collect: IdleCollector', () => {
  it('collects twice, each after the idle delay, once the last request ends', async () => {
    const at: number[] = [];
    const t0 = Date.now();
    const idle = new IdleCollector(() => at.push(Date.now() - t0), 40);
    idle.start();
    idle.start();
    idle.end();
    await sleep(80);
    assert.deepEqual(at, [], 'one request still in flight');
    idle.end();
    await sleep(400);
    assert.equal(at.length, 2);
    assert.ok(at[0] >= 80 + 35 && at[1] - at[0] >= 35, at.join(' '));
  });

  it('a request that starts before the delay is over puts the collection off', async () => {
    let n = 0;
    const idle = new IdleCollector(() => n++, 60);
    idle.start();
    idle.end();
    await sleep(30);
    idle.start();
    await sleep(100);
    assert.equal(n, 0, 'busy again');
    idle.end();
    await sleep(400);
    assert.equal(n, 2);
  });

  it('a collection between two rounds waits for the request in flight', async () => {
    let n = 0;
    const idle = new IdleCollector(() => n++, 30);
    idle.start();
    idle.end();
    await sleep(45);
    assert.equal(n, 1);
    idle.start();
    await sleep(0);
    await sleep(60);
    assert.equal(n, 1, 'no second round while busy');
  });

  it('does nothing without a collector (a thread of a process that did not expose one)', async () => {
    const idle = new IdleCollector(undefined, 10);
    idle.end();
    idle.start();
    idle.end();
    await sleep(30);
  });
});

describe('io/heap: exposeCollectorToThreads', () => {
  it('gives threads started afterwards a gc() of their own, and the main thread none', () => {
    const script = `
      const { Worker } = require('node:worker_threads');
      const say = (k) => new Promise((r) => new Worker("require('node:worker_threads').parentPort.postMessage(typeof gc)", { eval: true }).once('message', r)).then((t) => k + ':' + t);
      (async () => {
        const before = await say('before');
        require('./server/src/io/heap').exposeCollectorToThreads();
        console.log([before, await say('after'), 'main:' + typeof gc].join(' '));
      })();`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.stdout.trim(), 'before:undefined after:function main:undefined', r.stderr);
  });
});
