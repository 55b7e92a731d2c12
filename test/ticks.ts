// Whether a thread stays free while work runs elsewhere: a timer ticks every `ms` while `work` is
// awaited. Work that runs in the calling thread as one synchronous block lets no tick fire before it
// answers; work on another thread lets them fire meanwhile.
export interface Ticked<T> {
  readonly result: T;
  readonly ticks: number;
  /** Whether the first tick fired before the work answered. */
  readonly firstTickBeforeAnswer: boolean;
  readonly ms: number;
}

export async function whileTicking<T>(ms: number, work: () => Promise<T>): Promise<Ticked<T>> {
  let answered = false;
  let ticks = 0;
  let firstTickBeforeAnswer = false;
  const timer = setInterval(() => {
    ticks++;
    if (ticks === 1) firstTickBeforeAnswer = !answered;
  }, ms);
  const started = performance.now();
  try {
    const result = await work();
    answered = true;
    return { result, ticks, firstTickBeforeAnswer, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}
