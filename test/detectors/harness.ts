// Table tests for one rule (valid/invalid, as typescript-eslint's RuleTester) and fixture markers.
// Slow-tier rules (a detector with `runAsync`) run through both tiers with the table's services.
import assert from 'node:assert/strict';
import type { AnalyzeOptions, Engine } from '../../server/src/core/engine';
import type { Finding, LanguageId, OffsetEdit, Services } from '../../server/src/core/types';
import { languageOf } from '../../server/src/core/languages';
import { MemoryProject } from '../../server/src/project/memory-project';
import { ProjectIndex } from '../../server/src/project/workspace-index';
import { testEngine } from '../engine';
import { recordTable } from './corpus';

export interface Case {
  code: string;
  /** Defaults to the table's language, or the one implied by `path`. */
  language?: LanguageId;
  /** Workspace-relative path; defaults to `src/sample.<ext>` (not a test path). */
  path?: string;
  name?: string;
  /** Slow tier: other files of the project (workspace-relative), seen by the project service with this one. */
  files?: Record<string, string>;
  /** Slow tier: services for this case, over the table's. */
  services?: Services;
}

/** A table: cases, and for slow-tier rules the services every case starts from (made per case). */
export interface Table {
  valid: Array<string | Case>;
  invalid: InvalidCase[];
  services?: () => Services;
}

/** One expected finding: 1-based start (and end) position, and optionally its message kind, severity and confidence. */
export interface ExpectedFinding {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  kind?: string;
  severity?: string;
  confidence?: string;
}

export interface InvalidCase extends Case {
  /** Expected findings of this rule: count, or where each is (full span and kind in new tables). */
  errors: number | ExpectedFinding[];
  /** Text after applying this rule's fixes (all findings), when the rule is fixable. */
  output?: string;
}

const EXT: Partial<Record<LanguageId, string>> = {
  javascript: 'js', javascriptreact: 'jsx', typescript: 'ts', typescriptreact: 'tsx', python: 'py', json: 'json',
  yaml: 'yaml', dotenv: 'env', dockerfile: 'Dockerfile', terraform: 'tf', shellscript: 'sh', markdown: 'md', plaintext: 'txt',
};

function defaultPath(lang: LanguageId): string {
  const ext = EXT[lang] ?? 'txt';
  if (lang === 'dotenv') return '.env';
  if (lang === 'dockerfile') return 'Dockerfile';
  return `src/sample.${ext}`;
}

/** A case's services as the host would give them: its project (its files) and the workspace index over it. */
export function caseServices(path: string, code: string, files: Record<string, string> = {}, extra: Services = {}): Services {
  const project = new MemoryProject({ ...files, [path]: code });
  return { project, workspace: new ProjectIndex(project), ...extra };
}

/** Whether `ruleId` is reported by the slow tier (a detector with `runAsync`). */
export function isSlowRule(engine: Engine, ruleId: string): boolean {
  return engine.detectors.some((d) => d.runAsync && (d.id === ruleId || d.ruleIds?.includes(ruleId)));
}

export async function findingsOf(ruleId: string, c: Case, defaultLanguage: LanguageId, options: AnalyzeOptions = {}, table: Pick<Table, 'services'> = {}): Promise<Finding[]> {
  const engine = await testEngine();
  const language = c.language ?? (c.path ? languageOf(c.path) : undefined) ?? defaultLanguage;
  const path = c.path ?? defaultPath(language);
  const input = { text: c.code, languageId: language, path };
  const opts: AnalyzeOptions = { budgetMs: 5000, slowBudgetMs: 60_000, ...options };
  const r = isSlowRule(engine, ruleId)
    ? await engine.analyzeTiers(input, caseServices(path, c.code, c.files, { ...table.services?.(), ...c.services }), opts)
    : engine.analyze(input, opts);
  const errors = r.notices.filter((n) => n.kind === 'detector-error' || n.kind === 'detector-timeout');
  assert.deepEqual(errors, [], `detector notices for ${ruleId}`);
  return r.findings.filter((f) => f.ruleId === ruleId && !f.suppressed);
}

export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function label(c: Case): string {
  return c.name ?? c.code.split('\n').find((l) => l.trim())?.trim().slice(0, 70) ?? '(empty)';
}

export function ruleTester(ruleId: string, defaultLanguage: LanguageId, cases: Table): void {
  recordTable(ruleId, defaultLanguage, cases);
  describe(ruleId, function () {
    // A slow-tier table's first type check parses Node's declarations (cold); later ones reuse them.
    if (cases.services) this.timeout(90_000);
    describe('valid', () => {
      for (const v of cases.valid) {
        const c = typeof v === 'string' ? { code: v } : v;
        it(label(c), async () => {
          const found = await findingsOf(ruleId, c, defaultLanguage, {}, cases);
          assert.deepEqual(found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`), []);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(label(c), async () => {
          const found = await findingsOf(ruleId, c, defaultLanguage, {}, cases);
          if (typeof c.errors === 'number') {
            assert.equal(found.length, c.errors, `expected ${c.errors} finding(s) of ${ruleId}`);
          } else {
            // Compare only the fields each expectation states, so older tables (line, column) keep working.
            const want = c.errors;
            const got = found.map((f, i) => {
              const e = want[i] ?? { line: 0 };
              const shown: ExpectedFinding = { line: f.range.start.line + 1 };
              if (e.column !== undefined) shown.column = f.range.start.character + 1;
              if (e.endLine !== undefined) shown.endLine = f.range.end.line + 1;
              if (e.endColumn !== undefined) shown.endColumn = f.range.end.character + 1;
              if (e.kind !== undefined) shown.kind = f.kind;
              if (e.severity !== undefined) shown.severity = f.severity;
              if (e.confidence !== undefined) shown.confidence = f.confidence;
              return shown;
            });
            assert.deepEqual(got, want);
          }
          if (c.output !== undefined) {
            const edits = found.flatMap((f) => f.fix?.edits ?? []);
            assert.ok(edits.length > 0, `expected a fix for ${ruleId}`);
            assert.equal(applyEdits(c.code, edits), c.output);
            // Fixes that ask to be verified must clear their own finding (the host checks before offering them).
            const engine = await testEngine();
            const language = c.language ?? (c.path ? languageOf(c.path) : undefined) ?? defaultLanguage;
            for (const f of found.filter((x) => x.fix?.verify)) {
              assert.ok(engine.verifyFix({ text: c.code, languageId: language, path: c.path ?? defaultPath(language) }, f, { budgetMs: 5000 }), `the fix for ${ruleId} does not clear it`);
            }
          }
        });
      }
    });
  });
}

/**
 * The expected finding that spans `text` in `code` (its `nth` occurrence, 0-based, or the one ending
 * `after` a prefix): tables name the flagged expression instead of counting columns by hand.
 */
export function at(code: string, text: string, kind?: string, nth: number | { after: string } = 0): ExpectedFinding {
  let start = -1;
  if (typeof nth === 'object') start = code.indexOf(text, code.indexOf(nth.after) + nth.after.length - text.length);
  else for (let i = 0; i <= nth; i++) start = code.indexOf(text, start + 1);
  if (start < 0) throw new Error(`\`${text}\` not found in the case`);
  const pos = (offset: number) => {
    const before = code.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const s = pos(start);
  const e = pos(start + text.length);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column, ...(kind ? { kind } : {}) };
}

/** An invalid case with one finding, spanning `text` (its `nth` occurrence) in the code. */
export function flagged(c: Omit<InvalidCase, 'errors'>, text: string, nth = 0): InvalidCase {
  return { ...c, errors: [at(c.code, text, undefined, nth)] };
}
