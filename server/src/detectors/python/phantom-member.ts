// Flags standard-library names Python 3 does not have (`os.getcwdu`, `from os import getcwdu`) and
// methods a built-in value lacks (`[].push(x)`, `d = {}` … `d.iteritems()`): assistants mix in
// Python 2 and other languages' APIs. Judged against typeshed's stubs (shared/python-api.ts).
import type { Node } from 'web-tree-sitter';
import type { Detector, DetectorContext } from '../../core/types';
import { RULE_META } from '../shared/rule-meta';
import { pyNodes, pyNodesOf } from '../shared/py-nodes';
import { Identifiers } from '../shared/py-scope';
import { KnownTypes, type Relied } from '../shared/py-known-types';
import { pythonApi, removedRuleCovers, suggestion } from '../shared/python-api';
import { FIXTURE_DATA, pyMemberCheckSilenced } from '../shared/member-check-waived';

/** Packages whose stubs track their latest release: an older install may differ, so less certain. */
const THIRD_PARTY = /^(requests|yaml|six|dateutil|pytz|toml|simplejson)(\.|$)/;
/** The scanned project is that package itself (`simplejson/tests/…` reading `simplejson.encoder`): its own source, not the stubs, says what it has. */
const ownPackage = (path: string, owner: string) => THIRD_PARTY.test(owner) && path.split(/[\\/]/).slice(0, -1).includes(owner.split('.')[0]);
const code = (s: string) => `\`${s}\``;

/** The file adds `name` to something at run time (`x.name = …`, `setattr(x, "name", …)`): never judged. */
function addedDynamically(text: string, name: string): boolean {
  return new RegExp(`\\.${name}\\s*=(?!=)|setattr\\([^)]*["']${name}["']`).test(text);
}

/**
 * Version flags as projects name them too: `PY3`, `PY2`, `is_py3`, `IS_PY2`, `_PY3K`, rpyc's `is_py_3k`, and a major version
 * compared with 2 or 3 (chargebee's `compat.py_major_v >= 3`, `PYTHON_VERSION < 3`).
 */
const VERSION_CHECK = /\b_*(?:is_?)?py_?[23]k?\b|\bpy(?:thon)?_?(?:major|ver)\w*\s*[<>=!]=?\s*[23]\b|version_info|sys\.version|python_version|\bsix\.|hasattr\(/i;
// NameError: a Python 2 probe (`try: string_type = basestring … except NameError:`), the rest of the body runs only there.
const CAUGHT = /^(AttributeError|ImportError|ModuleNotFoundError|NameError|Exception|BaseException)$|\b(AttributeError|ImportError|NameError|Exception)\b/;

/**
 * Compatibility code is not judged: an import inside any `try` or `if` (a fallback, a guard); an
 * attribute inside a `try` that catches AttributeError (or anything), or a branch of a version check.
 */
function guarded(node: Node, isImport: boolean): boolean {
  for (let p = node.parent, child: Node = node; p; child = p, p = p.parent) {
    if (p.type === 'try_statement') {
      if (isImport) return true;
      if (p.childForFieldName('body')?.id !== child.id) continue;
      const handlers = p.namedChildren.filter((c) => c?.type === 'except_clause');
      if (handlers.some((h) => !h!.childForFieldName('value') || CAUGHT.test(h!.childForFieldName('value')!.text))) return true;
    } else if (p.type === 'if_statement') {
      if (isImport) return true;
      const conditions = [p, ...p.namedChildren.filter((c) => c?.type === 'elif_clause')].map((c) => c!.childForFieldName('condition')?.text ?? '');
      if (conditions.some((c) => VERSION_CHECK.test(c))) return true;
    } else if (p.type === 'conditional_expression' && VERSION_CHECK.test(p.namedChildren[1]?.text ?? '')) {
      return true; // `sys.maxsize if PY3 else sys.maxint`
    } else if (p.type === 'block' && afterVersionExit(child)) {
      return true;
    }
  }
  return false;
}

/** A statement after `if sys.version_info >= (3,): return …` (no else; with `elif`s, every branch leaving) in its block: the rest runs on the other version only. */
function afterVersionExit(stmt: Node): boolean {
  for (let s = stmt.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type !== 'if_statement' || s.namedChildren.some((c) => c?.type === 'else_clause')) continue;
    const clauses = [s, ...s.namedChildren.filter((c) => c?.type === 'elif_clause')] as Node[];
    if (clauses.every((c) => /^(?:return|raise)_statement$/.test(c.childForFieldName('consequence')?.lastNamedChild?.type ?? '')) && clauses.some((c) => VERSION_CHECK.test(c.childForFieldName('condition')?.text ?? ''))) return true;
  }
  return false;
}

/** The finding's wording; a module name or an import needs a near name or a known replacement (see below). */
function wording(subject: string, hint: ReturnType<typeof suggestion>, what: string, fails: string): { kind?: string; message: string } {
  if (hint?.python2) return { kind: 'python2', message: `${subject} ${hint.python2 === 'Python 2' ? 'is Python 2 only' : 'was removed before Python 3.8'}, so ${fails}; use ${hint.text}.` };
  return { message: `${what}, so ${fails}${hint ? `; did you mean ${hint.text}?` : '.'}` };
}

function reportImports(ctx: DetectorContext): void {
  const api = pythonApi();
  for (const s of pyNodesOf(ctx, 'import_from_statement')) {
    const from = s?.childForFieldName('module_name');
    if (!s || from?.type !== 'dotted_name' || guarded(s, true)) continue;
    const names = api.names(from.text);
    if (!names) continue;
    for (const c of s.childrenForFieldName('name')) {
      const n = c?.type === 'aliased_import' ? c.childForFieldName('name') : c;
      if (!n || n.text.startsWith('_') || names.has(n.text) || api.isModule(`${from.text}.${n.text}`) || api.isModule(n.text) || ownPackage(ctx.path, from.text)) continue;
      const hint = suggestion(from.text, n.text, names);
      if (!hint || removedRuleCovers(ctx.text, s.startIndex, s.endIndex)) continue;
      const w = wording(code(`${from.text}.${n.text}`), hint, `${code(from.text)} has no ${code(n.text)} in any Python 3.8+ version`, 'this import fails (ImportError)');
      const waived = FIXTURE_DATA.test(ctx.path) || pyMemberCheckSilenced(ctx.text, n.startIndex);
      ctx.report({ start: n.startIndex, end: n.endIndex, kind: w.kind ?? 'import', confidence: waived ? 'low' : THIRD_PARTY.test(from.text) ? 'medium' : undefined, message: w.message });
    }
  }
}

export const pyPhantomMember: Detector = {
  id: 'phantom-member',
  meta: { ...RULE_META['phantom-member'], needs: ['python', pyNodes.id] },
  languages: ['python'],
  run(ctx: DetectorContext) {
    const tree = ctx.python();
    if (!tree) return;
    const api = pythonApi();
    const ids = new Identifiers(tree.rootNode);
    const known = new KnownTypes(ctx.text, tree.rootNode, api, ids, () => pyNodesOf(ctx, 'assignment'));
    reportImports(ctx);
    for (const a of pyNodesOf(ctx, 'attribute')) {
      ctx.checkBudget();
      const start = a.startIndex;
      const text = ctx.text.slice(start, a.endIndex);
      const dot = /\.\s*([A-Za-z_]\w*)$/.exec(text);
      if (!dot || dot[1].startsWith('_') || !known.worthTyping(text.slice(0, dot.index).trim())) continue;
      const obj = a.childForFieldName('object');
      const attr = a.childForFieldName('attribute');
      if (!obj || !attr || attr.text.startsWith('_')) continue;
      const relied: Relied[] = [];
      const name = attr.text;
      const module = known.moduleOf(obj, relied);
      let owner: string;
      let candidates: ReadonlySet<string>;
      let pyClass = false;
      if (module) {
        const names = api.names(module);
        // A module's own imports (`base64.binascii`) are attributes the stubs leave out.
        if (!names || names.has(name) || api.isModule(name)) continue;
        [owner, candidates] = [module, names];
      } else {
        if (obj.type === 'identifier' && known.bound.has(obj.text)) continue;
        const type = known.typeOf(obj, relied);
        const members = type && api.members(type);
        if (!type || !members || members.has(name)) continue;
        // Instances of classes written in Python take any attribute: judge only calls of methods there.
        const call = a.parent?.type === 'call' && a.parent.childForFieldName('function')?.id === a.id;
        if (!type.startsWith('builtins.') && !call) continue;
        [owner, candidates, pyClass] = [type.replace(/^builtins\./, ''), members, !type.startsWith('builtins.')];
      }
      const hint = suggestion(owner, name, candidates);
      // Stubs leave out undocumented module attributes (`json.decoder.WHITESPACE`): a module's missing
      // name counts only when it is near a real one or a known Python 2 name. Built-in classes are complete.
      if (module && !hint) continue;
      if (ownPackage(ctx.path, owner) || !known.confirm(relied) || addedDynamically(ctx.text, name) || guarded(a, false) || removedRuleCovers(ctx.text, start, a.endIndex)) continue;
      const w = module
        ? wording(code(`${owner}.${name}`), hint, `The ${code(module)} module has no ${code(name)} in any Python 3.8+ version`, 'this raises AttributeError')
        : wording(code(`${owner}.${name}`), hint, `${code(owner)} has no attribute ${code(name)}`, 'this raises AttributeError');
      ctx.report({
        start: attr.startIndex, end: attr.endIndex, kind: w.kind ?? (module ? 'module' : 'member'),
        // The author silenced the member check on the line, or the file is a fixture (data, not run): shown, not alarmed about.
        // A class written in Python missing a method with no near name and no Python 3 replacement says nothing certain: the
        // project may pass a subclass or a look-alike (`logging.setLoggerClass` with `trace()`), so only a near miss is alarmed about.
        confidence: FIXTURE_DATA.test(ctx.path) || pyMemberCheckSilenced(ctx.text, start) || (pyClass && !hint) ? 'low' : THIRD_PARTY.test(owner) ? 'medium' : undefined,
        message: w.message,
      });
    }
  },
};
