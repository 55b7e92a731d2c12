// Shared by the phantom-api detectors: asks the injected `types` service (one warm type check per
// edit, cached per text) for the API facts of this file, and words the common parts of messages.
import type { ApiFact, TypeService } from '../../../core/services';
import { TYPES } from '../../../core/services';
import type { AsyncDetectorContext, LanguageId } from '../../../core/types';

export const JS_TS: readonly LanguageId[] = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];
/** Only files that import something can use an imported API. */
export const IMPORT_KEYWORDS = ['import', 'require'] as const;

export async function typeFacts(ctx: AsyncDetectorContext, kinds: ReadonlyArray<ApiFact['kind']>): Promise<ApiFact[]> {
  const service = ctx.services[TYPES] as TypeService | undefined;
  if (!service || ctx.signal?.aborted) return [];
  const facts = await service.check({ path: ctx.path, text: ctx.text }, ctx.signal);
  if (!facts || ctx.signal?.aborted) return [];
  return facts.filter((f) => kinds.includes(f.kind));
}

export const code = (s: string) => '`' + s.replace(/`/g, '') + '`';

export function didYouMean(f: ApiFact): string {
  return f.suggestion ? ` (did you mean ${code(f.suggestion)}?)` : '';
}
