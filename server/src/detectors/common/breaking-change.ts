// Flags a change to a file's public surface that breaks its users elsewhere in the workspace: a
// parameter now required, removed or reordered, a changed default, sync → async, returned fields or
// exports gone, members removed or made required, HTTP routes removed, moved or no longer answering a
// method. Assistants edit the file in front of them correctly and cannot see the callers ("locally
// correct, globally breaking"); the finding names them.
import { copyTree } from '../../analysis/py-tree';
import { JS_LIKE } from '../../core/languages';
import { SEVERITIES, type AsyncDetectorContext, type Detector, type LanguageId, type Report } from '../../core/types';
import { compareSurfaces, type Change } from '../../change/compare';
import { describeChange, mapLine } from '../../change/describe';
import { reachOf, type Reach } from '../../change/reach';
import { routeReach } from '../../change/route-clients';
import { routeChanges, routesOfText } from '../../change/routes';
import { surfaceLanguage, surfaceOfText, type Surface } from '../../change/surface';
import { jsSurface } from '../../change/surface-js';
import { pySurface } from '../../change/surface-python';
import { jsUsages, type Usages } from '../../change/usages';
import { pyUsages } from '../../change/usages-python';
import { RULE_META } from '../shared/rule-meta';

/** Baseline surfaces are memoised per blob id and language (JSX and TS parse differently). */
const SURFACE_KEYS = new Map<LanguageId, object>();
const keyOf = (id: LanguageId): object => {
  let k = SURFACE_KEYS.get(id);
  if (!k) SURFACE_KEYS.set(id, (k = {}));
  return k;
};

const ROUTE_KEYS = { js: {}, python: {} };

/** The current text's surface and usages, from the engine's parse. */
function current(ctx: AsyncDetectorContext): { surface: Surface; usages: Usages } | undefined {
  if (ctx.languageId === 'python') {
    const tree = ctx.python();
    if (!tree) return undefined;
    const { root } = copyTree(tree, ctx.text, () => ctx.checkBudget());
    return { surface: pySurface(root, ctx.text, { packageInit: /(^|\/)__init__\.pyi?$/.test(ctx.path) }), usages: pyUsages(root, ctx.text, () => ctx.checkBudget()) };
  }
  const sf = ctx.js();
  return sf && { surface: jsSurface(sf), usages: jsUsages(sf, () => ctx.checkBudget()) };
}

export const breakingChange: Detector = {
  id: 'breaking-change',
  meta: { ...RULE_META['breaking-change'], needs: ['js', 'python'] },
  languages: [...JS_LIKE, 'python'],
  async runAsync(ctx) {
    const { baseline, workspace, project } = ctx.services;
    const lang = surfaceLanguage(ctx.languageId);
    if (!baseline || !workspace || !project || !lang) return;
    const before = await baseline.read(ctx.path, ctx.signal);
    // A new file breaks nobody; an unchanged one has nothing to compare.
    if (!before || before.text === ctx.text || ctx.signal?.aborted) return;
    const was = baseline.derived(before, keyOf(ctx.languageId), (text) => surfaceOfText(text, ctx.languageId, ctx.path));
    const now = current(ctx);
    if (!was || !now) return;
    const tick = () => ctx.checkBudget();
    const api = compareSurfaces(was, now.surface, lang === 'python');
    const routesWere = baseline.derived(before, ROUTE_KEYS[lang], (text) => routesOfText(text, lang, ctx.path));
    const routes = routesWere.length ? routeReach(routeChanges(routesWere, routesOfText(ctx.text, lang, ctx.path, lang === 'js' ? ctx.js() : undefined)), ctx.path, workspace, project, tick) : [];
    const changes: Change[] = [...api, ...routes.map((r) => r.change)];
    if (!changes.length) return;
    const reaches: Reach[] = [...reachOf(api, { path: ctx.path, lang, current: now.usages, workspace, project, tick }), ...routes.map((r) => r.reach)];
    const lines = ctx.text.split('\n');
    // Changes to one declaration become one finding (the engine keeps one per rule and position).
    const byStart = new Map<number, Report>();
    changes.forEach((change, i) => {
      let at = change.at;
      if (!at) {
        // The declaration is gone: report on the line that now stands where it was.
        let line = mapLine(before.text, ctx.text, before.text.slice(0, change.was?.start ?? 0).split('\n').length - 1);
        while (line > 0 && !(lines[line] ?? '').trim()) line--;
        const start = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
        const text = lines[line] ?? '';
        at = { start: start + (text.length - text.trimStart().length), end: start + text.trimEnd().length };
      }
      const d = describeChange(change, reaches[i], ctx.path);
      const prev = byStart.get(at.start);
      if (!prev) byStart.set(at.start, { start: at.start, end: at.end, message: d.message, kind: change.kind, severity: d.severity, confidence: d.confidence, related: d.related });
      else {
        const worse = SEVERITIES.indexOf(d.severity) < SEVERITIES.indexOf(prev.severity!);
        byStart.set(at.start, {
          ...prev, message: `${prev.message} Also: ${d.message}`, kind: `${prev.kind}+${change.kind}`,
          severity: worse ? d.severity : prev.severity, confidence: worse ? d.confidence : prev.confidence, related: [...(prev.related ?? []), ...d.related],
        });
      }
    });
    for (const r of byStart.values()) ctx.report(r);
  },
};
