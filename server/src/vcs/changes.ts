// What a diff-aware scan covers (`vouch scan --changed-since REV`): the workspace files that differ
// from the baseline (committed since, staged, changed in the working tree, new) and, in each, the
// lines that differ (a line diff of the baseline text against the working text).
import { diffLines } from 'diff';
import type { GitBaseline } from './baseline';

/** A line diff that takes longer than this (huge rewrites) counts every line as changed. */
const DIFF_TIMEOUT_MS = 2000;

export interface ChangeScope {
  /** What the scan is compared with, for reports: `main (merge-base 1a2b3c4)`. */
  readonly label: string;
  /** Whether a workspace file (workspace-relative) differs from the baseline. */
  changed(relPath: string): boolean;
  /** 0-based lines of `text` (the file now) that differ from the baseline; 'all' for a new file. */
  changedLines(relPath: string, text: string): Promise<ReadonlySet<number> | 'all'>;
}

/**
 * Lines of `after` that are new or changed relative to `before` (0-based). Where lines were only
 * removed, the line that now stands in their place counts (a deletion is a change there).
 */
export function changedLines(before: string, after: string): ReadonlySet<number> | 'all' {
  const parts = diffLines(before, after, { stripTrailingCr: true, timeout: DIFF_TIMEOUT_MS });
  if (!parts) return 'all';
  const total = after === '' ? 0 : after.split('\n').length - (after.endsWith('\n') ? 1 : 0);
  const out = new Set<number>();
  let line = 0;
  for (const p of parts) {
    const n = p.count ?? 0;
    if (p.added) for (let i = 0; i < n; i++) out.add(line + i);
    else if (p.removed) out.add(Math.max(0, Math.min(line, total - 1)));
    if (!p.removed) line += n;
  }
  return out;
}

/** The change scope of a workspace folder against its baseline. */
export async function changeScope(baseline: GitBaseline): Promise<ChangeScope> {
  const revision = await baseline.resolved();
  const repo = baseline.repository;
  const [tree, index] = revision ? await Promise.all([repo.tree(revision.oid), repo.index()]) : [new Map<string, string>(), new Map<string, string>()];
  return {
    label: revision?.label ?? baseline.rev,
    changed(relPath) {
      const path = baseline.repoPath(relPath);
      if (!path) return false;
      const base = tree.get(path);
      if (!base) return true;
      const staged = index.get(path);
      const working = repo.workingIds(path);
      return !working || !working.includes(base) || (staged !== undefined && staged !== base);
    },
    async changedLines(relPath, text) {
      const before = await baseline.read(relPath);
      return before ? changedLines(before.text, text) : 'all';
    },
  };
}
