// Worker threads start under any Node options the process was given: V8 options (a debug launch's
// `--nolazy`, `--expose-gc`) may not be passed to a worker and made every worker fail to start.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { startWorker } from '../../server/src/io/worker-entry';

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
});
