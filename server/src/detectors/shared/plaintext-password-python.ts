// plaintext-password, Python syntax: a request's password (`request.form["password"]`, `request.json.get(
// "password")`, DRF `request.data`, WTForms `form.password.data`) passed to a model or driver write
// (`User(password=…)`, `User.objects.create(password=…)`, `users.insert_one({"password": …})`), assigned to a
// user's field, or compared with `==` to a stored one (keys: also `new_password`, `current_password`). Aliases
// are followed in the function; a name assigned twice (`password = hash(password)`) or a call ends the trail.
import type { Node } from 'web-tree-sitter';
import type { DetectorContext } from '../../core/types';
import { pyCallee, pyNodesOf } from './py-nodes';
import type { PasswordSite } from './plaintext-password-js';

const PASSWORD_KEY = /^(?:(?:user|plain|raw|new|current|old)_?)?(?:password|passwd|pwd|pass)$/i;
const BODY = /^request\.(?:form|json|POST|data|values|get_json\(\)|get_json\(silent=True\)|get_json\(force=True\))$/;
const STORED = /^(?:(?:new|db|current|the|existing|found|saved|created)_?)?(?:user|account|member|customer|admin|employee|profile|person|owner|patient|student|u|usr|record|row|result|doc|entity|self\.user)$/i;
const WRITE = /^(?:create|insert|insert_one|insert_many|update|update_one|update_many|find_one_and_update|update_or_create|get_or_create|add|put|save)$/;
/** Capitalised callees that take a password to connect or log in with, not to keep. */
const NOT_MODEL = /(?:Client|Pool|Connection|Engine|Error|Session|Auth\w*|Credentials?|Login\w*|Form|Request|Response|Schema|Serializer|SMTP\w*|FTP\w*|LDAP\w*)$/;

const str = (n: Node | null | undefined): string | undefined =>
  n?.type === 'string' && !n.namedChildren.some((c) => c?.type === 'interpolation') ? n.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('') : undefined;

function unwrap(n: Node): Node {
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  // `str(x)`, `x.strip()`: still the same text.
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    if (fn?.text === 'str' && args.length === 1 && args[0]) return unwrap(args[0]);
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'strip' && !args.length) return unwrap(fn.childForFieldName('object')!);
  }
  return n;
}

function scopeOf(n: Node): Node | null {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'module') return p;
  return null;
}

/** The one assignment of `name` in the function (or module) that sees it, if there is just one and it is not a parameter. */
function assignmentOf(name: string, at: Node): Node | undefined {
  for (let scope = scopeOf(at); scope; scope = scopeOf(scope)) {
    const params = scope.childForFieldName('parameters')?.namedChildren ?? [];
    if (params.some((p) => p?.text.split(/[:=]/)[0].trim() === name)) return undefined;
    const found: Node[] = [];
    const visit = (n: Node): void => {
      if (n !== scope && (n.type === 'function_definition' || n.type === 'class_definition')) return;
      if (n.type === 'assignment' || n.type === 'augmented_assignment') {
        const left = n.childForFieldName('left');
        if (left?.type === 'identifier' && left.text === name) found.push(n);
        if (left?.type === 'pattern_list' && left.namedChildren.some((c) => c?.text === name)) found.push(left);
      }
      for (const c of n.namedChildren) if (c) visit(c);
    };
    visit(scope);
    if (found.length) return found.length === 1 && found[0].type === 'assignment' ? found[0].childForFieldName('right') ?? undefined : undefined;
    if (scope.type === 'module') return undefined;
  }
  return undefined;
}

/** `request.form`, `request.get_json()`, or a name bound once to one. */
function requestBody(n: Node, depth: number): boolean {
  n = unwrap(n);
  if (BODY.test(n.text)) return true;
  if (n.type !== 'identifier' || depth > 3) return false;
  const value = assignmentOf(n.text, n);
  return !!value && requestBody(value, depth + 1);
}

/** Whether `n` is the request's password; the expression it came from when so. */
function requestPassword(n: Node, depth = 0): string | undefined {
  n = unwrap(n);
  if (depth > 3) return undefined;
  if (n.type === 'subscript') {
    const key = str(n.childForFieldName('subscript'));
    return key && PASSWORD_KEY.test(key) && requestBody(n.childForFieldName('value')!, depth) ? n.text : undefined;
  }
  if (n.type === 'call') {
    // `request.form.get("password")`
    const fn = n.childForFieldName('function');
    const key = str(n.childForFieldName('arguments')?.namedChildren[0]);
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get' || !key || !PASSWORD_KEY.test(key)) return undefined;
    return requestBody(fn.childForFieldName('object')!, depth) ? n.text : undefined;
  }
  // WTForms: `form.password.data`
  if (n.type === 'attribute' && /^\w*form\.(?:password|passwd|pwd)\.data$/i.test(n.text)) return n.text;
  if (n.type !== 'identifier') return undefined;
  const value = assignmentOf(n.text, n);
  return value ? requestPassword(value, depth + 1) : undefined;
}

function isWrite(callee: string): boolean {
  const last = callee.split('.').pop() ?? '';
  if (/^[A-Z]/.test(last)) return !NOT_MODEL.test(last) && !/^(?:dict|Dict|OrderedDict|namedtuple)$/.test(last);
  return WRITE.test(last) && /(?:^|\.)(?:objects|[A-Z]\w*|db|session|users?|accounts?|collection|\w+_col(?:lection)?|table|conn|cursor)\.\w+$/.test(callee);
}

/** Password stores and comparisons in one Python file. */
export function pythonPlaintextPasswords(ctx: DetectorContext): PasswordSite[] {
  const out: PasswordSite[] = [];
  const text = ctx.text;
  if (!/passw|pwd/i.test(text)) return out;
  for (const node of pyNodesOf(ctx, 'call', 'assignment', 'comparison_operator')) {
    ctx.checkBudget();
    // Every site names a password in its text: skip the rest unread (each read is a WASM call).
    if (!/passw|pwd/i.test(text.slice(node.startIndex, node.endIndex))) continue;
    if (node.type === 'call') {
      const callee = pyCallee(ctx, node);
      if (!isWrite(callee)) continue;
      for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
        let value: Node | null | undefined;
        if (arg?.type === 'keyword_argument' && PASSWORD_KEY.test(arg.childForFieldName('name')?.text ?? '')) value = arg.childForFieldName('value');
        if (arg?.type === 'dictionary') value = passwordIn(arg);
        const from = value && requestPassword(value);
        if (value && from) out.push({ start: value.startIndex, end: value.endIndex, kind: 'stored', text: callee, from });
      }
    } else if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) continue;
      const key = left.type === 'attribute' ? left.childForFieldName('attribute')?.text : left.type === 'subscript' ? str(left.childForFieldName('subscript')) : undefined;
      const owner = left.childForFieldName(left.type === 'attribute' ? 'object' : 'value')?.text ?? '';
      const from = key && PASSWORD_KEY.test(key) && STORED.test(owner) ? requestPassword(right) : undefined;
      if (from) out.push({ start: right.startIndex, end: right.endIndex, kind: 'stored', text: left.text, from });
    } else {
      const ops = node.children.filter((c) => c && !c.isNamed).map((c) => c!.text);
      const [a, b] = node.namedChildren;
      if (ops.length !== 1 || !['==', '!='].includes(ops[0]) || !a || !b) continue;
      for (const [stored, given] of [[a, b], [b, a]]) {
        const key = stored.type === 'attribute' ? stored.childForFieldName('attribute')?.text : stored.type === 'subscript' ? str(stored.childForFieldName('subscript')) : undefined;
        const owner = stored.childForFieldName(stored.type === 'attribute' ? 'object' : 'value')?.text ?? '';
        if (!key || !PASSWORD_KEY.test(key) || !STORED.test(owner.replace(/\[\d+\]$/, ''))) continue;
        const from = requestPassword(given);
        if (from) { out.push({ start: node.startIndex, end: node.endIndex, kind: 'compared', text: stored.text, from }); break; }
      }
    }
  }
  return out;
}

/** The value under a password key in a dict literal (one level deeper for Mongo's `$set`). */
function passwordIn(dict: Node, depth = 0): Node | undefined {
  for (const pair of dict.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = str(pair.childForFieldName('key'));
    const value = pair.childForFieldName('value');
    if (key && value && PASSWORD_KEY.test(key)) return value;
    if (depth === 0 && key === '$set' && value?.type === 'dictionary') return passwordIn(value, 1);
  }
  return undefined;
}
