// A diff-aware scan's last step: findings only on the lines the change touched (unless --all-lines),
// or, for the editor's report, every finding kept and those in the change marked (`inChange`).
// breaking-change findings are in the change wherever they are: they exist only because of it.
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

type ScannedFile = ScanResult['files'][number];

/** The lines of a scanned file that changed since the baseline ('all' when its text cannot be read). */
async function linesOf(scan: ScanResult, file: ScannedFile, scope: ChangeScope): Promise<ReadonlySet<number> | 'all'> {
  let text = file.text;
  if (text === undefined) {
    const read = readFileSafe(join(scan.root, file.path), MAX_SCAN_BYTES);
    const decoded = read.ok ? decodeText(read.bytes) : undefined;
    text = decoded && !('skip' in decoded) ? decoded.text : undefined;
  }
  return text === undefined ? 'all' : scope.changedLines(file.path, text);
}

const inChange = (f: Finding, lines: ReadonlySet<number> | 'all'): boolean => lines === 'all' || f.family === 'breaking-change' || onChangedLines(f, lines);

/** Drops findings outside the changed lines of each file, in place; records the scope on the result. */
export async function limitToChange(scan: ScanResult, scope: ChangeScope, allLines: boolean): Promise<ScanResult> {
  scan.changedSince = { baseline: scope.label, lines: allLines ? 'all' : 'changed' };
  if (allLines) return scan;
  for (const file of scan.files) {
    if (!file.findings.length) continue;
    const lines = await linesOf(scan, file, scope);
    file.findings = file.findings.filter((f) => inChange(f, lines));
  }
  scan.files = scan.files.filter((f) => f.findings.length || f.notices.length);
  return scan;
}

/** Marks (`inChange`) the findings on lines changed since the baseline, in place; counts them (active ones, and their files) on `scan.change`. */
export async function markChange(scan: ScanResult, scope: ChangeScope): Promise<ScanResult> {
  let files = 0;
  let findings = 0;
  for (const file of scan.files) {
    if (!file.findings.length || !scope.changed(file.path)) continue;
    const lines = await linesOf(scan, file, scope);
    let here = 0;
    for (const f of file.findings) {
      if (!inChange(f, lines)) continue;
      f.inChange = true;
      if (!f.suppressed) here++;
    }
    findings += here;
    if (here) files++;
  }
  scan.change = { baseline: scope.label, files, findings };
  return scan;
}
