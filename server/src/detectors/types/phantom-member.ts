// Flags members and named imports that the installed typings of a package (or Node's built-ins) do
// not have: assistants invent plausible APIs (`fs.readFileAsync`, `path.joinPaths`) that are undefined.
import type { Detector } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { IMPORT_KEYWORDS, JS_TS, code, didYouMean, apiFacts, typeFacts } from './shared/type-facts';

export const phantomMember: Detector = {
  id: 'phantom-member',
  meta: { ...RULE_META['phantom-member'], needs: [apiFacts.id] },
  languages: JS_TS,
  keywords: IMPORT_KEYWORDS,
  async runAsync(ctx) {
    for (const f of await typeFacts(ctx, ['missing-member', 'missing-export'])) {
      const message = f.kind === 'missing-export'
        ? `${code(f.subject)} is not exported by the installed ${code(f.module)} typings${didYouMean(f)}, so the import is undefined at run time.`
        : `${code(f.subject)} does not exist in the installed ${code(f.module)} typings${didYouMean(f)}, so it is undefined at run time.`;
      ctx.report({ start: f.start, end: f.end, message });
    }
  },
};
