// `vouch scan --shard k/n`: a deterministic split of a scan's files across CI runners. A file belongs
// to shard (FNV-1a of its workspace-relative path, forward slashes) mod n: the same on every machine and
// operating system, independent of the walk order and of which other files exist, so the shards'
// union is the whole scan and no file is scanned twice (`vouch merge` joins the reports).

export interface Shard {
  /** 0-based. */
  index: number;
  count: number;
}

export const MAX_SHARDS = 1000;

/** Parses `k/n` (1-based k); a message when it is not one. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!m) return `--shard must look like k/n (for example 2/4), not "${text}"`;
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > MAX_SHARDS) return `--shard: n must be between 1 and ${MAX_SHARDS}`;
  if (k < 1 || k > n) return `--shard: k must be between 1 and n (${n})`;
  return { index: k - 1, count: n };
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const inShard = (relPath: string, shard: Shard): boolean => fnv1a(relPath.split('\\').join('/')) % shard.count === shard.index;
