// Flags imports of packages the nearest package.json / requirements / pyproject does not declare: assistants
// import what happens to be installed (a transitive dependency) or what they expect to exist, and the next
// fresh install breaks.
import type { AsyncDetectorContext, Detector } from '../../core/types';
import { DEPENDENCY_LANGUAGES } from './shared/languages';
import { dependencyVerdicts } from './shared/verdicts';

export const undeclaredDependency: Detector = {
  id: 'undeclared-dependency',
  meta: {
    title: 'Import not declared in the project manifest',
    family: 'hallucinated-dependency',
    severity: 'warning',
    confidence: 'high',
    cwe: ['CWE-1104'],
    fixable: true,
    needs: ['js', 'python'],
  },
  languages: DEPENDENCY_LANGUAGES,
  async runAsync(ctx: AsyncDetectorContext) {
    for (const v of await dependencyVerdicts(ctx)) {
      if (v.kind !== 'undeclared') continue;
      ctx.report({ start: v.ref.start, end: v.ref.end, message: v.message, fix: v.fix, confidence: v.confidence });
    }
  },
};
