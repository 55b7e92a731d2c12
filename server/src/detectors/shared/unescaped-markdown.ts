// unescaped-template-output, outside templates: `innerHTML = marked(text)` and `__html: marked(text)`.
// marked turns Markdown into HTML and never sanitises it (its `sanitize` option is gone).
import type { DetectorContext } from '../../core/types';

/** Markdown rendered to HTML with marked straight into the page, with no sanitiser in the file. */
const MARKED_TO_HTML = /(?:\.innerHTML\s*=|\b__html\s*:)\s*(?:await\s+)?marked(?:\.parse)?\s*\(\s*(?!['"`)])/g;
const SANITISER = /purify|sanitiz|sanitis|\bxss\b|insane|escape/i;

/** `innerHTML = marked(text)`: marked's output is raw HTML (its `sanitize` option is gone); low confidence, as the text may be the app's own. */
export function markdown(ctx: DetectorContext): void {
  if (SANITISER.test(ctx.text)) return;
  for (const m of ctx.text.matchAll(MARKED_TO_HTML)) {
    ctx.checkBudget();
    ctx.report({
      start: m.index!, end: m.index! + m[0].length, kind: 'markdown-unsanitised', severity: 'info', confidence: 'low',
      message: 'marked turns this Markdown into HTML without sanitising it, so any `<script>` or `onerror=` in the text runs in the page; pass the output through DOMPurify (or sanitize-html) first.',
    });
  }
}
