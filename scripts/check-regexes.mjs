// ReDoS check: one regex match cannot be interrupted by the engine's time budget, so every pattern
// Vouch runs over a file must match in linear time. recheck (automaton + fuzz analysis) checks the data
// rules' patterns: exponential *and* polynomial (e.g. `^\s*x` under `m`, which rescans blank lines) fail.
// `allow` / `notOnLine` run on one reported value or line, so only exponential ones fail. `--source`
// also audits every regex literal in server/src (report only: most run on a line or a name; minutes).
// Usage: node scripts/check-regexes.mjs [--timeout ms] [--quiet] [--source]   (exit 1 when vulnerable)
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { check } = require('recheck');
const ts = require('typescript');
const i = process.argv.indexOf('--timeout');
const timeout = i > 0 ? Number(process.argv[i + 1]) : 10_000;
const quiet = process.argv.includes('--quiet');
const source = process.argv.includes('--source');

/** @type {Array<{ where: string, source: string, flags: string, bounded?: boolean, audit?: boolean }>} */
const patterns = [];
for (const file of readdirSync('rules').filter((f) => f.endsWith('.json') && f !== 'schema.json')) {
  for (const rule of JSON.parse(readFileSync(`rules/${file}`, 'utf8')).rules) {
    patterns.push({ where: `${file}: ${rule.id}`, source: rule.pattern, flags: rule.flags ?? '' });
    (rule.allow ?? []).forEach((a, n) => patterns.push({ where: `${file}: ${rule.id} allow[${n}]`, source: a, flags: 'i', bounded: true }));
    (rule.notOnLine ?? []).forEach((a, n) => patterns.push({ where: `${file}: ${rule.id} notOnLine[${n}]`, source: a, flags: '', bounded: true }));
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
      patterns.push({ where: `${file}:${line}`, source: text.slice(1, end), flags: text.slice(end + 1).replace(/[gy]/g, ''), audit: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

// One recheck agent process; two checks in flight (a check's timeout runs from when it is sent).
const results = new Map();
const queue = [...new Map(patterns.map((p) => [`/${p.source}/${p.flags}`, p])).entries()];
await Promise.all([0, 1].map(async () => {
  for (let next = queue.shift(); next; next = queue.shift()) results.set(next[0], await check(next[1].source, next[1].flags, { timeout }));
}));
let vulnerable = 0;
let known = 0;
for (const p of patterns) {
  const key = `/${p.source}/${p.flags}`;
  const r = await results.get(key);
  const bad = r.status === 'vulnerable';
  const excused = bad && (p.audit || (p.bounded && r.complexity.type === 'polynomial'));
  if (excused) known++;
  else if (bad) vulnerable++;
  if (quiet && (!bad || excused) && r.status !== 'unknown') continue;
  const detail = bad ? `${r.complexity.type}${r.complexity.degree ? ` (degree ${r.complexity.degree})` : ''}, attack ${String(r.attack?.pattern).slice(0, 60)}` : r.status === 'unknown' ? String(r.error?.kind ?? '') : '';
  console.log(`${(excused ? 'reported' : r.status).padEnd(10)} ${p.where} ${bad ? key.slice(0, 100) : ''} ${detail}`);
}
console.log(`${patterns.length} patterns (${results.size} distinct): ${vulnerable} vulnerable, ${known} reported only (bounded input or --source audit)`);
process.exit(vulnerable ? 1 : 0);
