// ReDoS check: one regex match cannot be interrupted by the engine's time budget, so every pattern
// Vouch runs over a file must match in linear time. recheck checks the data rules' patterns:
// exponential *and* polynomial (e.g. `^\s*x` under `m`, which rescans blank lines) fail. `allow` /
// `notOnLine` run on one reported value or line, so only exponential ones fail there. `--source` also
// audits every regex literal in server/src: exponential ones fail, polynomial ones are listed (most run
// on a name or a line; those that run over whole files are written linear by hand).
// Deterministic: recheck's fuzz checker with a fixed seed and step limits only (no wall-clock limits,
// which flipped verdicts on a loaded machine); a check past WATCHDOG_MS fails as "too slow to check".
// Usage: node scripts/check-regexes.mjs [--quiet] [--source]   (exit 1 when vulnerable or unknown)
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { check } = require('recheck');
const ts = require('typescript');
const quiet = process.argv.includes('--quiet');
const source = process.argv.includes('--source');
// The agent is unref'd: if it dies, pending checks never settle and node would exit 0 silently.
process.exitCode = 2;

/** Fixed options: verdicts depend on the pattern only, not on the machine's load. */
const OPTIONS = {
  checker: 'fuzz',
  randomSeed: 0,
  timeout: null,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  recallTimeout: -1,
  attackLimit: 10_000_000,
  maxAttackStringSize: 30_000,
};
const WATCHDOG_MS = 120_000;

/**
 * Polynomial patterns that only ever run on one bounded string, with the reason. Keyed by
 * `where` (pack file and rule id). Exponential ones are never excused.
 */
const ALLOW = new Map([
]);

/** @type {Array<{ where: string, source: string, flags: string, bounded?: boolean, audit?: boolean }>} */
const patterns = [];
for (const file of readdirSync('rules').filter((f) => f.endsWith('.json') && f !== 'schema.json')) {
  for (const rule of JSON.parse(readFileSync(`rules/${file}`, 'utf8')).rules) {
    patterns.push({ where: `${file}: ${rule.id}`, source: rule.pattern, flags: rule.flags ?? '' });
    (rule.allow ?? []).forEach((a, n) => patterns.push({ where: `${file}: ${rule.id} allow[${n}]`, source: a, flags: 'i', bounded: true }));
    (rule.notOnLine ?? []).forEach((a, n) => patterns.push({ where: `${file}: ${rule.id} notOnLine[${n}]`, source: a, flags: '', bounded: true }));
    (rule.lowAfterInBlock ?? []).forEach((a, n) => patterns.push({ where: `${file}: ${rule.id} lowAfterInBlock[${n}]`, source: a, flags: '', bounded: true }));
    (rule.lowOnLine ?? []).forEach((a, n) => patterns.push({ where: `${file}: ${rule.id} lowOnLine[${n}]`, source: a, flags: '', bounded: true }));
  }
}
// Regex literals in the server's source (dynamic `new RegExp(...)` built from data is covered above).
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
for (const file of source ? walk('server/src') : []) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(sf);
      const end = text.lastIndexOf('/');
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      patterns.push({ where: `${file}:${line}`, source: text.slice(1, end), flags: text.slice(end + 1).replace(/[gyd]/g, ''), audit: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

async function checkOne(source, flags) {
  const signal = AbortSignal.timeout(WATCHDOG_MS);
  try {
    return await check(source, flags, { ...OPTIONS, signal });
  } catch (error) {
    return { status: 'unknown', error: { kind: signal.aborted ? 'too slow to check' : String(error) } };
  }
}

const started = Date.now();
const results = new Map();
const queue = [...new Map(patterns.map((p) => [`/${p.source}/${p.flags}`, p])).entries()];
const workers = Math.max(1, Math.min(4, availableParallelism()));
await Promise.all(Array.from({ length: workers }, async () => {
  for (let next = queue.shift(); next; next = queue.shift()) results.set(next[0], await checkOne(next[1].source, next[1].flags));
}));
let failed = 0;
let known = 0;
for (const p of patterns) {
  const key = `/${p.source}/${p.flags}`;
  const r = results.get(key);
  const bad = r.status === 'vulnerable';
  const polynomial = bad && r.complexity.type === 'polynomial';
  const reason = ALLOW.get(p.where);
  const excused = polynomial && (p.audit || p.bounded || reason !== undefined);
  if (excused) known++;
  else if (bad || r.status === 'unknown') failed++;
  if (quiet && (!bad || excused) && r.status !== 'unknown') continue;
  const detail = bad ? `${r.complexity.type}${r.complexity.degree ? ` (degree ${r.complexity.degree})` : ''}, attack ${String(r.attack?.pattern).slice(0, 60)}` : r.status === 'unknown' ? String(r.error?.kind ?? '') : '';
  console.log(`${(excused ? 'reported' : r.status).padEnd(10)} ${p.where} ${bad ? key.slice(0, 100) : ''} ${detail}${reason ? ` (allowed: ${reason})` : ''}`);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${patterns.length} patterns (${results.size} distinct) in ${seconds} s: ${failed} failing, ${known} polynomial reported only (bounded input, allow-listed or --source audit)`);
process.exitCode = failed ? 1 : 0;
