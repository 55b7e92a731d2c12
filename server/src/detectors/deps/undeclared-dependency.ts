// Flags imports of packages the nearest package.json / requirements / pyproject does not declare: assistants
// import what happens to be installed (a transitive dependency) or what they expect to exist, and the next
// fresh install breaks.
import type { AsyncDetectorContext, Detector } from '../../core/types';
import { DEPENDENCY_LANGUAGES } from './shared/languages';
import { dependencyVerdicts, reportVerdicts } from './shared/verdicts';

export const undeclaredDependency: Detector = {
  id: 'undeclared-dependency',
  meta: {
    title: 'Import not declared in the project manifest',
    family: 'hallucinated-dependency',
    severity: 'warning',
    confidence: 'high',
    cwe: ['CWE-1104'],
    fixable: true,
    needs: [dependencyVerdicts.id],
  },
  languages: DEPENDENCY_LANGUAGES,
  runAsync: (ctx: AsyncDetectorContext) => reportVerdicts(ctx, 'undeclared'),
};
