// Flags imports, manifest entries and install commands naming a package the registry has never heard of:
// assistants invent plausible names (about one in five suggestions in published studies), and attackers
// register them (slopsquatting).
import type { AsyncDetectorContext, Detector } from '../../core/types';
import { DEPENDENCY_LANGUAGES } from './shared/languages';
import { dependencyVerdicts } from './shared/verdicts';

export const nonexistentPackage: Detector = {
  id: 'nonexistent-package',
  meta: {
    title: 'Package that does not exist on the registry',
    family: 'hallucinated-dependency',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-1357'],
    fixable: true,
    needs: ['js', 'python'],
  },
  languages: DEPENDENCY_LANGUAGES,
  async runAsync(ctx: AsyncDetectorContext) {
    for (const v of await dependencyVerdicts(ctx)) {
      if (v.kind !== 'nonexistent') continue;
      ctx.report({ start: v.ref.start, end: v.ref.end, message: v.message, fix: v.fix, confidence: v.confidence });
    }
  },
};
