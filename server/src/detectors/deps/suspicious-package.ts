// Flags packages that exist but look like a trap: first published days ago, one or two versions with few
// downloads, or one typo away from a popular package. Assistants misspell names (`reqeusts`, `expresss`)
// and confuse scopes; squatters publish exactly those names.
import type { AsyncDetectorContext, Detector } from '../../core/types';
import { DEPENDENCY_LANGUAGES } from './shared/languages';
import { dependencyVerdicts, reportVerdicts } from './shared/verdicts';

export const suspiciousPackage: Detector = {
  id: 'suspicious-package',
  meta: {
    title: 'Suspicious package: new, barely used or a near miss of a popular name',
    family: 'hallucinated-dependency',
    severity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-1357'],
    fixable: true,
    needs: [dependencyVerdicts.id],
  },
  languages: DEPENDENCY_LANGUAGES,
  runAsync: (ctx: AsyncDetectorContext) => reportVerdicts(ctx, 'suspicious'),
};
