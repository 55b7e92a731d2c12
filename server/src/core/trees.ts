// Parse trees kept from one version of an edited file to parse the next one incrementally. Rules:
// - Only hosts that edit a file ask for it (the editor, `AnalyzeOptions.incremental`); a scan parses
//   each file once and keeps nothing here.
// - A tree is handed over when its run no longer reads it (the run ended, or it was cancelled before
//   its slow tier began): the next version's parse reuses it, and an incremental TypeScript parse
//   moves the old tree's nodes in place, so nobody may read the old tree again. `take` therefore
//   removes it: one tree, one owner.
// - A tree is kept with the exact text and language it was parsed from; the next parse diffs against
//   that text (never against what the editor says the last version was), so an out-of-order handover
//   (an older run ending late) still yields a correct parse, only a less incremental one.
// - Bounded: the least recently kept paths go first; a dropped tree is disposed (tree-sitter trees
//   live in WASM memory, which the garbage collector does not reclaim).
import type { LanguageId } from './types';

export interface KeptTree<T = unknown> {
  readonly text: string;
  readonly languageId: LanguageId;
  readonly tree: T;
  readonly dispose?: () => void;
  /** Incremental reparses since the tree's last full parse (see parsers.ts `reparseJs`). */
  readonly generation?: number;
}

export class KeptTrees {
  private readonly kept = new Map<string, KeptTree>();

  constructor(readonly limit = 16) {}

  private key(path: string, parser: string): string {
    return `${parser}\0${path}`;
  }

  /** Keeps `tree` as the last parse of `path` by `parser`, disposing the one it replaces. */
  put(path: string, parser: string, kept: KeptTree): void {
    const key = this.key(path, parser);
    const old = this.kept.get(key);
    if (old) {
      this.kept.delete(key);
      if (old.tree !== kept.tree) old.dispose?.();
    }
    this.kept.set(key, kept);
    for (const [k, t] of this.kept) {
      if (this.kept.size <= this.limit) break;
      this.kept.delete(k);
      t.dispose?.();
    }
  }

  /** The last parse of `path` by `parser` in `languageId`, now the caller's (see the header); a tree of another language is disposed. */
  take<T>(path: string, parser: string, languageId: LanguageId): KeptTree<T> | undefined {
    const key = this.key(path, parser);
    const kept = this.kept.get(key);
    if (!kept) return undefined;
    this.kept.delete(key);
    if (kept.languageId === languageId) return kept as KeptTree<T>;
    kept.dispose?.();
    return undefined;
  }

  /** Forgets every tree of `path` (the file was closed or deleted). */
  delete(path: string): void {
    for (const [k, t] of this.kept) {
      if (k.slice(k.indexOf('\0') + 1) !== path) continue;
      this.kept.delete(k);
      t.dispose?.();
    }
  }

  get size(): number {
    return this.kept.size;
  }
}
