// Flags uses of APIs marked `@deprecated` in the installed typings of a package or of Node itself;
// assistants learned from years-old code and keep suggesting `url.parse`, `new Buffer()`, `fs.exists`.
import type { Detector } from '../../core/types';
import { IMPORT_KEYWORDS, JS_TS, code, apiFacts, typeFacts } from './shared/type-facts';

/** `since v10.0.0 - Use {@link stat} or `access` instead.` -> `use stat or `access` instead` */
export function replacementOf(deprecation: string): string | undefined {
  const text = deprecation
    .replace(/\{@link(?:code|plain)?\s+([^}|\s]+)[^}]*\}/g, '`$1`')
    .replace(/\s+/g, ' ')
    .trim();
  const use = /\b(?:use|prefer|replaced by)\b\s+(.+?)(?:\s+instead)?\s*\.?$/i.exec(text);
  if (use) return `use ${use[1].replace(/\.$/, '')} instead`;
  const rest = text.replace(/^(?:since\s+)?v?\d+(?:\.\d+)*\s*[-:,]?\s*/i, '').replace(/\.$/, '');
  return rest && !/^deprecated$/i.test(rest) ? rest.charAt(0).toLowerCase() + rest.slice(1) : undefined;
}

export const deprecatedApi: Detector = {
  id: 'deprecated-api',
  meta: {
    title: 'Deprecated API in the installed typings',
    family: 'phantom-api',
    severity: 'warning',
    confidence: 'high',
    cwe: ['CWE-477'],
    needs: [apiFacts.id],
  },
  languages: JS_TS,
  keywords: IMPORT_KEYWORDS,
  async runAsync(ctx) {
    for (const f of await typeFacts(ctx, ['deprecated'])) {
      const replacement = f.deprecation ? replacementOf(f.deprecation) : undefined;
      const message = `${code(f.subject)} is deprecated in the installed ${code(f.module)} typings${replacement ? `: ${replacement}` : ', and may be removed in a later version'}.`;
      ctx.report({ start: f.start, end: f.end, message });
    }
  },
};
