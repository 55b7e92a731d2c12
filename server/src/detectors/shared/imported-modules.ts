// The workspace modules a file imports, for rules whose answer in one file depends on another (a route storing or
// sending through a model defined in `models/User.js`). The fast tier only lists the specifiers; the slow tier
// resolves them through the workspace index and tests each module's text once per content (memoised per key).
import type { AsyncDetectorContext, DetectorContext } from '../../core/types';

/** Relative JS imports (`require('../models/User.js')`, `import User from './user'`) and Python `from x import`. */
export function localImports(ctx: DetectorContext): string[] {
  const out = new Set<string>();
  if (ctx.languageId === 'python') for (const m of ctx.text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import\b/gm)) out.add(m[1]);
  else for (const m of ctx.text.matchAll(/(?:\brequire\(\s*|\bfrom\s+|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) out.add(m[1]);
  return [...out];
}

/**
 * Whether a workspace module the file imports passes `test` (one level deep; installed packages are not read).
 * `key` identifies the test in the workspace memo: one constant object per test.
 */
export function someImportedModule(ctx: AsyncDetectorContext, imports: readonly string[], key: object, test: (text: string) => boolean): boolean {
  const ws = ctx.services.workspace;
  if (!ws) return false;
  const language = ctx.languageId === 'python' ? 'python' : 'js';
  return imports.some((spec) => {
    const file = ws.resolve(ctx.path, spec, language);
    return !!file && file !== ctx.path && ws.derived(file, key, test) === true;
  });
}
