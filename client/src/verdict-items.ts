// What "Show Details" of the editor's verdict lists, grouped by what they do to the change: what fails
// it, what needs a review, then the other findings on changed lines. Each item opens its place; a
// breaking change's broken callers follow it as items of their own. Pure (no `vscode`), so it is
// tested without an editor.
import type { VerdictReport } from '../../server/src/protocol';

export type VerdictGroup = 'fails' | 'review' | 'other';

export interface VerdictItem {
  group: VerdictGroup;
  /** A codicon name for the item. */
  icon: string;
  label: string;
  description?: string;
  detail?: string;
  /** Where selecting the item goes: a folder-relative path and 1-based line. */
  place?: { path: string; line: number; column: number };
}

export const GROUP_TITLES: Record<VerdictGroup, string> = {
  fails: 'Fails the change',
  review: 'Needs a review',
  other: 'Also on changed lines',
};

const SEVERITY_ICON: Record<string, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'lightbulb' };
const ALWAYS_REVIEW = /^needs review: (.+) changed and "(.*)" always needs a review$/;

/** The headline of the notification: the verdict and its counts, in words. */
export function verdictHeadline(r: VerdictReport): string {
  const head = { pass: 'passes', 'needs-review': 'needs review', fail: 'fails' }[r.verdict];
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const parts = [n(r.files.length, 'changed file'), `${n(r.findings.length, 'finding')} on changed lines`, `${n(r.unreviewed.length, 'unreviewed assisted region')}`];
  return `Vouch: your change ${head} (${parts.join(', ')}; against ${r.baseline}).`;
}

export function verdictItems(r: VerdictReport): VerdictItem[] {
  const reasons = new Set(r.reasons);
  const items: VerdictItem[] = [];
  for (const f of r.findings) {
    const fails = reasons.has(`fails: ${f.path}:${f.line} ${f.severity} ${f.ruleId}`);
    const group: VerdictGroup = fails ? 'fails' : 'other';
    items.push({
      group, icon: SEVERITY_ICON[f.severity] ?? 'circle', label: `${f.path}:${f.line}`, description: `${f.severity} · ${f.ruleId}`, detail: f.message,
      place: { path: f.path, line: f.line, column: f.column ?? 1 },
    });
    for (const use of f.reach ?? []) {
      items.push({ group, icon: 'references', label: `↳ ${use.path}:${use.line}`, description: 'breaks here', detail: use.message, place: { path: use.path, line: use.line, column: 1 } });
    }
  }
  for (const u of r.unreviewed) {
    const span = u.lines[0] === u.lines[1] ? `${u.lines[0]}` : `${u.lines[0]}-${u.lines[1]}`;
    const counts = [...reasons].some((x) => x.startsWith(`needs review: ${u.path}:${u.lines[0]}-${u.lines[1]} unreviewed`));
    items.push({
      group: counts ? 'review' : 'other', icon: 'eye', label: `${u.path}:${span}`, description: `unreviewed ${u.source} code`,
      detail: 'Assisted code no one has reviewed; review it, then mark it reviewed (CodeLens or "Vouch: Mark Suggestion as Reviewed").',
      place: { path: u.path, line: u.lines[0], column: 1 },
    });
  }
  for (const reason of r.reasons) {
    const m = ALWAYS_REVIEW.exec(reason);
    if (!m) continue;
    items.push({ group: 'review', icon: 'shield', label: m[1], description: `matches "${m[2]}"`, detail: 'The team\'s policy wants every change here reviewed (verdict.alwaysReview in .vouch.json).', place: { path: m[1], line: 1, column: 1 } });
  }
  const order: VerdictGroup[] = ['fails', 'review', 'other'];
  // Stable: within a group, the order above (findings with their reach, then regions, then paths).
  return order.flatMap((g) => items.filter((i) => i.group === g));
}
