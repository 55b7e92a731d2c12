// removed-package-api's Python half: names a PyPI package removed in a release (rules/removed-apis/pypi.json),
// where the syntax makes the name certain (an import from the package's module, an attribute of a module
// alias bound once, a method on a Django view's request, an option of a model's `class Meta`, a setting a
// settings module assigns at its top level) and the project's release is at or past the removal
// (removed-versions-py.ts). Compatibility code is left alone: imports and uses inside a `try` that catches
// ImportError/AttributeError, or behind a version check.
import type { Node } from 'web-tree-sitter';
import type { AsyncDetectorContext, Fix, SlowFact } from '../../../core/types';
import pack from '../../../../../rules/removed-apis/pypi.json';
import { pyNodes } from '../../shared/py-nodes';
import { flaskUses } from './removed-flask';
import { settingUses } from './removed-settings';
import { bindings, declaresField, guarded, isViewRequest, renameFix, settingPaths } from './removed-python-syntax';
import { pyVerdictVia, type RequiredBy } from './removed-versions-py';

export interface PyRemovedEntry {
  module?: string;
  on?: 'request' | 'model-meta' | 'setting' | 'flask-app' | 'flask-config';
  /** A setting that replaces this one (`on: 'setting'`): a settings module setting both supports older releases on purpose. */
  replacedBy?: string;
  severity?: 'error' | 'warning';
  member: string;
  removedIn: string;
  keptForMigrations?: boolean;
  use: string;
  fix?: string;
  /** The module the new name lives in, when it is not the old one (`url` → `django.urls.re_path`). */
  fixModule?: string;
  source: string;
}
interface PyPackage { name?: string; removed: PyRemovedEntry[]; requiredBy?: RequiredBy }

const PACKAGES = pack.packages as unknown as Readonly<Record<string, PyPackage>>;

export interface PyRemovedFact { start: number; end: number; subject: string; pkg: string; entry: PyRemovedEntry; evidence: string; fix?: Fix }

/** The entries by module and member: a file reads thousands of attributes (`models.CharField`), each looked up. */
const byName = (entries: readonly PyRemovedEntry[]) => new Map(entries.filter((e) => e.module).map((e) => [`${e.module} ${e.member}`, e]));

export const removedPyUses: SlowFact<readonly PyRemovedFact[]> = {
  id: 'removed-py-uses',
  async compute(ctx: AsyncDetectorContext) {
    const out: PyRemovedFact[] = [];
    for (const [pkg, p] of Object.entries(PACKAGES)) {
      if (!new RegExp(`\\b${pkg}\\b`).test(ctx.text)) continue;
      const nodes = ctx.get(pyNodes);
      const root = ctx.python()?.rootNode;
      if (!nodes || !root) continue;
      const entries = p.removed.filter((e) => !(e.keptForMigrations && /(^|[\\/])migrations[\\/]/.test(ctx.path)));
      const named = byName(entries);
      const inModule = (m: string, member: string) => named.get(`${m} ${member}`);
      const found: Array<{ node: Node; subject: string; entry: PyRemovedEntry; fix?: (to: string) => Fix | undefined }> = [];
      /** Local name → the package's module it is bound to (`from django.utils import timezone`). */
      const aliases = new Map<string, string>();
      const isPkg = (m: string) => m === pkg || m.startsWith(`${pkg}.`);
      const imports = [...nodes.of('import_from_statement'), ...(new RegExp(`\\bimport[ \\t]+${pkg}\\b`).test(ctx.text) ? root.descendantsOfType('import_statement').filter((n): n is Node => !!n) : [])];
      for (const s of imports) {
        if (guarded(s, true)) continue;
        if (s.type === 'import_statement') {
          for (const c of s.namedChildren) {
            const dotted = c?.type === 'aliased_import' ? c.childForFieldName('name') : c;
            if (!dotted || !isPkg(dotted.text)) continue;
            const gone = entries.find((e) => e.member === '*' && (dotted.text === e.module || dotted.text.startsWith(`${e.module}.`)));
            if (gone) found.push({ node: dotted, subject: dotted.text, entry: gone });
            else if (c?.type === 'aliased_import') aliases.set(c.childForFieldName('alias')!.text, dotted.text);
            else if (entries.some((e) => e.module === dotted.text) && bindings(ctx.text, dotted.text) === 1) aliases.set(dotted.text, dotted.text);
          }
          continue;
        }
        const from = s.childForFieldName('module_name');
        if (from?.type !== 'dotted_name' || !isPkg(from.text)) continue;
        const gone = entries.find((e) => e.member === '*' && (from.text === e.module || from.text.startsWith(`${e.module}.`)));
        if (gone) { found.push({ node: from, subject: from.text, entry: gone }); continue; }
        for (const c of s.childrenForFieldName('name')) {
          const name = c?.type === 'aliased_import' ? c.childForFieldName('name') : c;
          if (!name) continue;
          const local = c?.type === 'aliased_import' ? c.childForFieldName('alias')!.text : name.text;
          const full = `${from.text}.${name.text}`;
          const e = inModule(from.text, name.text) ?? inModule(full, '*');
          // A field kept for historical migrations still imports: only a model field declared with it fails.
          if (e?.keptForMigrations && !new RegExp(`^[ \\t]+\\w+[ \\t]*=[ \\t]*${local}\\(`, 'm').test(ctx.text)) continue;
          if (e) found.push({ node: name, subject: e.member === '*' ? full : name.text, entry: e, fix: (to) => renameFix(root, ctx.text, name, local, to, c?.type === 'aliased_import', e.fixModule ? { from, to: e.fixModule, names: s.childrenForFieldName('name').length } : undefined) });
          else if (entries.some((x) => x.module === full) && bindings(ctx.text, local) === 1) aliases.set(local, full);
        }
      }
      const dottedImport = new RegExp(`(?:^|\\n)[ \\t]*import[ \\t]+${pkg}\\.`).test(ctx.text);
      for (const a of nodes.of('attribute')) {
        const obj = a.childForFieldName('object');
        const member = a.childForFieldName('attribute');
        if (!obj || !member) continue;
        const module = aliases.get(obj.text) ?? (dottedImport && obj.type === 'attribute' && isPkg(obj.text) ? obj.text : undefined);
        const e = module && inModule(module, member.text);
        if (e && e.keptForMigrations && !declaresField(a.parent)) continue;
        if (e && !guarded(a) && !(a.parent?.type === 'assignment' && a.parent.childForFieldName('left')?.id === a.id)) found.push({ node: member, subject: `${obj.text}.${member.text}`, entry: e });
      }
      for (const str of settingPaths(nodes.of('pair'), nodes.of('assignment'))) {
        const dot = str.text.lastIndexOf('.');
        const e = dot > 0 && inModule(str.text.slice(0, dot), str.text.slice(dot + 1));
        if (e && !guarded(str)) found.push({ node: str, subject: str.text, entry: e });
      }
      // A view's request and a model's Meta are Django's only in a file that imports it (not one that names it in a comment).
      const importsPkg = new RegExp(`(?:^|\\n)[ \\t]*(?:from|import)[ \\t]+${pkg}\\b`).test(ctx.text);
      const requestEntries = importsPkg ? entries.filter((e) => e.on === 'request') : [];
      if (requestEntries.length) {
        for (const call of nodes.of('call')) {
          const fn = call.childForFieldName('function');
          const e = fn?.type === 'attribute' && requestEntries.find((x) => x.member === fn.childForFieldName('attribute')?.text);
          const receiver = fn?.childForFieldName('object');
          if (e && receiver && (receiver.text === 'request' || receiver.text === 'self.request') && isViewRequest(receiver) && !guarded(call)) {
            found.push({ node: fn.childForFieldName('attribute')!, subject: `${receiver.text}.${e.member}()`, entry: e });
          }
        }
      }
      for (const e of entries.filter((x) => importsPkg && x.on === 'model-meta')) {
        for (const s of nodes.of('assignment')) {
          const left = s.childForFieldName('left');
          const meta = s.parent?.parent?.parent;
          if (left?.text === e.member && meta?.type === 'class_definition' && meta.childForFieldName('name')?.text === 'Meta' && meta.parent?.parent?.type === 'class_definition') {
            found.push({ node: left, subject: `Meta.${e.member}`, entry: e });
          }
        }
      }
      if (importsPkg) found.push(...flaskUses(nodes, ctx.text, entries));
      found.push(...settingUses(nodes, ctx.path, ctx.text, entries));
      for (const f of found) {
        const v = pyVerdictVia(f.entry.removedIn, pkg, p.name ?? pkg, ctx.services.project, ctx.path, p.requiredBy, (o) => PACKAGES[o]?.name ?? o);
        if (!v?.applies) continue;
        const to = f.entry.fix?.slice('rename:'.length);
        out.push({ start: f.node.startIndex, end: f.node.endIndex, subject: f.subject, pkg: p.name ?? pkg, entry: f.entry, evidence: v.evidence, fix: to ? f.fix?.(to) : undefined });
      }
    }
    return out;
  },
};
