// database-record-in-response, Django REST framework: a `ModelSerializer` over a user-like model whose
// `Meta` lists `fields = "__all__"` serialises every column — the password hash, permission flags,
// internal fields — into every response built with it. Reported once, at the `fields` line, where the
// fix is (list the fields clients need); a `password` made write-only keeps it out.
import type { Node, Tree } from 'web-tree-sitter';
import type { ExposureSink } from './exposure';

const ALL_FIELDS = /\bfields\s*=\s*(['"])__all__\1/g;
const SERIALIZER = /\b(?:Hyperlinked)?ModelSerializer\b/;
/** `User`, `CustomUser`, `auth.User`, `get_user_model()`: models with a password or personal record. */
const USER_MODEL = /(?:^|[.a-z_])(?:User|Account|Customer|Member|Admin|Employee|Patient)$|^get_user_model\(\)$/;
const WRITE_ONLY_PASSWORD = /password\w*['"]?\s*[:=][^\n]*write_only['"]?\s*[:=]\s*True/;

/** The class a node sits directly in (its body block's owner). */
function classOf(n: Node | null): Node | undefined {
  const block = n?.parent?.type === 'expression_statement' ? n.parent.parent : n?.parent;
  return block?.type === 'block' && block.parent?.type === 'class_definition' ? block.parent : undefined;
}

/** `fields = "__all__"` of a user-model serializer's Meta, with the serializer's and the model's names. */
export function allFieldsSerializers(tree: Tree, text: string, checkBudget: () => void): ExposureSink[] {
  const out: ExposureSink[] = [];
  for (const m of text.matchAll(ALL_FIELDS)) {
    checkBudget();
    let assignment: Node | null = tree.rootNode.descendantForIndex(m.index);
    while (assignment && assignment.type !== 'assignment') assignment = assignment.parent;
    const meta = classOf(assignment);
    const serializer = meta?.childForFieldName('name')?.text === 'Meta' ? classOf(meta) : undefined;
    if (!assignment || !meta || !serializer || !SERIALIZER.test(serializer.childForFieldName('superclasses')?.text ?? '')) continue;
    const model = meta.childForFieldName('body')?.namedChildren
      .map((s) => (s?.type === 'expression_statement' ? s.namedChildren[0] : null))
      .find((a) => a?.type === 'assignment' && a.childForFieldName('left')?.text === 'model')
      ?.childForFieldName('right')?.text.replace(/\s+/g, '');
    if (!model || !USER_MODEL.test(model) || WRITE_ONLY_PASSWORD.test(serializer.text)) continue;
    const name = serializer.childForFieldName('name')?.text ?? 'serializer';
    out.push({ start: assignment.startIndex, end: assignment.endIndex, hits: [{ start: assignment.startIndex, end: assignment.endIndex, level: 'serializer', text: `${name}:${model}` }] });
  }
  return out;
}
