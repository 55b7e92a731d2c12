// Child process for ledger-lock.test.ts: waits for a shared start time, then appends reviews one by
// one, as a second editor window would. Args: ledger file, writer id, count, start time (ms).
import { appendEntries } from '../../server/src/review/ledger';

const [file, id, count, start] = process.argv.slice(2);
while (Date.now() < Number(start)) {
  // Spin: every writer starts within the same millisecond or so.
}
for (let i = 0; i < Number(count); i++) {
  appendEntries(file, [{
    file: 'src/a.ts', regionId: `${id}-${i}`, lines: [1, 2], hash: 'h'.repeat(64), source: 'completion',
    reviewer: { name: id }, time: new Date().toISOString(), findings: [],
  }]);
}
