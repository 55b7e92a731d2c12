// The bundled API facts of popular npm packages (rules/data/npm-api-facts.json.gz, built by
// scripts/refresh-api-facts.mjs), loaded lazily once per process; a missing or damaged file gives
// "the pack knows nothing", never an error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ApiPack, ApiPackService } from '../core/services';
import { defaultDataDir } from './snapshot';

export const API_PACK_FILE = 'npm-api-facts.json.gz';

export function parseApiPack(raw: unknown): ApiPack | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const p = raw as Partial<ApiPack> & { v?: number };
  if (p.v !== 1 || typeof p.packages !== 'object' || p.packages === null) return undefined;
  return { taken: p.taken, packages: p.packages, globals: p.globals };
}

const loaded = new Map<string, ApiPack | undefined>();

/** The pack in `dataDir` (default: the shipped rules/data). */
export function apiPackService(dataDir = defaultDataDir()): ApiPackService {
  return {
    pack() {
      if (!loaded.has(dataDir)) {
        let pack: ApiPack | undefined;
        try {
          pack = parseApiPack(JSON.parse(gunzipSync(readFileSync(join(dataDir, API_PACK_FILE))).toString('utf8')));
        } catch {
          pack = undefined;
        }
        loaded.set(dataDir, pack);
      }
      return loaded.get(dataDir);
    },
  };
}
