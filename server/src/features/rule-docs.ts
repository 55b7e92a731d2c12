// Serves rules/docs/<rule-id>.md to the client (shown as a Markdown preview).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../core/engine';
import type { RuleDocParams, RuleDocResult } from '../protocol';

export function docsDir(): string {
  return join(__dirname, '..', '..', 'rules', 'docs');
}

export function ruleDoc(engine: Engine, params: RuleDocParams): RuleDocResult | null {
  const rule = engine.rule(params.ruleId);
  if (!rule || !/^[a-z0-9-]+$/.test(params.ruleId)) return null;
  let markdown: string;
  try {
    markdown = readFileSync(join(docsDir(), `${params.ruleId}.md`), 'utf8');
  } catch {
    markdown = `# ${rule.meta.title}\n\nFamily: ${rule.meta.family}. No documentation page ships for this rule yet.`;
  }
  return { ruleId: rule.id, title: rule.meta.title, markdown };
}
