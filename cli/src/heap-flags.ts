// The CLI's V8 heap flags (server/src/io/heap.ts), set by its launcher before the bundle is compiled (V8
// accepts a code cache only under the flags it was made with), and again when the CLI runs from source:
// - the old generation grows 50 % past what a full collection kept;
// - the young generation keeps its first size when the scan runs on this thread (no `--jobs` above 1).
//   The flag is the process's: a scan on worker threads spent 10 % more CPU time with it, and they have
//   their own bound (server/src/io/worker-entry.ts).
import { limitHeapGrowth, limitYoungGeneration } from '../../server/src/io/heap';

export function setHeapFlags(argv: readonly string[] = process.argv.slice(2)): void {
  limitHeapGrowth();
  if (!usesWorkers(argv)) limitYoungGeneration();
}

/** Whether the command line asks for worker threads: `--jobs N` with N above 1, or `auto`. */
export function usesWorkers(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    const m = /^--jobs(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    const value = m[1] ?? argv[i + 1];
    return value !== undefined && value.trim() !== '1';
  }
  return false;
}
