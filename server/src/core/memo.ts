// What facts keep between runs: per file path, the work of its last analysed version (its lowering,
// its analysis), so the next run of that path (the next keystroke, or a scan's importer asking for
// the summaries of a file the scan analysed a moment ago) reuses what has not changed. Owned by the
// engine and bounded: least recently used paths go first, by count and by the size of their texts,
// so memory stays flat however many files a scan walks. Results never depend on it: a fact that
// finds nothing here computes from scratch, and every reuse must give what that would.

export interface MemoLimits {
  /** Paths kept at most. */
  readonly files: number;
  /** Characters of text the kept paths may add up to (what they hold grows with it). */
  readonly chars: number;
}

export const DEFAULT_MEMO_LIMITS: MemoLimits = { files: 64, chars: 4_000_000 };

interface Entry {
  slots: Map<string, unknown>;
  /** The text the path's last slot was stored with (what the path weighs). */
  chars: number;
}

export class FileMemo {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(readonly limits: MemoLimits = DEFAULT_MEMO_LIMITS) {}

  /** What fact `slot` stored for `path`, marking the path as recently used. */
  get<T>(path: string, slot: string): T | undefined {
    const e = this.entries.get(path);
    if (!e) return undefined;
    this.entries.delete(path);
    this.entries.set(path, e);
    return e.slots.get(slot) as T | undefined;
  }

  /** Keeps `value` for `path` (computed from a text of `chars` characters), dropping old paths to stay in bounds. */
  set(path: string, slot: string, value: unknown, chars: number): void {
    let e = this.entries.get(path);
    if (e) this.entries.delete(path);
    else e = { slots: new Map(), chars: 0 };
    e.slots.set(slot, value);
    this.chars += chars - e.chars;
    e.chars = chars;
    this.entries.set(path, e);
    // A single text over the budget is not kept at all (it would evict everything else).
    for (const [p, old] of this.entries) {
      if (this.entries.size <= this.limits.files && this.chars <= this.limits.chars) break;
      this.entries.delete(p);
      this.chars -= old.chars;
    }
  }

  /** Forgets one path (its file was deleted or closed). */
  delete(path: string): void {
    const e = this.entries.get(path);
    if (!e) return;
    this.entries.delete(path);
    this.chars -= e.chars;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
