// A diff-aware scan's last step: findings only on the lines the change touched (unless --all-lines).
// breaking-change findings stay wherever they are: they exist only because of the change.
import { join } from 'node:path';
import { decodeText } from '../core/text';
import type { Finding } from '../core/types';
import { readFileSafe } from '../io/safe-read';
import type { ChangeScope } from '../vcs/changes';
import type { ScanResult } from './result';
import { MAX_SCAN_BYTES } from './windows';

const onChangedLines = (f: Finding, lines: ReadonlySet<number>): boolean => {
  for (let l = f.range.start.line; l <= f.range.end.line; l++) if (lines.has(l)) return true;
  return false;
};

/** Drops findings outside the changed lines of each file, in place; records the scope on the result. */
export async function limitToChange(scan: ScanResult, scope: ChangeScope, allLines: boolean): Promise<ScanResult> {
  scan.changedSince = { baseline: scope.label, lines: allLines ? 'all' : 'changed' };
  if (allLines) return scan;
  for (const file of scan.files) {
    if (!file.findings.length) continue;
    let text = file.text;
    if (text === undefined) {
      const read = readFileSafe(join(scan.root, file.path), MAX_SCAN_BYTES);
      const decoded = read.ok ? decodeText(read.bytes) : undefined;
      text = decoded && !('skip' in decoded) ? decoded.text : undefined;
    }
    const lines = text === undefined ? 'all' : await scope.changedLines(file.path, text);
    if (lines === 'all') continue;
    file.findings = file.findings.filter((f) => f.family === 'breaking-change' || onChangedLines(f, lines));
  }
  scan.files = scan.files.filter((f) => f.findings.length || f.notices.length);
  return scan;
}
