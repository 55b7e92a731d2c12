// How long the editor waits after an edit before analysing (the debounce), per document. Rules:
// - A bulk insert (an accepted completion, a paste, an agent's write: many characters at once) is
//   analysed at once: it is the moment Vouch exists for, and no keystroke follows it soon.
// - Otherwise the wait follows what the last analysis of the document cost: a few times its compute
//   time, so small files answer within a keystroke or two and large ones are not re-analysed on
//   every key; never under MIN_MS (a burst of keys is one analysis) nor over the configured ceiling.
// - Nothing measured yet: the ceiling.
// Pure: the caller measures and keeps the numbers.

/** Characters inserted by one change from which it counts as a bulk insert, not typing. */
export const BULK_CHARS = 24;
export const MIN_MS = 25;
/** The wait as a multiple of the last compute time. */
const FACTOR = 3;

export interface DebounceInput {
  /** Characters the document grew by since the last scheduled analysis (negative: text was deleted). */
  readonly inserted: number;
  /** Milliseconds the last fast-tier analysis of this document took, if any. */
  readonly lastComputeMs?: number;
  /** The ceiling (the `debounceMs` the host was configured with). */
  readonly ceilingMs: number;
}

export function debounceDelay({ inserted, lastComputeMs, ceilingMs }: DebounceInput): number {
  if (inserted >= BULK_CHARS) return 0;
  if (lastComputeMs === undefined) return ceilingMs;
  return Math.round(Math.min(ceilingMs, Math.max(MIN_MS, FACTOR * lastComputeMs)));
}
