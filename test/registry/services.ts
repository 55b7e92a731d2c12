// Registry services as the tests make them: each with its own cache folder under the test's temporary
// folder, trusted, with no user configuration and no asking npm/pip, and disposed together.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { createRegistryService, type CreateRegistryOptions, type RegistryHandle } from '../../server/src/registry';

export function registryServices(tmp: () => string): {
  create(npmUrl: string, over?: Partial<CreateRegistryOptions>): RegistryHandle;
  /** Disposed with the others (a service a test built by hand). */
  keep(h: RegistryHandle): RegistryHandle;
  dispose(): void;
} {
  const handles: RegistryHandle[] = [];
  const keep = (h: RegistryHandle) => (handles.push(h), h);
  return {
    create: (npmUrl, over = {}) => keep(createRegistryService({
      settings: { registry: { enabled: true, npmUrl } },
      cacheDir: mkdtempSync(join(tmp(), 'cache-')),
      trusted: true,
      env: {},
      homedir: tmp(),
      askDefaults: false,
      ...over,
    })),
    keep,
    dispose: () => { for (const h of handles.splice(0)) h.dispose(); },
  };
}
