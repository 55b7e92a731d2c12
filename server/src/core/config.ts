// Settings layers (defaults < .vouch.json < explicit VS Code settings), sanitised from untrusted
// JSON, and the include/exclude decision for a path.
import { minimatch } from 'minimatch';
import { DEFAULT_SETTINGS, type RuleSetting, type VouchSettings } from '../protocol';
import { CONFIDENCES, SEVERITIES } from './types';
import { DEFAULT_EXCLUDES } from './paths';

const RULE_VALUES = new Set<string>([...SEVERITIES, 'off']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : undefined;
}

/** Keep only well-typed keys; report what was dropped so the user can be told. */
export function sanitizeSettings(raw: unknown, problems: string[] = []): Partial<VouchSettings> {
  const out: Partial<VouchSettings> = {};
  if (!isObject(raw)) {
    if (raw !== undefined && raw !== null) problems.push('settings must be an object');
    return out;
  }
  if (typeof raw.enable === 'boolean') out.enable = raw.enable;
  if (raw.run === 'onType' || raw.run === 'onSave') out.run = raw.run;
  if (isObject(raw.rules)) {
    const rules: Record<string, RuleSetting> = {};
    for (const [k, v] of Object.entries(raw.rules)) {
      if (typeof v === 'string' && RULE_VALUES.has(v)) rules[k] = v as RuleSetting;
      else problems.push(`rules.${k}: expected one of ${[...RULE_VALUES].join(', ')}`);
    }
    out.rules = rules;
  }
  const include = stringArray(raw.include);
  if (include) out.include = include;
  const exclude = stringArray(raw.exclude);
  if (exclude) out.exclude = exclude;
  if (typeof raw.minimumConfidence === 'string' && (CONFIDENCES as readonly string[]).includes(raw.minimumConfidence)) {
    out.minimumConfidence = raw.minimumConfidence as VouchSettings['minimumConfidence'];
  }
  if (isObject(raw.registry) && typeof raw.registry.enabled === 'boolean') out.registry = { enabled: raw.registry.enabled };
  if (typeof raw.respectGitignore === 'boolean') out.respectGitignore = raw.respectGitignore;
  if (typeof raw.detectorBudgetMs === 'number' && raw.detectorBudgetMs >= 10 && raw.detectorBudgetMs <= 60_000) {
    out.detectorBudgetMs = raw.detectorBudgetMs;
  }
  for (const k of Object.keys(raw)) {
    if (!(k in DEFAULT_SETTINGS) && k !== '$schema' && k !== 'trace') problems.push(`unknown key "${k}"`);
  }
  return out;
}

export function mergeSettings(...layers: Array<Partial<VouchSettings> | undefined>): VouchSettings {
  const out: VouchSettings = { ...DEFAULT_SETTINGS, rules: {}, registry: { ...DEFAULT_SETTINGS.registry } };
  for (const l of layers) {
    if (!l) continue;
    const { rules, registry, ...rest } = l;
    Object.assign(out, rest);
    if (rules) out.rules = { ...out.rules, ...rules };
    if (registry) out.registry = { ...out.registry, ...registry };
  }
  return out;
}

const GLOB_OPTS = { dot: true, nocase: process.platform === 'win32' } as const;

/** Whether a workspace-relative path (forward slashes) is analysed under these settings. */
export function isIncluded(relPath: string, s: VouchSettings, explicitlyNamed = false): boolean {
  if (s.include.length && !s.include.some((g) => minimatch(relPath, g, GLOB_OPTS))) return false;
  if (s.exclude.some((g) => minimatch(relPath, g, GLOB_OPTS))) return false;
  // Generated, vendored and minified files stay out unless the user named the file itself.
  return explicitlyNamed || !DEFAULT_EXCLUDES.some((g) => minimatch(relPath, g, GLOB_OPTS));
}
