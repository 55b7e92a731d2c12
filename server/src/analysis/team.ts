// The team's models (`models` in .vouch.json or the `vouch.models` setting, checked by
// core/team-models.ts) as one extra model pack for both languages. Built once per settings object,
// so the compiled tables (analysis/index.ts) are cached with it.
import type { TeamModels } from '../core/settings';
import type { ModelPack } from './model-types';

const built = new WeakMap<TeamModels, readonly ModelPack[]>();
const NONE: readonly ModelPack[] = [];

export function teamPacks(models: TeamModels | undefined): readonly ModelPack[] {
  if (!models || !Object.values(models).some((l) => l?.length)) return NONE;
  let packs = built.get(models);
  if (!packs) {
    const pack = { model: 'workspace', languages: ['js', 'python'], ...models, tests: { match: [], noMatch: [] } } as unknown as ModelPack;
    built.set(models, (packs = [pack]));
  }
  return packs;
}
