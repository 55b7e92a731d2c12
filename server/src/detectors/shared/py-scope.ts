// Where a Python name is bound, read from tree-sitter's syntax alone: enough for a rule to be sure a
// name still means what one statement bound it to (a module import, a literal), and to give up on
// anything else (a second binding, `global`/`nonlocal`, a parameter, a loop or `with` target);
// and what the module's own top-level imports bind.
import type { Node } from 'web-tree-sitter';
import type { PythonApi } from './python-api';

/** Nodes a binding target may be nested in (`a, (b, *c) = …`, `with x as (d, e)`). */
const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'dictionary_splat_pattern', 'tuple', 'list', 'parenthesized_expression']);
const FIELD_BINDS: Record<string, string> = {
  assignment: 'left', augmented_assignment: 'left', for_statement: 'left', for_in_clause: 'left', named_expression: 'name',
  function_definition: 'name', class_definition: 'name', default_parameter: 'name', typed_default_parameter: 'name', aliased_import: 'alias',
};
const ALWAYS_BINDS = new Set(['as_pattern_target', 'parameters', 'lambda_parameters', 'delete_statement', 'global_statement', 'nonlocal_statement', 'case_pattern', 'keyword_pattern', 'splat_pattern', 'dict_pattern', 'class_pattern', 'type_parameter']);
export const SCOPES = new Set(['function_definition', 'lambda', 'module']);

const same = (a: Node | null | undefined, b: Node) => !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

/** How an identifier binds its name: `bind`, `global` (a `global`/`nonlocal` statement), or undefined for a read. */
export function bindingKind(id: Node): 'bind' | 'global' | undefined {
  let child: Node = id;
  let parent = id.parent;
  while (parent && PATTERNS.has(parent.type)) [child, parent] = [parent, parent.parent];
  if (!parent) return undefined;
  if (parent.type === 'global_statement' || parent.type === 'nonlocal_statement') return 'global';
  if (ALWAYS_BINDS.has(parent.type)) return 'bind';
  const field = FIELD_BINDS[parent.type];
  if (field) return same(parent.childForFieldName(field), child) ? 'bind' : undefined;
  if (parent.type === 'typed_parameter') return child.type === 'type' ? undefined : 'bind';
  if (parent.type === 'dotted_name' && child.id === parent.namedChildren[0]?.id) {
    // `import a.b` binds `a`; `from m import a` binds `a`; `from a import b` and `import a.b as c` do not bind `a`.
    const holder = parent.parent;
    if (holder?.type === 'import_statement') return 'bind';
    if (holder?.type === 'import_from_statement') return same(holder.childForFieldName('module_name'), parent) ? undefined : 'bind';
  }
  return undefined;
}

/** The function, lambda or module whose name a statement binds; undefined inside a class body (class scope). */
export function scopeOf(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'class_definition') return undefined;
    if (SCOPES.has(p.type)) return p;
  }
  return undefined;
}

/** Identifiers of a file grouped by name, read once (only when a rule has a candidate to confirm). */
export class Identifiers {
  private byName?: Map<string, Node[]>;
  private readonly bound = new Map<string, Node[] | undefined>();
  constructor(private readonly root: Node) {}

  of(name: string): readonly Node[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const id of this.root.descendantsOfType('identifier')) {
        if (!id) continue;
        const list = this.byName.get(id.text);
        if (list) list.push(id);
        else this.byName.set(id.text, [id]);
      }
    }
    return this.byName.get(name) ?? [];
  }

  /** The bindings of `name` in the file, or undefined when a `global`/`nonlocal` statement names it. */
  bindings(name: string): Node[] | undefined {
    if (this.bound.has(name)) return this.bound.get(name);
    let out: Node[] | undefined = [];
    for (const id of this.of(name)) {
      const kind = bindingKind(id);
      if (kind === 'global') { out = undefined; break; }
      if (kind === 'bind') out.push(id);
    }
    this.bound.set(name, out);
    return out;
  }

  /** `name` is bound only by `allowed` (identifiers of the binding statements a rule trusts). */
  boundOnlyBy(name: string, allowed: (id: Node) => boolean): boolean {
    const b = this.bindings(name);
    return !!b && b.every(allowed);
  }
}

/** `node` lies inside `ancestor`'s span. */
export function within(node: Node, ancestor: Node): boolean {
  return node.startIndex >= ancestor.startIndex && node.endIndex <= ancestor.endIndex;
}

export interface Bound { kind: 'module' | 'class'; target: string; ids: Node[] }

/** Names the module's own top-level imports bind to a module or class the stubs know (conflicting ones left out). */
export function topLevelImports(root: Node, api: Pick<PythonApi, 'isModule' | 'isClass'>): Map<string, Bound> {
  const bound = new Map<string, Bound>();
  const conflicts = new Set<string>();
  const bind = (name: string, b: Omit<Bound, 'ids'>, id: Node) => {
    const old = bound.get(name);
    if (old && (old.kind !== b.kind || old.target !== b.target)) conflicts.add(name);
    else if (old) old.ids.push(id);
    else bound.set(name, { ...b, ids: [id] });
  };
  for (const s of root.namedChildren) {
    if (s?.type === 'import_statement') {
      for (const c of s.namedChildren) {
        const first = c?.type === 'dotted_name' ? c.namedChildren[0] : null;
        if (first && api.isModule(first.text)) bind(first.text, { kind: 'module', target: first.text }, first);
        const alias = c?.type === 'aliased_import' ? c.childForFieldName('alias') : null;
        const target = alias && c!.childForFieldName('name')!.text;
        if (alias && target && api.isModule(target)) bind(alias.text, { kind: 'module', target }, alias);
      }
    } else if (s?.type === 'import_from_statement') {
      const from = s.childForFieldName('module_name');
      if (from?.type !== 'dotted_name' || !api.isModule(from.text)) continue;
      for (const c of s.childrenForFieldName('name')) {
        const orig = c?.type === 'aliased_import' ? c.childForFieldName('name')?.text : c?.text;
        const id = c?.type === 'aliased_import' ? c.childForFieldName('alias') : c?.namedChildren[0];
        const full = `${from.text}.${orig}`;
        if (id && api.isModule(full)) bind(id.text, { kind: 'module', target: full }, id);
        else if (id && api.isClass(full)) bind(id.text, { kind: 'class', target: full }, id);
      }
    }
  }
  for (const c of conflicts) bound.delete(c);
  return bound;
}
