// Python's scoping rule for the lowering: a name assigned anywhere in a function body is local to
// the whole body, unless declared `global`/`nonlocal`; nested functions, classes, lambdas and
// comprehensions have scopes of their own.
import type { PyNode as Node } from './py-tree';

/** Named children (comments are not copied into the tree: py-tree.ts). Shared: never change the list. */
export const kids = (n: Node | null | undefined): readonly Node[] => (n ? n.namedChildren : []);

/** Targets whose parts are targets. */
const DESTRUCTURING = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'expression_list', 'tuple', 'list', 'parenthesized_expression', 'as_pattern_target']);

/** Names bound by an assignment target (for collecting locals). */
export function targetNames(n: Node | null, out: Set<string>): void {
  if (!n) return;
  if (n.type === 'identifier') out.add(n.text);
  else if (DESTRUCTURING.has(n.type)) for (const c of n.namedChildren) targetNames(c, out);
}

/**
 * Locals of a function body: assigned names, minus `global`/`nonlocal` ones; nested scopes excluded.
 */
export function collectLocals(body: Node | null, out: Set<string>, skip: Set<string>): void {
  if (!body) return;
  const children = body.namedChildren;
  for (let i = 0; i < children.length; i++) collectLocalsOf(children[i], out, skip);
}

/** What one statement (or expression) of a body adds to its locals. */
export function collectLocalsOf(c: Node, out: Set<string>, skip: Set<string>): void {
  switch (c.type) {
    case 'function_definition': case 'class_definition':
      if (c.childForFieldName('name')) out.add(c.childForFieldName('name')!.text);
      return;
    case 'decorated_definition':
      return collectLocals(c, out, skip);
    case 'lambda': case 'list_comprehension': case 'dictionary_comprehension': case 'set_comprehension': case 'generator_expression':
      return;
    case 'global_statement': case 'nonlocal_statement':
      for (const id of kids(c)) skip.add(id.text);
      return;
    case 'assignment': case 'augmented_assignment':
      targetNames(c.childForFieldName('left'), out);
      break;
    case 'named_expression':
      targetNames(c.childForFieldName('name'), out);
      break;
    case 'for_statement': case 'for_in_clause':
      targetNames(c.childForFieldName('left'), out);
      break;
    case 'as_pattern_target':
      targetNames(c, out);
      break;
    case 'import_statement': case 'import_from_statement':
      for (const name of c.childrenForFieldName('name')) {
        if (!name) continue;
        const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : null;
        out.add(alias ? alias.text : name.text.split('.')[c.type === 'import_statement' ? 0 : name.text.split('.').length - 1]);
      }
      return;
  }
  collectLocals(c, out, skip);
}

