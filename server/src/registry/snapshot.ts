// The offline registry snapshots shipped in rules/data/ (built by scripts/refresh-snapshots.mjs):
// popular npm and PyPI names for typosquat checks, and a Bloom filter of every PyPI name. Loaded
// lazily, once per folder; a missing or damaged file degrades to "the snapshot knows nothing".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Ecosystem, PackageFacts } from '../core/services';

/** PEP 503: lower-case, runs of `-`, `_` and `.` become one `-`. */
export function normalizePypiName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** npm names are case-sensitive on publish but all new ones are lower-case; compare lower-cased. */
export function normalizeName(ecosystem: Ecosystem, name: string): string {
  return ecosystem === 'pypi' ? normalizePypiName(name) : name.trim().toLowerCase();
}

/**
 * rules/data next to the repository root: from the bundles (server/out, cli/out) and from source
 * (server/src/registry) alike.
 */
export function defaultDataDir(): string {
  const candidates = [join(__dirname, '..', '..', 'rules', 'data'), join(__dirname, '..', '..', '..', 'rules', 'data')];
  return candidates.find((d) => existsSync(join(d, 'manifest.json'))) ?? candidates[0];
}

// Must match scripts/refresh-snapshots.mjs bit for bit.
function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class BloomFilter {
  private constructor(private readonly bits: Buffer, readonly m: number, readonly k: number, readonly n: number) {}

  static parse(buf: Buffer): BloomFilter | undefined {
    if (buf.length < 16 || buf.toString('latin1', 0, 4) !== 'VBF1') return undefined;
    const m = buf.readUInt32LE(4);
    const k = buf.readUInt32LE(8);
    const n = buf.readUInt32LE(12);
    if (m === 0 || k === 0 || k > 32 || buf.length !== 16 + Math.ceil(m / 8)) return undefined;
    return new BloomFilter(buf.subarray(16), m, k, n);
  }

  /** false: certainly not in the set; true: in the set, or (rarely) a false positive. */
  mayContain(key: string): boolean {
    const h1 = fnv1a(key, 0x811c9dc5);
    const h2 = (fmix32(fnv1a(key, 0x9747b28c)) | 1) >>> 0;
    for (let i = 0; i < this.k; i++) {
      const bit = (h1 + i * h2) % this.m;
      if (!(this.bits[bit >>> 3] & (1 << (bit & 7)))) return false;
    }
    return true;
  }
}

export interface SnapshotManifest {
  taken: string;
  npmPopular: number;
  pypiPopular: number;
  pypiNames: { count: number; bits: number; hashes: number; falsePositiveRate: number };
}

/**
 * Turns a PyPI rank into a weight comparable to npm's monthly downloads: download counts fall
 * roughly as 1/rank (Zipf), and the top PyPI project is downloaded on the order of 10^9 times a month.
 */
export const pypiWeight = (rank: number): number => Math.round(1e9 / Math.max(1, rank));

export class Snapshot {
  private popularCache = new Map<Ecosystem, ReadonlyMap<string, number>>();
  private bloom: BloomFilter | null | undefined;
  private manifestCache: SnapshotManifest | null | undefined;

  constructor(readonly dataDir: string = defaultDataDir(), private readonly log: (msg: string) => void = () => {}) {}

  manifest(): SnapshotManifest | undefined {
    if (this.manifestCache === undefined) {
      try {
        this.manifestCache = JSON.parse(readFileSync(join(this.dataDir, 'manifest.json'), 'utf8')) as SnapshotManifest;
      } catch (e) {
        this.log(`registry snapshot: no manifest in ${this.dataDir} (${(e as Error).message})`);
        this.manifestCache = null;
      }
    }
    return this.manifestCache ?? undefined;
  }

  /** Popular names (normalised) with monthly downloads (npm) or a rank-derived weight (PyPI). */
  popular(ecosystem: Ecosystem): ReadonlyMap<string, number> {
    let map = this.popularCache.get(ecosystem);
    if (!map) {
      const m = new Map<string, number>();
      try {
        const text = gunzipSync(readFileSync(join(this.dataDir, `${ecosystem}-popular.tsv.gz`))).toString('utf8');
        for (const line of text.split('\n')) {
          const tab = line.indexOf('\t');
          if (tab <= 0) continue;
          const value = Number(line.slice(tab + 1));
          if (Number.isFinite(value)) m.set(line.slice(0, tab), ecosystem === 'pypi' ? pypiWeight(value) : value);
        }
      } catch (e) {
        this.log(`registry snapshot: cannot read the popular ${ecosystem} names (${(e as Error).message})`);
      }
      map = m;
      this.popularCache.set(ecosystem, map);
    }
    return map;
  }

  private pypiNames(): BloomFilter | undefined {
    if (this.bloom === undefined) {
      try {
        this.bloom = BloomFilter.parse(readFileSync(join(this.dataDir, 'pypi-names.bloom'))) ?? null;
        if (!this.bloom) this.log('registry snapshot: pypi-names.bloom is damaged; offline PyPI existence is unknown');
      } catch (e) {
        this.log(`registry snapshot: cannot read pypi-names.bloom (${(e as Error).message})`);
        this.bloom = null;
      }
    }
    return this.bloom ?? undefined;
  }

  /**
   * What the snapshot alone says. npm: popular → exists, otherwise unknown (there is no list of
   * every npm name). PyPI: in the filter → exists (rarely a false positive), otherwise does not exist
   * as of the snapshot date.
   */
  lookup(ecosystem: Ecosystem, name: string): PackageFacts | undefined {
    const key = normalizeName(ecosystem, name);
    const downloads = this.popular(ecosystem).get(key);
    if (ecosystem === 'npm') {
      return downloads === undefined ? undefined : { ecosystem, name, exists: true, monthlyDownloads: downloads, source: 'snapshot' };
    }
    // PyPI ranks are not download counts, so popular PyPI names carry no monthlyDownloads.
    if (downloads !== undefined) return { ecosystem, name, exists: true, source: 'snapshot' };
    const bloom = this.pypiNames();
    if (!bloom) return undefined;
    return { ecosystem, name, exists: bloom.mayContain(key), source: 'snapshot' };
  }
}
