// Package references in Python: `import a.b`, `from a.b import c` (relative imports skipped), in one
// walk of the tree-sitter tree; import names are mapped to distributions where they differ.
import type { Node as PyNode } from 'web-tree-sitter';
import type { DetectorContext } from '../../../core/types';
import { distributionOf, HOST_PROVIDED, NAMESPACE_ROOTS, normalizePypi, snapshotDistributions } from './python-import-names';
import { PYTHON_STDLIB } from './python-stdlib';
import type { PackageRef } from './references';

/**
 * A top-level import: the dotted path, its first segment's offsets, whether it is optional (the code
 * runs without it) and whether it is lazy (inside a function: needed only when that function runs).
 */
export interface PyImport {
  path: string;
  top: string;
  start: number;
  end: number;
  optional: boolean;
  lazy?: boolean;
  /** Under `if TYPE_CHECKING:`: read by type checkers only, never imported at run time. */
  typeOnly?: boolean;
  /** After the file extends `sys.path` (`sys.path += [...]`, `sys.path.insert(0, …)`): maybe a module of that folder. */
  searchPath?: boolean;
}

const SYS_PATH_EDIT = /^[ \t]*sys\.path[ \t]*(?:\+=|=(?!=)|\[[^\]\n]*\][ \t]*=(?!=)|\.(?:insert|append|extend)[ \t]*\()/m;

const OPTIONAL_HANDLER = /\b(?:ImportError|ModuleNotFoundError|Exception|BaseException)\b/;
// `if sys.platform == 'win32':`, `if os.name == 'nt':`, `if platform.system() == 'Darwin':`, `if PY2:`:
// a branch for another platform or interpreter, whose modules this one never installs.
const PLATFORM_TEST = /^(?:el)?if\b[^:\n]*(?:\bsys\.platform\b|\bos\.name\b|\bplatform\.system\(\)|\bsys\.version_info\b|\bPY2\b|\bIS_WIN(?:DOWS)?\b|\bWINDOWS\b|\bis_windows\b)/;

function underPlatformTest(n: PyNode): boolean {
  const branch = n.parent;
  return !!branch && (branch.type === 'if_statement' || branch.type === 'elif_clause' || branch.type === 'else_clause') && PLATFORM_TEST.test((branch.type === 'else_clause' ? branch.parent ?? branch : branch).text.slice(0, 200));
}

function typeChecking(node: PyNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'block' && n.parent?.type === 'if_statement' && /^if\s+(?:\w+\.)?TYPE_CHECKING\s*:/.test(n.parent.text.slice(0, 60))) return n.parent.childForFieldName('consequence')?.id === n.id;
  }
  return false;
}

function inFunction(node: PyNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return true;
  return false;
}

function inOptionalTry(node: PyNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'block' && underPlatformTest(n)) return true;
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
    // The fallback of an import that failed (`except ImportError:` or bare `except:`: `import markupbase`) is optional too.
    if (n.type === 'block' && n.parent?.type === 'except_clause' && (!n.parent.namedChildren.some((c) => c?.type !== 'block') || /\b(?:ImportError|ModuleNotFoundError)\b/.test(n.parent.text.split(':')[0]))) return true;
    if (n.type !== 'block' || n.parent?.type !== 'try_statement') continue;
    const handlers = n.parent.namedChildren.filter((c) => c?.type === 'except_clause');
    if (n.parent.childForFieldName('body')?.id === n.id && handlers.some((h) => !h!.namedChildren.some((c) => c?.type !== 'block') || OPTIONAL_HANDLER.test(h!.text.split(':')[0]))) return true;
  }
  return false;
}

function importOf(dotted: PyNode, suffix: string | undefined, stmt: PyNode): PyImport | undefined {
  const first = dotted.namedChildren[0];
  if (!first) return undefined;
  const path = suffix ? `${dotted.text}.${suffix}` : dotted.text;
  return { path: path.replace(/\s+/g, ''), top: first.text, start: first.startIndex, end: first.endIndex, optional: inOptionalTry(stmt), lazy: inFunction(stmt), typeOnly: typeChecking(stmt) };
}

export function pythonImports(ctx: DetectorContext): PyImport[] {
  const tree = ctx.python();
  if (!tree) return [];
  const out: PyImport[] = [];
  const pathEdit = SYS_PATH_EDIT.exec(ctx.text)?.index ?? Infinity;
  // Only subtrees containing the word `import` can hold one; skipping the rest avoids materialising
  // every tree-sitter node (each costs a WASM round trip).
  const hits = [...ctx.text.matchAll(/\bimport\b/g)].map((m) => m.index!);
  if (!hits.length) return out;
  const containsHit = (node: PyNode): boolean => {
    let lo = 0;
    let hi = hits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hits[mid] < node.startIndex) lo = mid + 1;
      else hi = mid;
    }
    return lo < hits.length && hits[lo] < node.endIndex;
  };
  const visit = (node: PyNode): void => {
    if (!containsHit(node)) return;
    ctx.checkBudget();
    if (node.type === 'import_statement') {
      for (const n of node.childrenForFieldName('name')) {
        const dotted = n?.type === 'aliased_import' ? n.childForFieldName('name') : n;
        const imp = dotted?.type === 'dotted_name' ? importOf(dotted, undefined, node) : undefined;
        if (imp) out.push(imp);
      }
      return;
    }
    if (node.type === 'import_from_statement') {
      const mod = node.childForFieldName('module_name');
      if (mod?.type !== 'dotted_name') return; // relative import: always local
      const firstName = node.childForFieldName('name');
      const name = firstName?.type === 'aliased_import' ? firstName.childForFieldName('name') : firstName;
      const imp = importOf(mod, name?.type === 'dotted_name' ? name.text : undefined, node);
      if (imp) out.push(imp);
      return;
    }
    for (const c of node.namedChildren) if (c) visit(c);
  };
  visit(tree.rootNode);
  for (const i of out) if (i.start > pathEdit) i.searchPath = true;
  return out;
}

/**
 * Whether the file makes the module itself at run time: its name is a string of the file (a folder or
 * file it writes, `sys.modules["name"] = …`, a module built from source), so no distribution provides it.
 */
export function writtenModule(text: string, top: string): boolean {
  return new RegExp(`[bru]?["']${top}(?:["']|[./][\\w./]*["'])`).test(text);
}

/** PyPI references among the imports; `isLocal` says whether a top-level name is a project module. */
export function pythonReferences(imports: readonly PyImport[], isLocal: (top: string) => boolean): PackageRef[] {
  const refs: PackageRef[] = [];
  for (const i of imports) {
    if (PYTHON_STDLIB.has(i.top) || HOST_PROVIDED.has(i.top) || i.top === '__future__' || isLocal(i.top)) continue;
    const known = distributionOf(i.path);
    if (!known && NAMESPACE_ROOTS.has(i.top)) continue; // `google.x` with no known distribution: do not guess
    // The snapshot's candidates: one is the name to ask for; several (a shared namespace) leave the import name first.
    const candidates = known ? [known] : snapshotDistributions(i.top);
    const name = candidates.length === 1 ? candidates[0] : i.top;
    // `python-<name>` is the usual distribution of a module whose own name is taken (`ntlm` → python-ntlm),
    // `<name>-python` (`nebula3`) too, `django-<name>` of a Django app (`impersonate`), the module's words
    // run together (`gremlin_python` → gremlinpython) or its `py` split off (`opensearchpy` → opensearch-py,
    // `pyzerox` → py-zerox) or put in front (`yaml_env_tag` → pyyaml-env-tag, `cpuinfo` → py-cpuinfo), and a
    // namespace package is named by its first two segments (`flufl.lock`); a Python 3 port keeps it (pyrtf3, suds-py3).
    const [, second] = i.path.split('.');
    const t = i.top;
    const names = [...candidates, t, `python-${t}`, `django-${t}`, `${t}-python`, `py${t.replace(/_/g, '-')}`, `py-${t.replace(/_/g, '-')}`, ...(t.includes('_') ? [t.replace(/_/g, '')] : []),
      ...(/^py[a-z]{3}/i.test(t) ? [`py-${t.slice(2)}`] : []), ...(/[a-z]{3}py$/i.test(t) ? [`${t.slice(0, -2)}-py`] : []), ...(second ? [`${t}.${second}`] : []), `${t}3`, `${t}-py3`];
    const alternatives = [...new Map(names.map((n) => [normalizePypi(n), n])).values()].filter((n) => normalizePypi(n) !== normalizePypi(name));
    refs.push({
      ecosystem: 'pypi', name, start: i.start, end: i.end, kind: 'import', importName: i.top, mapped: name !== i.top, optional: i.optional, lazy: i.lazy, typeOnly: i.typeOnly, searchPath: i.searchPath,
      alternatives, knownImport: candidates.length > 0,
    });
  }
  return refs;
}
