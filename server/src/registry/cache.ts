// On-disk cache of registry answers: one JSON file per ecosystem in a folder the host chooses
// (the extension's global storage, `~/.cache/vouch` for the CLI). Keyed by registry and normalised
// name, so switching registries never serves another registry's answer. Unknown answers (errors,
// time-outs) are never cached. Writes are debounced and atomic (temp file + rename); a damaged or
// foreign file is ignored and rewritten.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ecosystem, PackageFacts } from '../core/services';

export type CachedFacts = Omit<PackageFacts, 'source'>;

interface Entry {
  /** When the answer was fetched (ms since epoch). */
  at: number;
  facts: CachedFacts;
}

interface CacheFile {
  version: 1;
  entries: Record<string, Entry>;
}

export interface CacheTtl {
  /** How long "exists" answers stay fresh (ms). */
  existsMs: number;
  /** How long "does not exist" answers stay fresh (ms); shorter, since names get registered. */
  missingMs: number;
}

export const DEFAULT_TTL: CacheTtl = { existsMs: 24 * 3600_000, missingMs: 6 * 3600_000 };

const MAX_ENTRIES = 50_000;

export class DiskCache {
  private entries: Map<string, Entry> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;

  constructor(
    private readonly dir: string | undefined,
    private readonly ecosystem: Ecosystem,
    private readonly ttl: CacheTtl = DEFAULT_TTL,
    private readonly now: () => number = Date.now,
    private readonly log: (msg: string) => void = () => {},
    private readonly flushDelayMs = 2000,
  ) {}

  private get file(): string | undefined {
    return this.dir ? join(this.dir, `registry-${this.ecosystem}.json`) : undefined;
  }

  private load(): Map<string, Entry> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    if (!this.file) return this.entries;
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as CacheFile;
      if (data?.version === 1 && data.entries && typeof data.entries === 'object') {
        for (const [k, e] of Object.entries(data.entries)) {
          if (e && typeof e.at === 'number' && e.facts && typeof e.facts.exists === 'boolean' && this.fresh(e)) this.entries.set(k, e);
        }
      }
    } catch {
      // no cache yet, or unreadable: start empty
    }
    return this.entries;
  }

  private fresh(e: Entry): boolean {
    const age = this.now() - e.at;
    return age >= 0 && age < (e.facts.exists ? this.ttl.existsMs : this.ttl.missingMs);
  }

  private key(registry: string, name: string): string {
    return `${registry} ${name}`;
  }

  /** A fresh answer for this registry and normalised name, if any. */
  get(registry: string, name: string): CachedFacts | undefined {
    const entries = this.load();
    const k = this.key(registry, name);
    const e = entries.get(k);
    if (!e) return undefined;
    if (!this.fresh(e)) {
      entries.delete(k);
      return undefined;
    }
    return e.facts;
  }

  set(registry: string, name: string, facts: CachedFacts): void {
    const entries = this.load();
    const k = this.key(registry, name);
    entries.delete(k); // re-insert so Map order is oldest-first for trimming
    entries.set(k, { at: this.now(), facts });
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    this.schedule();
  }

  private schedule(): void {
    this.dirty = true;
    if (this.file && !this.timer) {
      this.timer = setTimeout(() => this.flush(), this.flushDelayMs);
      this.timer.unref?.();
    }
  }

  /** Adds to a fresh answer what a later request learnt (npm owners), keeping its age. */
  patch(registry: string, name: string, extra: Partial<CachedFacts>): void {
    const e = this.load().get(this.key(registry, name));
    if (!e || !this.fresh(e)) return;
    e.facts = { ...e.facts, ...extra };
    this.schedule();
  }

  /** Writes pending answers now (also called on dispose). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty || !this.file || !this.entries || !this.dir) return;
    this.dirty = false;
    const data: CacheFile = { version: 1, entries: Object.fromEntries([...this.entries].filter(([, e]) => this.fresh(e))) };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.file);
    } catch (e) {
      this.log(`registry cache: cannot write ${this.file} (${(e as Error).message})`);
    }
  }
}
