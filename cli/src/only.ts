// `vouch scan --only <rule|family>[,…]`: every other rule off, so a narrow run (secrets only, one
// family in a CI step) does only that work — detectors whose rules are all off never run.
import type { RuleInfo } from '../../server/src/core/engine';

/** Rule overrides that leave only the named rules and families on; a string says which names are unknown. */
export function onlyRules(list: string, rules: readonly RuleInfo[]): Record<string, 'off'> | string {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (!names.length) return '--only needs rule ids or family names, separated by commas';
  const known = new Set(rules.flatMap((r) => [r.id, r.meta.family]));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) {
    const families = [...new Set(rules.map((r) => r.meta.family))].sort().join(', ');
    return `--only: unknown rule or family ${unknown.map((u) => `"${u}"`).join(', ')} (families: ${families}; rule ids: the README, "What it finds")`;
  }
  const keep = new Set(names);
  return Object.fromEntries(rules.filter((r) => !keep.has(r.id) && !keep.has(r.meta.family)).map((r) => [r.id, 'off' as const]));
}
