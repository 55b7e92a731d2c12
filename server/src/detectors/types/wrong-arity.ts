// Flags calls to package or Node APIs with a number of arguments their installed typings never accept;
// assistants mix up signatures across versions and libraries (`fs.readFileSync()`, `createHash()`).
import type { Detector } from '../../core/types';
import { coveredByRemoved, removedApiUses } from './shared/removed-apis';
import { IMPORT_KEYWORDS, JS_TS, code, apiFacts, typeFacts } from './shared/type-facts';

export const wrongArity: Detector = {
  id: 'wrong-arity',
  meta: {
    title: 'Wrong number of arguments to an installed API',
    family: 'phantom-api',
    severity: 'warning',
    confidence: 'high',
    cwe: ['CWE-628'],
    needs: [apiFacts.id, removedApiUses.id],
  },
  languages: JS_TS,
  keywords: IMPORT_KEYWORDS,
  async runAsync(ctx) {
    const facts = await typeFacts(ctx, ['arity']);
    // A signature the package removed (`res.send(404, body)` on Express 5) is removed-package-api's.
    const removed = facts.length ? await ctx.get(removedApiUses) : undefined;
    for (const f of facts) {
      if (coveredByRemoved(removed, f.start, f.end)) continue;
      const n = f.expected === '1' ? 'argument' : 'arguments';
      const message = `${code(f.subject)} expects ${f.expected} ${n} in the installed ${code(f.module)} typings; the call passes ${f.got}.`;
      ctx.report({ start: f.start, end: f.end, message });
    }
  },
};
