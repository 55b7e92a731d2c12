// Services for the slow tier, per workspace folder: the folder's files (read-only) and a registry
// client that reads that folder's npm/pip configuration. Built once, updated when settings change.
import { isAbsolute } from 'node:path';
import type { Services } from '../core/types';
import { FsProject } from '../project/fs-project';
import type { VouchSettings } from '../core/settings';
import { createRegistryService, type RegistryHandle } from '../registry';

export interface ServiceOptions {
  /** Workspace trust from the client; untrusted → registry look-ups off (snapshot only). */
  trusted: boolean;
  /** On-disk registry cache (the extension's global storage); none → memory only. */
  cacheDir?: string;
  log: (msg: string) => void;
}

export class FolderServices {
  private readonly folders = new Map<string, { project: FsProject; registry: RegistryHandle; registryKey: string }>();

  constructor(private readonly options: ServiceOptions) {}

  /** Services for a document under `root` with its resource settings. */
  for(root: string, settings: VouchSettings): Services {
    const key = JSON.stringify(settings.registry);
    let f = this.folders.get(root);
    if (!f) {
      const registry = createRegistryService({
        settings, workspaceRoot: isAbsolute(root) ? root : undefined, cacheDir: this.options.cacheDir, trusted: this.options.trusted, log: this.options.log,
      });
      f = { project: new FsProject(root), registry, registryKey: key };
      this.folders.set(root, f);
    } else if (f.registryKey !== key) {
      f.registry.update({ settings });
      f.registryKey = key;
    }
    return { project: f.project, registry: f.registry, dependencies: settings.dependencies };
  }

  setTrusted(trusted: boolean): void {
    this.options.trusted = trusted;
    for (const f of this.folders.values()) f.registry.update({ trusted });
  }

  dispose(): void {
    for (const f of this.folders.values()) f.registry.dispose();
    this.folders.clear();
  }
}
