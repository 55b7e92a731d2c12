// A BaselineService over an in-memory file map (workspace-relative paths): for tests and for hosts
// that have the baseline's text without a repository on disk.
import { createHash } from 'node:crypto';
import type { BaselineFile, BaselineService } from '../core/services';

export class MemoryBaseline implements BaselineService {
  private readonly memo = new Map<string, WeakMap<object, { value: unknown }>>();

  constructor(
    private readonly files: Record<string, string>,
    private readonly label = 'HEAD',
  ) {}

  async read(relPath: string): Promise<BaselineFile | null> {
    const text = this.files[relPath];
    if (text === undefined) return null;
    const bytes = Buffer.from(text, 'utf8');
    const oid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    return { oid, text, label: this.label };
  }

  derived<T>(file: BaselineFile, key: object, derive: (text: string) => T): T {
    let byKey = this.memo.get(file.oid);
    if (!byKey) this.memo.set(file.oid, (byKey = new WeakMap()));
    let hit = byKey.get(key);
    if (!hit) byKey.set(key, (hit = { value: derive(file.text) }));
    return hit.value as T;
  }
}
