// Hostile workspace layouts for the fuzz suite: source files with hostile bytes, special files where
// Vouch reads (FIFOs, links to /dev/zero, links out of the root, loops, dangling links), deep or huge
// `.vouch.json`, absurd provenance ranges and forged ledger lines. `materialize` writes one to disk
// and returns the source files a scan must account for (analysed, or skipped with a reason).
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { chainEntries } from '../../server/src/review/ledger';
import { FILE_NAMES, hostileBytes, LANGUAGES } from './arbitraries';

export type SpecialKind = 'fifo' | 'dev-zero' | 'outside' | 'dangling' | 'self-loop' | 'parent-loop';

export interface Layout {
  files: Array<{ dir: string; language: string; bytes: Uint8Array }>;
  specials: Array<{ kind: SpecialKind; name: string }>;
  config?: string | Uint8Array;
  provenance?: string;
  ledger?: string;
}

/** Where Vouch reads: source files and every workspace file it opens. */
const SPECIAL_NAMES = ['src/x.js', 'src/y.py', 'z.yaml', '.vouch.json', '.gitignore', '.vouch/reviews.jsonl', '.vouch/provenance.json', 'package.json', 'requirements.txt', '.npmrc', 'src/lib'];

const dirs = fc.constantFrom('', 'src', 'src/a/b/c/d/e/f/g/h', 'node_modules/x', '.vouch');

const deepJson = fc.tuple(fc.constantFrom('[', '{"a":', '[{"b":'), fc.integer({ min: 1, max: 200_000 }), fc.boolean()).map(([open, n, closed]) => {
  const close = open === '[' ? ']' : open === '{"a":' ? '1}' : '1}]';
  return `{ "exclude": ${open.repeat(n)}${closed ? close.repeat(n) : ''} }`;
});

const settingKeys = fc.constantFrom('rules', 'include', 'exclude', 'models', 'detectorBudgetMs', 'minimumConfidence', 'registry', 'provenance', 'dependencies', '__proto__', 'constructor', 'prototype', 'enable');

export const hostileConfig: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  deepJson,
  fc.integer({ min: 1, max: 200_000 }).map((n) => JSON.stringify({ exclude: ['a'.repeat(n)], include: [`{${'x,'.repeat(Math.min(n, 30_000))}y}/**`] })),
  fc.integer({ min: 1, max: 5000 }).map((n) => JSON.stringify({ exclude: Array.from({ length: n }, (_, i) => `**/${'{a,b}'.repeat(i % 12)}`) })),
  fc.dictionary(settingKeys, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? ''),
  hostileBytes,
);

const line = fc.oneof(
  fc.integer({ min: -5, max: 50 }),
  fc.constantFrom(2e9, 15e6, 50_000_001, 1e300, -1e300, 0.5, -0, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1),
  fc.double(),
  fc.constantFrom('1', null, [], {}, true),
);
const region = fc.record({
  id: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')),
  source: fc.constantFrom('agent', 'completion', 'paste', 'other', 1),
  confidence: fc.constantFrom('high', 'low', 'x'),
  time: fc.constantFrom('2025-01-01T00:00:00.000Z', 'not a time', ''),
  hash: fc.constantFrom('x', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
  range: fc.record({ start: fc.record({ line, character: line }), end: fc.record({ line, character: line }) }),
}, { requiredKeys: [] });

export const hostileProvenance: fc.Arbitrary<string> = fc.oneof(
  fc.dictionary(fc.constantFrom('src/a.js', 'a.py', '__proto__', '../../outside.js', 'src/x.js', ''), fc.oneof(fc.array(region, { maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })), { maxKeys: 4 }).map((o) => JSON.stringify(o)),
  fc.integer({ min: 1, max: 20_000 }).map((n) => JSON.stringify({ 'src/a.js': Array.from({ length: n }, (_, i) => ({ id: `r${i}`, source: 'agent', confidence: 'high', time: '2025-01-01T00:00:00.000Z', hash: 'x', range: { start: { line: 0, character: 0 }, end: { line: 2e9 - i, character: 0 } } })) })),
  deepJson,
);

const review = fc.record({
  file: fc.constantFrom('src/a.js', 'a.py', '../../etc/passwd', '__proto__', ''),
  regionId: fc.string({ maxLength: 6 }),
  lines: fc.tuple(line, line),
  hash: fc.constantFrom('x', ''),
  source: fc.constantFrom('agent', 'completion', 'paste'),
  reviewer: fc.record({ name: fc.string({ maxLength: 12 }) }),
  time: fc.constantFrom('2025-01-01T00:00:00.000Z', 'yesterday'),
  findings: fc.array(fc.record({ ruleId: fc.string({ maxLength: 8 }), findingId: fc.string({ maxLength: 8 }), status: fc.constantFrom('fixed', 'accepted', 'nonsense') }), { maxLength: 3 }),
});

/** Ledger text: a correctly chained prefix, then forged, garbled, re-chained or enormous lines. */
export const hostileLedger: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(review, { maxLength: 4 }),
    fc.array(fc.oneof(
      review.map((r) => JSON.stringify({ v: 1, ...r, prev: 'f'.repeat(64) })),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? ''),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer({ min: 1, max: 300_000 }).map((n) => `{"v":1,"prev":"","file":"${'a'.repeat(n)}"}`),
      fc.integer({ min: 1, max: 100_000 }).map((n) => `${'['.repeat(n)}`),
      fc.constant(''),
    ), { maxLength: 5 }),
    fc.boolean(),
  )
  .map(([chained, forged, rechain]) => {
    const lines = chainEntries('', chained as never);
    // A forger who re-chains: valid entries appended after the forged lines, chained to the last one.
    if (rechain) lines.push(...forged, ...chainEntries('0'.repeat(64), chained as never));
    else lines.push(...forged);
    return lines.join('\n') + '\n';
  });

export const layout: fc.Arbitrary<Layout> = fc.record({
  files: fc.array(fc.record({ dir: dirs, language: fc.constantFrom(...LANGUAGES), bytes: hostileBytes }), { maxLength: 4 }),
  specials: fc.uniqueArray(fc.record({ kind: fc.constantFrom<SpecialKind>('fifo', 'dev-zero', 'outside', 'dangling', 'self-loop', 'parent-loop'), name: fc.constantFrom(...SPECIAL_NAMES) }), { maxLength: 4, selector: (s) => s.name }),
  config: fc.option(hostileConfig, { nil: undefined }),
  provenance: fc.option(hostileProvenance, { nil: undefined }),
  ledger: fc.option(hostileLedger, { nil: undefined }),
});

/** Writes `l` under `root` (an empty folder); `outside` is a folder beside it that links may point into. */
export function materialize(root: string, outside: string, l: Layout): void {
  const put = (rel: string, data: string | Uint8Array) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), data);
  };
  const taken = new Set(l.specials.map((s) => s.name));
  l.files.forEach((f, i) => {
    const rel = join(f.dir, `${i}${FILE_NAMES[f.language]}`);
    if (!taken.has(rel)) put(rel, f.bytes);
  });
  if (l.config !== undefined && !taken.has('.vouch.json')) put('.vouch.json', l.config);
  if (l.provenance !== undefined && !taken.has('.vouch/provenance.json')) put('.vouch/provenance.json', l.provenance);
  if (l.ledger !== undefined && !taken.has('.vouch/reviews.jsonl')) put('.vouch/reviews.jsonl', l.ledger);
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'outside.js'), 'const key = "AKIAZ3MSJV2KD7QX4N5P";\n');
  for (const s of l.specials) {
    const abs = join(root, s.name);
    mkdirSync(dirname(abs), { recursive: true });
    switch (s.kind) {
      case 'fifo': execFileSync('mkfifo', [abs]); break;
      case 'dev-zero': symlinkSync('/dev/zero', abs); break;
      case 'outside': symlinkSync(join(outside, 'outside.js'), abs); break;
      case 'dangling': symlinkSync(join(root, 'no-such-file'), abs); break;
      case 'self-loop': symlinkSync(abs, abs); break;
      case 'parent-loop': symlinkSync(root, abs); break;
    }
  }
}
