// Flags keys in an options object that the installed typings of the called package or Node API do
// not declare; assistants invent option names (`{ hots: … }`, `{ timeoutMs: … }`) that are silently ignored.
import type { Detector } from '../../core/types';
import { IMPORT_KEYWORDS, JS_TS, code, didYouMean, apiFacts, typeFacts } from './shared/type-facts';

export const unknownOptionKey: Detector = {
  id: 'unknown-option-key',
  meta: {
    title: 'Unknown option key for an installed API',
    family: 'phantom-api',
    severity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-628'],
    needs: [apiFacts.id],
  },
  languages: JS_TS,
  keywords: IMPORT_KEYWORDS,
  async runAsync(ctx) {
    for (const f of await typeFacts(ctx, ['unknown-option'])) {
      const callee = f.callee ? ` of ${code(f.callee)}` : '';
      const message = `${code(f.subject)} is not an option${callee} in the installed ${code(f.module)} typings${didYouMean(f)}, so it is silently ignored.`;
      ctx.report({ start: f.start, end: f.end, message });
    }
  },
};
