// ProjectService over an in-memory file map (workspace-relative paths): for tests and for hosts
// that analyse text without a folder on disk.
import type { ProjectService } from '../core/services';

export class MemoryProject implements ProjectService {
  private readonly files: Map<string, string>;

  constructor(files: Record<string, string> = {}, readonly rootName?: string) {
    this.files = new Map(Object.entries(files));
  }

  set(path: string, text: string): void {
    this.files.set(path, text);
  }

  readFile(relPath: string): string | undefined {
    return this.files.get(relPath);
  }

  exists(relPath: string): boolean {
    return this.files.has(relPath) || this.list(relPath) !== undefined;
  }

  list(relDir: string): string[] | undefined {
    const prefix = relDir ? `${relDir.replace(/\/$/, '')}/` : '';
    const names = new Set<string>();
    for (const p of this.files.keys()) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
    return names.size ? [...names] : undefined;
  }
}
