// Settings layers (defaults < .vouch.json < explicit VS Code settings), sanitised from untrusted
// JSON, and the include/exclude decision for a path.
import { Minimatch } from 'minimatch';
import { DEFAULT_SETTINGS, type RuleSetting, type VouchSettings } from './settings';
import { CONFIDENCES, SEVERITIES, type Severity } from './types';
import { DEFAULT_EXCLUDES, isHashedOutputName } from './paths';
import { sanitizeModels } from './team-models';
import { MAX_GLOB_LENGTH, MAX_GLOBS, preview } from './json-limits';

const RULE_VALUES = new Set<string>([...SEVERITIES, 'off']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Check = (v: unknown) => boolean;

const oneOf = (values: readonly string[]): Check => (v) => typeof v === 'string' && values.includes(v);

/** Scalar and list settings: how to validate each, and what to say when a value is rejected. */
const SCALARS: Array<[keyof VouchSettings, Check, string]> = [
  ['enable', (v) => typeof v === 'boolean', 'a boolean'],
  ['run', oneOf(['onType', 'onSave']), '"onType" or "onSave"'],
  ['minimumConfidence', oneOf(CONFIDENCES), `one of ${CONFIDENCES.join(', ')}`],
  ['respectGitignore', (v) => typeof v === 'boolean', 'a boolean'],
  ['flowAnalysis', (v) => typeof v === 'boolean', 'a boolean'],
  ['detectorBudgetMs', (v) => typeof v === 'number' && v >= 10 && v <= 60_000, 'a number of milliseconds from 10 to 60000'],
];

/**
 * Keep only well-typed keys; report every dropped one so the user can be told. Globs refused for
 * their size also go to `refused` (the CLI stops on them: a dropped glob changes what is scanned).
 */
export function sanitizeSettings(raw: unknown, problems: string[] = [], refused: string[] = []): Partial<VouchSettings> {
  const out: Record<string, unknown> = {};
  if (!isObject(raw)) {
    if (raw !== undefined && raw !== null) problems.push('settings must be an object');
    return out;
  }
  for (const [key, check, expected] of SCALARS) {
    if (raw[key] === undefined) continue;
    if (check(raw[key])) out[key] = raw[key];
    else problems.push(`${key}: expected ${expected}, got ${preview(raw[key])}`);
  }
  for (const key of ['include', 'exclude'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!Array.isArray(v)) {
      problems.push(`${key}: expected an array of glob strings, got ${preview(v)}`);
      continue;
    }
    const globs = v.filter((x): x is string => typeof x === 'string' && x.length > 0);
    if (globs.length !== v.length) problems.push(`${key}: ignored ${v.length - globs.length} entry(ies) that are not non-empty strings`);
    if (globs.length > MAX_GLOBS) {
      problems.push(`${key}: ignored ${globs.length - MAX_GLOBS} glob(s) past the first ${MAX_GLOBS}`);
      refused.push(problems[problems.length - 1]);
    }
    out[key] = globs.slice(0, MAX_GLOBS).filter((g) => {
      const problem = globProblem(g);
      if (problem) {
        problems.push(`${key}: ignored ${preview(g, 40)}: ${problem}`);
        refused.push(problems[problems.length - 1]);
      }
      return !problem;
    });
  }
  if (raw.rules !== undefined) {
    if (!isObject(raw.rules)) problems.push('rules: expected an object of rule or family ids to severities');
    else {
      const rules: Record<string, RuleSetting> = {};
      for (const [k, v] of Object.entries(raw.rules)) {
        if (typeof v === 'string' && RULE_VALUES.has(v)) rules[k] = v as RuleSetting;
        else problems.push(`rules.${k}: expected one of ${[...RULE_VALUES].join(', ')}`);
      }
      out.rules = rules;
    }
  }
  if (raw.registry !== undefined) {
    if (!isObject(raw.registry)) problems.push('registry: expected an object');
    else {
      const reg: Record<string, unknown> = {};
      if (typeof raw.registry.enabled === 'boolean') reg.enabled = raw.registry.enabled;
      else if (raw.registry.enabled !== undefined) problems.push('registry.enabled: expected a boolean');
      for (const k of ['npmUrl', 'pypiUrl'] as const) {
        const v = raw.registry[k];
        if (v === undefined) continue;
        if (typeof v === 'string' && (v === '' || /^https?:\/\/\S+$/.test(v))) reg[k] = v;
        else problems.push(`registry.${k}: expected an http(s) URL or ""`);
      }
      if (Object.keys(reg).length) out.registry = reg as VouchSettings['registry'];
    }
  }
  if (raw.provenance !== undefined) {
    const v = raw.provenance;
    if (!isObject(v)) problems.push('provenance: expected an object');
    else {
      const p: Partial<VouchSettings['provenance']> = {};
      if (v.captureMode === 'inferred' || v.captureMode === 'precise') p.captureMode = v.captureMode;
      else if (v.captureMode !== undefined) problems.push('provenance.captureMode: expected "inferred" or "precise"');
      if (typeof v.raiseSeverity === 'boolean') p.raiseSeverity = v.raiseSeverity;
      else if (v.raiseSeverity !== undefined) problems.push('provenance.raiseSeverity: expected a boolean');
      if (Array.isArray(v.assistedOnlyRules) && v.assistedOnlyRules.every((x) => typeof x === 'string')) p.assistedOnlyRules = v.assistedOnlyRules as string[];
      else if (v.assistedOnlyRules !== undefined) problems.push('provenance.assistedOnlyRules: expected an array of rule ids');
      out.provenance = p as VouchSettings['provenance'];
    }
  }
  if (raw.review !== undefined) {
    const v = raw.review;
    if (!isObject(v)) problems.push('review: expected an object');
    else {
      const r: Partial<VouchSettings['review']> = {};
      if (typeof v.sign === 'boolean') r.sign = v.sign;
      else if (v.sign !== undefined) problems.push('review.sign: expected a boolean');
      if (typeof v.signingKey === 'string' && v.signingKey.length <= 4096) r.signingKey = v.signingKey;
      else if (v.signingKey !== undefined) problems.push('review.signingKey: expected a path or ""');
      out.review = r as VouchSettings['review'];
    }
  }
  if (raw.verdict !== undefined) {
    const v = raw.verdict;
    if (!isObject(v)) problems.push('verdict: expected an object');
    else {
      const d: Partial<VouchSettings['verdict']> = {};
      if (Array.isArray(v.failOn) && v.failOn.every((x) => (SEVERITIES as readonly unknown[]).includes(x))) d.failOn = v.failOn as Severity[];
      else if (v.failOn !== undefined) problems.push(`verdict.failOn: expected severities (${SEVERITIES.join(', ')})`);
      if (typeof v.unreviewedNeedsReview === 'boolean') d.unreviewedNeedsReview = v.unreviewedNeedsReview;
      else if (v.unreviewedNeedsReview !== undefined) problems.push('verdict.unreviewedNeedsReview: expected a boolean');
      if (v.alwaysReview !== undefined) d.alwaysReview = sanitizeGlobs('verdict.alwaysReview', v.alwaysReview, problems);
      out.verdict = d as VouchSettings['verdict'];
    }
  }
  if (raw.dependencies !== undefined) {
    const days = isObject(raw.dependencies) ? raw.dependencies.newPackageDays : undefined;
    if (typeof days === 'number' && days >= 0 && days <= 3650) out.dependencies = { newPackageDays: days };
    else if (!isObject(raw.dependencies) || days !== undefined) problems.push('dependencies.newPackageDays: expected a number of days from 0 to 3650');
  }
  if (raw.models !== undefined) {
    const models = sanitizeModels(raw.models, problems);
    if (models) out.models = models;
  }
  for (const k of Object.keys(raw)) {
    if (!(k in DEFAULT_SETTINGS) && k !== '$schema' && k !== 'trace') problems.push(`unknown key "${k}"`);
  }
  return out as Partial<VouchSettings>;
}

/** A list of globs from untrusted JSON: strings only, at most MAX_GLOBS, each one minimatch accepts. */
function sanitizeGlobs(key: string, v: unknown, problems: string[]): string[] {
  if (!Array.isArray(v)) {
    problems.push(`${key}: expected an array of glob strings, got ${preview(v)}`);
    return [];
  }
  return v.filter((g): g is string => typeof g === 'string' && g.length > 0).slice(0, MAX_GLOBS).filter((g) => {
    const problem = globProblem(g);
    if (problem) problems.push(`${key}: ignored ${preview(g, 40)}: ${problem}`);
    return !problem;
  });
}

export function mergeSettings(...layers: Array<Partial<VouchSettings> | undefined>): VouchSettings {
  const out = structuredClone(DEFAULT_SETTINGS) as VouchSettings & Record<string, unknown>;
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) {
      const current = out[key];
      // Groups (rules, registry, dependencies, provenance) merge key by key; the rest replaces.
      out[key] = isObject(current) && isObject(value) ? { ...current, ...value } : value;
    }
  }
  return out;
}

// A brace set in a committed glob must not expand into a million patterns.
const GLOB_OPTS = { dot: true, nocase: process.platform === 'win32', braceExpandMax: 1_000 } as const;
const compiled = new Map<string, Minimatch>();

/** Why a glob cannot be used (too long, or minimatch refuses it), or undefined. */
function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `too long (${glob.length} characters; the limit is ${MAX_GLOB_LENGTH})`;
  try {
    new Minimatch(glob, GLOB_OPTS);
    return undefined;
  } catch (e) {
    return `not a valid glob (${(e as Error).message})`;
  }
}

/** Globs are compiled once: a scan asks about every file against the same few patterns. */
function matches(relPath: string, glob: string): boolean {
  let m = compiled.get(glob);
  if (!m) {
    m = new Minimatch(glob, GLOB_OPTS);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(glob, m);
  }
  return m.match(relPath);
}

/** Whether a workspace-relative path (forward slashes) is analysed under these settings. */
export function isIncluded(relPath: string, s: VouchSettings, explicitlyNamed = false): boolean {
  if (s.include.length && !s.include.some((g) => matches(relPath, g))) return false;
  if (s.exclude.some((g) => matches(relPath, g))) return false;
  // Generated, vendored and minified files stay out unless the user named the file itself.
  return explicitlyNamed || !(isHashedOutputName(relPath) || defaultExcluded(relPath));
}

/**
 * The built-in excludes as one regular expression (minimatch's own translation of each): a scan asks
 * about every walked path, and minimatch's matcher walked each `**` pattern segment by segment, 31
 * times a path. Only these fixed, simple globs; a workspace's own globs keep minimatch's matcher.
 */
let defaultExcludesRe: RegExp | undefined;
function defaultExcluded(relPath: string): boolean {
  defaultExcludesRe ??= new RegExp(
    DEFAULT_EXCLUDES.map((g) => (new Minimatch(g, GLOB_OPTS).makeRe() as RegExp).source).join('|'),
    GLOB_OPTS.nocase ? 'i' : '',
  );
  return defaultExcludesRe.test(relPath);
}
