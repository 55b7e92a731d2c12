// ReDoS check for every data rule: a single regex match cannot be interrupted by the engine's time
// budget, so patterns must not backtrack catastrophically. Uses recheck (automaton + fuzz analysis).
// Usage: node scripts/check-regexes.mjs [--timeout ms]   (exit 1 when a pattern is vulnerable)
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { checkSync } = require('recheck');
const i = process.argv.indexOf('--timeout');
const timeout = i > 0 ? Number(process.argv[i + 1]) : 10_000;
let vulnerable = 0;
for (const file of readdirSync('rules').filter((f) => f.endsWith('.json') && f !== 'schema.json')) {
  for (const rule of JSON.parse(readFileSync(`rules/${file}`, 'utf8')).rules) {
    const r = checkSync(rule.pattern, rule.flags ?? '', { timeout });
    const detail = r.status === 'vulnerable' ? `${r.complexity.type}${r.complexity.degree ? ` (degree ${r.complexity.degree})` : ''}, attack ${String(r.attack?.pattern).slice(0, 60)}` : r.status === 'unknown' ? String(r.error?.kind ?? '') : '';
    console.log(`${r.status.padEnd(10)} ${file}: ${rule.id} ${detail}`);
    if (r.status === 'vulnerable' && r.complexity.type === 'exponential') vulnerable++;
  }
}
process.exit(vulnerable ? 1 : 0);
