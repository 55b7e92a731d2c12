// Python values whose class is certain from the syntax alone: literals, constructor calls of known
// classes, calls whose stub declares one return class (`re.compile`, `datetime.now`), and variables
// whose only binding is such a value. Each answer lists the names it relied on; a rule confirms
// them (py-scope.ts) only when it has something to report, so the common path stays a table look-up.
import type { Node } from 'web-tree-sitter';
import type { PythonApi } from './python-api';
import { Identifiers, scopeOf, topLevelImports, within, type Bound } from './py-scope';

/** A name the answer relied on: a top-level import, a built-in class name, or a variable. */
export type Relied =
  | { kind: 'import' | 'builtin'; name: string }
  | { kind: 'var'; name: string; assignment: Node; use: Node };

const LITERALS: Record<string, string> = {
  list: 'builtins.list', list_comprehension: 'builtins.list', dictionary: 'builtins.dict', dictionary_comprehension: 'builtins.dict',
  set: 'builtins.set', set_comprehension: 'builtins.set', tuple: 'builtins.tuple',
};
/** Names a simple statement assigns (`x = …`, `x: T = …`): a superset of the variables worth typing. */
const ASSIGNED = /^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)/gm;
const BUILTIN_CLASSES = new Set(['list', 'dict', 'set', 'frozenset', 'tuple', 'str', 'bytes', 'bytearray', 'int', 'float', 'complex']);

export class KnownTypes {
  /** Names bound by the module's own top-level `import` / `from … import` statements. */
  readonly bound: Map<string, Bound>;
  private assignments?: Map<string, Node[]>;
  private assigned?: Set<string>;
  private readonly trusted = new Map<string, boolean>();
  private readonly scopes = new Map<number, Node | undefined>();

  constructor(private readonly text: string, root: Node, private readonly api: PythonApi, private readonly ids: Identifiers, private readonly allAssignments: () => readonly Node[]) {
    this.bound = topLevelImports(root, api);
  }

  /**
   * A look at an attribute's object as text: could its module or class be known? Most attributes of
   * a file (`self.x`, parameters) stop here, before any call into the tree.
   */
  worthTyping(obj: string): boolean {
    if (/^(?:[rbuf]{0,2}["']|[[{(])/i.test(obj)) return true;
    const root = /^[A-Za-z_]\w*/.exec(obj)?.[0];
    if (!root) return false;
    if (this.bound.has(root) || BUILTIN_CLASSES.has(root)) return true;
    this.assigned ??= new Set(Array.from(this.text.matchAll(ASSIGNED), (m) => m[1]));
    return this.assigned.has(root);
  }

  /** The module an expression names (`os`, `os.path`, `p` after `import os.path as p`). */
  moduleOf(node: Node, relied: Relied[]): string | undefined {
    if (node.type === 'identifier') {
      const b = this.bound.get(node.text);
      if (b?.kind !== 'module') return undefined;
      relied.push({ kind: 'import', name: node.text });
      return b.target;
    }
    if (node.type !== 'attribute') return undefined;
    const m = this.moduleOf(node.childForFieldName('object')!, relied);
    const sub = m && `${m}.${node.childForFieldName('attribute')!.text}`;
    return sub && this.api.isModule(sub) ? sub : undefined;
  }

  /** The class of the value `node` evaluates to, when the syntax makes it certain. */
  typeOf(node: Node, relied: Relied[], depth = 0): string | undefined {
    if (depth > 4) return undefined;
    const literal = LITERALS[node.type];
    if (literal) return literal;
    if (node.type === 'string' || node.type === 'concatenated_string') {
      const start = (node.type === 'string' ? node : node.namedChildren[0])?.namedChildren[0];
      return start?.type === 'string_start' && /b/i.test(start.text) ? 'builtins.bytes' : 'builtins.str';
    }
    if (node.type === 'parenthesized_expression' && node.namedChildCount === 1) return this.typeOf(node.namedChildren[0]!, relied, depth + 1);
    if (node.type === 'identifier') return this.variable(node, relied, depth);
    if (node.type !== 'call') return undefined;
    const fn = node.childForFieldName('function')!;
    if (fn.type === 'identifier') {
      const b = this.bound.get(fn.text);
      if (b?.kind === 'class') return relied.push({ kind: 'import', name: fn.text }), b.target;
      if (!b && BUILTIN_CLASSES.has(fn.text)) return relied.push({ kind: 'builtin', name: fn.text }), `builtins.${fn.text}`;
      return undefined;
    }
    if (fn.type !== 'attribute') return undefined;
    const obj = fn.childForFieldName('object')!;
    const attr = fn.childForFieldName('attribute')!.text;
    const m = this.moduleOf(obj, relied);
    if (m) return this.api.isClass(`${m}.${attr}`) ? `${m}.${attr}` : this.api.returns(`${m}.${attr}`);
    const cls = obj.type === 'identifier' ? this.bound.get(obj.text) : undefined;
    if (cls?.kind === 'class') return relied.push({ kind: 'import', name: obj.text }), this.api.returns(`${cls.target}.${attr}`);
    const t = this.typeOf(obj, relied, depth + 1);
    return t && this.api.returns(`${t}.${attr}`);
  }

  /** A variable's class: its assignments in the file whose value has a certain class (confirmed later). */
  private variable(use: Node, relied: Relied[], depth: number): string | undefined {
    if (!this.assignments) {
      this.assignments = new Map();
      for (const a of this.allAssignments()) {
        const left = a.childForFieldName('left');
        if (left?.type !== 'identifier' || !a.childForFieldName('right')) continue;
        this.assignments.set(left.text, [...(this.assignments.get(left.text) ?? []), a]);
      }
    }
    const list = this.assignments.get(use.text);
    if (list?.length !== 1 || this.bound.has(use.text)) return undefined;
    const t = this.typeOf(list[0].childForFieldName('right')!, relied, depth + 1);
    if (t) relied.push({ kind: 'var', name: use.text, assignment: list[0], use });
    return t;
  }

  /** Every name the answer relied on still means what it meant: the expensive check, run per candidate. */
  confirm(relied: readonly Relied[]): boolean {
    return relied.every((r) => {
      if (r.kind === 'builtin') return this.ids.bindings(r.name)?.length === 0;
      if (r.kind !== 'var') {
        let ok = this.trusted.get(r.name);
        const ids = this.bound.get(r.name)?.ids ?? [];
        if (ok === undefined) this.trusted.set(r.name, (ok = this.ids.boundOnlyBy(r.name, (id) => ids.some((b) => b.startIndex === id.startIndex))));
        return ok;
      }
      // A variable: bound once in its function or module (this assignment, nested functions included),
      // never named by `global`/`nonlocal`, and used after it inside that scope.
      if (!this.scopes.has(r.assignment.id)) this.scopes.set(r.assignment.id, scopeOf(r.assignment));
      const scope = this.scopes.get(r.assignment.id);
      if (!scope || !within(r.use, scope) || r.use.startIndex < r.assignment.endIndex) return false;
      const left = r.assignment.childForFieldName('left')!;
      const b = this.ids.bindings(r.name)?.filter((id) => within(id, scope));
      return b?.length === 1 && b[0].startIndex === left.startIndex;
    });
  }
}
