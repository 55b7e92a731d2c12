// Flags imports, manifest entries and install commands naming a package the registry has never heard of:
// assistants invent plausible names (about one in five suggestions in published studies), and attackers
// register them (slopsquatting).
import type { AsyncDetectorContext, Detector } from '../../core/types';
import { DEPENDENCY_LANGUAGES } from './shared/languages';
import { dependencyVerdicts, reportVerdicts } from './shared/verdicts';

export const nonexistentPackage: Detector = {
  id: 'nonexistent-package',
  meta: {
    title: 'Package that does not exist on the registry',
    family: 'hallucinated-dependency',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-1357'],
    fixable: true,
    needs: [dependencyVerdicts.id],
  },
  languages: DEPENDENCY_LANGUAGES,
  runAsync: (ctx: AsyncDetectorContext) => reportVerdicts(ctx, 'nonexistent'),
};
