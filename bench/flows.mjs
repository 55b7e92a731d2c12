// The analysis layer in numbers: recall and precision of the missing-input-validation rules on the
// held-out suite (test/flows/heldout), and the fast tier's compute per edit (engine.analyze in-process,
// no LSP, no debounce) on 1,000- and 5,000-line files, with the rules on and off, so the layer's own
// cost shows. Prints numbers, asserts nothing. Usage: node bench/flows.mjs [--edits 30]
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
const WORK = join(REPO, 'bench', '.work', 'flows');
const { values: opts } = parseArgs({ options: { edits: { type: 'string', default: '30' } } });
const EDITS = Number(opts.edits);
const print = (s = '') => process.stdout.write(s + '\n');

const entry = `
export { createEngine } from './server/src/scan/create-engine';
export { score, table } from './test/flows/score';
`;

/** A handler-heavy file of about `lines` lines: the held-out Express and Flask files, each copy in its own scope. */
function handlers(lines, python) {
  const dir = join(REPO, 'test', 'flows', 'heldout');
  const parts = python ? ['flask_app.py', 'django_views.py'] : ['express.js', 'koa.js', 'fastify.js'];
  const body = parts.map((p) => readFileSync(join(dir, p), 'utf8'));
  let out = '';
  for (let i = 0; out.split('\n').length < lines; i++) {
    const src = body[i % body.length];
    out += python ? `${src}\n` : `(function copy${i}() {\n${src}\n})();\n`;
  }
  return out;
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function main() {
  mkdirSync(WORK, { recursive: true });
  const out = join(WORK, 'flows-bench.cjs');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: REPO, loader: 'ts' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    outfile: out, logLevel: 'warning', mainFields: ['module', 'main'],
    // As in esbuild.mjs: web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks.
    define: { VOUCH_VERSION: '"bench"', 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  // The Python grammar is loaded from next to the bundle, as in the extension.
  const resolve = createRequire(import.meta.url).resolve;
  for (const name of ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm']) copyFileSync(resolve(name), join(WORK, name.split('/')[1]));
  const m = createRequire(import.meta.url)(out);
  const { engine, warnings } = await m.createEngine();
  for (const w of warnings) print(`warning: ${w}`);

  const { rules, misses } = m.score(engine, join(REPO, 'test', 'flows', 'heldout'));
  print(`held-out suite (test/flows/heldout, written by someone who did not write the rules): per rule`);
  print(m.table(rules));
  print(`misses and false alarms: ${misses.length ? '\n  ' + misses.join('\n  ') : 'none'}`);

  const files = [
    ['handlers-1000.js', 'javascript', handlers(1000, false)],
    ['handlers-5000.js', 'javascript', handlers(5000, false)],
    ['handlers-1000.py', 'python', handlers(1000, true)],
  ];
  const synthetic = join(REPO, 'bench', '.work', 'files');
  if (existsSync(synthetic)) {
    for (const f of readdirSync(synthetic).sort()) files.push([`corpus ${f}`, f.endsWith('.py') ? 'python' : f.endsWith('.ts') ? 'typescript' : 'javascript', readFileSync(join(synthetic, f), 'utf8')]);
  }
  print(`\nfast tier compute per edit, in-process (engine.analyze, every fast detector; no debounce, no LSP), ${EDITS} edits each, ms`);
  print(`${'file'.padEnd(26)} ${'lines'.padStart(6)}  ${'layer on: p50'.padStart(13)} ${'p95'.padStart(6)} ${'max'.padStart(6)}   ${'rules off: p50'.padStart(14)} ${'p95'.padStart(6)}  flows`);
  for (const [name, languageId, text] of files) {
    const lines = text.split('\n');
    const run = (options) => {
      const samples = [];
      engine.analyze({ text, languageId, path: `src/${name}` }, options); // warm
      for (let i = 0; i < EDITS; i++) {
        const at = (i * 37) % lines.length;
        const edited = [...lines.slice(0, at), `${lines[at]} ${languageId === 'python' ? '#' : '//'} edit ${i}`, ...lines.slice(at + 1)].join('\n');
        const t = performance.now();
        engine.analyze({ text: edited, languageId, path: `src/${name}` }, options);
        samples.push(performance.now() - t);
      }
      return samples;
    };
    const on = run({});
    const off = run({ rules: { 'missing-input-validation': 'off' } });
    const flows = engine.analyze({ text, languageId, path: `src/${name}` }, {}).findings.filter((f) => f.family === 'missing-input-validation').length;
    const f1 = (n) => n.toFixed(1);
    print(`${name.padEnd(26)} ${String(lines.length).padStart(6)}  ${f1(percentile(on, 50)).padStart(13)} ${f1(percentile(on, 95)).padStart(6)} ${f1(Math.max(...on)).padStart(6)}   ${f1(percentile(off, 50)).padStart(14)} ${f1(percentile(off, 95)).padStart(6)}  ${flows}`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
