// Issue 9: how long parsing a busy package's registry answer holds the calling thread, parsed in-thread
// (as the CLI does) and on the registry answers' worker (as the server does). A synthetic npm abbreviated
// packument the size of next's (21 MB; typescript's is 10 MB): prints the parse's wall ms and the longest
// gap between 10 ms timer ticks. node bench/registry-thread.mjs [--runs 3] [--mb 21]
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { longestGap } from './lib/gaps.mjs';

const require = createRequire(import.meta.url);
require('tsx/cjs');
const { ThreadedDocs } = require('../server/src/registry/doc-thread.ts');
const { summarise } = require('../server/src/registry/packument.ts');

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '3' }, mb: { type: 'string', default: '21' } } });
const versions = {};
const n = Math.round((Number(opts.mb) * 1e6) / 520);
for (let i = 0; i < n; i++) versions[`1.0.${i}`] = { name: 'busy', version: `1.0.${i}`, dist: { tarball: `x/${'t'.repeat(450)}` } };
const text = JSON.stringify({ name: 'busy', modified: '2019-05-01T00:00:00.000Z', 'dist-tags': { latest: `1.0.${n - 1}` }, versions });
const docs = new ThreadedDocs((m) => console.error(m));
await docs.summarise('npm', Buffer.from('{"versions":{}}'));
for (let run = 0; run < Number(opts.runs); run++) {
  // The client holds the answer's bytes as read from the network; the worker's copy moves, so one each.
  const [mine, theirs] = [Buffer.from(text), Buffer.from(text)];
  const inThread = await longestGap(async () => summarise('npm', JSON.parse(mine.toString('utf8'))));
  const worker = await longestGap(() => docs.summarise('npm', theirs));
  for (const [mode, r] of [['in-thread', inThread], ['worker', worker]]) {
    console.log(`${mode.padEnd(9)} ${(text.length / 1e6).toFixed(1)} MB answer: ${Math.round(r.wall)} ms; longest main-thread gap between 10 ms ticks: ${Math.round(r.maxGap)} ms`);
  }
}
docs.dispose();
