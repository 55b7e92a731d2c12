// database-record-in-response, Python syntax: a whole user/account model serialised into a response
// (`user.__dict__`, `vars(user)`, `model_to_dict(user)` without `fields=`), or a FastAPI route returning
// an ORM user with no `response_model`.
import type { Node, Tree } from 'web-tree-sitter';
import type { ExposureSink } from './exposure';
import { isRecordName } from './sensitive-names';
import { responseCall, responseReturn } from './py-response';
import { allFieldsSerializers } from './drf-serializer';

const DUMP_TEXT = /__dict__|\b(?:vars|model_to_dict|asdict|serialize)\s*\(/g;
const DUMP_FN = new Set(['vars', 'model_to_dict', 'asdict', 'serialize']);
const MODEL = /\b(User|Account|Customer|Member|Admin|Employee|Patient)\b/;
/** `db.query(User)...first()`, `User.query.get(id)`, `User.objects.get(...)`, `session.get(User, id)`. */
const ORM_FETCH = /\.(first|one|one_or_none|get|get_or_404|first_or_404|scalar|scalar_one|scalar_one_or_none|all|filter_by|filter)\s*\(/;
const ROUTE = /\.(get|post|put|patch|api_route)\s*\(/;

function hasKeyword(call: Node, names: string[]): boolean {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a?.type === 'keyword_argument' && names.includes(a.childForFieldName('name')?.text ?? ''));
}

function isUserLike(n: Node | null | undefined): boolean {
  if (!n) return false;
  if (n.type === 'identifier') return isRecordName(n.text) || comprehensionOverUsers(n);
  if (n.type === 'attribute') return isRecordName(n.childForFieldName('attribute')?.text ?? '');
  return MODEL.test(n.text);
}

/** `u` in `[u.__dict__ for u in User.query.all()]`. */
function comprehensionOverUsers(id: Node): boolean {
  for (let p = id.parent; p && p.type !== 'function_definition'; p = p.parent) {
    if (!p.type.endsWith('comprehension') && p.type !== 'generator_expression') continue;
    const clause = p.namedChildren.find((c) => c?.type === 'for_in_clause');
    if (clause?.childForFieldName('left')?.text === id.text) return MODEL.test(clause.childForFieldName('right')?.text ?? '');
  }
  return false;
}

/** The dump of a whole record inside a response payload, if any. */
function dumpIn(n: Node | null, depth = 0): Node | undefined {
  if (!n || depth > 5) return undefined;
  if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === '__dict__') return isUserLike(n.childForFieldName('object')) ? n : undefined;
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
    const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'keyword_argument');
    if (name && DUMP_FN.has(name) && !hasKeyword(n, ['fields', 'exclude'])) {
      const target = name === 'serialize' ? args[1] : args[0];
      if (isUserLike(target)) return n;
    }
    if (name === 'dict' || name === 'jsonable_encoder') return args[0] && dumpIn(args[0], depth + 1);
    return undefined;
  }
  if (n.type === 'dictionary') {
    for (const pair of n.namedChildren) {
      const hit = dumpIn(pair?.type === 'pair' ? pair.childForFieldName('value') : pair, depth + 1);
      if (hit) return hit;
    }
  }
  if (n.type === 'list' || n.type === 'parenthesized_expression' || n.type === 'list_comprehension') {
    for (const c of n.namedChildren) {
      const hit = dumpIn(c, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** FastAPI: `@app.get(...)` without `response_model` returning a name assigned from an ORM user query. */
function fastapiRowReturn(ret: Node): Node | undefined {
  const value = ret.namedChildren[0];
  if (value?.type !== 'identifier') return undefined;
  let fn: Node | null = ret.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const decorated = fn?.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  const route = decorated?.namedChildren.find((d) => d?.type === 'decorator' && ROUTE.test(d.text));
  if (!fn || !route || /response_model|response_class/.test(route.text) || fn.childForFieldName('return_type')) return undefined;
  for (const a of fn.descendantsOfType('assignment')) {
    if (a?.childForFieldName('left')?.text !== value.text) continue;
    const right = a.childForFieldName('right')?.text ?? '';
    if (MODEL.test(right) && ORM_FETCH.test(right) && !/\b(with_entities|load_only|options|values|only)\s*\(/.test(right)) return value;
  }
  return undefined;
}

/** Responses that send a whole user record, by the syntax. */
export function pythonRecordSinks(tree: Tree, text: string, checkBudget: () => void): ExposureSink[] {
  const out: ExposureSink[] = [];
  const seen = new Set<number>();
  const add = (sink: Node, n: Node) => {
    if (seen.has(n.startIndex)) return;
    seen.add(n.startIndex);
    out.push({ start: sink.startIndex, end: sink.endIndex, hits: [{ start: n.startIndex, end: n.endIndex, level: 'record', text: n.text }] });
  };
  // From each dump the text shows, up to the response that sends it (walking every call is slow).
  for (const m of text.matchAll(DUMP_TEXT)) {
    checkBudget();
    for (let p = tree.rootNode.descendantForIndex(m.index); p && p.type !== 'function_definition'; p = p.parent) {
      const sent = p.type === 'call' ? responseCall(p) : p.type === 'return_statement' ? responseReturn(p) : undefined;
      const hit = sent?.payload.map((x) => dumpIn(x)).find(Boolean);
      if (hit) add(p, hit);
      if (sent) break;
    }
  }
  if (text.includes('__all__')) out.push(...allFieldsSerializers(tree, text, checkBudget));
  if (!text.includes('fastapi')) return out;
  for (const ret of tree.rootNode.descendantsOfType('return_statement')) {
    checkBudget();
    const hit = ret && fastapiRowReturn(ret);
    if (hit && ret) add(ret, hit);
  }
  return out;
}
