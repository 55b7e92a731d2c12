// Garbage collection for a worker thread that goes idle holding a large heap. V8 collects when a thread
// allocates, not when it stops: the type checker's thread kept about 140 MB of heap (64 MB of it live,
// its warm programs) for as long as no check came, which in an editor is most of the time. Rules:
// - A thread counts its requests in flight; when the last one ends and none starts for IDLE_COLLECT_MS,
//   it runs a full collection, and one more a little later (V8 gives freed pages back to the system over
//   its next collections, not all at the first).
// - The collector is the `gc()` a thread's global has when the process let threads collect
//   (io/heap.ts exposeCollectorToThreads, set by the server's launcher); without it this does nothing.
// - The timers never keep the thread (or the process) alive.

/** How long a thread is idle before it collects, in ms: longer than the pauses between keystrokes' checks. */
export const IDLE_COLLECT_MS = 2000;

type Collect = () => void;

/** The thread's `gc()`, when it has one. */
export function threadCollector(): Collect | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? () => (gc as Collect)() : undefined;
}

export class IdleCollector {
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly collect: Collect | undefined = threadCollector(), private readonly afterMs = IDLE_COLLECT_MS) {}

  /** A request starts: no collection until it ends. */
  start(): void {
    this.inFlight++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A request ended: collect once the thread has stayed idle long enough. */
  end(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight > 0 || !this.collect) return;
    clearTimeout(this.timer);
    this.arm(2);
  }

  private arm(rounds: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect!();
      if (rounds > 1) this.arm(rounds - 1);
    }, this.afterMs);
    this.timer.unref();
  }
}
