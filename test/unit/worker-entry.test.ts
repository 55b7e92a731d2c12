// Worker threads start under any Node options the process was given: V8 options (a debug launch's
// `--nolazy`, `--expose-gc`) may not be passed to a worker and made every worker fail to start.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { startWorker, WORKER_YOUNG_GENERATION_MB } from '../../server/src/io/worker-entry';

const SAY = { filename: "require('node:worker_threads').parentPort.postMessage(process.execArgv)", eval: true };

async function argvOf(parentArgv: string[]): Promise<string[]> {
  const w = startWorker(SAY, {}, parentArgv);
  const [argv] = (await once(w, 'message')) as [string[]];
  await w.terminate();
  return argv;
}

describe('io/worker-entry: startWorker', () => {
  it("passes the process's Node options on, less the inspector's", async () => {
    assert.deepEqual(await argvOf(['--no-warnings', '--inspect=6011', '--debug-port=1']), ['--no-warnings']);
  });

  it('starts with no options when the worker may not be given them (V8 options)', async () => {
    for (const argv of [['--nolazy', '--inspect=6011'], ['--expose-gc'], ['--no-warnings', '--max-semi-space-size=8']]) {
      assert.deepEqual(await argvOf(argv), [], argv.join(' '));
    }
  });

  // The young generation's size is what V8 reports for a thread that allocated enough to grow it to the most.
  const NEW_SPACE = `const v8 = require('node:v8'); let keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ i }); if (keep.length > 2e5) keep = []; }
    require('node:worker_threads').parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20)`;

  async function newSpaceOf(options: Parameters<typeof startWorker>[1], parentArgv: string[] = []): Promise<number> {
    const w = startWorker({ filename: NEW_SPACE, eval: true }, options, parentArgv);
    const [mb] = (await once(w, 'message')) as [number];
    await w.terminate();
    return mb;
  }

  it('bounds the young generation of every worker, with or without the Node options', async () => {
    // V8's default grows a thread's new space to 32 MB and more.
    for (const argv of [[], ['--expose-gc']]) {
      const mb = await newSpaceOf({}, argv);
      assert.ok(mb > 0 && mb <= WORKER_YOUNG_GENERATION_MB + 1, `${mb} MB with ${argv.join(' ') || 'no options'}`);
    }
    assert.ok(await newSpaceOf({ resourceLimits: { maxYoungGenerationSizeMb: 64 } }) > WORKER_YOUNG_GENERATION_MB + 1, 'a caller may ask for more');
  });

  it("tells a worker the heap flags the process's launcher set, which name the code cache it reads", () => {
    const heap = JSON.stringify(require.resolve('../../server/src/io/heap.ts'));
    const entry = JSON.stringify(require.resolve('../../server/src/io/worker-entry.ts'));
    const tsx = JSON.stringify(require.resolve('tsx/cjs'));
    const say = `require(${tsx}); require('node:worker_threads').parentPort.postMessage(require(${heap}).appliedHeapFlags())`;
    const script = `
      const heap = require(${heap}); heap.limitHeapGrowth(); heap.limitYoungGeneration([]);
      const w = require(${entry}).startWorker({ filename: ${JSON.stringify(say)}, eval: true }, { workerData: { role: 'x' } });
      w.once('message', (m) => { console.log(JSON.stringify([heap.appliedHeapFlags(), m])); w.terminate(); });`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    const [main, worker] = JSON.parse(r.stdout || 'null') ?? [];
    assert.deepEqual(main, ['--heap-growing-percent=50', '--semi-space-growth-factor=1'], r.stderr);
    assert.deepEqual(worker, main);
  });
});
