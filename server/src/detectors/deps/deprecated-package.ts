// Flags packages whose registry entry is deprecated (`request`, `node-sass`…): assistants learnt from code
// written before the deprecation and keep suggesting them; the deprecation message names the replacement.
import type { AsyncDetectorContext, Detector } from '../../core/types';
import { DEPENDENCY_LANGUAGES } from './shared/languages';
import { dependencyVerdicts, reportVerdicts } from './shared/verdicts';

export const deprecatedPackage: Detector = {
  id: 'deprecated-package',
  meta: {
    title: 'Package deprecated on the registry',
    family: 'hallucinated-dependency',
    severity: 'warning',
    confidence: 'high',
    cwe: ['CWE-1104'],
    fixable: false,
    needs: [dependencyVerdicts.id],
  },
  languages: DEPENDENCY_LANGUAGES,
  runAsync: (ctx: AsyncDetectorContext) => reportVerdicts(ctx, 'deprecated'),
};
