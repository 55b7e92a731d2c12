// Reads rules/docs/<rule-id>.md for reports (SARIF help, HTML rule sections); cached, ids validated.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleDocs } from '../report/common';

const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** rules/docs next to the bundle (server/out, cli/out) or, when run from source, above server/src/<dir>. */
export function docsDir(): string {
  const candidates = [join(__dirname, '..', '..', 'rules', 'docs'), join(__dirname, '..', '..', '..', 'rules', 'docs')];
  return candidates.find((d) => existsSync(d)) ?? candidates[0];
}

export function ruleDocsFrom(dir: string): RuleDocs {
  const cache = new Map<string, string | undefined>();
  return (ruleId) => {
    if (!RULE_ID.test(ruleId)) return undefined;
    if (!cache.has(ruleId)) {
      let text: string | undefined;
      try {
        text = readFileSync(join(dir, `${ruleId}.md`), 'utf8');
      } catch {
        text = undefined;
      }
      cache.set(ruleId, text);
    }
    return cache.get(ruleId);
  };
}
