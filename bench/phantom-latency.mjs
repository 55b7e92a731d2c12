// The phantom-api tier's cost per edit: bundles the type service and the four phantom-api detectors
// with esbuild, then runs them IN-PROCESS through Engine.analyzeAsync (no LSP, no debounce) on a
// generated ~1,000-line JS file (and its TS twin) importing Node built-ins and packages from this
// repo's node_modules. Prints cold and warm wall/CPU ms (p50, p95, max) and RSS after the edits.
// Usage: node bench/phantom-latency.mjs [--edits 50]
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
const WORK = join(REPO, 'bench', '.work', 'phantom');
const { values: opts } = parseArgs({ options: { edits: { type: 'string', default: '50' } } });
const EDITS = Number(opts.edits);

const entry = `
export { Engine } from './server/src/core/engine';
export { TypeCheckService } from './server/src/typecheck/service';
export { phantomMember } from './server/src/detectors/types/phantom-member';
export { deprecatedApi } from './server/src/detectors/types/deprecated-api';
export { wrongArity } from './server/src/detectors/types/wrong-arity';
export { unknownOptionKey } from './server/src/detectors/types/unknown-option-key';
`;

/** Each block uses real APIs of fs, path, http, crypto, yaml, minimatch and ajv, plus one phantom. */
function block(i) {
  return `
function task${i}(dir, input) {
  const file = path.join(dir, 'part-${i}.yaml');
  const raw = fs.readFileSync(file, 'utf8');
  const doc = YAML.parse(raw);
  const digest = crypto.createHash('sha256').update(raw).digest('hex');
  if (!minimatch(file, '**/*.yaml')) return undefined;
  const validate = ajv.compile({ type: 'object' });
  if (!validate(doc)) throw new Error(ajv.errorsText(validate.errors));
  const req = http.request({ host: 'localhost', port: 80${i % 25 === 0 ? ", hots: 'x'" : ''}, path: '/t/${i}' });
  req.end(JSON.stringify({ digest, input }));
  ${i % 20 === 0 ? "fs.readFileAsync(file);" : 'fs.existsSync(file);'}
  ${i % 30 === 0 ? "const u = url.parse('http://localhost/');" : "const u = new URL('http://localhost/');"}
  return { file: path.basename(file), digest, size: raw.length, host: u.host };
}
`;
}

const TS_HEADER = `import * as fs from 'fs';
import * as path from 'path';
import * as http from 'http';
import * as crypto from 'crypto';
import * as url from 'url';
import YAML from 'yaml';
import { minimatch } from 'minimatch';
import Ajv from 'ajv';
const ajv = new Ajv();
`;

function source(ts) {
  let s = ts ? TS_HEADER : `const fs = require('fs');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const url = require('url');
const YAML = require('yaml');
const { minimatch } = require('minimatch');
const Ajv = require('ajv');
const ajv = new Ajv();
`;
  for (let i = 0; s.split('\n').length < 1000; i++) s += block(i);
  return s + (ts ? 'export { task0 };\n' : 'module.exports = { task0 };\n');
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function main() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'project', 'src'), { recursive: true });
  if (!existsSync(join(WORK, 'project', 'node_modules'))) symlinkSync(join(REPO, 'node_modules'), join(WORK, 'project', 'node_modules'), 'dir');
  const out = join(WORK, 'phantom-bench.cjs');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: REPO, loader: 'ts' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    outfile: out, logLevel: 'warning', mainFields: ['module', 'main'],
  });
  const m = createRequire(import.meta.url)(out);
  const print = (s) => process.stdout.write(s + '\n');
  print(`phantom-api latency, in-process through Engine.analyzeAsync (4 detectors, one shared type check per edit), ${EDITS} edits`);
  for (const [name, languageId] of [['app.js', 'javascript'], ['app.ts', 'typescript']]) {
    const text = source(languageId === 'typescript');
    const lines = text.split('\n').length;
    writeFileSync(join(WORK, 'project', 'src', name), text);
    const svc = new m.TypeCheckService(() => [join(WORK, 'project')]);
    const engine = new m.Engine([m.phantomMember, m.deprecatedApi, m.wrongArity, m.unknownOptionKey]);
    const run = async (t) => {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      const r = await engine.analyzeAsync({ text: t, languageId, path: `src/${name}` }, { types: svc });
      const cpu = process.cpuUsage(c0);
      return { wall: performance.now() - w0, cpu: (cpu.user + cpu.system) / 1000, findings: r.findings.length, notices: r.notices };
    };
    const cold = await run(text);
    const wall = [];
    const cpu = [];
    const src = text.split('\n');
    for (let i = 0; i < EDITS; i++) {
      // Type a comment at the end of a line, a different line each time, edits accumulating as while
      // editing: in a function body (one function re-checked), at top level (full check) or after a
      // closing brace (comment only, facts reused).
      const at = (i * 37) % (src.length - 2);
      src[at] += ` // edit ${i}`;
      const r = await run(src.join('\n'));
      wall.push(r.wall);
      cpu.push(r.cpu);
    }
    const rss = process.memoryUsage().rss / 1e6;
    const f = (n) => n.toFixed(0).padStart(5);
    print(`${name} (${lines} lines): cold ${f(cold.wall)} ms wall ${f(cold.cpu)} ms cpu, ${cold.findings} findings${cold.notices.length ? `, notices: ${cold.notices.map((n) => n.message).join('; ')}` : ''}`);
    print(`  warm wall ms: p50 ${f(pct(wall, 50))}  p95 ${f(pct(wall, 95))}  max ${f(Math.max(...wall))}`);
    print(`  warm cpu  ms: p50 ${f(pct(cpu, 50))}  p95 ${f(pct(cpu, 95))}  max ${f(Math.max(...cpu))}`);
    print(`  checks: ${svc.stats.full} full, ${svc.stats.partial} partial (one function re-checked), ${svc.stats.reuse} reused (edit in a comment)`);
    print(`  RSS after ${EDITS} edits: ${rss.toFixed(0)} MB (heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB)`);
    svc.dispose();
  }
}

await main();
