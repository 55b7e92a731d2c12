// Scores the missing-input-validation rules on marker-annotated files: per rule, expected findings
// found (true positives), missed (false negatives) and findings on lines marked for no rule or
// another rule (false positives). Shared by the held-out test and `npm run bench`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Engine } from '../../server/src/core/engine';
import { languageOf } from '../../server/src/core/languages';
import { MemoryProject } from '../../server/src/project/memory-project';
import { ProjectIndex } from '../../server/src/project/workspace-index';
import { parseMarkers } from '../detectors/markers';

export interface RuleScore { tp: number; fn: number; fp: number; recall: number; precision: number }

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/**
 * Both tiers, as the editor and the CLI run them, over a project of the suite's files (under `src/`): template rules
 * read the code that renders the template, in the slow tier.
 */
export async function score(engine: Engine, root: string, family = 'missing-input-validation'): Promise<{ rules: Map<string, RuleScore>; misses: string[] }> {
  const project = new MemoryProject(Object.fromEntries(files(root).map((f) => [`src/${relative(root, f).split('\\').join('/')}`, readFileSync(f, 'utf8')])));
  const services = { project, workspace: new ProjectIndex(project) };
  const counts = new Map<string, { tp: number; fn: number; fp: number }>();
  const at = (id: string) => counts.get(id) ?? (counts.set(id, { tp: 0, fn: 0, fp: 0 }), counts.get(id)!);
  const misses: string[] = [];
  for (const file of files(root)) {
    const languageId = languageOf(file);
    if (!languageId || file.endsWith('.md')) continue;
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file).split('\\').join('/');
    const found = (await engine.analyzeTiers({ text, languageId, path: `src/${rel}` }, services, { budgetMs: 5000 })).findings.filter((f) => f.family === family && !f.suppressed);
    const expected = new Set<string>();
    for (const m of parseMarkers(text)) {
      if (m.kind !== 'expect') continue;
      for (const id of m.ids) {
        expected.add(`${id}:${m.line}`);
        const hit = found.some((f) => f.ruleId === id && f.range.start.line + 1 === m.line);
        at(id)[hit ? 'tp' : 'fn']++;
        if (!hit) misses.push(`missed ${id} at ${rel}:${m.line}`);
      }
    }
    for (const f of found) {
      if (expected.has(`${f.ruleId}:${f.range.start.line + 1}`)) continue;
      at(f.ruleId).fp++;
      misses.push(`false alarm ${f.ruleId} at ${rel}:${f.range.start.line + 1}`);
    }
  }
  const rules = new Map([...counts].sort().map(([id, c]) => [id, { ...c, recall: c.tp / Math.max(1, c.tp + c.fn), precision: c.tp / Math.max(1, c.tp + c.fp) }]));
  return { rules, misses };
}

export function table(rules: Map<string, RuleScore>): string {
  const rows = [...rules].map(([id, s]) => `${id.padEnd(30)} ${String(s.tp).padStart(4)} ${String(s.fn).padStart(4)} ${String(s.fp).padStart(4)}  ${s.recall.toFixed(2)}  ${s.precision.toFixed(2)}`);
  const t = [...rules.values()].reduce((a, s) => ({ tp: a.tp + s.tp, fn: a.fn + s.fn, fp: a.fp + s.fp }), { tp: 0, fn: 0, fp: 0 });
  rows.push(`${'all rules'.padEnd(30)} ${String(t.tp).padStart(4)} ${String(t.fn).padStart(4)} ${String(t.fp).padStart(4)}  ${(t.tp / (t.tp + t.fn)).toFixed(2)}  ${(t.tp / (t.tp + t.fp)).toFixed(2)}`);
  return [`${'rule'.padEnd(30)}   tp   fn   fp  recall  precision`, ...rows].join('\n');
}
