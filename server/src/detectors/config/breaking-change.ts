// Flags a package.json change that breaks the package's users in the workspace: the package renamed,
// subpaths closed by a new or narrower `exports` map, `bin` commands removed. Assistants "tidy" a
// manifest (add an exports map, rename the package) without seeing who imports or runs it.
import type { Detector } from '../../core/types';
import { describeChange } from '../../change/describe';
import { manifestChanges, manifestReach } from '../../change/manifest';
import { RULE_META } from '../shared/rule-meta';

export const manifestBreakingChange: Detector = {
  id: 'breaking-change',
  meta: RULE_META['breaking-change'],
  languages: ['json'],
  keywords: ['"name"'],
  async runAsync(ctx) {
    const { baseline, workspace, project } = ctx.services;
    if (!baseline || !workspace || !project || !/(^|\/)package\.json$/.test(ctx.path)) return;
    const before = await baseline.read(ctx.path, ctx.signal);
    if (!before || before.text === ctx.text || ctx.signal?.aborted) return;
    const changes = manifestChanges(before.text, ctx.text);
    const reaches = manifestReach(changes, ctx.path, workspace, project, () => ctx.checkBudget());
    changes.forEach((change, i) => {
      const d = describeChange(change, reaches[i], ctx.path);
      ctx.report({ start: change.at!.start, end: change.at!.end, message: d.message, kind: change.kind, severity: d.severity, confidence: d.confidence, related: d.related });
    });
  },
};
