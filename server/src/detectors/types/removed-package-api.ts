// Flags uses of package APIs removed in a major version the workspace is on: assistants learned Express 3
// (`app.configure`, `express.bodyParser()`), Express 4 (`res.send(404, body)`, `req.param()`) and pre-7
// Mongoose (`Model.remove`, callbacks) from years of old code. Data: rules/removed-apis/npm.json.
import type { Detector } from '../../core/types';
import { REMOVED_TRIGGERS, removedApiUses } from './shared/removed-apis';
import { JS_TS, code } from './shared/type-facts';

export const removedPackageApi: Detector = {
  id: 'removed-package-api',
  meta: {
    title: 'Package API removed in the major version the workspace uses',
    family: 'phantom-api',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-1059'],
    fixable: true,
    needs: [removedApiUses.id],
  },
  languages: JS_TS,
  keywords: REMOVED_TRIGGERS,
  async runAsync(ctx) {
    for (const f of (await ctx.get(removedApiUses)) ?? []) {
      const e = f.entry;
      const message = `${code(f.subject)} was removed in ${f.pkg} ${e.removedIn}${e.restoredIn ? ` (until ${e.restoredIn})` : ''} and ${f.evidence}: use ${e.use}.`;
      ctx.report({ start: f.start, end: f.end, message, kind: f.kind, fix: f.fix, confidence: f.assumed ? 'low' : f.inferred ? 'medium' : 'high' });
    }
  },
};
