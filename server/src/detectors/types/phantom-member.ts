// Flags members and named imports that the installed typings of a package (or Node's built-ins) do
// not have: assistants invent plausible APIs (`fs.readFileAsync`, `path.joinPaths`) that are undefined.
// Packages that are not installed are checked against the bundled API facts of popular npm packages.
import type { Detector } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { FIXTURE_DATA } from '../shared/member-check-waived';
import { offlineApiFacts, type OfflineFact } from './shared/offline-api';
import { coveredByRemoved, removedApiUses } from './shared/removed-apis';
import { IMPORT_KEYWORDS, JS_TS, code, didYouMean, apiFacts, typeFacts } from './shared/type-facts';

// A declaration file loads nothing at run time: a missing name there breaks type-checking, for the package and its users.
const DECLARATIONS = /\.d\.[cm]?ts$/;
const effect = (path: string, atRunTime: string) => DECLARATIONS.test(path) ? 'so these typings fail to type-check (a declaration file: nothing runs)' : atRunTime;

function offlineMessage(f: OfflineFact, path: string): string {
  const hint = f.suggestion ? ` (did you mean ${code(f.suggestion)}?)` : f.elsewhere ? ` (only ${code(f.elsewhere)} has it)` : '';
  if (f.source === 'fetch') return `${code(f.subject)} is not a member of the \`Response\` that \`fetch\` resolves to${hint}, so it is undefined at run time (bundled API facts).`;
  const what = f.kind === 'offline-export' ? 'is not exported by' : 'does not exist in';
  return `${code(f.subject)} ${what} ${code(f.source)}${hint}, ${effect(path, 'so it is undefined at run time')} (checked against Vouch's bundled API facts, not installed typings: the package is not installed here).`;
}

/**
 * Whether a `// @ts-ignore` or `// @ts-expect-error` stands above the line of `pos`, over blank and comment lines only, as
 * TypeScript reads it. The type checker then keeps quiet about an installed package; the author bypassed the typings on
 * purpose (a test reads a member its mock adds: graphql-passport's `passport.authenticateMiddleware`), so the offline
 * facts show it at low confidence rather than alarm about it.
 */
export function underTsDirective(text: string, pos: number): boolean {
  let end = text.lastIndexOf('\n', pos - 1);
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (/^(?:\/\/|\/\*)\s*@ts-(?:ignore|expect-error)\b/.test(line)) return true;
    if (line && !/^(?:\/\/|\/\*|\*)/.test(line)) return false;
    end = start - 1;
  }
  return false;
}

/**
 * Whether a member missing from hand-written typings alone is only read (re-exported, compared, stored), not called or
 * constructed, with no near name: nothing says it is invented (mongojs re-exports `mongodb.Symbol`, which mongodb 3 has at
 * run time and @types/mongodb@3 leaves out). An invented API is called (`jwt.verifyToken(…)`), which keeps its confidence.
 */
function unprovenRead(text: string, f: OfflineFact): boolean {
  return !!f.handTyped && !f.suggestion && f.kind === 'offline-member' && !/^\s*(?:\?\.\s*)?[(`]/.test(text.slice(f.end, f.end + 40));
}

export const phantomMember: Detector = {
  id: 'phantom-member',
  meta: { ...RULE_META['phantom-member'], needs: [apiFacts.id, offlineApiFacts.id, removedApiUses.id] },
  languages: JS_TS,
  // `fetch`: a Response read offline (`res.data`) needs no import.
  keywords: [...IMPORT_KEYWORDS, 'fetch'],
  async runAsync(ctx) {
    const imports = IMPORT_KEYWORDS.some((k) => ctx.text.includes(k));
    const typed = new Set<number>();
    // An API the package removed in the workspace's major is removed-package-api's (with its replacement).
    const removed = await ctx.get(removedApiUses);
    for (const f of imports ? await typeFacts(ctx, ['missing-member', 'missing-export']) : []) {
      typed.add(f.start);
      if (coveredByRemoved(removed, f.start, f.end)) continue;
      const message = f.kind === 'missing-export'
        ? `${code(f.subject)} is not exported by the installed ${code(f.module)} typings${didYouMean(f)}, ${effect(ctx.path, 'so the import is undefined at run time')}.`
        : `${code(f.subject)} does not exist in the installed ${code(f.module)} typings${didYouMean(f)}, ${effect(ctx.path, 'so it is undefined at run time')}.`;
      ctx.report({ start: f.start, end: f.end, message, confidence: FIXTURE_DATA.test(ctx.path) ? 'low' : undefined });
    }
    // Installed typings win: the offline facts cover only packages without declarations in node_modules
    // (and a place the type checker reported, with typings found above the workspace, is its alone).
    for (const f of (await ctx.get(offlineApiFacts)) ?? []) {
      if (typed.has(f.start) || coveredByRemoved(removed, f.start, f.end)) continue;
      ctx.report({ start: f.start, end: f.end, message: offlineMessage(f, ctx.path), kind: f.kind, confidence: underTsDirective(ctx.text, f.start) || FIXTURE_DATA.test(ctx.path) || f.guessed || unprovenRead(ctx.text, f) ? 'low' : (f.elsewhere && !f.handTyped) || f.suggestion ? 'high' : 'medium' });
    }
  },
};
