// Issue 9: how long a cold phantom-api type check holds the language server's thread, with the checker
// in-thread (TypeCheckService, as the CLI runs it) and on its worker (ThreadedTypeService, as the server
// runs it). Prints the check's wall time and the longest gap between 10 ms timer ticks on the calling
// thread while it ran. Runs the sources through tsx: node bench/type-thread.mjs [--runs 3] [--mode worker|in-thread]
// (one mode per process compares cold with cold: the first run of a process also loads TypeScript).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { longestGap } from './lib/gaps.mjs';

// CommonJS, as the bundles run them (the worker is found next to threaded.ts through __dirname).
const require = createRequire(import.meta.url);
require('tsx/cjs');
const { TypeCheckService } = require('../server/src/typecheck/service.ts');
const { ThreadedTypeService } = require('../server/src/typecheck/threaded.ts');

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '3' }, mode: { type: 'string' } } });
const TEXT = `const fs = require('fs');\nconst http = require('http');\nconst path = require('path');\n`
  + Array.from({ length: 60 }, (_, i) => `function f${i}(p) {\n  fs.readFileAsync(path.join(p, '${i}'));\n  return http.createServer().listen(${i});\n}\n`).join('');

async function measure(make) {
  const root = mkdtempSync(join(tmpdir(), 'vouch-thread-'));
  writeFileSync(join(root, 'package.json'), '{ "name": "app" }\n');
  const service = make(root);
  const { result: facts, wall, maxGap } = await longestGap(() => service.check({ path: 'src/cold.js', text: TEXT }));
  service.dispose();
  rmSync(root, { recursive: true, force: true });
  return { wall, maxGap, facts: facts?.length };
}

const modes = {
  'in-thread': (root) => new TypeCheckService(() => [root]),
  worker: (root) => new ThreadedTypeService({ roots: () => [root], log: (m) => console.error(m) }),
};
for (let run = 0; run < Number(opts.runs); run++) {
  for (const [name, make] of Object.entries(modes).filter(([n]) => !opts.mode || n === opts.mode)) {
    const r = await measure(make);
    console.log(`${name.padEnd(9)} cold check ${Math.round(r.wall)} ms (${r.facts} facts); longest main-thread gap between 10 ms ticks: ${Math.round(r.maxGap)} ms`);
  }
}
