// Blobs and trees read straight from git's object store, for the baseline's bulk reads (every file of
// a tree): loose objects and pack files (index v2, offset and ref deltas), inflated by Node's zlib
// under a ceiling, packs read at offsets through a handle rather than loaded whole, every object's id
// checked. isomorphic-git (repository.ts) still resolves refs and walks commits; this is what made
// reading a 1,000-file baseline fast enough (its JavaScript inflate dominated).
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlib, inflateSync } from 'node:zlib';
import { readFileSafe } from '../io/safe-read';

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';
export interface GitObject {
  type: ObjectType;
  data: Buffer;
}

const TYPES: Record<number, ObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
const MAX_DELTA_DEPTH = 64;
const CACHE_BYTES = 32 * 1024 * 1024;

interface Pack {
  idx: Buffer;
  count: number;
  fd: number;
  size: number;
}

/** Where an object of `size` bytes may be read from: the header says how large it claims to be. */
function checkSize(size: number, max: number): void {
  if (size > max) throw new Error(`git object of ${size} bytes is above the ${max} byte limit`);
}

export class ObjectStore {
  private packs: Pack[] | undefined;
  /** Resolved pack objects by pack and offset: delta chains share their bases. */
  private readonly cache = new Map<string, GitObject>();
  private cached = 0;

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  /** The object, or undefined when this store does not have it (then isomorphic-git is asked). */
  read(oid: string): GitObject | undefined {
    const loose = readFileSafe(join(this.dir, oid.slice(0, 2), oid.slice(2)), this.maxBytes);
    const obj = loose.ok ? this.unwrap(inflateSync(loose.bytes, { maxOutputLength: this.maxBytes + 64 })) : this.fromPacks(oid);
    if (obj) {
      const id = createHash('sha1').update(`${obj.type} ${obj.data.length}\0`).update(obj.data).digest('hex');
      if (id !== oid) throw new Error(`git object ${oid} is corrupt (its content hashes to ${id})`);
    }
    return obj;
  }

  dispose(): void {
    for (const p of this.packs ?? []) closeSync(p.fd);
    this.packs = undefined;
    this.cache.clear();
  }

  private unwrap(raw: Buffer): GitObject {
    const nul = raw.indexOf(0);
    const m = /^(blob|tree|commit|tag) (\d+)$/.exec(raw.subarray(0, Math.max(0, nul)).toString('latin1'));
    if (!m || Number(m[2]) !== raw.length - nul - 1) throw new Error('malformed loose git object');
    return { type: m[1] as ObjectType, data: raw.subarray(nul + 1) };
  }

  private loadPacks(): Pack[] {
    const out: Pack[] = [];
    let names: string[] = [];
    try {
      names = readdirSync(join(this.dir, 'pack')).filter((n) => n.endsWith('.idx'));
    } catch {
      names = [];
    }
    for (const name of names) {
      const idx = readFileSafe(join(this.dir, 'pack', name), this.maxBytes);
      // Version 2 only (git's default since 1.5.2): magic, version, 256-entry fan-out.
      if (!idx.ok || idx.bytes.readUInt32BE(0) !== 0xff744f63 || idx.bytes.readUInt32BE(4) !== 2) continue;
      let fd: number;
      try {
        fd = openSync(join(this.dir, 'pack', name.replace(/\.idx$/, '.pack')), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      } catch {
        continue;
      }
      const st = fstatSync(fd);
      if (!st.isFile()) {
        closeSync(fd);
        continue;
      }
      out.push({ idx: idx.bytes, count: idx.bytes.readUInt32BE(8 + 255 * 4), fd, size: st.size });
    }
    return out;
  }

  private fromPacks(oid: string): GitObject | undefined {
    this.packs ??= this.loadPacks();
    const want = Buffer.from(oid, 'hex');
    for (const p of this.packs) {
      const offset = this.find(p, want);
      if (offset !== undefined) return this.at(p, offset, 0);
    }
    // A pack written since the list was read (a fetch, a gc): look once more.
    for (const p of this.packs) closeSync(p.fd);
    this.packs = this.loadPacks();
    for (const p of this.packs) {
      const offset = this.find(p, want);
      if (offset !== undefined) return this.at(p, offset, 0);
    }
    return undefined;
  }

  /** Binary search of the index's sorted ids within the fan-out bucket of the first byte. */
  private find(p: Pack, id: Buffer): number | undefined {
    const fan = (i: number) => (i < 0 ? 0 : p.idx.readUInt32BE(8 + i * 4));
    let lo = fan(id[0] - 1);
    let hi = fan(id[0]);
    const ids = 8 + 256 * 4;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = p.idx.compare(id, 0, 20, ids + mid * 20, ids + mid * 20 + 20);
      if (c === 0) {
        const offsets = ids + p.count * 20 + p.count * 4;
        const small = p.idx.readUInt32BE(offsets + mid * 4);
        if (!(small & 0x80000000)) return small;
        return Number(p.idx.readBigUInt64BE(offsets + p.count * 4 + (small & 0x7fffffff) * 8));
      }
      if (c > 0) hi = mid;
      else lo = mid + 1;
    }
    return undefined;
  }

  private bytes(p: Pack, offset: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(Math.max(0, Math.min(length, p.size - offset)));
    let n = 0;
    while (n < buf.length) {
      const got = readSync(p.fd, buf, n, buf.length - n, offset + n);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n);
  }

  /** Inflates the zlib stream at `offset` to `size` bytes, reading more of the pack until it is whole. */
  private inflateAt(p: Pack, offset: number, size: number): Buffer {
    checkSize(size, this.maxBytes);
    for (let want = Math.max(4096, size + 1024); ; want *= 4) {
      const input = this.bytes(p, offset, want);
      const out = inflateSync(input, { finishFlush: zlib.Z_SYNC_FLUSH, maxOutputLength: size + 64 });
      if (out.length >= size || input.length < want) {
        if (out.length !== size) throw new Error('git pack entry does not inflate to its size');
        return out;
      }
    }
  }

  private at(p: Pack, offset: number, depth: number): GitObject {
    const key = `${p.fd}:${offset}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (depth > MAX_DELTA_DEPTH) throw new Error('git delta chain too deep');
    const head = this.bytes(p, offset, 32);
    let i = 0;
    let c = head[i++];
    const type = (c >> 4) & 7;
    let size = c & 15;
    for (let shift = 4; c & 0x80; shift += 7) size += ((c = head[i++]) & 0x7f) * 2 ** shift;
    let obj: GitObject;
    if (type === OFS_DELTA || type === REF_DELTA) {
      let base: GitObject | undefined;
      if (type === OFS_DELTA) {
        c = head[i++];
        let back = c & 0x7f;
        while (c & 0x80) back = (back + 1) * 128 + ((c = head[i++]) & 0x7f);
        base = this.at(p, offset - back, depth + 1);
      } else {
        const id = head.subarray(i, i + 20);
        i += 20;
        const at = this.find(p, id);
        base = at !== undefined ? this.at(p, at, depth + 1) : this.read(id.toString('hex'));
      }
      if (!base) throw new Error('git delta base missing');
      obj = { type: base.type, data: this.applyDelta(base.data, this.inflateAt(p, offset + i, size)) };
    } else {
      const t = TYPES[type];
      if (!t) throw new Error(`unknown git pack entry type ${type}`);
      obj = { type: t, data: this.inflateAt(p, offset + i, size) };
    }
    if (obj.data.length < CACHE_BYTES / 16) {
      this.cache.set(key, obj);
      this.cached += obj.data.length;
      for (const [k, v] of this.cache) {
        if (this.cached <= CACHE_BYTES) break;
        this.cache.delete(k);
        this.cached -= v.data.length;
      }
    }
    return obj;
  }

  private applyDelta(base: Buffer, delta: Buffer): Buffer {
    let i = 0;
    const varint = () => {
      let n = 0;
      let c;
      let shift = 0;
      do {
        c = delta[i++];
        n += (c & 0x7f) * 2 ** shift;
        shift += 7;
      } while (c & 0x80);
      return n;
    };
    if (varint() !== base.length) throw new Error('git delta does not fit its base');
    const size = varint();
    checkSize(size, this.maxBytes);
    const out = Buffer.allocUnsafe(size);
    let o = 0;
    while (i < delta.length) {
      const op = delta[i++];
      if (op & 0x80) {
        let off = 0;
        let len = 0;
        for (let b = 0; b < 4; b++) if (op & (1 << b)) off += delta[i++] * 2 ** (8 * b);
        for (let b = 0; b < 3; b++) if (op & (0x10 << b)) len += delta[i++] * 2 ** (8 * b);
        if (len === 0) len = 0x10000;
        if (off + len > base.length || o + len > size) throw new Error('git delta copies out of range');
        base.copy(out, o, off, off + len);
        o += len;
      } else if (op) {
        if (o + op > size || i + op > delta.length) throw new Error('git delta inserts out of range');
        delta.copy(out, o, i, i + op);
        o += op;
        i += op;
      } else throw new Error('git delta has a zero opcode');
    }
    if (o !== size) throw new Error('git delta result has the wrong size');
    return out;
  }
}
