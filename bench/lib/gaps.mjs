// The longest gap between 10 ms timer ticks on this thread while `work` is awaited: how long a
// keystroke's fast tier would have waited behind it. Returns the work's result, its wall ms and the gap.
export async function longestGap(work) {
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    const result = await work();
    const wall = performance.now() - started;
    return { result, wall, maxGap: Math.max(maxGap, performance.now() - last) };
  } finally {
    clearInterval(timer);
  }
}
