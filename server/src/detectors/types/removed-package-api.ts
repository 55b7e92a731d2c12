// Flags uses of package APIs removed in a release the workspace is on: assistants learned Express 3
// (`app.configure`, `express.bodyParser()`), Express 4 (`res.send(404, body)`, `req.param()`), pre-7
// Mongoose (`Model.remove`, callbacks), Django 1.x–3.x (`force_text`, `ugettext_lazy`, `url()`, `request.is_ajax()`) and
// Flask/Werkzeug 2.x (`from flask import escape`, `werkzeug.urls.url_quote`, `safe_str_cmp`)
// from years of old code. Data: rules/removed-apis/npm.json and pypi.json; extracted per language, decided here.
import type { Detector, Fix } from '../../core/types';
import { REMOVED_TRIGGERS, removedApiUses } from './shared/removed-apis';
import { removedPyUses } from './shared/removed-python';
import { JS_TS, code } from './shared/type-facts';

/** One removed API in use, whatever the language: what the message and the policy read. */
interface Removal {
  start: number;
  end: number;
  kind: string;
  subject: string;
  pkg: string;
  removedIn: string;
  restoredIn?: number;
  use: string;
  evidence: string;
  assumed: boolean;
  inferred: boolean;
  fix?: Fix;
  severity?: 'error' | 'warning';
}

export const removedPackageApi: Detector = {
  id: 'removed-package-api',
  meta: {
    title: 'Package API removed in the release the workspace uses',
    family: 'phantom-api',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-1059'],
    fixable: true,
    needs: [removedApiUses.id, removedPyUses.id],
  },
  languages: [...JS_TS, 'python'],
  keywords: [...REMOVED_TRIGGERS, 'django', 'flask', 'werkzeug', 'openai', 'pydantic'],
  async runAsync(ctx) {
    const found: Removal[] = ctx.languageId === 'python'
      ? ((await ctx.get(removedPyUses)) ?? []).map((f) => ({
        ...f, kind: f.entry.member === '*' ? 'removed-module' : f.entry.on === 'setting' || f.entry.on === 'flask-config' ? 'removed-setting' : 'removed-member',
        removedIn: f.entry.removedIn, use: f.entry.use, assumed: false, inferred: false, severity: f.entry.severity,
      }))
      : ((await ctx.get(removedApiUses)) ?? []).map((f) => ({ ...f, removedIn: String(f.entry.removedIn), restoredIn: f.entry.restoredIn, use: f.entry.use }));
    for (const f of found) {
      const message = `${code(f.subject)} was removed in ${f.pkg} ${f.removedIn}${f.restoredIn ? ` (until ${f.restoredIn})` : ''} and ${f.evidence}: use ${f.use}.`;
      ctx.report({ start: f.start, end: f.end, message, kind: f.kind, fix: f.fix, confidence: f.assumed ? 'low' : f.inferred ? 'medium' : 'high', ...(f.severity ? { severity: f.severity } : {}) });
    }
  },
};
