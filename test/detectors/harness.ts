// Table tests for one rule (valid/invalid, as typescript-eslint's RuleTester) and fixture markers.
import assert from 'node:assert/strict';
import type { AnalyzeOptions } from '../../server/src/core/engine';
import type { Finding, LanguageId, OffsetEdit } from '../../server/src/core/types';
import { languageOf } from '../../server/src/core/languages';
import { testEngine } from '../engine';

export interface Case {
  code: string;
  /** Defaults to the table's language, or the one implied by `path`. */
  language?: LanguageId;
  /** Workspace-relative path; defaults to `src/sample.<ext>` (not a test path). */
  path?: string;
  name?: string;
}

export interface InvalidCase extends Case {
  /** Expected findings of this rule: count, or 1-based line (and column) of each. */
  errors: number | Array<{ line: number; column?: number }>;
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

export async function findingsOf(ruleId: string, c: Case, defaultLanguage: LanguageId, options: AnalyzeOptions = {}): Promise<Finding[]> {
  const engine = await testEngine();
  const language = c.language ?? (c.path ? languageOf(c.path) : undefined) ?? defaultLanguage;
  const path = c.path ?? defaultPath(language);
  const r = engine.analyze({ text: c.code, languageId: language, path }, { budgetMs: 5000, ...options });
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

export function ruleTester(ruleId: string, defaultLanguage: LanguageId, cases: { valid: Array<string | Case>; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    describe('valid', () => {
      for (const v of cases.valid) {
        const c = typeof v === 'string' ? { code: v } : v;
        it(label(c), async () => {
          const found = await findingsOf(ruleId, c, defaultLanguage);
          assert.deepEqual(found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`), []);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(label(c), async () => {
          const found = await findingsOf(ruleId, c, defaultLanguage);
          if (typeof c.errors === 'number') {
            assert.equal(found.length, c.errors, `expected ${c.errors} finding(s) of ${ruleId}`);
          } else {
            const got = found.map((f) => ({ line: f.range.start.line + 1, column: f.range.start.character + 1 }));
            const want = c.errors.map((e, i) => ({ line: e.line, column: e.column ?? got[i]?.column }));
            assert.deepEqual(got, want);
          }
          if (c.output !== undefined) {
            const edits = found.flatMap((f) => f.fix?.edits ?? []);
            assert.ok(edits.length > 0, `expected a fix for ${ruleId}`);
            assert.equal(applyEdits(c.code, edits), c.output);
          }
        });
      }
    });
  });
}
