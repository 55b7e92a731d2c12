#!/usr/bin/env node
// Rebuilds the offline registry snapshots shipped in rules/data/ from a folder of source files.
//
// Usage: node scripts/refresh-snapshots.mjs <source-dir> [--out <dir>] [--taken YYYY-MM]
//   <source-dir> holds:
//     npm-popular.tsv     `name<TAB>downloads per month`, most-downloaded npm packages (any count)
//     pypi-popular.tsv    `name<TAB>rank`, most-downloaded PyPI projects
//     pypi-names.txt(.gz) every PyPI project name, one per line
//     pypi-import-names.tsv (optional) `import<TAB>distribution`, Python import names that differ
//                         from their distribution (e.g. the `mapping` file of the pipreqs project)
// Fresh sources: npm — rank names by the registry's download-counts API (point range query,
//   `last-month`) over a candidate list such as a popularity dump; PyPI — the public BigQuery
//   dataset of download statistics (or a "top PyPI packages" monthly dump) for the ranks, and the
//   Simple API's project index (`GET <index>/simple/` with `Accept: application/vnd.pypi.simple.v1+json`)
//   for every name. Nothing here reaches a network: the script only reads the folder it is given.
//
// Outputs (in --out, default rules/data next to this script's repository root):
//   npm-popular.tsv.gz   names (lower-cased) with monthly downloads, most popular first
//   pypi-popular.tsv.gz  PEP 503-normalised names with rank, most popular first
//   pypi-names.bloom     Bloom filter of every PEP 503-normalised PyPI name (format below)
//   pypi-import-names.json  import name → distribution (or several, for shared namespaces), bundled
//                        with the detectors (server/src/detectors/deps/shared/python-import-names.ts)
//   manifest.json        when the sources were taken, counts, and the filter's parameters
//
// Why a Bloom filter for the ~886k PyPI names (measured on the 2026-11 list): plain gzip 4.0 MB,
// front-coded + brotli 2.8 MB but loading it into a Set took ~6.5 s and ~180 MB of heap; a Bloom
// filter at a 0.1 % false-positive rate is 1.6 MB, loads as one Buffer read in milliseconds and
// answers in well under a microsecond. Its only error is "maybe exists" (a hallucinated name slips
// through 1 time in 1000), never a false "does not exist" — the safe direction for an error finding.
//
// Filter format (little-endian): "VBF1" | uint32 bit count m | uint32 hash count k | uint32 name count n
// | m/8 bytes of bits. Bit i of byte j is bit j*8+i. Position of hash i for a name:
// (h1 + i*h2) mod m, with h1 = FNV-1a-32 and h2 = murmur3 fmix32 of a second FNV-1a-32 seeded
// differently, forced odd — server/src/registry/snapshot.ts must compute exactly the same.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FALSE_POSITIVE_RATE = 0.001;

export const normalizePypi = (name) => name.trim().toLowerCase().replace(/[-_.]+/g, '-');

function fnv1a(s, seed) {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
function fmix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
export function bloomHashes(s) {
  return [fnv1a(s, 0x811c9dc5), (fmix32(fnv1a(s, 0x9747b28c)) | 1) >>> 0];
}

/** `import<TAB>distribution` rows → { import: distribution | [distributions] }, sorted by import name. */
export function importNames(text) {
  const map = new Map();
  for (const line of text.split('\n')) {
    const [imp, dist] = line.split('\t').map((x) => x?.trim());
    if (!imp || !dist || !/^[A-Za-z_][\w.]*$/.test(imp)) continue;
    map.set(imp, [...new Set([...(map.get(imp) ?? []), dist])]);
  }
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

export function buildBloom(names, rate = FALSE_POSITIVE_RATE) {
  const n = names.length;
  const m = Math.ceil((-n * Math.log(rate)) / Math.LN2 ** 2 / 8) * 8;
  const k = Math.max(1, Math.round((m / n) * Math.LN2));
  const buf = Buffer.alloc(16 + m / 8);
  buf.write('VBF1', 0, 'latin1');
  buf.writeUInt32LE(m, 4);
  buf.writeUInt32LE(k, 8);
  buf.writeUInt32LE(n, 12);
  for (const name of names) {
    const [h1, h2] = bloomHashes(name);
    for (let i = 0; i < k; i++) {
      const bit = (h1 + i * h2) % m;
      buf[16 + (bit >>> 3)] |= 1 << (bit & 7);
    }
  }
  return { buf, m, k, n };
}

function readText(file) {
  const raw = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
}

function readTsv(file, normalize) {
  const rows = [];
  const seen = new Set();
  for (const line of readText(file).split('\n')) {
    const [rawName, rawValue] = line.split('\t');
    if (!rawName || !rawValue) continue;
    const name = normalize(rawName);
    const value = Number(rawValue.trim());
    if (!name || !Number.isFinite(value) || seen.has(name)) continue;
    seen.add(name);
    rows.push([name, value]);
  }
  return rows;
}

function main(argv) {
  const args = [...argv];
  const opt = (flag) => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const here = dirname(fileURLToPath(import.meta.url));
  const out = resolve(opt('--out') ?? join(here, '..', 'rules', 'data'));
  const taken = opt('--taken') ?? new Date().toISOString().slice(0, 7);
  const src = args[0];
  if (!src) {
    console.error('usage: node scripts/refresh-snapshots.mjs <source-dir> [--out <dir>] [--taken YYYY-MM]');
    process.exit(2);
  }
  const namesFile = ['pypi-names.txt.gz', 'pypi-names.txt'].map((f) => join(src, f)).find((f) => existsSync(f));
  if (!namesFile) throw new Error(`no pypi-names.txt(.gz) in ${src}`);

  const npm = readTsv(join(src, 'npm-popular.tsv'), (s) => s.trim().toLowerCase()).sort((a, b) => b[1] - a[1]);
  const pypi = readTsv(join(src, 'pypi-popular.tsv'), normalizePypi).sort((a, b) => a[1] - b[1]);
  const names = [...new Set(readText(namesFile).split('\n').map(normalizePypi).filter(Boolean))];
  // Popular names are PyPI names too, whatever the list of every name says.
  const all = [...new Set([...names, ...pypi.map(([n]) => n)])];

  mkdirSync(out, { recursive: true });
  const tsv = (rows) => gzipSync(rows.map(([n, v]) => `${n}\t${v}\n`).join(''), { level: 9 });
  writeFileSync(join(out, 'npm-popular.tsv.gz'), tsv(npm));
  writeFileSync(join(out, 'pypi-popular.tsv.gz'), tsv(pypi));
  const bloom = buildBloom(all);
  writeFileSync(join(out, 'pypi-names.bloom'), bloom.buf);
  const importFile = join(src, 'pypi-import-names.tsv');
  const imports = existsSync(importFile) ? importNames(readText(importFile)) : undefined;
  if (imports) writeFileSync(join(out, 'pypi-import-names.json'), JSON.stringify({ taken, names: imports }, null, 1) + '\n');
  const manifest = {
    taken,
    npmPopular: npm.length,
    pypiPopular: pypi.length,
    pypiNames: { count: bloom.n, bits: bloom.m, hashes: bloom.k, falsePositiveRate: FALSE_POSITIVE_RATE },
    ...(imports ? { pypiImportNames: Object.keys(imports).length } : {}),
  };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`wrote ${out}: ${JSON.stringify(manifest)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
