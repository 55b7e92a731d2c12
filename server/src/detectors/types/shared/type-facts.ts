// Shared by the phantom-api detectors: the `api-facts` fact asks the injected `types` service for the
// API facts of this file once per file version (the engine memoises it), and words the common parts
// of messages.
import type { ApiFact, TypeService } from '../../../core/services';
import { TYPES } from '../../../core/services';
import type { AsyncDetectorContext, LanguageId, SlowFact } from '../../../core/types';

export const JS_TS: readonly LanguageId[] = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];
/** Only files that import something can use an imported API. */
export const IMPORT_KEYWORDS = ['import', 'require'] as const;

/** Every fact the installed typings give about this file (one warm type check per file version). */
export const apiFacts: SlowFact<readonly ApiFact[]> = {
  id: 'api-facts',
  async compute(ctx) {
    const service = ctx.services[TYPES] as TypeService | undefined;
    if (!service || ctx.signal?.aborted) return [];
    return (await service.check({ path: ctx.path, text: ctx.text }, ctx.signal)) ?? [];
  },
};

export async function typeFacts(ctx: AsyncDetectorContext, kinds: ReadonlyArray<ApiFact['kind']>): Promise<ApiFact[]> {
  const facts = await ctx.get(apiFacts);
  if (!facts || ctx.signal?.aborted) return [];
  return facts.filter((f) => kinds.includes(f.kind));
}

export const code = (s: string) => '`' + s.replace(/`/g, '') + '`';

export function didYouMean(f: ApiFact): string {
  return f.suggestion ? ` (did you mean ${code(f.suggestion)}?)` : '';
}
