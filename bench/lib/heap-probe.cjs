// Bench-only preload for the server process (bench/memory.mjs starts it with --expose-gc -r this):
// on SIGUSR2, a full garbage collection, then one line on stderr: "VOUCH_HEAP <heapUsed> <rss>" (bytes).
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  const m = process.memoryUsage();
  process.stderr.write(`VOUCH_HEAP ${m.heapUsed} ${m.rss}\n`);
});
