// Keeps the catalogue honest: registry <-> detector files <-> rules/docs/<id>.md <-> tests, every
// detector's meta.needs <-> what it really asks for, and the settings schema in package.json <->
// DEFAULT_SETTINGS <-> the .vouch.json schema.
import assert from 'node:assert/strict';
import { LM_TOOL_NAMES, TOOL_DESCRIPTIONS } from '../server/src/agent/tools';
import { AGENT_TOOLS } from '../server/src/protocol';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { Engine, SUPPRESSION_RULE } from '../server/src/core/engine';
import { languageOf } from '../server/src/core/languages';
import { FAMILIES, type Detector, type LanguageId, type Services } from '../server/src/core/types';
import { caseServices } from './detectors/harness';
import { CODE_DETECTORS, allDetectors } from '../server/src/detectors';
import { PACKS } from '../server/src/data-rules/packs';
import { DEFAULT_SETTINGS } from '../server/src/protocol';
import { TABLES } from './detectors/corpus';
import { testEngine } from './engine';

const ROOT = join(__dirname, '..');
const DETECTORS_DIR = join(ROOT, 'server', 'src', 'detectors');
const DOCS_DIR = join(ROOT, 'rules', 'docs');
const TESTS_DIR = join(ROOT, 'test', 'detectors');
/** Folders of shared helpers; files there need not be detectors (but any detector there is checked). */
const HELPER_DIRS = new Set(['shared', 'common', 'helpers', 'utils', 'lib']);
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Rules the engine itself reports; their tests are unit tests, not detector folders. */
const ENGINE_RULES = new Set([SUPPRESSION_RULE.id]);

function walk(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p, ext) : ext.test(name) ? [p] : [];
  });
}
const rel = (p: string) => relative(ROOT, p).split(sep).join('/');
const isDetector = (v: unknown): v is Detector =>
  typeof v === 'object' && v !== null && typeof (v as Detector).id === 'string' && (typeof (v as Detector).run === 'function' || typeof (v as Detector).runAsync === 'function') && typeof (v as Detector).meta === 'object';

const engine = new Engine(allDetectors());
const rules = engine.rules();
const dataRuleIds = new Set(PACKS.flatMap((p) => p.rules.map((r) => r.id)));

describe('meta: rule catalogue', () => {
  it('rule ids are kebab-case and every family is one of the twelve', () => {
    assert.deepEqual(rules.map((r) => r.id).filter((id) => !KEBAB.test(id)), []);
    assert.deepEqual(rules.filter((r) => !(FAMILIES as readonly string[]).includes(r.meta.family)).map((r) => `${r.id}: ${r.meta.family}`), []);
  });

  it('detectors sharing a rule id (one per language) agree on its family and never cover the same language', () => {
    const byId = new Map<string, Detector[]>();
    for (const d of allDetectors()) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
    const problems: string[] = [];
    for (const [id, ds] of byId) {
      if (ds.length < 2) continue;
      if (new Set(ds.map((d) => d.meta.family)).size > 1) problems.push(`${id}: families differ`);
      const langs = ds.flatMap((d) => (d.languages === '*' ? ['*'] : [...d.languages]));
      if (langs.includes('*') || new Set(langs).size !== langs.length) problems.push(`${id}: two implementations cover the same language`);
    }
    assert.deepEqual(problems, []);
  });

  it('every rule has rules/docs/<id>.md', () => {
    assert.deepEqual(rules.map((r) => r.id).filter((id) => !existsSync(join(DOCS_DIR, `${id}.md`))), []);
  });

  it('every docs page belongs to a rule', () => {
    const known = new Set(rules.map((r) => r.id));
    const pages = existsSync(DOCS_DIR) ? readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md')) : [];
    assert.deepEqual(pages.filter((f) => !known.has(f.slice(0, -3))), []);
  });

  it('every code detector has tests in test/detectors/<id>/ (data rules have their samples)', () => {
    const missing = rules
      .map((r) => r.id)
      .filter((id) => !ENGINE_RULES.has(id) && !dataRuleIds.has(id))
      .filter((id) => !existsSync(join(TESTS_DIR, id)) || readdirSync(join(TESTS_DIR, id)).length === 0);
    assert.deepEqual(missing, []);
    for (const p of PACKS) for (const r of p.rules) assert.ok(r.tests.match.length && r.tests.noMatch.length, r.id);
  });

  it('every detector file is registered and named after its id', async () => {
    const registered = new Set<Detector>(CODE_DETECTORS);
    const found = new Set<Detector>();
    const problems: string[] = [];
    for (const file of walk(DETECTORS_DIR, /\.ts$/)) {
      if (file === join(DETECTORS_DIR, 'index.ts')) continue;
      const mod = (await import(file)) as Record<string, unknown>;
      const detectors = Object.values(mod).filter(isDetector);
      const inHelpers = relative(DETECTORS_DIR, file).split(sep).slice(0, -1).some((d) => HELPER_DIRS.has(d));
      if (!detectors.length) {
        if (!inHelpers) problems.push(`${rel(file)} exports no detector (helpers belong in a shared/ folder)`);
        continue;
      }
      if (detectors.length > 1) problems.push(`${rel(file)} exports ${detectors.length} detectors; one per file`);
      for (const d of detectors) {
        found.add(d);
        if (basename(file, '.ts') !== d.id) problems.push(`${rel(file)} holds detector ${d.id}; name the file after its id`);
        if (!registered.has(d)) problems.push(`${rel(file)}: ${d.id} is not in CODE_DETECTORS (detectors/index.ts)`);
      }
    }
    for (const d of CODE_DETECTORS) if (!found.has(d)) problems.push(`${d.id} is registered but not exported from a file under detectors/`);
    assert.deepEqual(problems, []);
  });
});

/** One input of the corpus: a table case (with its table's services) or a fixture. */
interface Sample { code: string; path: string; language: LanguageId; files?: Record<string, string>; services?: Services }

const EXT: Partial<Record<LanguageId, string>> = { javascript: 'js', javascriptreact: 'jsx', typescript: 'ts', typescriptreact: 'tsx', python: 'py', yaml: 'yaml', json: 'json' };

/** Every input the detector tests use: the rule tables (ruleTester records them) and the fixtures. */
async function corpus(): Promise<Sample[]> {
  // Loading a table file records its table (mocha has usually loaded them already: then this is a no-op).
  for (const file of walk(TESTS_DIR, /\.test\.ts$/)) await import(file);
  const samples: Sample[] = [];
  for (const { language, table } of TABLES) {
    for (const v of [...table.valid, ...table.invalid]) {
      const c = typeof v === 'string' ? { code: v } : v;
      const lang = c.language ?? (c.path ? languageOf(c.path) : undefined) ?? language;
      samples.push({ code: c.code, path: c.path ?? `src/sample.${EXT[lang] ?? 'txt'}`, language: lang, files: c.files, services: { ...table.services?.(), ...c.services } });
    }
  }
  for (const file of walk(TESTS_DIR, /^(?!.*\.(ts|md)$)(?!.*\.fixed\.)/)) {
    const language = languageOf(file);
    if (language) samples.push({ code: readFileSync(file, 'utf8'), path: `src/${basename(file)}`, language });
  }
  return samples;
}

describe('meta: meta.needs is what each detector asks for', function () {
  // Runs every detector (both tiers) over every table case and fixture once more, recording its asks.
  this.timeout(300_000);

  it('no detector asks for a parser or fact it does not declare, or declares one it never asks for', async () => {
    const samples = await corpus();
    assert.ok(TABLES.length >= 40 && samples.length > 500, `corpus: ${TABLES.length} tables, ${samples.length} samples`);
    const engine = await testEngine();
    const used = new Map<Detector, Set<string>>();
    const onNeed = (d: Detector, need: string) => {
      if (!used.has(d)) used.set(d, new Set());
      used.get(d)!.add(need);
    };
    for (const s of samples) {
      const services = caseServices(s.path, s.code, s.files, s.services);
      await engine.analyzeTiers({ text: s.code, languageId: s.language, path: s.path }, services, { budgetMs: 5000, slowBudgetMs: 60_000, onNeed });
    }
    const problems: string[] = [];
    for (const d of engine.detectors) {
      const declared = new Set(d.meta.needs ?? []);
      const asked = used.get(d) ?? new Set<string>();
      for (const n of asked) if (!declared.has(n)) problems.push(`${d.id} asks for '${n}' without declaring it`);
      for (const n of declared) if (!asked.has(n)) problems.push(`${d.id} declares '${n}' but never asks for it on its test inputs`);
    }
    assert.deepEqual(problems, []);
  });
});

/** `{ registry: { enabled: true }, rules: {} }` -> `{ 'registry.enabled': true, rules: {} }`; empty objects are values. */
function flatten(o: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length) Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[prefix + k] = v;
  }
  return out;
}

interface SchemaProp { default?: unknown; properties?: Record<string, SchemaProp> }
function schemaDefaults(props: Record<string, SchemaProp>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === '$schema') continue;
    if (v.properties) Object.assign(out, schemaDefaults(v.properties, `${prefix}${k}.`));
    else out[prefix + k] = v.default;
  }
  return out;
}

describe('meta: settings stay in step', () => {
  const defaults = flatten(DEFAULT_SETTINGS as unknown as Record<string, unknown>);

  it('package.json contributes every vouch.* setting of DEFAULT_SETTINGS with the same default, and no other', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties as Record<string, SchemaProp>;
    const contributed = Object.fromEntries(
      Object.entries(props).filter(([k]) => k.startsWith('vouch.') && k !== 'vouch.trace.server').map(([k, v]) => [k.slice('vouch.'.length), v.default]),
    );
    assert.deepEqual(contributed, defaults);
  });

  it('media/schemas/vouch-config.schema.json has the same keys and defaults', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'media', 'schemas', 'vouch-config.schema.json'), 'utf8'));
    assert.deepEqual(schemaDefaults(schema.properties), defaults);
  });
});

describe('meta: agent tools stay in step', () => {
  it('package.json declares one language-model tool per agent tool, with the MCP description', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const declared = (pkg.contributes.languageModelTools as Array<{ name: string; modelDescription: string; inputSchema: { properties: object } }>);
    assert.deepEqual(declared.map((t) => t.name), AGENT_TOOLS.map((t) => LM_TOOL_NAMES[t]));
    for (const tool of AGENT_TOOLS) {
      const d = declared.find((t) => t.name === LM_TOOL_NAMES[tool])!;
      assert.equal(d.modelDescription, TOOL_DESCRIPTIONS[tool], tool);
      assert.ok(Object.keys(d.inputSchema.properties).length > 0, tool);
    }
  });
});

describe('meta: small files', () => {
  const lines = (f: string) => readFileSync(f, 'utf8').split('\n').length - (readFileSync(f, 'utf8').endsWith('\n') ? 1 : 0);

  it('detector sources are at most 150 lines', () => {
    const big = walk(DETECTORS_DIR, /\.ts$/).filter((f) => f !== join(DETECTORS_DIR, 'index.ts') && lines(f) > 150);
    assert.deepEqual(big.map((f) => `${rel(f)}: ${lines(f)}`), []);
  });

  it('other server, client and CLI modules are at most 400 lines', () => {
    const files = ['server/src', 'client/src', 'cli/src'].flatMap((d) => walk(join(ROOT, d), /\.ts$/)).filter((f) => !f.startsWith(DETECTORS_DIR + sep) || f === join(DETECTORS_DIR, 'index.ts'));
    const big = files.filter((f) => lines(f) > 400);
    assert.deepEqual(big.map((f) => `${rel(f)}: ${lines(f)}`), []);
  });
});
