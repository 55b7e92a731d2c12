// The bench side of lib/heap-probe.cjs (the server's bench-only preload): signal it, read its answer.

/** Asks the probe for the heap after a full collection. */
export function heapOf(client) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error('the heap probe did not answer')), 10_000);
    const onData = (d) => {
      buf += d;
      const m = /VOUCH_HEAP (\d+) (\d+)/.exec(buf);
      if (!m) return;
      clearTimeout(t);
      client.proc.stderr.off('data', onData);
      resolve({ heap: Number(m[1]), rss: Number(m[2]) });
    };
    client.proc.stderr.on('data', onData);
    client.proc.kill('SIGUSR2');
  });
}
