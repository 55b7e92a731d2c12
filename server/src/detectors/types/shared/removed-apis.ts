// removed-package-api's fact: uses of members and call signatures that a package removed in a major
// version (rules/removed-apis/npm.json, validated by its schema.json) where the workspace's version of
// that package is at or past the removal. The version is the installed one, else the nearest
// package.json range when every version it allows decides, else the lockfile's; a package declared
// nowhere gets the pack's `assumeMajor` at low confidence, and a workspace package of that name none.
import type { WorkspaceIndex } from '../../../core/services';
import { ts } from '../../../core/ts';
import type { AsyncDetectorContext, Fix, SlowFact } from '../../../core/types';
import pack from '../../../../../rules/removed-apis/npm.json';
import { npmProject } from '../../deps/shared/project-npm';
import { verdict } from './removed-versions';
import { collectRemovedUses, type CollectOptions, type Held, type PackageShape, type RemovedUse } from './removed-bindings';

export interface RemovedEntry {
  on: string;
  member: string;
  args?: 'status-first' | 'status-last' | 'status-only' | 'callback-last';
  label?: string;
  removedIn: number;
  restoredIn?: number;
  use: string;
  source: string;
  fix?: string;
}
interface PackageEntry extends PackageShape { assumeMajor?: number; removed: RemovedEntry[] }

export const REMOVED_PACKAGES = pack.packages as unknown as Readonly<Record<string, PackageEntry>>;
const PACKAGE_NAMES = Object.keys(REMOVED_PACKAGES);
/** A package's name as a word (`express`, `'express/lib/router'`), not inside another (`expression`). */
const NAMES_A_PACKAGE = new RegExp(`(?<![\\w$-])(?:${PACKAGE_NAMES.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?![\\w$-])`);
const MEMBERS = new Set(Object.values(pack.packages).flatMap((p) => p.removed.map((e) => e.member)));
const EXPORTS_KEY = {};

/** What a workspace module exports that holds a package's values, memoised per content (one level deep). */
function importedValues(workspace: WorkspaceIndex, from: string): CollectOptions['imported'] {
  return (spec, name) => {
    const path = workspace.resolve(from, spec, 'js');
    if (!path || !/\.[cm]?[jt]sx?$/.test(path)) return undefined;
    const exports = workspace.derived(path, EXPORTS_KEY, (text, p): Map<string, Held> => {
      if (!NAMES_A_PACKAGE.test(text)) return new Map();
      const kind = /\.tsx?$/.test(p) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
      return collectRemovedUses(ts.createSourceFile(p, text, ts.ScriptTarget.Latest, true, kind), REMOVED_PACKAGES, () => {}).exports;
    });
    return exports?.get(name);
  };
}

/** Text a file must contain to be worth a walk: a package name, a handler parameter name, a relative import. */
export const REMOVED_TRIGGERS = [...new Set([...Object.keys(REMOVED_PACKAGES), ...Object.values(REMOVED_PACKAGES).flatMap((p) => p.handlers?.byName?.flat() ?? []), './'])];

export interface RemovedFact {
  kind: 'removed-member' | 'removed-signature';
  start: number;
  end: number;
  /** The whole call (or the name): where other phantom-api rules leave the place to this one. */
  cover: { start: number; end: number };
  subject: string;
  pkg: string;
  entry: RemovedEntry;
  /** How the workspace's version was found, worded for the message. */
  evidence: string;
  assumed: boolean;
  /** On a handler known by its parameter names only. */
  inferred: boolean;
  fix?: Fix;
}

const isStatus = (e: ts.Expression | undefined) => !!e && ts.isNumericLiteral(e) && /^[1-5]\d\d$/.test(e.text);

function shapeMatches(e: RemovedEntry, u: RemovedUse): boolean {
  if (!e.args) return true;
  const a = u.call?.arguments;
  if (!a) return false;
  switch (e.args) {
    case 'status-first': return a.length === 2 && isStatus(a[0]);
    case 'status-last': return a.length === 2 && isStatus(a[1]) && !ts.isNumericLiteral(a[0]);
    case 'status-only': return a.length === 1 && isStatus(a[0]) && (a[0] as ts.NumericLiteral).text !== '200';
    case 'callback-last': return a.length > 0 && (ts.isFunctionExpression(a[a.length - 1]) || ts.isArrowFunction(a[a.length - 1]));
  }
}

/**
 * The entry's fix, where the old major did exactly this itself (`app.del` was `app.delete`; Express 4's
 * `res.send(404, body)` set the status and sent the body), so the rewrite changes nothing at run time there.
 */
function fixFor(e: RemovedEntry, u: RemovedUse, sf: ts.SourceFile): Fix | undefined {
  const call = u.call;
  const text = (n: ts.Node) => n.getText(sf);
  if (e.fix?.startsWith('rename:')) {
    const to = e.fix.slice('rename:'.length);
    return { title: `Vouch: Use ${to}`, verify: true, edits: [{ start: u.node.getStart(sf), end: u.node.end, newText: to }] };
  }
  if (!call || call.arguments.length !== 2 || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const [a, b] = call.arguments;
  if (e.fix === 'swap-args') return { title: 'Vouch: Put the status first', verify: true, edits: [{ start: a.getStart(sf), end: b.end, newText: `${text(b)}, ${text(a)}` }] };
  if (e.fix !== 'status-chain') return undefined;
  const [status, body] = e.args === 'status-first' ? [a, b] : [b, a];
  const newText = `${text(call.expression.expression)}.status(${text(status)}).${u.member}(${text(body)})`;
  return { title: `Vouch: Use .status(${text(status)}).${u.member}(…)`, verify: true, edits: [{ start: call.getStart(sf), end: call.end, newText }] };
}

/** Schema code that defines the name on models (`schema.statics.remove = …`, `schema.method('count', …)`). */
const definedByFile = (text: string, member: string) =>
  new RegExp(`\\.(?:statics|methods)\\.${member}\\b|\\.(?:static|method)\\(\\s*['"\`]${member}['"\`]`).test(text);

export const removedApiUses: SlowFact<readonly RemovedFact[]> = {
  id: 'removed-api-uses',
  async compute(ctx: AsyncDetectorContext) {
    if (!REMOVED_TRIGGERS.some((p) => ctx.text.includes(p))) return [];
    const project = ctx.services.project;
    const deps = project ? npmProject(project, ctx.path) : undefined;
    // A file that names none of the packages holds their values only through a workspace module or a
    // handler's parameters: worth a walk only where the project declares one of them.
    if (!NAMES_A_PACKAGE.test(ctx.text) && !PACKAGE_NAMES.some((p) => deps?.declared.has(p))) return [];
    const sf = ctx.js();
    if (!sf) return [];
    const workspace = ctx.services.workspace;
    const { uses } = collectRemovedUses(sf, REMOVED_PACKAGES, () => ctx.checkBudget(), { members: MEMBERS, imported: workspace && importedValues(workspace, ctx.path) });
    if (!uses.length) return [];
    const out: RemovedFact[] = [];
    for (const u of uses) {
      const p = REMOVED_PACKAGES[u.pkg];
      const e = p.removed.find((x) => x.on === u.on && x.member === u.member && shapeMatches(x, u));
      if (!e || deps?.local.has(u.pkg) || deps?.declared.get(u.pkg)?.local || (u.on !== 'module' && definedByFile(ctx.text, u.member))) continue;
      // A handler known by name needs a known version of the package and no look-alike framework.
      if (u.inferred && (!deps || p.handlers?.notWith?.some((x) => deps.declared.has(x)))) continue;
      const v = verdict(e, u.pkg, u.inferred ? undefined : p.assumeMajor, project, ctx.path, deps);
      if (!v?.applies) continue;
      const start = u.node.getStart(sf);
      const cover = u.call ? { start: u.call.getStart(sf), end: u.call.end } : { start, end: u.node.end };
      const subject = u.member === '()' ? `${u.receiver}()`
        : e.args === 'callback-last' ? `${u.receiver}.${u.member}(…, callback)`
          : `${u.receiver}.${u.member}${e.label ? e.label.slice(e.label.indexOf('(')) : ''}`;
      out.push({ kind: e.args || e.member === '()' ? 'removed-signature' : 'removed-member', start, end: u.node.end, cover, subject, pkg: u.pkg, entry: e, evidence: v.evidence, assumed: v.assumed, inferred: !!u.inferred, fix: fixFor(e, u, sf) });
    }
    return out;
  },
};

/** Whether [start, end) lies inside a place removed-package-api reports (other phantom-api rules leave it). */
export function coveredByRemoved(facts: readonly RemovedFact[] | undefined, start: number, end: number): boolean {
  return !!facts?.some((f) => start >= f.cover.start && end <= f.cover.end);
}
