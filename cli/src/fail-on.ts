// The exit decision shared by `vouch scan` and `vouch merge`: 1 when a finding at or above --fail-on
// exists, or when a source file could not be analysed (unless --allow-skipped); else 0.
import { SEVERITIES, type Severity } from '../../server/src/core/types';
import { activeFindings } from '../../server/src/report/json';
import type { ScanResult } from '../../server/src/scan/result';

export type FailOn = 'error' | 'warning' | 'never';

export function failCode(scan: ScanResult, failOn: FailOn, allowSkipped: boolean, warn: (line: string) => void): 0 | 1 {
  if (failOn === 'never') return 0;
  const threshold = failOn === 'warning' ? 1 : 0;
  if (activeFindings(scan).some((a) => SEVERITIES.indexOf(a.finding.severity as Severity) <= threshold)) return 1;
  // A file nobody analysed may hold anything: a crafted byte must not turn a failing run green.
  const unanalysed = scan.skipped.filter((s) => s.unanalysed);
  if (unanalysed.length && !allowSkipped) {
    warn(`vouch: ${unanalysed.length} file(s) could not be analysed (${unanalysed.slice(0, 3).map((s) => `${s.path}: ${s.reason}`).join('; ')}${unanalysed.length > 3 ? '; …' : ''}); pass --allow-skipped to accept that`);
    return 1;
  }
  return 0;
}
