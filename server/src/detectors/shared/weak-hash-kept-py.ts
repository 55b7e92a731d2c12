// weak-password-hash's evidence in Python (see weak-hash-kept.ts): what a password's digest turns into. The value is
// followed up through the expressions that carry it (`.hexdigest()`, `salt + h`, `b64encode(h)`, `'%s$%s' % (…)`, an
// outer digest), through the names it is bound to, into dicts, and from a function that returns it to the calls of
// that function in the file, until a use keeps it or passes it on.
import type { Node } from 'web-tree-sitter';
import { atCallers, COMPARES_BY, DIGEST_CALL, feedsHash, notAHash, SLOW_KDF, STORED_BY, strongest, WRITES_FILE, type Verdict } from './weak-hash-kept';
import { REQUEST_PAYLOAD } from './weak-hash-stores';

/** Calls that only re-encode a value: the digest goes where their result goes. */
const WRAPS = /^(?:str|bytes|bytearray|format|join|encode|decode|\w*b64encode|\w*hexlify|\w*2(?:unicode|bytes|str)|to_\w+|unicode|hex)$/;
const CARRIES = new Set(['binary_operator', 'parenthesized_expression', 'interpolation', 'string', 'concatenated_string', 'tuple', 'list', 'expression_list', 'conditional_expression', 'await']);
/** Keyword arguments a request takes (`query=`, `params=`, `json=`, `headers=`): sent, not kept. */
const SENT_AS = /^(?:query|params|json|headers|auth)$/;

const lastName = (text: string) => /(\w+)\s*$/.exec(text)?.[1] ?? '';
const keyText = (n: Node | null | undefined) => (n?.text ?? '').replace(/^[rbuf]*["']|["']$/gi, '');
const fnOf = (call: Node | null | undefined) => call?.childForFieldName('function')?.text ?? '';

/** The smallest node that covers the span. */
export function pyNodeAt(root: Node, start: number, end: number): Node {
  let n = root.descendantForIndex(start, end) ?? root;
  while (n.parent && (n.startIndex > start || n.endIndex < end)) n = n.parent;
  return n;
}

function scopeOf(node: Node): Node {
  let p = node.parent;
  while (p && p.type !== 'function_definition' && p.type !== 'module') p = p.parent;
  return p ?? node;
}

/**
 * The other occurrences of a bound name in its scope (not those it is assigned at). Found from the scope's text, not by
 * walking every identifier of it: a module's walk in WASM cost a 1,000-line file 1–2 ms a keystroke.
 */
function usesOf(name: Node): Node[] {
  const scope = scopeOf(name);
  const text = scope.text;
  const found: Node[] = [];
  for (const m of text.matchAll(new RegExp(`(?<![\\w.])${name.text}(?!\\w)`, 'g'))) {
    const at = scope.startIndex + m.index!;
    const u = scope.descendantForIndex(at, at + name.text.length);
    if (u?.type === 'identifier' && u.startIndex === at && u.text === name.text) found.push(u);
  }
  return found.filter((u) => u.id !== name.id
    && !(u.parent?.type === 'assignment' && u.parent.childForFieldName('left')?.id === u.id)
    && !(u.parent?.type === 'attribute' && u.parent.childForFieldName('attribute')?.id === u.id));
}

/** What the value at `node` turns into; a returned value is judged at the file's calls of its function. */
export function judgePy(node: Node, depth = 0): Verdict {
  const v = verdictPy(node, depth);
  const fn = v === 'returned' ? scopeOf(node) : undefined;
  if (fn?.type !== 'function_definition') return v;
  const name = fn.childForFieldName('name')?.text ?? '';
  return atCallers(v, name, depth, () => {
    let root = fn;
    while (root.parent) root = root.parent;
    return root.descendantsOfType('call').filter((c): c is Node => !!c && lastName(fnOf(c)) === name && !(c.startIndex >= fn.startIndex && c.endIndex <= fn.endIndex));
  }, judgePy);
}

/** `h.update(p)` as a statement: the hash object's other reads say where its digest goes. */
function hashObject(n: Node, depth: number): Verdict | undefined {
  const fn = n.type === 'call' ? n.childForFieldName('function') : null;
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'update' || fn.childForFieldName('object')?.type !== 'identifier' || n.parent?.type !== 'expression_statement') return undefined;
  return strongest(usesOf(fn.childForFieldName('object')!).filter((u) => u.parent?.childForFieldName('attribute')?.text !== 'update').map((u) => verdictPy(u, depth + 1)));
}

function verdictPy(node: Node, depth: number): Verdict {
  if (depth > 5) return 'passed';
  let n = node;
  const fed = hashObject(n, depth);
  if (fed) return fed;
  for (;;) {
    const p = n.parent;
    if (!p) return 'passed';
    const call = p.type === 'argument_list' ? p.parent : null;
    if (p.type === 'attribute' && p.childForFieldName('object')?.id === n.id && p.parent?.type === 'call' && p.parent.childForFieldName('function')?.id === p.id) n = p.parent;
    else if (call?.type === 'call' && (WRAPS.test(lastName(fnOf(call))) || DIGEST_CALL.test(lastName(fnOf(call))) || feedsHash(fnOf(call)))) n = call;
    else if (CARRIES.has(p.type)) n = p;
    else if (p.type === 'subscript' && p.childForFieldName('value')?.id === n.id) n = p;
    else break;
  }
  const into = hashObject(n, depth);
  if (into) return into;
  const p = n.parent!;
  if (p.type === 'return_statement' || (p.type === 'lambda' && p.childForFieldName('body')?.id === n.id)) return 'returned';
  if (p.type === 'comparison_operator' && p.children.some((c) => c?.type === '==' || c?.type === '!=')) return 'kept';
  if (p.type === 'argument_list' && p.parent?.type === 'call') {
    const callee = fnOf(p.parent);
    if (SLOW_KDF.test(callee)) return 'passed';
    return COMPARES_BY.test(lastName(callee)) || STORED_BY.test(lastName(callee)) || WRITES_FILE.test(callee) ? 'kept' : 'passed';
  }
  if (p.type === 'keyword_argument' && p.childForFieldName('value')?.id === n.id) {
    const key = p.childForFieldName('name')?.text ?? '';
    const name = lastName(fnOf(p.parent?.parent));
    // `User(password=h)`, `User.objects.create(password=h)`, `UserSerializer(data={…})`: a record made or saved.
    return notAHash(key) || SENT_AS.test(key) || !(STORED_BY.test(name) || /^[A-Z]/.test(name)) ? 'passed' : 'kept';
  }
  if (p.type === 'pair' && p.childForFieldName('value')?.id === n.id) return notAHash(keyText(p.childForFieldName('key'))) ? 'passed' : verdictPy(p.parent!, depth + 1);
  if (p.type === 'assignment' && p.childForFieldName('right')?.id === n.id) {
    const left = p.childForFieldName('left');
    if (left?.type === 'identifier') return notAHash(left.text) ? 'passed' : strongest(usesOf(left).map((u) => verdictPy(u, depth + 1)));
    if (left?.type === 'attribute' || left?.type === 'subscript') {
      const object = left.childForFieldName(left.type === 'attribute' ? 'object' : 'value')?.text ?? '';
      const prop = left.type === 'attribute' ? left.childForFieldName('attribute')?.text ?? '' : keyText(left.childForFieldName('subscript'));
      return REQUEST_PAYLOAD.test(object) || notAHash(prop) ? 'passed' : 'kept';
    }
  }
  return 'passed';
}
