// Issue 9: how long summarising an imported workspace file (cross-file flows, the slow tier) holds the
// language server's thread, summarised in-thread (as scans do) and on the summaries' worker (as the
// server does). A route file calls helpers of a big imported file with request input; prints the slow
// tier's wall time, the cross-file findings and the longest gap between 10 ms timer ticks on the calling
// thread while it ran. Runs the sources through tsx: node bench/summary-thread.mjs [--runs 3] [--helpers 600]
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { longestGap } from './lib/gaps.mjs';

const require = createRequire(import.meta.url);
require('tsx/cjs');
const { createEngine } = require('../server/src/scan/create-engine.ts');
const { ProjectIndex } = require('../server/src/project/workspace-index.ts');
const { ThreadedSummaries } = require('../server/src/project/threaded-summaries.ts');
const { SUMMARIES } = require('../server/src/analysis/cross-file.ts');

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '3' }, helpers: { type: 'string', default: '600' } } });
const n = Number(opts.helpers);

/** `n` exported helpers, each building SQL from its parameters on some paths; a new text per run (no memo hit). */
function helperFile(run) {
  const out = [`const db = require('./pool'); // run ${run}`];
  for (let i = 0; i < n; i++) {
    out.push(`export function q${i}(a, b) {`, `  const where = a ? "name = '" + a + "'" : 'id = ' + b;`, `  if (b > ${i}) return db.query('SELECT * FROM t${i} WHERE ' + where);`, `  return [a, b, where].join('${i}');`, '}');
  }
  return out.join('\n');
}
const ROUTE = "import express from 'express';\nimport { q1, q2, q3 } from '../db/helpers';\nconst app = express();\n"
  + "app.get('/u', async (req, res) => {\n  res.json([q1(req.query.a, 2), q2(req.query.b, 3), q3('x', req.query.c)]);\n});\n";

const { engine } = await createEngine();
const summaries = new ThreadedSummaries((m) => console.error(m));
for (let run = 0; run < Number(opts.runs); run++) {
  for (const mode of ['in-thread', 'worker']) {
    const files = { 'routes/users.js': ROUTE, 'db/helpers.js': helperFile(`${run}-${mode}`) };
    const project = { readFile: (rel) => files[rel], exists: (rel) => rel in files, list: () => undefined };
    const services = { workspace: new ProjectIndex(project), ...(mode === 'worker' ? { [SUMMARIES]: summaries } : {}) };
    const { result, wall, maxGap } = await longestGap(() => engine.analyzeTiers({ text: ROUTE, languageId: 'javascript', path: 'routes/users.js' }, services));
    const cross = result.findings.filter((f) => f.ruleId === 'sql-injection').length;
    console.log(`${mode.padEnd(9)} both tiers with a ${n}-helper import: ${Math.round(wall)} ms, ${cross} SQL findings through it; longest main-thread gap between 10 ms ticks: ${Math.round(maxGap)} ms`);
  }
}
summaries.dispose();
