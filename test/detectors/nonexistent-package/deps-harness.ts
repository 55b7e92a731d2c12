// Shared by the dependency-rule tests: a fake RegistryService (an in-memory map) and an in-memory
// project, run through the engine's slow tier exactly as the server and the CLI do.
import assert from 'node:assert/strict';
import type { Ecosystem, PackageFacts, RegistryService } from '../../../server/src/core/services';
import type { Finding, LanguageId, Services } from '../../../server/src/core/types';
import { languageOf } from '../../../server/src/core/languages';
import { MemoryProject } from '../../../server/src/project/memory-project';
import { testEngine } from '../../engine';

export type FakeFacts = Partial<Omit<PackageFacts, 'ecosystem' | 'name'>>;

/** `npm:name` / `pypi:name` → facts; names absent from the map do not exist. `lookups` records every query. */
export function fakeRegistry(
  known: Record<string, FakeFacts>,
  popular: Partial<Record<Ecosystem, Record<string, number>>> = {},
  source: PackageFacts['source'] = 'registry',
): RegistryService & { lookups: string[] } {
  const maps = { npm: new Map(Object.entries(popular.npm ?? {})), pypi: new Map(Object.entries(popular.pypi ?? {})) };
  const lookups: string[] = [];
  return {
    offline: source === 'snapshot',
    lookups,
    popular: (eco) => maps[eco],
    async lookup(ecosystem, name) {
      lookups.push(`${ecosystem}:${name}`);
      const f = known[`${ecosystem}:${name}`];
      return { ecosystem, name, exists: !!f, source, versions: 10, created: '2015-01-01T00:00:00Z', latest: '1.0.0', monthlyDownloads: 1e6, ...f };
    },
  };
}

export const POPULAR = {
  npm: { react: 3e8, 'react-dom': 2e8, preact: 1.5e7, express: 2e8, lodash: 3e8, axios: 2e8, '@types/node': 4e8, chalk: 3e8, debug: 2e9 },
  pypi: { requests: 1e6, numpy: 1e6, 'python-dateutil': 1e6, pyyaml: 1e6, django: 1e6, flask: 1e6, urllib3: 1e6 },
};

/** A registry where every popular name (and `extra`) exists and is unremarkable. */
export function registryWith(extra: Record<string, FakeFacts> = {}, source: PackageFacts['source'] = 'registry') {
  const known: Record<string, FakeFacts> = {};
  for (const [eco, names] of Object.entries(POPULAR)) for (const n of Object.keys(names)) known[`${eco}:${n}`] = {};
  return fakeRegistry({ ...known, ...extra }, POPULAR, source);
}

export interface DepCase {
  code: string;
  path?: string;
  language?: LanguageId;
  /** Other files of the project (workspace-relative). */
  files?: Record<string, string>;
  registry?: RegistryService;
  services?: Services;
}

export async function depFindings(ruleId: string, c: DepCase): Promise<Finding[]> {
  const engine = await testEngine();
  const path = c.path ?? 'src/index.ts';
  const languageId = c.language ?? languageOf(path) ?? 'plaintext';
  const services: Services = { registry: c.registry ?? registryWith(), project: new MemoryProject({ ...c.files, [path]: c.code }), ...c.services };
  const r = await engine.analyzeAsync({ text: c.code, languageId, path }, services, { slowBudgetMs: 5000 });
  assert.deepEqual(r.notices.filter((n) => n.kind !== 'skipped'), [], `notices for ${ruleId}`);
  return r.findings.filter((f) => f.ruleId === ruleId && !f.suppressed);
}

/** `line:col` (1-based) of each finding. */
export function at(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`);
}
