// Serves rules/docs/<rule-id>.md to the client (shown as a Markdown preview).
import type { Engine } from '../core/engine';
import type { RuleDocParams, RuleDocResult } from '../protocol';
import { docsDir, ruleDocsFrom } from '../scan/rule-docs';

const docs = ruleDocsFrom(docsDir());

export function ruleDoc(engine: Engine, params: RuleDocParams): RuleDocResult | null {
  const rule = engine.rule(params.ruleId);
  if (!rule) return null;
  const markdown = docs(params.ruleId) ?? `# ${rule.meta.title}\n\nFamily: ${rule.meta.family}. No documentation page ships for this rule yet.`;
  return { ruleId: rule.id, title: rule.meta.title, markdown };
}
