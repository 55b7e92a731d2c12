// The rule packs Vouch ships, imported statically so the bundle needs no file access at run time.
// Add a pack: create rules/<pack>.json (validated by rules/schema.json) and list it here.
import type { Detector } from '../core/types';
import { toDetector } from './to-detector';
import type { RulePack } from './types';
import secrets from '../../../rules/secrets.json';
import insecureDefaults from '../../../rules/insecure-defaults.json';
import pythonRemovedApis from '../../../rules/python-removed-apis.json';

export const PACKS: readonly RulePack[] = [secrets as RulePack, insecureDefaults as RulePack, pythonRemovedApis as RulePack];

export function dataDetectors(packs: readonly RulePack[] = PACKS): Detector[] {
  return packs.flatMap((p) => p.rules.map(toDetector));
}
